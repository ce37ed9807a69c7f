#include "runtime/allocation_limit.h"

#include <new>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime {

AllocationLimitScope::AllocationLimitScope(int64_t max_bytes)
    : previous_(SetMaxAllocationBytes(max_bytes)) {}

AllocationLimitScope::~AllocationLimitScope() { SetMaxAllocationBytes(previous_); }

absl::Status CheckTensorCount(int64_t count, absl::string_view kind) {
  return CheckAllocation(count, sizeof(Tensor),
                         absl::StrCat("a ", kind, " of ", count, " elements"));
}

absl::Status ComputeNode(const Kernel& kernel, OpContext& context) {
  TakeAllocationFailure();
  absl::Status status;
  try {
    status = kernel.Compute(context);
  } catch (const std::bad_alloc&) {
    TakeAllocationFailure();
    return absl::ResourceExhaustedError(absl::StrCat("node '", context.node().name(), "' (",
                                                     context.node().op(), "): out of memory"));
  }
  if (status.ok()) return status;
  const std::string failure = TakeAllocationFailure();
  if (failure.empty()) return status;
  return absl::ResourceExhaustedError(
      absl::StrCat("node '", context.node().name(), "' (", context.node().op(), "): ", failure));
}

}  // namespace tfjs::runtime
