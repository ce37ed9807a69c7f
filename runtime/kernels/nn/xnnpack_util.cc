#include "runtime/kernels/nn/xnnpack_util.h"

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::nn {
namespace {

const char* StatusName(xnn_status status) {
  switch (status) {
    case xnn_status_success:
      return "success";
    case xnn_status_uninitialized:
      return "uninitialized";
    case xnn_status_invalid_parameter:
      return "invalid parameter";
    case xnn_status_invalid_state:
      return "invalid state";
    case xnn_status_unsupported_parameter:
      return "unsupported parameter";
    case xnn_status_unsupported_hardware:
      return "unsupported hardware";
    case xnn_status_out_of_memory:
      return "out of memory";
  }
  return "unknown status";
}

}  // namespace

absl::Status InitializeXnnpack() {
  static const xnn_status status = xnn_initialize(/*allocator=*/nullptr);
  return XnnStatus(status, "xnn_initialize");
}

absl::Status XnnStatus(xnn_status status, absl::string_view call) {
  if (status == xnn_status_success) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("XNNPACK ", call, " failed: ", StatusName(status)));
}

}  // namespace tfjs::runtime::nn
