// Slice: a box of `size` elements starting at `begin` (size -1 = to the end of the dim).
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kBegin = 1;
constexpr int kSize = 2;

absl::Status ComputeSlice(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const Tensor& begin_tensor = context.input(kBegin);
  const Tensor& size_tensor = context.input(kSize);
  const int rank = input.rank();
  if (begin_tensor.rank() != 1 || size_tensor.rank() != 1 || begin_tensor.num_elements() != rank ||
      size_tensor.num_elements() != rank) {
    return context.Error(absl::StrCat(
        "Expected begin and size arguments to be 1-D tensors of size ", rank, ", but got shapes ",
        ShapeString(begin_tensor.shape()), " and ", ShapeString(size_tensor.shape()), " instead."));
  }
  absl::StatusOr<std::vector<int64_t>> begin = IndexValues(context, kBegin, "begin");
  if (!begin.ok()) return begin.status();
  absl::StatusOr<std::vector<int64_t>> size = IndexValues(context, kSize, "size");
  if (!size.ok()) return size.status();
  Shape output_shape;
  bool is_identity = true;
  for (int i = 0; i < rank; ++i) {
    const int64_t dim = input.dim(i);
    const int64_t b = (*begin)[i];
    int64_t s = (*size)[i];
    if (s == -1) s = dim - b;
    if (dim == 0) {
      if (b != 0 || s != 0) {
        return context.Error(absl::StrCat("Expected begin[", i, "] == 0 (got ", b, ") and size[", i,
                                          "] == 0 (got ", s, ") when input.dim_size(", i,
                                          ") == 0"));
      }
    } else {
      if (b < 0 || b > dim) {
        return context.Error(
            absl::StrCat("Expected begin[", i, "] in [0, ", dim, "], but got ", b));
      }
      if (s < 0 || b + s > dim) {
        return context.Error(
            absl::StrCat("Expected size[", i, "] in [0, ", dim - b, "], but got ", s));
      }
    }
    is_identity &= b == 0 && s == dim;
    output_shape.push_back(s);
  }
  if (is_identity) {
    context.set_output(0, input);
    return absl::OkStatus();
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), output_shape);
  if (!output.ok()) return output.status();
  const std::vector<int64_t> input_strides = RowMajorStrides(input.shape());
  int64_t offset = 0;
  for (int i = 0; i < rank; ++i) offset += (*begin)[i] * input_strides[i];
  if (absl::Status status = CopyTensorView(context, output_shape, input, offset, input_strides,
                                           *output, 0, RowMajorStrides(output_shape));
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Slice", ComputeSlice,
                {{"T", With(With(dtypes::PodString(), kQuantized8And32), kFloat8)},
                 {"Index", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
