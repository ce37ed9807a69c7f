// DynamicPartition (data split into num_partitions outputs by a partition id per leading
// element) and DynamicStitch / ParallelDynamicStitch (the inverse: data[i] slices written to
// rows indices[i] of one output, later inputs winning; rows no index names are zero).
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"

namespace tfjs::runtime {
namespace {

absl::StatusOr<std::vector<int64_t>> IndexList(const Tensor& tensor, const char* what) {
  std::vector<int64_t> values;
  if (tensor.dtype() == tensorflow::DT_INT32) {
    for (int32_t value : tensor.values<int32_t>()) values.push_back(value);
  } else if (tensor.dtype() == tensorflow::DT_INT64) {
    for (int64_t value : tensor.values<int64_t>()) values.push_back(value);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be int32 or int64"));
  }
  return values;
}

absl::Status ComputeDynamicPartition(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& data = context.input(0);
  const Tensor& partitions = context.input(1);
  const auto& attrs = context.node().attr();
  const int64_t num_partitions = attrs.count("num_partitions") ? attrs.at("num_partitions").i() : 0;
  if (num_partitions < 1) return context.Error("num_partitions must be at least 1");
  bool prefix = partitions.rank() <= data.rank();
  for (int d = 0; prefix && d < partitions.rank(); ++d) prefix = partitions.dim(d) == data.dim(d);
  if (!prefix) {
    return context.Error(absl::StrCat(
        "data.shape must start with partitions.shape, got data.shape"
        " = ",
        ShapeString(data.shape()), ", partitions.shape = ", ShapeString(partitions.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> ids = IndexList(partitions, "partitions");
  if (!ids.ok()) return context.Error(ids.status().message());
  std::vector<int64_t> counts(num_partitions, 0);
  for (size_t i = 0; i < ids->size(); ++i) {
    if ((*ids)[i] < 0 || (*ids)[i] >= num_partitions) {
      return context.Error(absl::StrCat("partitions[", i, "] = ", (*ids)[i], " is not in [0, ",
                                        num_partitions, ")"));
    }
    ++counts[(*ids)[i]];
  }
  int64_t slice = 1;
  for (int d = partitions.rank(); d < data.rank(); ++d) slice *= data.dim(d);
  std::vector<Tensor> outputs;
  for (int64_t p = 0; p < num_partitions; ++p) {
    Shape shape = {counts[p]};
    shape.insert(shape.end(), data.shape().begin() + partitions.rank(), data.shape().end());
    absl::StatusOr<Tensor> output = Tensor::Allocate(data.dtype(), shape);
    if (!output.ok()) return context.Error(output.status().message());
    outputs.push_back(*std::move(output));
  }
  std::vector<int64_t> filled(num_partitions, 0);
  for (size_t i = 0; i < ids->size(); ++i) {
    const int64_t p = (*ids)[i];
    CopyElements(data, i * slice, outputs[p], filled[p]++ * slice, slice);
  }
  for (int64_t p = 0; p < num_partitions; ++p) context.set_output(p, std::move(outputs[p]));
  return absl::OkStatus();
}

absl::Status ComputeDynamicStitch(OpContext& context) {
  if (context.num_inputs() < 2 || context.num_inputs() % 2 != 0) {
    return context.Error("expects N indices tensors followed by N data tensors");
  }
  const int n = context.num_inputs() / 2;
  const Tensor& first_data = context.input(n);
  const Tensor& first_indices = context.input(0);
  // Every data[i] has shape indices[i].shape + the shared slice shape.
  const Shape slice_shape(first_data.shape().begin() + first_indices.rank(),
                          first_data.shape().end());
  std::vector<std::vector<int64_t>> indices(n);
  int64_t rows = 0;
  for (int i = 0; i < n; ++i) {
    const Tensor& index = context.input(i);
    const Tensor& data = context.input(n + i);
    absl::StatusOr<std::vector<int64_t>> values = IndexList(index, "indices");
    if (!values.ok()) return context.Error(values.status().message());
    Shape expected = index.shape();
    expected.insert(expected.end(), slice_shape.begin(), slice_shape.end());
    if (data.shape() != expected || data.dtype() != first_data.dtype()) {
      return context.Error(absl::StrCat("data[", i, "] must have shape ", ShapeString(expected),
                                        " and dtype ", DataTypeName(first_data.dtype()), ", got ",
                                        ShapeString(data.shape())));
    }
    for (int64_t value : *values) {
      if (value < 0) return context.Error(absl::StrCat("indices[", i, "] has a negative index"));
      rows = std::max(rows, value + 1);
    }
    indices[i] = *std::move(values);
  }
  Shape shape = {rows};
  shape.insert(shape.end(), slice_shape.begin(), slice_shape.end());
  absl::StatusOr<Tensor> output = Tensor::Zeros(first_data.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t slice = NumElements(slice_shape);
  for (int i = 0; i < n; ++i) {
    for (size_t j = 0; j < indices[i].size(); ++j) {
      CopyElements(context.input(n + i), j * slice, *output, indices[i][j] * slice, slice);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("DynamicPartition", ComputeDynamicPartition, {{"T", dtypes::All()}});
REGISTER_KERNEL("DynamicStitch", ComputeDynamicStitch,
                {{"T", array::With(dtypes::PodString(),
                                   {tensorflow::DT_QINT8, tensorflow::DT_QUINT8,
                                    tensorflow::DT_QINT32, tensorflow::DT_VARIANT})}});
REGISTER_KERNEL("ParallelDynamicStitch", ComputeDynamicStitch,
                {{"T", array::With(dtypes::PodString(),
                                   {tensorflow::DT_QINT8, tensorflow::DT_QUINT8,
                                    tensorflow::DT_QINT32, tensorflow::DT_VARIANT})}});

}  // namespace
}  // namespace tfjs::runtime
