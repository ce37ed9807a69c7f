// StridedSlice's index rules (TF's ValidateStridedSliceOp): begin/end/strides with their five
// masks resolved against an input shape into a per-dim start, step and count, plus the final
// shape after new axes are added and shrunk axes dropped.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::array {

struct StridedSliceMasks {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t ellipsis = 0;
  int64_t new_axis = 0;
  int64_t shrink_axis = 0;
};

struct StridedSlicePlan {
  // Per input dim: the first index read and the step between reads.
  std::vector<int64_t> begin;
  std::vector<int64_t> strides;
  // Per input dim: how many indices are read.
  Shape processing_shape;
  // The output's shape.
  Shape final_shape;
  // True when every dim is read whole, in order: the output is the input reshaped.
  bool is_identity = true;
};

// Fails with TF's InvalidArgument messages (zero stride, several ellipses, shrinking out of
// bounds, more slice dims than the input has). `begin`, `end` and `strides` have equal sizes.
absl::StatusOr<StridedSlicePlan> PlanStridedSlice(absl::Span<const int64_t> input_shape,
                                                  absl::Span<const int64_t> begin,
                                                  absl::Span<const int64_t> end,
                                                  absl::Span<const int64_t> strides,
                                                  const StridedSliceMasks& masks);

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_
