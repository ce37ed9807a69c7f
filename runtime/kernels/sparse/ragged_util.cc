#include "runtime/kernels/sparse/ragged_util.h"

#include "absl/strings/str_cat.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime::sparse {

absl::StatusOr<std::vector<Splits>> ReadNestedSplits(const OpContext& context, int first, int count,
                                                     const Tensor& values) {
  std::vector<Splits> nested;
  for (int level = 0; level < count; ++level) {
    const Tensor& tensor = context.input(first + level);
    if (tensor.rank() != 1) {
      return context.Error(absl::StrCat("Ragged splits must be vectors, got shape ",
                                        ShapeString(tensor.shape()), " at level ", level));
    }
    absl::StatusOr<std::vector<int64_t>> splits = misc::IndexValues(tensor, "row splits");
    if (!splits.ok()) return context.Error(splits.status().message());
    if (splits->empty() || splits->front() != 0) {
      return context.Error(
          absl::StrCat("Invalid RaggedTensor: splits[", level, "] must start with 0"));
    }
    for (size_t i = 1; i < splits->size(); ++i) {
      if ((*splits)[i] < (*splits)[i - 1]) {
        return context.Error(absl::StrCat("Invalid RaggedTensor: splits[", level,
                                          "] must be sorted in ascending order"));
      }
    }
    nested.push_back(*std::move(splits));
  }
  for (int level = 0; level < count; ++level) {
    const int64_t next = level + 1 < count ? static_cast<int64_t>(nested[level + 1].size()) - 1
                                           : (values.rank() > 0 ? values.dim(0) : 1);
    if (nested[level].back() != next) {
      return context.Error(absl::StrCat(
          "Invalid RaggedTensor: final value of splits[", level, "] (", nested[level].back(),
          ") must equal ",
          level + 1 < count ? "the number of rows of the next level" : "the number of values", " (",
          next, ")"));
    }
  }
  return nested;
}

int64_t RowElements(const Tensor& values) {
  int64_t count = 1;
  for (int d = 1; d < values.rank(); ++d) count *= values.dim(d);
  return count;
}

absl::StatusOr<Tensor> CopyRows(const Tensor& values, absl::Span<const RowRange> ranges) {
  const int64_t row = RowElements(values);
  int64_t rows = 0;
  for (const RowRange& range : ranges) rows += range.end - range.begin;
  Shape shape = values.shape();
  if (shape.empty()) shape.push_back(1);
  shape[0] = rows;
  absl::StatusOr<Tensor> out = Tensor::Allocate(values.dtype(), std::move(shape));
  if (!out.ok()) return out.status();
  int64_t at = 0;
  for (const RowRange& range : ranges) {
    const int64_t count = (range.end - range.begin) * row;
    CopyElements(values, range.begin * row, *out, at, count);
    at += count;
  }
  return out;
}

absl::StatusOr<Tensor> StackRows(absl::Span<const Tensor> parts, DataType dtype, Shape row_shape) {
  int64_t rows = 0;
  for (const Tensor& part : parts) rows += part.rank() > 0 ? part.dim(0) : 1;
  Shape shape = {rows};
  shape.insert(shape.end(), row_shape.begin(), row_shape.end());
  absl::StatusOr<Tensor> out = Tensor::Allocate(dtype, std::move(shape));
  if (!out.ok()) return out.status();
  int64_t at = 0;
  for (const Tensor& part : parts) {
    CopyElements(part, 0, *out, at, part.num_elements());
    at += part.num_elements();
  }
  return out;
}

absl::Status SetSplitsOutputs(OpContext& context, int first, const std::vector<Splits>& splits,
                              DataType dtype) {
  for (size_t level = 0; level < splits.size(); ++level) {
    absl::StatusOr<Tensor> tensor =
        misc::IndexTensor(dtype, {static_cast<int64_t>(splits[level].size())}, splits[level]);
    if (!tensor.ok()) return context.Error(tensor.status().message());
    context.set_output(first + static_cast<int>(level), *std::move(tensor));
  }
  return absl::OkStatus();
}

}  // namespace tfjs::runtime::sparse
