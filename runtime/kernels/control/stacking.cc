#include "runtime/kernels/control/stacking.h"

#include "absl/strings/str_cat.h"

namespace tfjs::runtime {

absl::StatusOr<Tensor> StackTensors(const std::vector<Tensor>& items, DataType dtype,
                                    const Shape& element_shape) {
  Shape shape = element_shape;
  shape.insert(shape.begin(), static_cast<int64_t>(items.size()));
  absl::StatusOr<Tensor> stacked = Tensor::Allocate(dtype, shape);
  if (!stacked.ok()) return stacked.status();
  const int64_t element_count = NumElements(element_shape);
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].shape() != element_shape || items[i].dtype() != dtype) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot stack a ", DataTypeName(items[i].dtype()), " element of shape ",
                       ShapeString(items[i].shape()), " with ", DataTypeName(dtype),
                       " elements of shape ", ShapeString(element_shape)));
    }
    CopyElements(items[i], 0, *stacked, i * element_count, element_count);
  }
  return stacked;
}

absl::StatusOr<Tensor> SliceRows(const Tensor& tensor, int64_t begin, int64_t end) {
  if (tensor.rank() < 1 || begin < 0 || end < begin || end > tensor.dim(0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rows [", begin, ", ", end, ") are out of range for shape ", ShapeString(tensor.shape())));
  }
  Shape shape = tensor.shape();
  shape[0] = end - begin;
  absl::StatusOr<Tensor> rows = Tensor::Allocate(tensor.dtype(), shape);
  if (!rows.ok()) return rows.status();
  const int64_t row_count = tensor.dim(0) == 0 ? 0 : tensor.num_elements() / tensor.dim(0);
  CopyElements(tensor, begin * row_count, *rows, 0, (end - begin) * row_count);
  return rows;
}

absl::StatusOr<Tensor> TakeRow(const Tensor& tensor, int64_t index) {
  absl::StatusOr<Tensor> rows = SliceRows(tensor, index, index + 1);
  if (!rows.ok()) return rows.status();
  return rows->Reshaped(Shape(tensor.shape().begin() + 1, tensor.shape().end()));
}

absl::StatusOr<Concatenated> ConcatElements(const std::vector<Tensor>& elements, DataType dtype,
                                            Shape row_shape) {
  absl::StatusOr<Tensor> lengths =
      Tensor::Allocate(tensorflow::DT_INT64, {static_cast<int64_t>(elements.size())});
  if (!lengths.ok()) return lengths.status();
  std::vector<Tensor> rows;
  for (size_t i = 0; i < elements.size(); ++i) {
    if (!elements[i].is_valid() || elements[i].rank() < 1) {
      return absl::InvalidArgumentError(
          "every element must be set and have rank >= 1 to concatenate");
    }
    lengths->mutable_data<int64_t>()[i] = elements[i].dim(0);
    for (int64_t r = 0; r < elements[i].dim(0); ++r) {
      absl::StatusOr<Tensor> row = TakeRow(elements[i], r);
      if (!row.ok()) return row.status();
      row_shape = row->shape();
      rows.push_back(*std::move(row));
    }
  }
  absl::StatusOr<Tensor> values = StackTensors(rows, dtype, row_shape);
  if (!values.ok()) return values.status();
  return Concatenated{*std::move(values), *std::move(lengths)};
}

}  // namespace tfjs::runtime
