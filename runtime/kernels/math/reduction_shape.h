// Reduction geometry: reads an axis tensor (scalar or 1-D, int32 or int64, negative axes count
// from the end) and describes the input as groups of kept and reduced dims.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_REDUCTION_SHAPE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_REDUCTION_SHAPE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::math {

// Axes in [0, rank), sorted. InvalidArgument for a non-integer axis tensor of rank > 1, an axis
// out of [-rank, rank), or one given twice (TF's messages).
absl::StatusOr<std::vector<int>> ReadReductionAxes(const Tensor& axes, int rank);

// One step of a reduction: the input viewed as [outer, reduced, inner] (row-major), reduced
// over the middle dim.
struct ReductionStep {
  int64_t outer = 1;
  int64_t reduced = 1;
  int64_t inner = 1;
};

struct ReductionShape {
  // Output shape, with reduced dims as 1 when keep_dims, else dropped.
  Shape output;
  // Elements folded into each output element (product of the reduced dims).
  int64_t reduced_count = 1;
  // Steps to apply one after another, innermost reduced group first, each on the previous
  // step's output; empty when nothing is reduced (every reduced dim is 1) so the output is the
  // input reshaped. Dims of size 1 are dropped and neighbouring dims of one kind merged.
  std::vector<ReductionStep> steps;
};

ReductionShape MakeReductionShape(absl::Span<const int64_t> input, const std::vector<int>& axes,
                                  bool keep_dims);

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_REDUCTION_SHAPE_H_
