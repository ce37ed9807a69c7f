// XNNPACK glue shared by the nn kernels: one-time initialization, status conversion and an
// owning handle for operators.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_XNNPACK_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_XNNPACK_UTIL_H_

#include <xnnpack.h>

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tfjs::runtime::nn {

// Initializes XNNPACK on first call; later calls return the first call's result.
absl::Status InitializeXnnpack();

// Work below which an XNNPACK operator runs on the calling thread, in multiply-adds (or output
// elements times the window for pooling): about 5 us on one core, less than waking the pool's
// threads and joining them costs.
inline constexpr int64_t kMinParallelXnnpackWork = int64_t{1} << 18;

// `pool`, or null (the calling thread) when `work` is below kMinParallelXnnpackWork.
inline pthreadpool_t PoolForWork(pthreadpool_t pool, int64_t work) {
  return work < kMinParallelXnnpackWork ? nullptr : pool;
}

// OK for xnn_status_success, otherwise an Internal error naming `call` and the status.
absl::Status XnnStatus(xnn_status status, absl::string_view call);

struct OperatorDeleter {
  void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
};
using UniqueOperator = std::unique_ptr<xnn_operator, OperatorDeleter>;

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_XNNPACK_UTIL_H_
