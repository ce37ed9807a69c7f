// Allocation limits: every size read from a file or a tensor's value (tensor shapes, TensorArray
// and TensorList lengths, index lists) is checked here before anything is allocated, so a
// hostile size is a clean ResourceExhausted naming the node instead of std::bad_alloc.
#ifndef TFJS_NATIVE_RUNTIME_ALLOCATION_LIMIT_H_
#define TFJS_NATIVE_RUNTIME_ALLOCATION_LIMIT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {

// The functions up to TakeAllocationFailure are defined in tensor.cc, beside Tensor::Allocate,
// which checks every tensor against the limit.

// The limit on one allocation unless set: half the memory this process may use when first
// asked (the smallest of /proc/meminfo's MemAvailable, the cgroup's memory.max, RLIMIT_AS and
// RLIMIT_DATA), as a tensor that large usually meets another of its size (a copy, an output).
int64_t DefaultMaxAllocationBytes();

// Sets the most bytes one allocation on this thread may request (<= 0: the default, also the
// limit until set) and returns the setting it replaces. AllocationLimitScope is the usual way.
int64_t SetMaxAllocationBytes(int64_t max_bytes);

// The limit on one allocation on this thread now.
int64_t MaxAllocationBytes();

// OK when `count` items of `item_bytes` each (`what` names them: "a TensorArray of 7 elements")
// fit under MaxAllocationBytes(), the product computed without overflow. Otherwise
// ResourceExhausted saying the requested bytes and the limit, also kept for
// TakeAllocationFailure so that the running node's error says it whatever the kernel does with
// the status.
absl::Status CheckAllocation(int64_t count, int64_t item_bytes, absl::string_view what);

// The product of `shape`'s dims: InvalidArgument for a negative dim, ResourceExhausted (as
// CheckAllocation reports it) when the product overflows int64.
absl::StatusOr<int64_t> CheckedNumElements(absl::Span<const int64_t> shape);

// The message of this thread's last CheckAllocation failure since the previous call (empty
// when none), and forgets it.
std::string TakeAllocationFailure();

// SetMaxAllocationBytes(max_bytes) for the scope's lifetime.
class AllocationLimitScope {
 public:
  explicit AllocationLimitScope(int64_t max_bytes);
  ~AllocationLimitScope();
  AllocationLimitScope(const AllocationLimitScope&) = delete;
  AllocationLimitScope& operator=(const AllocationLimitScope&) = delete;

 private:
  int64_t previous_;
};

// CheckAllocation for `count` Tensors held in a container (a TensorArray's or TensorList's
// elements, a gather's items); `kind` names the container ("TensorArray").
absl::Status CheckTensorCount(int64_t count, absl::string_view kind);

// Runs `kernel` on `context`, as the executors do: an allocation over the limit or
// std::bad_alloc becomes ResourceExhausted naming the node and its op, whatever the kernel made
// of the failure.
absl::Status ComputeNode(const Kernel& kernel, OpContext& context);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_ALLOCATION_LIMIT_H_
