// SparseFillEmptyRows: adds an entry [row, 0, ...] = default_value for every empty row of a
// sparse tensor, grouping entries by row (original order within a row).

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kIndices = 0;
constexpr int kValues = 1;
constexpr int kDenseShape = 2;
constexpr int kDefault = 3;

absl::Status ComputeSparseFillEmptyRows(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& indices = context.input(kIndices);
  const Tensor& values = context.input(kValues);
  const Tensor& fill = context.input(kDefault);
  if (indices.rank() != 2) return context.Error("indices must be a matrix");
  if (values.rank() != 1) return context.Error("values must be a vector");
  if (context.input(kDenseShape).rank() != 1) return context.Error("dense_shape must be a vector");
  if (fill.rank() != 0) return context.Error("default_value must be a scalar");
  if (values.dtype() != fill.dtype()) {
    return context.Error("values and default_value must have one dtype");
  }
  const int64_t count = indices.dim(0);
  const int64_t rank = indices.dim(1);
  if (values.dim(0) != count) {
    return context.Error(absl::StrCat("The length of `values` (", values.dim(0),
                                      ") must match the first dimension of `indices` (", count,
                                      ")."));
  }
  absl::StatusOr<std::vector<int64_t>> index_values = misc::IndexValues(indices, "indices");
  if (!index_values.ok()) return context.Error(index_values.status().message());
  absl::StatusOr<std::vector<int64_t>> dense_shape =
      misc::IndexValues(context.input(kDenseShape), "dense_shape");
  if (!dense_shape.ok()) return context.Error(dense_shape.status().message());
  if (static_cast<int64_t>(dense_shape->size()) != rank || rank == 0) {
    return context.Error(
        absl::StrCat("dense_shape must have ", rank, " elements, got ", dense_shape->size()));
  }
  const int64_t dense_rows = (*dense_shape)[0];
  if (dense_rows <= 0 && count > 0) {
    return context.Error(absl::StrCat("Received SparseTensor with dense_shape[0] = ", dense_rows,
                                      " but indices.shape[0] = ", count));
  }
  std::vector<int64_t> row_counts(std::max<int64_t>(dense_rows, 0), 0);
  for (int64_t n = 0; n < count; ++n) {
    const int64_t row = (*index_values)[n * rank];
    if (row < 0 || row >= dense_rows) {
      return context.Error(absl::StrCat("indices(", n, ", 0) is invalid: ", row,
                                        row < 0 ? " < 0" : absl::StrCat(" >= ", dense_rows)));
    }
    ++row_counts[row];
  }
  // Each row's first output position; an empty row takes one slot for its default entry.
  std::vector<int64_t> row_starts(row_counts.size(), 0);
  int64_t total = 0;
  for (size_t row = 0; row < row_counts.size(); ++row) {
    row_starts[row] = total;
    total += std::max<int64_t>(row_counts[row], 1);
  }
  std::vector<int64_t> reverse_map(count);
  std::vector<int64_t> source(total, -1);  // Input entry of each output entry, -1 = default.
  std::vector<int64_t> filled(row_counts.size(), 0);
  for (int64_t n = 0; n < count; ++n) {
    const int64_t row = (*index_values)[n * rank];
    const int64_t at = row_starts[row] + filled[row]++;
    reverse_map[n] = at;
    source[at] = n;
  }
  std::vector<int64_t> out_indices(total * rank, 0);
  for (int64_t row = 0; row < static_cast<int64_t>(row_counts.size()); ++row) {
    if (row_counts[row] == 0) out_indices[row_starts[row] * rank] = row;
  }
  for (int64_t at = 0; at < total; ++at) {
    if (source[at] < 0) continue;
    for (int64_t d = 0; d < rank; ++d) {
      out_indices[at * rank + d] = (*index_values)[source[at] * rank + d];
    }
  }
  absl::StatusOr<Tensor> indices_out =
      misc::IndexTensor(tensorflow::DT_INT64, {total, rank}, out_indices);
  absl::StatusOr<Tensor> values_out = Tensor::Allocate(values.dtype(), {total});
  absl::StatusOr<Tensor> empty_rows =
      Tensor::Allocate(tensorflow::DT_BOOL, {static_cast<int64_t>(row_counts.size())});
  absl::StatusOr<Tensor> reverse_out =
      misc::IndexTensor(tensorflow::DT_INT64, {count}, reverse_map);
  for (const auto* result : {&indices_out, &values_out, &empty_rows, &reverse_out}) {
    if (!result->ok()) return context.Error(result->status().message());
  }
  for (size_t row = 0; row < row_counts.size(); ++row) {
    empty_rows->mutable_data<bool>()[row] = row_counts[row] == 0;
  }
  for (int64_t at = 0; at < total; ++at) {
    if (source[at] < 0) {
      CopyElements(fill, 0, *values_out, at, 1);
    } else {
      CopyElements(values, source[at], *values_out, at, 1);
    }
  }
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values_out));
  context.set_output(2, *std::move(empty_rows));
  context.set_output(3, *std::move(reverse_out));
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseFillEmptyRows", ComputeSparseFillEmptyRows, {{"T", dtypes::All()}});

}  // namespace
}  // namespace tfjs::runtime
