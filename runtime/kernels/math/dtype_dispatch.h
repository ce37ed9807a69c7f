// Maps C++ element types to TF dtypes and runs a generic lambda for a tensor's runtime dtype.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::math {

template <typename T>
struct DataTypeOf;
template <>
struct DataTypeOf<float> {
  static constexpr DataType value = tensorflow::DT_FLOAT;
};
template <>
struct DataTypeOf<double> {
  static constexpr DataType value = tensorflow::DT_DOUBLE;
};
template <>
struct DataTypeOf<int32_t> {
  static constexpr DataType value = tensorflow::DT_INT32;
};
template <>
struct DataTypeOf<int64_t> {
  static constexpr DataType value = tensorflow::DT_INT64;
};
template <>
struct DataTypeOf<bool> {
  static constexpr DataType value = tensorflow::DT_BOOL;
};
template <>
struct DataTypeOf<uint8_t> {
  static constexpr DataType value = tensorflow::DT_UINT8;
};
template <>
struct DataTypeOf<int8_t> {
  static constexpr DataType value = tensorflow::DT_INT8;
};
template <>
struct DataTypeOf<int16_t> {
  static constexpr DataType value = tensorflow::DT_INT16;
};
template <>
struct DataTypeOf<uint16_t> {
  static constexpr DataType value = tensorflow::DT_UINT16;
};
template <>
struct DataTypeOf<uint32_t> {
  static constexpr DataType value = tensorflow::DT_UINT32;
};
template <>
struct DataTypeOf<uint64_t> {
  static constexpr DataType value = tensorflow::DT_UINT64;
};

// Common dtype sets.
template <typename... Ts>
struct TypeList {};
using FloatTypes = TypeList<float, double>;
using NumericTypes = TypeList<float, double, int32_t, int64_t>;
// NumericTypes plus the narrow and unsigned integers, for the cheap arithmetic ops.
using AllNumericTypes = TypeList<float, double, int32_t, int64_t, uint8_t, int8_t, int16_t,
                                 uint16_t, uint32_t, uint64_t>;

// Calls fn(T{}) for the T among Ts whose dtype is `dtype` and returns its status; otherwise an
// InvalidArgument error from `context` naming `what` (e.g. "input 'x'") and the dtypes allowed.
template <typename... Ts, typename Fn>
absl::Status DispatchDataType(TypeList<Ts...>, const OpContext& context, DataType dtype,
                              absl::string_view what, const Fn& fn) {
  absl::Status status;
  const bool matched =
      ((dtype == DataTypeOf<Ts>::value ? (status = fn(Ts{}), true) : false) || ...);
  if (matched) return status;
  std::string allowed;
  ((absl::StrAppend(&allowed, allowed.empty() ? "" : ", ", DataTypeName(DataTypeOf<Ts>::value))),
   ...);
  return context.Error(
      absl::StrCat(what, " has dtype ", DataTypeName(dtype), "; this op takes ", allowed));
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_
