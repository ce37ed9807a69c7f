// Transpose: output dim i is input dim perm[i]. Copies that only move size-1 dims are reshapes;
// the rest go through StridedCopy, whose tiled path covers 2-D and NHWC<->NCHW swaps.
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kPerm = 1;

absl::Status ComputeTranspose(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const int rank = input.rank();
  absl::StatusOr<std::vector<int64_t>> perm = IndexVector(context, kPerm, "perm");
  if (!perm.ok()) return perm.status();
  if (static_cast<int>(perm->size()) != rank) {
    return context.Error(absl::StrCat("transpose expects a vector of size ", rank,
                                      ". But input(1) is a vector of size ", perm->size()));
  }
  std::vector<bool> seen(rank, false);
  for (int64_t d : *perm) {
    if (d < 0 || d >= rank) {
      return context.Error(absl::StrCat(d, " is out of range [0 .. ", rank, ")"));
    }
    seen[d] = true;
  }
  for (int d = 0; d < rank; ++d) {
    if (!seen[d]) {
      return context.Error(absl::StrCat(d, " is missing from {", absl::StrJoin(*perm, ","), "}."));
    }
  }
  const std::vector<int64_t> input_strides = RowMajorStrides(input.shape());
  Shape output_shape;
  std::vector<int64_t> read_strides;
  // Whether the dims larger than 1 keep their order, so the data does not move.
  bool keeps_order = true;
  int64_t last_moved = -1;
  for (int64_t d : *perm) {
    output_shape.push_back(input.dim(d));
    read_strides.push_back(input_strides[d]);
    if (input.dim(d) != 1) {
      keeps_order &= d > last_moved;
      last_moved = d;
    }
  }
  if (keeps_order) {
    context.set_output(0, *input.Reshaped(std::move(output_shape)));
    return absl::OkStatus();
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), output_shape);
  if (!output.ok()) return output.status();
  if (absl::Status status = CopyTensorView(context, output_shape, input, 0, read_strides, *output,
                                           0, RowMajorStrides(output_shape));
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Transpose", ComputeTranspose,
                {{"T", With(dtypes::All(), kFloat8)}, {"Tperm", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
