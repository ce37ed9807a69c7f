// Maps C++ element types to TF dtypes, holds TF's dtype sets (register_types.h's TF_CALL_*) as
// type lists and as registration lists, runs a generic lambda for a tensor's runtime dtype, and
// decides the type elementwise math on each element type runs in.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_

#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::math {

// float16 (IEEE binary16) and bfloat16 elements, held as their bits.
struct Half {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

// The type elementwise math on T computes in: float32 for float16 and bfloat16, as Eigen does
// (each op widens its operands exactly, computes in float32 and rounds its result to nearest
// even), T itself otherwise.
template <typename T>
struct ComputeTypeOf {
  using type = T;
};
template <>
struct ComputeTypeOf<Half> {
  using type = float;
};
template <>
struct ComputeTypeOf<BFloat16> {
  using type = float;
};
template <typename T>
using ComputeType = typename ComputeTypeOf<T>::type;

// An element as its compute type (exact).
template <typename T>
ComputeType<T> Widen(T value) {
  if constexpr (std::is_same_v<T, Half>) {
    return HalfToFloat(value.bits);
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return BFloat16ToFloat(value.bits);
  } else {
    return value;
  }
}

// A computed value stored as T: rounded to nearest even for float16 and bfloat16 (overflow to
// infinity, NaN stays NaN), unchanged otherwise.
template <typename T>
T Narrow(ComputeType<T> value) {
  if constexpr (std::is_same_v<T, Half>) {
    return Half{FloatToHalf(value)};
  } else if constexpr (std::is_same_v<T, BFloat16>) {
    return BFloat16{FloatToBFloat16(value)};
  } else {
    return value;
  }
}

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
template <>
struct DataTypeOf<std::complex<float>> {
  static constexpr DataType value = tensorflow::DT_COMPLEX64;
};
template <>
struct DataTypeOf<std::complex<double>> {
  static constexpr DataType value = tensorflow::DT_COMPLEX128;
};
template <>
struct DataTypeOf<Half> {
  static constexpr DataType value = tensorflow::DT_HALF;
};
template <>
struct DataTypeOf<BFloat16> {
  static constexpr DataType value = tensorflow::DT_BFLOAT16;
};

// Common dtype sets.
template <typename... Ts>
struct TypeList {};
using FloatTypes = TypeList<float, double>;
using NumericTypes = TypeList<float, double, int32_t, int64_t>;
// FloatTypes plus float16 and bfloat16, for kernels that read and write elements through Widen
// and Narrow (the elementwise kernels of unary_kernel.h and binary_kernel.h).
using AllFloatTypes = TypeList<float, double, Half, BFloat16>;
// NumericTypes plus float16 and bfloat16, for kernels that widen them.
using NumericAndHalfTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t>;
// AllFloatTypes plus the signed integers.
using SignedTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t, int8_t, int16_t>;
// SignedTypes plus the unsigned integers, for the cheap arithmetic ops (TF_CALL_REAL_NUMBER_TYPES).
using AllNumericTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t,
                                 int16_t, uint16_t, uint32_t, uint64_t>;

using ComplexTypes = TypeList<std::complex<float>, std::complex<double>>;
// AllFloatTypes plus complex64 and complex128 (the transcendental functions).
using FloatAndComplexTypes =
    TypeList<float, double, Half, BFloat16, std::complex<float>, std::complex<double>>;
// SignedTypes plus complex (Neg, Square, Sign).
using SignedAndComplexTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t, int8_t,
                                       int16_t, std::complex<float>, std::complex<double>>;
// AllNumericTypes plus complex (Add, Sub, Mul, Div, AddN, ...; TF_CALL_NUMBER_TYPES).
using NumberTypes =
    TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t, int16_t, uint16_t,
             uint32_t, uint64_t, std::complex<float>, std::complex<double>>;
// NumberTypes plus bool (TF_CALL_POD_TYPES).
using PodTypes =
    TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t, int16_t, uint16_t,
             uint32_t, uint64_t, std::complex<float>, std::complex<double>, bool>;
// The signed and unsigned integers of 8 to 64 bits (TF_CALL_INTEGRAL_TYPES).
using IntegralTypes =
    TypeList<int32_t, int64_t, uint8_t, int8_t, int16_t, uint16_t, uint32_t, uint64_t>;

// True for complex64 and complex128 elements.
template <typename T>
struct IsComplex : std::false_type {};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type {};
template <typename T>
inline constexpr bool kIsComplex = IsComplex<T>::value;

// The dtypes of a TypeList, for a kernel's registration: {{"T", DtypesOf(AllFloatTypes())}}.
template <typename... Ts>
std::vector<DataType> DtypesOf(TypeList<Ts...>) {
  return {DataTypeOf<Ts>::value...};
}

// Names a C++ element type for the generic lambdas DispatchTag calls.
template <typename T>
struct Tag {
  using type = T;
};

// Calls fn(Tag<T>{}) for the T among Ts whose dtype is `dtype`; false when none is.
template <typename... Ts, typename Fn>
bool DispatchTag(TypeList<Ts...>, DataType dtype, Fn&& fn) {
  return ((dtype == DataTypeOf<Ts>::value ? (fn(Tag<Ts>{}), true) : false) || ...);
}

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

// TF's dtype sets as the dtype lists kernels register, for the kernels that move tensors without
// computing on their elements (and the type lists above where they do).
namespace tfjs::runtime::dtypes {

// TF_CALL_INTEGRAL_TYPES: the signed and unsigned integers of 8 to 64 bits.
inline std::vector<DataType> Integral() { return math::DtypesOf(math::IntegralTypes()); }
// TF_CALL_REAL_NUMBER_TYPES: Integral() plus float16, bfloat16, float32, float64.
inline std::vector<DataType> RealNumber() { return math::DtypesOf(math::AllNumericTypes()); }
// TF_CALL_NUMBER_TYPES: RealNumber() plus complex64 and complex128.
inline std::vector<DataType> Number() { return math::DtypesOf(math::NumberTypes()); }
// TF_CALL_POD_TYPES: Number() plus bool.
inline std::vector<DataType> Pod() { return math::DtypesOf(math::PodTypes()); }
// TF_CALL_POD_STRING_TYPES: Pod() plus string.
inline std::vector<DataType> PodString() {
  std::vector<DataType> dtypes = Pod();
  dtypes.push_back(tensorflow::DT_STRING);
  return dtypes;
}
// TF_CALL_ALL_TYPES: PodString() plus resource and variant.
inline std::vector<DataType> All() {
  std::vector<DataType> dtypes = PodString();
  dtypes.insert(dtypes.end(), {tensorflow::DT_RESOURCE, tensorflow::DT_VARIANT});
  return dtypes;
}
// TF_CALL_QUANTIZED_TYPES: qint8, quint8, qint32.
inline std::vector<DataType> Quantized() {
  return {tensorflow::DT_QINT8, tensorflow::DT_QUINT8, tensorflow::DT_QINT32};
}
// The concatenation of `sets`.
inline std::vector<DataType> Join(std::vector<std::vector<DataType>> sets) {
  std::vector<DataType> joined;
  for (const std::vector<DataType>& set : sets) joined.insert(joined.end(), set.begin(), set.end());
  return joined;
}

}  // namespace tfjs::runtime::dtypes

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_DTYPE_DISPATCH_H_
