// OperatorPool: a kernel's XNNPACK operators, created on demand and lent to one Compute at a
// time, because an operator must not be set up and run from two threads at once.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_OPERATOR_POOL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_OPERATOR_POOL_H_

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "runtime/kernels/nn/xnnpack_util.h"

namespace tfjs::runtime::nn {

class OperatorPool {
 public:
  // What an operator was created for (e.g. its padding); only operators with equal keys are
  // interchangeable.
  using Key = std::vector<int64_t>;
  using Factory = std::function<absl::StatusOr<UniqueOperator>()>;

  // An operator owned by one caller until the lease ends, then returned to the pool.
  class Lease {
   public:
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    xnn_operator_t get() const { return op_.get(); }

   private:
    friend class OperatorPool;
    Lease(OperatorPool* pool, Key key, UniqueOperator op)
        : pool_(pool), key_(std::move(key)), op_(std::move(op)) {}
    OperatorPool* pool_;
    Key key_;
    UniqueOperator op_;
  };

  OperatorPool() = default;
  OperatorPool(const OperatorPool&) = delete;
  OperatorPool& operator=(const OperatorPool&) = delete;

  // An idle operator created for `key`, or a new one from `create`. Thread-safe.
  absl::StatusOr<Lease> Acquire(const Key& key, const Factory& create);

 private:
  // Idle operators kept beyond this many are deleted on return.
  static constexpr size_t kMaxIdle = 16;

  void Release(Key key, UniqueOperator op);

  absl::Mutex mutex_;
  std::vector<std::pair<Key, UniqueOperator>> idle_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_OPERATOR_POOL_H_
