// Conversions between tensors of every numeric dtype and flat compute-type arrays.
#include "runtime/kernels/linalg/tensor_values.h"

#include <type_traits>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::linalg {
namespace {

using tensorflow::DT_BFLOAT16;
using tensorflow::DT_BOOL;
using tensorflow::DT_COMPLEX128;
using tensorflow::DT_COMPLEX64;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_HALF;
using tensorflow::DT_INT16;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_INT8;
using tensorflow::DT_UINT16;
using tensorflow::DT_UINT32;
using tensorflow::DT_UINT64;
using tensorflow::DT_UINT8;

// Converts a value of one compute type to another (complex -> real keeps the real part).
template <typename To, typename From>
To Convert(From value) {
  if constexpr (std::is_same_v<From, Complex>) {
    if constexpr (std::is_same_v<To, Complex>) {
      return value;
    } else {
      return static_cast<To>(value.real());
    }
  } else {
    return static_cast<To>(value);
  }
}

// Element i of `tensor` as a double, int64 or complex source value.
template <typename T>
T Element(const Tensor& tensor, int64_t i) {
  switch (tensor.dtype()) {
    case DT_FLOAT:
      return Convert<T>(static_cast<double>(tensor.data<float>()[i]));
    case DT_DOUBLE:
      return Convert<T>(tensor.data<double>()[i]);
    case DT_HALF:
      return Convert<T>(static_cast<double>(HalfToFloat(tensor.data<uint16_t>()[i])));
    case DT_BFLOAT16:
      return Convert<T>(static_cast<double>(BFloat16ToFloat(tensor.data<uint16_t>()[i])));
    case DT_INT32:
      return Convert<T>(static_cast<int64_t>(tensor.data<int32_t>()[i]));
    case DT_INT64:
      return Convert<T>(tensor.data<int64_t>()[i]);
    case DT_INT16:
      return Convert<T>(static_cast<int64_t>(tensor.data<int16_t>()[i]));
    case DT_INT8:
      return Convert<T>(static_cast<int64_t>(tensor.data<int8_t>()[i]));
    case DT_UINT8:
      return Convert<T>(static_cast<int64_t>(tensor.data<uint8_t>()[i]));
    case DT_UINT16:
      return Convert<T>(static_cast<int64_t>(tensor.data<uint16_t>()[i]));
    case DT_UINT32:
      return Convert<T>(static_cast<int64_t>(tensor.data<uint32_t>()[i]));
    case DT_UINT64:
      return Convert<T>(static_cast<int64_t>(tensor.data<uint64_t>()[i]));
    case DT_BOOL:
      return Convert<T>(static_cast<int64_t>(tensor.data<bool>()[i] ? 1 : 0));
    case DT_COMPLEX64:
      return Convert<T>(Complex(tensor.data<float>()[2 * i], tensor.data<float>()[2 * i + 1]));
    case DT_COMPLEX128:
      return Convert<T>(Complex(tensor.data<double>()[2 * i], tensor.data<double>()[2 * i + 1]));
    default:
      return T{};
  }
}

// An integer dtype's value from a compute value: through int64, so it wraps like TF's integers.
template <typename Int, typename T>
Int ToInteger(T value) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return static_cast<Int>(value);
  } else {
    return static_cast<Int>(static_cast<int64_t>(Convert<double>(value)));
  }
}

template <typename T>
void SetElement(Tensor& tensor, int64_t i, T value) {
  switch (tensor.dtype()) {
    case DT_FLOAT:
      tensor.mutable_data<float>()[i] = static_cast<float>(Convert<double>(value));
      break;
    case DT_DOUBLE:
      tensor.mutable_data<double>()[i] = Convert<double>(value);
      break;
    case DT_HALF:
      tensor.mutable_data<uint16_t>()[i] = FloatToHalf(static_cast<float>(Convert<double>(value)));
      break;
    case DT_BFLOAT16:
      tensor.mutable_data<uint16_t>()[i] =
          FloatToBFloat16(static_cast<float>(Convert<double>(value)));
      break;
    case DT_INT32:
      tensor.mutable_data<int32_t>()[i] = ToInteger<int32_t>(value);
      break;
    case DT_INT64:
      tensor.mutable_data<int64_t>()[i] = ToInteger<int64_t>(value);
      break;
    case DT_INT16:
      tensor.mutable_data<int16_t>()[i] = ToInteger<int16_t>(value);
      break;
    case DT_INT8:
      tensor.mutable_data<int8_t>()[i] = ToInteger<int8_t>(value);
      break;
    case DT_UINT8:
      tensor.mutable_data<uint8_t>()[i] = ToInteger<uint8_t>(value);
      break;
    case DT_UINT16:
      tensor.mutable_data<uint16_t>()[i] = ToInteger<uint16_t>(value);
      break;
    case DT_UINT32:
      tensor.mutable_data<uint32_t>()[i] = ToInteger<uint32_t>(value);
      break;
    case DT_UINT64:
      tensor.mutable_data<uint64_t>()[i] = static_cast<uint64_t>(ToInteger<int64_t>(value));
      break;
    case DT_BOOL:
      tensor.mutable_data<bool>()[i] = Convert<double>(value) != 0;
      break;
    case DT_COMPLEX64: {
      const Complex c = Convert<Complex>(value);
      tensor.mutable_data<float>()[2 * i] = static_cast<float>(c.real());
      tensor.mutable_data<float>()[2 * i + 1] = static_cast<float>(c.imag());
      break;
    }
    case DT_COMPLEX128: {
      const Complex c = Convert<Complex>(value);
      tensor.mutable_data<double>()[2 * i] = c.real();
      tensor.mutable_data<double>()[2 * i + 1] = c.imag();
      break;
    }
    default:
      break;
  }
}

}  // namespace

std::vector<DataType> FloatAndComplexTypes() {
  return {DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128};
}

std::vector<DataType> HalfAndFloatTypes() { return {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE}; }

bool IsComplexType(DataType dtype) { return dtype == DT_COMPLEX64 || dtype == DT_COMPLEX128; }

bool IsIntegerType(DataType dtype) {
  for (DataType integral : dtypes::Integral()) {
    if (dtype == integral) return true;
  }
  return false;
}

template <typename T>
std::vector<T> ValuesAs(const Tensor& tensor) {
  const int64_t count = tensor.num_elements();
  std::vector<T> values(count > 0 ? count : 0);
  for (int64_t i = 0; i < count; ++i) values[i] = Element<T>(tensor, i);
  return values;
}

template <typename T>
absl::StatusOr<Tensor> TensorFrom(DataType dtype, Shape shape, const std::vector<T>& values) {
  absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype, std::move(shape));
  if (!tensor.ok()) return tensor.status();
  if (static_cast<int64_t>(values.size()) != tensor->num_elements()) {
    return absl::InternalError(absl::StrCat("TensorFrom: ", values.size(), " values for shape ",
                                            ShapeString(tensor->shape())));
  }
  for (int64_t i = 0; i < tensor->num_elements(); ++i) SetElement(*tensor, i, values[i]);
  return tensor;
}

template std::vector<double> ValuesAs<double>(const Tensor&);
template std::vector<int64_t> ValuesAs<int64_t>(const Tensor&);
template std::vector<Complex> ValuesAs<Complex>(const Tensor&);
template absl::StatusOr<Tensor> TensorFrom<double>(DataType, Shape, const std::vector<double>&);
template absl::StatusOr<Tensor> TensorFrom<int64_t>(DataType, Shape, const std::vector<int64_t>&);
template absl::StatusOr<Tensor> TensorFrom<Complex>(DataType, Shape, const std::vector<Complex>&);

}  // namespace tfjs::runtime::linalg
