#include "runtime/kernels/array/index_inputs.h"

#include <limits>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::array {

absl::StatusOr<std::vector<int64_t>> IndexValues(const OpContext& context, int index,
                                                 absl::string_view name) {
  const Tensor& tensor = context.input(index);
  if (!IsIndexInputType(tensor.dtype())) {
    return context.Error(
        absl::StrCat(name, " must be int32 or int64, got ", DataTypeName(tensor.dtype())));
  }
  std::vector<int64_t> values(tensor.num_elements());
  for (int64_t i = 0; i < tensor.num_elements(); ++i) values[i] = IndexAt(tensor, i);
  return values;
}

absl::StatusOr<std::vector<int64_t>> IndexVector(const OpContext& context, int index,
                                                 absl::string_view name) {
  if (context.input(index).rank() != 1) {
    return context.Error(
        absl::StrCat(name, " must be 1-D, got shape ", ShapeString(context.input(index).shape())));
  }
  return IndexValues(context, index, name);
}

absl::StatusOr<int64_t> IndexScalar(const OpContext& context, int index, absl::string_view name) {
  if (context.input(index).rank() != 0) {
    return context.Error(absl::StrCat(name, " must be a scalar, got shape ",
                                      ShapeString(context.input(index).shape())));
  }
  absl::StatusOr<std::vector<int64_t>> values = IndexValues(context, index, name);
  if (!values.ok()) return values.status();
  return (*values)[0];
}

std::vector<int64_t> RowMajorStrides(absl::Span<const int64_t> shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t stride = 1;
  for (int i = static_cast<int>(shape.size()) - 1; i >= 0; --i) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

int64_t DimProduct(absl::Span<const int64_t> shape, int begin, int end) {
  int64_t product = 1;
  for (int i = begin; i < end; ++i) product *= shape[i];
  return product;
}

absl::StatusOr<Tensor> AllocateOutput(const OpContext& context, DataType dtype, Shape shape) {
  absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype, std::move(shape));
  if (!tensor.ok()) return context.Error(tensor.status().message());
  return tensor;
}

absl::StatusOr<Tensor> MakeIndexTensor(const OpContext& context, DataType dtype, Shape shape,
                                       absl::Span<const int64_t> values) {
  if (!IsIndexType(dtype)) {
    return context.Error(
        absl::StrCat("output type must be int32 or int64, got ", DataTypeName(dtype)));
  }
  absl::StatusOr<Tensor> tensor = AllocateOutput(context, dtype, std::move(shape));
  if (!tensor.ok()) return tensor.status();
  for (size_t i = 0; i < values.size(); ++i) {
    if (dtype == tensorflow::DT_INT64) {
      tensor->mutable_data<int64_t>()[i] = values[i];
      continue;
    }
    if (values[i] > std::numeric_limits<int32_t>::max() ||
        values[i] < std::numeric_limits<int32_t>::min()) {
      return context.Error(absl::StrCat("value ", values[i], " does not fit in int32"));
    }
    tensor->mutable_data<int32_t>()[i] = static_cast<int32_t>(values[i]);
  }
  return tensor;
}

}  // namespace tfjs::runtime::array
