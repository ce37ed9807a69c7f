// XNNPACK glue shared by the nn kernels: one-time initialization, status conversion and an
// owning handle for operators.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_XNNPACK_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_XNNPACK_UTIL_H_

#include <xnnpack.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tfjs::runtime::nn {

// Initializes XNNPACK on first call; later calls return the first call's result.
absl::Status InitializeXnnpack();

// OK for xnn_status_success, otherwise an Internal error naming `call` and the status.
absl::Status XnnStatus(xnn_status status, absl::string_view call);

struct OperatorDeleter {
  void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
};
using UniqueOperator = std::unique_ptr<xnn_operator, OperatorDeleter>;

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_XNNPACK_UTIL_H_
