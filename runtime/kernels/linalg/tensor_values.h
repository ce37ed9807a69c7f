// Reads any numeric tensor into a flat array of one compute type (double, int64 or
// complex<double>) and writes such an array back as a tensor of a given dtype, so the reference
// kernels of nn/ and linalg/ are written once per compute type instead of once per dtype.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LINALG_TENSOR_VALUES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LINALG_TENSOR_VALUES_H_

#include <complex>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::linalg {

using Complex = std::complex<double>;

// Dtype lists for registrations beyond TF's TF_CALL_* sets (dtypes:: in math/dtype_dispatch.h).
// float, double, complex64, complex128 (the linalg ops' usual CPU set).
std::vector<DataType> FloatAndComplexTypes();
// half, bfloat16, float, double.
std::vector<DataType> HalfAndFloatTypes();

bool IsComplexType(DataType dtype);
bool IsIntegerType(DataType dtype);

// The elements of a bool, integer, float (16-bit included) or complex tensor converted to T, one
// of double, int64_t or Complex: floats exactly, integers exactly (int64 beyond 2^53 rounds in
// double), complex to double or int64 keeps the real part.
template <typename T>
std::vector<T> ValuesAs(const Tensor& tensor);

// A tensor of `dtype` holding `values` (T one of double, int64_t, Complex): float16/bfloat16 are
// rounded to nearest even from float32, integers cast through int64 (wrapping as TF's integer
// arithmetic does), real dtypes keep a complex value's real part, bool is value != 0.
template <typename T>
absl::StatusOr<Tensor> TensorFrom(DataType dtype, Shape shape, const std::vector<T>& values);

// Calls fn(T{}) with the compute type of `dtype`: Complex for complex64/complex128, int64_t for
// integers and bool, double for the floats.
template <typename Fn>
auto VisitComputeType(DataType dtype, Fn&& fn) {
  if (IsComplexType(dtype)) return fn(Complex{});
  if (IsIntegerType(dtype) || dtype == tensorflow::DT_BOOL) return fn(int64_t{});
  return fn(double{});
}

// VisitComputeType for real dtypes only: int64_t for integers and bool, double otherwise.
template <typename Fn>
auto VisitRealComputeType(DataType dtype, Fn&& fn) {
  if (IsIntegerType(dtype) || dtype == tensorflow::DT_BOOL) return fn(int64_t{});
  return fn(double{});
}

}  // namespace tfjs::runtime::linalg

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LINALG_TENSOR_VALUES_H_
