// Tile, BroadcastTo and BroadcastArgs: outputs that repeat their input, and the shape rule of
// numpy-style broadcasting.
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kInput = 0;
constexpr int kMultiples = 1;
constexpr int kShape = 1;

absl::Status ComputeTile(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const int rank = input.rank();
  const Tensor& multiples_tensor = context.input(kMultiples);
  if (multiples_tensor.rank() != 1 || multiples_tensor.num_elements() != rank) {
    return context.Error(absl::StrCat(
        "Expected multiples argument to be a vector of length ", rank, " but got length ",
        multiples_tensor.rank() == 1 ? multiples_tensor.dim(0) : multiples_tensor.rank()));
  }
  absl::StatusOr<std::vector<int64_t>> multiples = IndexValues(context, kMultiples, "multiples");
  if (!multiples.ok()) return multiples.status();
  // The output as [m0, d0, m1, d1, ...]: each input dim read whole for every repeat.
  const std::vector<int64_t> input_strides = RowMajorStrides(input.shape());
  Shape output_shape;
  std::vector<int64_t> copy_shape;
  std::vector<int64_t> read_strides;
  bool is_identity = true;
  for (int i = 0; i < rank; ++i) {
    const int64_t multiple = (*multiples)[i];
    if (multiple < 0) {
      return context.Error(absl::StrCat("Expected multiples[", i, "] >= 0, but got ", multiple));
    }
    is_identity &= multiple == 1;
    output_shape.push_back(input.dim(i) * multiple);
    copy_shape.insert(copy_shape.end(), {multiple, input.dim(i)});
    read_strides.insert(read_strides.end(), {0, input_strides[i]});
  }
  if (is_identity) {
    context.set_output(0, input);
    return absl::OkStatus();
  }
  absl::StatusOr<Tensor> output = AllocateOutput(context, input.dtype(), output_shape);
  if (!output.ok()) return output.status();
  if (absl::Status status = CopyTensorView(context, copy_shape, input, 0, read_strides, *output, 0,
                                           RowMajorStrides(copy_shape));
      !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeBroadcastTo(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  absl::StatusOr<std::vector<int64_t>> target = IndexVector(context, kShape, "shape");
  if (!target.ok()) return target.status();
  const Shape output_shape(target->begin(), target->end());
  for (int64_t dim : output_shape) {
    if (dim < 0) {
      return context.Error(
          absl::StrCat("shape ", ShapeString(output_shape), " has a negative dimension"));
    }
  }
  const int rank = static_cast<int>(output_shape.size());
  const int offset = rank - input.rank();
  auto incompatible = [&] {
    return context.Error(absl::StrCat("Unable to broadcast tensor of shape ",
                                      ShapeString(input.shape()), " to tensor of shape ",
                                      ShapeString(output_shape)));
  };
  if (offset < 0) return incompatible();
  const std::vector<int64_t> input_strides = RowMajorStrides(input.shape());
  std::vector<int64_t> read_strides(rank, 0);
  for (int i = 0; i < input.rank(); ++i) {
    const int64_t dim = input.dim(i);
    if (dim == output_shape[offset + i]) {
      read_strides[offset + i] = input_strides[i];
    } else if (dim != 1) {
      return incompatible();
    }
  }
  if (input.shape() == output_shape) {
    context.set_output(0, input);
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

absl::Status ComputeBroadcastArgs(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (context.input(0).dtype() != context.input(1).dtype()) {
    return context.Error("s0 and s1 must have the same dtype");
  }
  absl::StatusOr<std::vector<int64_t>> s0 = IndexVector(context, 0, "s0");
  if (!s0.ok()) return s0.status();
  absl::StatusOr<std::vector<int64_t>> s1 = IndexVector(context, 1, "s1");
  if (!s1.ok()) return s1.status();
  const size_t rank = std::max(s0->size(), s1->size());
  std::vector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Dims aligned from the right; a missing dim counts as 1.
    const int64_t a = i < rank - s0->size() ? 1 : (*s0)[i - (rank - s0->size())];
    const int64_t b = i < rank - s1->size() ? 1 : (*s1)[i - (rank - s1->size())];
    if (a == b || b == 1) {
      result[i] = a;
    } else if (a == 1) {
      result[i] = b;
    } else {
      return context.Error(
          absl::StrCat("Incompatible shapes: ", ShapeString(*s0), " vs. ", ShapeString(*s1)));
    }
  }
  absl::StatusOr<Tensor> output =
      MakeIndexTensor(context, context.input(0).dtype(), {static_cast<int64_t>(rank)}, result);
  if (!output.ok()) return output.status();
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Tile: TF registers no uint16, and tiles variant tensors too.
REGISTER_KERNEL("Tile", ComputeTile,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                   tensorflow::DT_UINT32, tensorflow::DT_UINT64, tensorflow::DT_BOOL,
                   tensorflow::DT_STRING, tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128,
                   tensorflow::DT_VARIANT}},
                 {"Tmultiples", IndexDtypes()}});
REGISTER_KERNEL("BroadcastTo", ComputeBroadcastTo,
                {{"T", With(dtypes::All(), kFloat8)}, {"Tidx", IndexDtypes()}});
REGISTER_KERNEL("BroadcastArgs", ComputeBroadcastArgs, {{"T", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
