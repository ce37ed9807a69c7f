// SparseToDense: a dense tensor of `output_shape` filled with `default_value`, with the values
// written at the listed indices.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kIndices = 0;
constexpr int kOutputShape = 1;
constexpr int kValues = 2;
constexpr int kDefault = 3;

// TF's validate_indices checks: every index in bounds, in row-major order and unrepeated.
absl::Status ValidateOrder(const std::vector<int64_t>& indices, int64_t count, int64_t rank,
                           const std::vector<int64_t>& shape) {
  for (int64_t n = 1; n < count; ++n) {
    int order = 0;
    for (int64_t d = 0; d < rank && order == 0; ++d) {
      const int64_t previous = indices[(n - 1) * rank + d];
      const int64_t current = indices[n * rank + d];
      order = current < previous ? -1 : (current > previous ? 1 : 0);
    }
    if (order <= 0) {
      std::vector<int64_t> row(indices.begin() + n * rank, indices.begin() + (n + 1) * rank);
      return absl::InvalidArgumentError(absl::StrCat(
          "indices[", n, "] = [", absl::StrJoin(row, ","), "] is ",
          order < 0 ? "out of order. Many sparse ops require sorted indices." : "repeated",
          " (output shape [", absl::StrJoin(shape, ","), "])"));
    }
  }
  return absl::OkStatus();
}

absl::Status ComputeSparseToDense(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& indices = context.input(kIndices);
  const Tensor& values = context.input(kValues);
  const Tensor& fill = context.input(kDefault);
  if (indices.rank() > 2) {
    return context.Error("sparse_indices should be a scalar, vector, or matrix");
  }
  if (context.input(kOutputShape).rank() != 1) {
    return context.Error("output_shape should be a vector");
  }
  absl::StatusOr<std::vector<int64_t>> index_values = misc::IndexValues(indices, "sparse_indices");
  if (!index_values.ok()) return context.Error(index_values.status().message());
  absl::StatusOr<std::vector<int64_t>> shape =
      misc::IndexValues(context.input(kOutputShape), "output_shape");
  if (!shape.ok()) return context.Error(shape.status().message());
  const int64_t count = indices.rank() > 0 ? indices.dim(0) : 1;
  const int64_t rank = indices.rank() > 1 ? indices.dim(1) : 1;
  if (static_cast<int64_t>(shape->size()) != rank) {
    return context.Error(absl::StrCat(
        "output_shape has incorrect number of elements: ", shape->size(), " should be: ", rank));
  }
  if (values.rank() != 0 && !(values.rank() == 1 && values.dim(0) == count)) {
    return context.Error(absl::StrCat("sparse_values has incorrect shape ",
                                      ShapeString(values.shape()), ", should be [] or [", count,
                                      "]"));
  }
  if (fill.rank() != 0) return context.Error("default_value should be a scalar");
  if (values.dtype() != fill.dtype()) {
    return context.Error("sparse_values and default_value must have one dtype");
  }
  for (int64_t dim : *shape) {
    if (dim < 0) return context.Error(absl::StrCat("output_shape has a negative dim: ", dim));
  }
  // Flat output offset of every index, bounds-checked.
  std::vector<int64_t> offsets(count, 0);
  for (int64_t n = 0; n < count; ++n) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d) {
      const int64_t at = (*index_values)[n * rank + d];
      if (at < 0 || at >= (*shape)[d]) {
        std::vector<int64_t> row(index_values->begin() + n * rank,
                                 index_values->begin() + (n + 1) * rank);
        return context.Error(absl::StrCat("indices[", n, "] = [", absl::StrJoin(row, ","),
                                          "] is out of bounds: need 0 <= index < [",
                                          absl::StrJoin(*shape, ","), "]"));
      }
      offset = offset * (*shape)[d] + at;
    }
    offsets[n] = offset;
  }
  const tensorflow::NodeDef& node = context.node();
  auto validate = node.attr().find("validate_indices");
  if (validate == node.attr().end() || validate->second.b()) {
    if (absl::Status status = ValidateOrder(*index_values, count, rank, *shape); !status.ok()) {
      return context.Error(status.message());
    }
  }
  absl::StatusOr<Tensor> output =
      Tensor::Allocate(values.dtype(), Shape(shape->begin(), shape->end()));
  if (!output.ok()) return context.Error(output.status().message());
  const bool scalar_values = values.rank() == 0;
  for (int64_t i = 0; i < output->num_elements(); ++i) CopyElements(fill, 0, *output, i, 1);
  for (int64_t n = 0; n < count; ++n) {
    CopyElements(values, scalar_values ? 0 : n, *output, offsets[n], 1);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

std::vector<DataType> ValueTypes() {
  return {tensorflow::DT_HALF,       tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
          tensorflow::DT_DOUBLE,     tensorflow::DT_INT8,     tensorflow::DT_INT16,
          tensorflow::DT_INT32,      tensorflow::DT_INT64,    tensorflow::DT_UINT8,
          tensorflow::DT_UINT16,     tensorflow::DT_UINT32,   tensorflow::DT_UINT64,
          tensorflow::DT_BOOL,       tensorflow::DT_STRING,   tensorflow::DT_COMPLEX64,
          tensorflow::DT_COMPLEX128, tensorflow::DT_QINT8,    tensorflow::DT_QUINT8,
          tensorflow::DT_QINT16,     tensorflow::DT_QUINT16};
}

REGISTER_KERNEL("SparseToDense", ComputeSparseToDense,
                {{"T", ValueTypes()}, {"Tindices", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
