// Helpers of the ragged kernels: nested row splits read and checked, value rows copied, and
// splits written in the op's Tsplits dtype.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_RAGGED_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_RAGGED_UTIL_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"

namespace tfjs::runtime::sparse {

using Splits = std::vector<int64_t>;

// Inputs [first, first + count) as nested row splits over `values`: each starts at 0, never
// decreases, and ends at the size of the next level (the values' first dim for the last).
absl::StatusOr<std::vector<Splits>> ReadNestedSplits(const OpContext& context, int first, int count,
                                                     const Tensor& values);

// Elements per value row: the product of values.shape[1:].
int64_t RowElements(const Tensor& values);

// Rows [begin, end) of `values` appended to `rows` (a list of row ranges to copy).
struct RowRange {
  int64_t begin, end;
};
// The rows of `values` named by `ranges`, stacked: shape [total rows] + values.shape[1:].
absl::StatusOr<Tensor> CopyRows(const Tensor& values, absl::Span<const RowRange> ranges);
// `parts` (one dtype and row shape) stacked along dim 0.
absl::StatusOr<Tensor> StackRows(absl::Span<const Tensor> parts, DataType dtype, Shape row_shape);

// Sets outputs first, first + 1, ... to the splits, in `dtype` (int32 or int64).
absl::Status SetSplitsOutputs(OpContext& context, int first, const std::vector<Splits>& splits,
                              DataType dtype);

}  // namespace tfjs::runtime::sparse

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_RAGGED_UTIL_H_
