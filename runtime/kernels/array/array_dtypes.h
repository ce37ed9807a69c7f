// The dtype lists array kernels declare at registration beyond TF's sets (dtypes:: in
// math/dtype_dispatch.h): the quantized, float8 and 4-bit dtypes layout kernels move as bytes,
// indices.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_DTYPES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_DTYPES_H_

#include <initializer_list>
#include <vector>

#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::array {

// `base` plus `extra` (quantized or float8 dtypes).
inline std::vector<DataType> With(std::vector<DataType> base,
                                  std::initializer_list<DataType> extra) {
  base.insert(base.end(), extra);
  return base;
}

// The quantized dtypes TF's layout kernels take: all five, or the three of TF_CALL_QUANTIZED_TYPES
// without 16 bits.
constexpr std::initializer_list<DataType> kQuantized = {
    tensorflow::DT_QINT8, tensorflow::DT_QUINT8, tensorflow::DT_QINT16, tensorflow::DT_QUINT16,
    tensorflow::DT_QINT32};
constexpr std::initializer_list<DataType> kQuantized8And32 = {
    tensorflow::DT_QINT8, tensorflow::DT_QUINT8, tensorflow::DT_QINT32};
constexpr std::initializer_list<DataType> kFloat8 = {tensorflow::DT_FLOAT8_E5M2,
                                                     tensorflow::DT_FLOAT8_E4M3FN};
// TF's 4-bit integers, one per byte.
constexpr std::initializer_list<DataType> kInt4 = {tensorflow::DT_INT4, tensorflow::DT_UINT4};

// int32 and int64, the dtypes of most index inputs.
inline std::vector<DataType> IndexDtypes() { return {tensorflow::DT_INT32, tensorflow::DT_INT64}; }

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_DTYPES_H_
