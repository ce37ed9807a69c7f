// StridedSlice's index rules (TF's ValidateStridedSliceOp): begin/end/strides with their five
// masks resolved against an input shape into a per-dim start, step and count, plus the final
// shape after new axes are added and shrunk axes dropped; the masks and begin/end/strides read
// from a node and its inputs, and the slice's place in a row-major tensor.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"
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

// The five *_mask attrs of the node (TF's default 0 where one is absent).
absl::StatusOr<StridedSliceMasks> ReadStridedSliceMasks(const KernelBuildContext& context);

// Inputs `begin_input` (begin), +1 (end) and +2 (strides), 1-D int32/int64 of one shape, planned
// against `input_shape`; errors (TF's messages) come from `context`.
absl::StatusOr<StridedSlicePlan> PlanStridedSliceInputs(const OpContext& context, int begin_input,
                                                        absl::Span<const int64_t> input_shape,
                                                        const StridedSliceMasks& masks);

// The slice of a row-major tensor of `shape`: the offset of its first element and, per dim, the
// element step between reads.
struct SliceView {
  int64_t offset = 0;
  std::vector<int64_t> strides;
};
SliceView StridedSliceView(const StridedSlicePlan& plan, absl::Span<const int64_t> shape);

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_SLICE_SPEC_H_
