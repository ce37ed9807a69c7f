// SparseReshape: the indices of a sparse tensor under a new dense shape (one dim may be -1).
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kIndices = 0;
constexpr int kInputShape = 1;
constexpr int kNewShape = 2;

absl::Status ComputeSparseReshape(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& indices = context.input(kIndices);
  if (indices.rank() != 2) return context.Error("Input indices should be a matrix");
  if (context.input(kInputShape).rank() != 1) return context.Error("Input shape should be a vector");
  if (context.input(kNewShape).rank() != 1) return context.Error("Target shape should be a vector");
  absl::StatusOr<std::vector<int64_t>> index_values = misc::IndexValues(indices, "input_indices");
  absl::StatusOr<std::vector<int64_t>> input_shape =
      misc::IndexValues(context.input(kInputShape), "input_shape");
  absl::StatusOr<std::vector<int64_t>> new_shape =
      misc::IndexValues(context.input(kNewShape), "new_shape");
  for (const auto* values : {&index_values, &input_shape, &new_shape}) {
    if (!values->ok()) return context.Error(values->status().message());
  }
  const int64_t count = indices.dim(0);
  const int64_t input_rank = indices.dim(1);
  if (static_cast<int64_t>(input_shape->size()) != input_rank) {
    return context.Error(absl::StrCat("Input shape has ", input_shape->size(),
                                      " dims but the indices have ", input_rank));
  }
  int64_t dense_size = 1;
  for (int64_t dim : *input_shape) dense_size *= dim;
  int64_t product = 1;
  int unknown = -1;
  for (int d = 0; d < static_cast<int>(new_shape->size()); ++d) {
    const int64_t dim = (*new_shape)[d];
    if (dim == -1) {
      if (unknown >= 0) {
        return context.Error(absl::StrCat("only one output dimension may be -1, not both ",
                                          unknown, " and ", d));
      }
      unknown = d;
    } else if (dim < 0) {
      return context.Error(absl::StrCat("size ", d, " must be non-negative, not ", dim));
    } else {
      product *= dim;
    }
  }
  std::vector<int64_t> output_shape = *new_shape;
  if (unknown >= 0) {
    if (product == 0) {
      return context.Error(
          "Reshape cannot infer the missing input size for an empty tensor unless all "
          "specified input sizes are non-zero");
    }
    output_shape[unknown] = dense_size / product;
    if (output_shape[unknown] * product != dense_size) {
      return context.Error(absl::StrCat("Input to reshape is a SparseTensor with ", dense_size,
                                        " dense values, but the requested shape requires a "
                                        "multiple of ", product));
    }
  } else if (product != dense_size) {
    return context.Error(absl::StrCat("Input to reshape is a tensor with ", dense_size,
                                      " dense values, but the requested shape has ", product));
  }
  const int64_t output_rank = static_cast<int64_t>(output_shape.size());
  std::vector<int64_t> out_indices(count * output_rank, 0);
  for (int64_t n = 0; n < count; ++n) {
    int64_t flat = 0;
    for (int64_t d = 0; d < input_rank; ++d) {
      flat = flat * (*input_shape)[d] + (*index_values)[n * input_rank + d];
    }
    for (int64_t d = output_rank - 1; d >= 0; --d) {
      out_indices[n * output_rank + d] = output_shape[d] == 0 ? 0 : flat % output_shape[d];
      if (output_shape[d] != 0) flat /= output_shape[d];
    }
  }
  absl::StatusOr<Tensor> indices_out =
      misc::IndexTensor(tensorflow::DT_INT64, {count, output_rank}, out_indices);
  absl::StatusOr<Tensor> shape_out =
      misc::IndexTensor(tensorflow::DT_INT64, {output_rank}, output_shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(shape_out));
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseReshape", ComputeSparseReshape);

}  // namespace
}  // namespace tfjs::runtime
