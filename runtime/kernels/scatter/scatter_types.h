// Element types of the scatter family's kernels: TF's number types (float16 and bfloat16
// computed in float32, complex as std::complex) and a dispatch over them.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_SCATTER_TYPES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_SCATTER_TYPES_H_

#include <complex>
#include <vector>

#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::scatter {

template <typename T>
struct Tag {
  using type = T;
};

// Calls fn(Tag<T>{}) for `dtype` among the real number types, or with `complex` the complex
// ones too; false when it is none of them.
template <bool kComplex, typename Fn>
bool DispatchNumber(DataType dtype, Fn&& fn) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
      fn(Tag<float>{});
      return true;
    case tensorflow::DT_DOUBLE:
      fn(Tag<double>{});
      return true;
    case tensorflow::DT_HALF:
      fn(Tag<math::Half>{});
      return true;
    case tensorflow::DT_BFLOAT16:
      fn(Tag<math::BFloat16>{});
      return true;
    case tensorflow::DT_INT8:
      fn(Tag<int8_t>{});
      return true;
    case tensorflow::DT_INT16:
      fn(Tag<int16_t>{});
      return true;
    case tensorflow::DT_INT32:
      fn(Tag<int32_t>{});
      return true;
    case tensorflow::DT_INT64:
      fn(Tag<int64_t>{});
      return true;
    case tensorflow::DT_UINT8:
      fn(Tag<uint8_t>{});
      return true;
    case tensorflow::DT_UINT16:
      fn(Tag<uint16_t>{});
      return true;
    case tensorflow::DT_UINT32:
      fn(Tag<uint32_t>{});
      return true;
    case tensorflow::DT_UINT64:
      fn(Tag<uint64_t>{});
      return true;
    default:
      break;
  }
  if constexpr (kComplex) {
    if (dtype == tensorflow::DT_COMPLEX64) {
      fn(Tag<std::complex<float>>{});
      return true;
    }
    if (dtype == tensorflow::DT_COMPLEX128) {
      fn(Tag<std::complex<double>>{});
      return true;
    }
  }
  return false;
}

// TF_CALL_NUMBER_TYPES: the 12 real number types and complex64, complex128.
inline std::vector<DataType> NumberTypes() {
  return {tensorflow::DT_HALF,      tensorflow::DT_BFLOAT16,  tensorflow::DT_FLOAT,
          tensorflow::DT_DOUBLE,    tensorflow::DT_INT8,      tensorflow::DT_INT16,
          tensorflow::DT_INT32,     tensorflow::DT_INT64,     tensorflow::DT_UINT8,
          tensorflow::DT_UINT16,    tensorflow::DT_UINT32,    tensorflow::DT_UINT64,
          tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};
}

}  // namespace tfjs::runtime::scatter

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SCATTER_SCATTER_TYPES_H_
