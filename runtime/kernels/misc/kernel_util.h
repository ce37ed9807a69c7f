// Small helpers shared by the misc kernels: dtype dispatch, index tensors, shape attrs.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_KERNEL_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_KERNEL_UTIL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::misc {

// Names a C++ element type for the generic lambdas passed to the Dispatch* functions.
template <typename T>
struct TypeTag {
  using type = T;
};

// Calls fn(TypeTag<T>{}) for the real number dtypes (floats and integers, not bool); false when
// `dtype` is none of them.
template <typename Fn>
bool DispatchRealNumber(DataType dtype, Fn&& fn) {
  switch (dtype) {
    case tensorflow::DT_FLOAT: fn(TypeTag<float>{}); return true;
    case tensorflow::DT_DOUBLE: fn(TypeTag<double>{}); return true;
    case tensorflow::DT_INT32: fn(TypeTag<int32_t>{}); return true;
    case tensorflow::DT_INT64: fn(TypeTag<int64_t>{}); return true;
    case tensorflow::DT_UINT8: fn(TypeTag<uint8_t>{}); return true;
    case tensorflow::DT_INT8: fn(TypeTag<int8_t>{}); return true;
    case tensorflow::DT_INT16: fn(TypeTag<int16_t>{}); return true;
    case tensorflow::DT_UINT16: fn(TypeTag<uint16_t>{}); return true;
    case tensorflow::DT_UINT32: fn(TypeTag<uint32_t>{}); return true;
    case tensorflow::DT_UINT64: fn(TypeTag<uint64_t>{}); return true;
    default: return false;
  }
}

// Like DispatchRealNumber, plus bool.
template <typename Fn>
bool DispatchRealNumberOrBool(DataType dtype, Fn&& fn) {
  if (dtype == tensorflow::DT_BOOL) {
    fn(TypeTag<bool>{});
    return true;
  }
  return DispatchRealNumber(dtype, fn);
}

// Calls fn(TypeTag<T>{}) for the integer dtypes only.
template <typename Fn>
bool DispatchInteger(DataType dtype, Fn&& fn) {
  switch (dtype) {
    case tensorflow::DT_INT32: fn(TypeTag<int32_t>{}); return true;
    case tensorflow::DT_INT64: fn(TypeTag<int64_t>{}); return true;
    case tensorflow::DT_UINT8: fn(TypeTag<uint8_t>{}); return true;
    case tensorflow::DT_INT8: fn(TypeTag<int8_t>{}); return true;
    case tensorflow::DT_INT16: fn(TypeTag<int16_t>{}); return true;
    case tensorflow::DT_UINT16: fn(TypeTag<uint16_t>{}); return true;
    case tensorflow::DT_UINT32: fn(TypeTag<uint32_t>{}); return true;
    case tensorflow::DT_UINT64: fn(TypeTag<uint64_t>{}); return true;
    default: return false;
  }
}

// True for DT_INT32 and DT_INT64, the dtypes of index and shape tensors.
bool IsIndexType(DataType dtype);

// The values of an int32 or int64 tensor, widened; InvalidArgument naming `what` otherwise.
absl::StatusOr<std::vector<int64_t>> IndexValues(const Tensor& tensor, absl::string_view what);

// The single value of an int32 or int64 scalar (or one-element) tensor.
absl::StatusOr<int64_t> IndexScalar(const Tensor& tensor, absl::string_view what);

// An int32 or int64 tensor holding `values`.
absl::StatusOr<Tensor> IndexTensor(DataType dtype, Shape shape, absl::Span<const int64_t> values);

// A shape attr as dims (-1 = unknown); std::nullopt when the attr is absent or of unknown rank.
std::optional<std::vector<int64_t>> PartialShapeAttr(const tensorflow::NodeDef& node,
                                                     absl::string_view name);

// True when `shape` fits `partial` (same rank; equal dims where `partial` is known).
bool IsCompatibleShape(absl::Span<const int64_t> shape, absl::Span<const int64_t> partial);

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_KERNEL_UTIL_H_
