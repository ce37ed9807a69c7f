// Einsum planning: parses an equation such as "...ij,jk->...ik" against input shapes into
// per-label sizes and strides, so the contraction is one loop over all labels.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_EINSUM_PLAN_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_EINSUM_PLAN_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::misc {

struct EinsumPlan {
  // Every label: the output's first (in output order), then the summed ones.
  std::vector<int64_t> label_sizes;
  int num_output_labels = 0;
  // Per input, its element stride for each label (0 where the label is absent or broadcast;
  // the sum of strides where it repeats, i.e. a diagonal).
  std::vector<std::vector<int64_t>> input_strides;
  Shape output_shape;
};

// Fails with TF-like messages on malformed equations, rank or dimension mismatches.
absl::StatusOr<EinsumPlan> PlanEinsum(absl::string_view equation,
                                      absl::Span<const Shape> input_shapes);

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_EINSUM_PLAN_H_
