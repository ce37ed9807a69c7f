// Mutexes (MutexV2, MutexLock, ConsumeMutexLock): MutexLock waits for the mutex and holds it as
// long as the DT_VARIANT lock it outputs lives; ConsumeMutexLock only marks the lock used.
#include "absl/synchronization/mutex.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/control/variant_value.h"

namespace tfjs::runtime {
namespace {

// A mutex that any thread may release (the lock's last owner may be another thread).
class GraphMutex : public Resource, public std::enable_shared_from_this<GraphMutex> {
 public:
  void Acquire() {
    absl::MutexLock lock(&mutex_);
    mutex_.Await(absl::Condition(
        +[](bool* held) { return !*held; }, &held_));
    held_ = true;
  }
  void Release() {
    absl::MutexLock lock(&mutex_);
    held_ = false;
  }

 private:
  absl::Mutex mutex_;
  bool held_ ABSL_GUARDED_BY(mutex_) = false;
};

class MutexLockValue : public VariantValue {
 public:
  explicit MutexLockValue(std::shared_ptr<GraphMutex> mutex) : mutex_(std::move(mutex)) {
    mutex_->Acquire();
  }
  ~MutexLockValue() override { mutex_->Release(); }
  // TF's SharedPtrVariant<LockReleaser>, which prints its pointer and encodes nothing.
  std::string TypeName() const override { return "SharedPtrVariant"; }
  std::string DebugString() const override {
    return absl::StrCat("SharedPtrVariant(", absl::Hex(reinterpret_cast<uintptr_t>(this)), ")");
  }
  absl::Status Encode(std::string*, std::vector<Tensor>*) const override {
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<GraphMutex> mutex_;
};

class MutexKernel : public Kernel {
 public:
  absl::Status Compute(OpContext& context) const override {
    context.set_output(0, Tensor::ForResource(mutex_));
    return absl::OkStatus();
  }

 private:
  std::shared_ptr<GraphMutex> mutex_ = std::make_shared<GraphMutex>();
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildMutex(const KernelBuildContext&) {
  return std::make_unique<MutexKernel>();
}

absl::Status ComputeLock(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  GraphMutex* mutex = context.input(0).resource<GraphMutex>();
  if (mutex == nullptr) return context.Error("input 0 is not a mutex handle");
  // The lock keeps the mutex alive, whatever happens to the model that made it.
  context.set_output(
      0, MakeVariant(std::make_shared<const MutexLockValue>(mutex->shared_from_this())));
  return absl::OkStatus();
}

absl::Status ComputeConsume(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  if (VariantAs<MutexLockValue>(context.input(0)) == nullptr) {
    return context.Error("input 0 is not a mutex lock");
  }
  return absl::OkStatus();
}

REGISTER_KERNEL_FACTORY("MutexV2", BuildMutex);
REGISTER_KERNEL("MutexLock", ComputeLock);
REGISTER_KERNEL("ConsumeMutexLock", ComputeConsume);

}  // namespace
}  // namespace tfjs::runtime
