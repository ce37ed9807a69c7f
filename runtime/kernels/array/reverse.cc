// Reverse (a bool per dim) and ReverseV2 (a list of axes): the input read backwards along
// some dims, as a StridedCopy with negative strides.
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kAxes = 1;

absl::Status ReverseDims(OpContext& context, const std::vector<bool>& reversed) {
  const Tensor& input = context.input(kInput);
  std::vector<int64_t> read_strides = RowMajorStrides(input.shape());
  int64_t offset = 0;
  bool any = false;
  for (int d = 0; d < input.rank(); ++d) {
    if (!reversed[d] || input.dim(d) <= 1) continue;
    any = true;
    offset += (input.dim(d) - 1) * read_strides[d];
    read_strides[d] = -read_strides[d];
  }
  if (!any || input.num_elements() == 0) {
    context.set_output(0, input);
    return absl::OkStatus();
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), input.shape());
  if (!output.ok()) return output.status();
  if (absl::Status status = CopyTensorView(context, input.shape(), input, offset, read_strides,
                                           *output, 0, RowMajorStrides(input.shape()));
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeReverse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& dims = context.input(kAxes);
  const int rank = context.input(kInput).rank();
  if (dims.rank() != 1) {
    return context.Error(absl::StrCat("'dims' must be 1-dimension, not ", dims.rank()));
  }
  if (dims.dtype() != tensorflow::DT_BOOL) return context.Error("'dims' must be bool");
  if (dims.dim(0) != rank) {
    return context.Error(absl::StrCat(
        "'dims' must have the same number of values as 'input' has dimensions. 'input' has ", rank,
        "'dims' has ", dims.dim(0), " values"));
  }
  std::vector<bool> reversed(dims.data<bool>(), dims.data<bool>() + rank);
  return ReverseDims(context, reversed);
}

absl::Status ComputeReverseV2(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const int rank = context.input(kInput).rank();
  absl::StatusOr<std::vector<int64_t>> axes = IndexVector(context, kAxes, "axis");
  if (!axes.ok()) return axes.status();
  std::vector<bool> reversed(rank, false);
  for (size_t i = 0; i < axes->size(); ++i) {
    const int64_t axis = (*axes)[i];
    const int dim = NormalizeAxis(axis, rank);
    if (dim < 0) {
      return context.Error(
          absl::StrCat("'axis'[", i, "] = ", axis, " is out of valid range [0, ", rank - 1, "]"));
    }
    if (reversed[dim]) {
      return context.Error(absl::StrCat("axis ", dim, " specified more than once."));
    }
    reversed[dim] = true;
  }
  return ReverseDims(context, reversed);
}

REGISTER_KERNEL("Reverse", ComputeReverse, {{"T", dtypes::PodString()}});
REGISTER_KERNEL("ReverseV2", ComputeReverseV2,
                {{"T", dtypes::PodString()}, {"Tidx", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
