// Reading int32/int64 inputs that describe shapes, axes and sizes (the
// host-side "number" inputs of shape kernels), and the axis arithmetic TF
// applies to them.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_INDEX_INPUTS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_INDEX_INPUTS_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::array {

inline bool IsIndexType(DataType dtype) {
  return dtype == tensorflow::DT_INT32 || dtype == tensorflow::DT_INT64;
}

// The dtypes an index input may have: int32 and int64, and int8 and int16 for the ops TF lets
// take them (GatherV2 and GatherNd indices, SplitV sizes, ArgMax axes).
inline bool IsIndexInputType(DataType dtype) {
  return IsIndexType(dtype) || dtype == tensorflow::DT_INT16 || dtype == tensorflow::DT_INT8;
}

// Element `i` of an int8, int16, int32 or int64 tensor.
inline int64_t IndexAt(const Tensor& tensor, int64_t i) {
  switch (tensor.dtype()) {
    case tensorflow::DT_INT32:
      return tensor.data<int32_t>()[i];
    case tensorflow::DT_INT16:
      return tensor.data<int16_t>()[i];
    case tensorflow::DT_INT8:
      return tensor.data<int8_t>()[i];
    default:
      return tensor.data<int64_t>()[i];
  }
}

// Every element of input `index`, which must be int32 or int64 of any shape;
// `name` is how errors call it.
absl::StatusOr<std::vector<int64_t>> IndexValues(const OpContext& context, int index,
                                                 absl::string_view name);
// Input `index` as a 1-D int32/int64 tensor.
absl::StatusOr<std::vector<int64_t>> IndexVector(const OpContext& context, int index,
                                                 absl::string_view name);
// Input `index` as a 0-D int32/int64 tensor.
absl::StatusOr<int64_t> IndexScalar(const OpContext& context, int index, absl::string_view name);

// Row-major element strides of `shape`.
std::vector<int64_t> RowMajorStrides(absl::Span<const int64_t> shape);
// Product of dims [begin, end).
int64_t DimProduct(absl::Span<const int64_t> shape, int begin, int end);

// `axis` in [-rank, rank) mapped to [0, rank); -1 when out of range.
inline int NormalizeAxis(int64_t axis, int rank) {
  if (axis < -rank || axis >= rank) return -1;
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

// A new tensor for an output; errors name the node.
absl::StatusOr<Tensor> AllocateOutput(const OpContext& context, DataType dtype, Shape shape);

// An int32 or int64 (`dtype`) tensor of `shape` holding `values`; fails when a
// value does not fit.
absl::StatusOr<Tensor> MakeIndexTensor(const OpContext& context, DataType dtype, Shape shape,
                                       absl::Span<const int64_t> values);

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_INDEX_INPUTS_H_
