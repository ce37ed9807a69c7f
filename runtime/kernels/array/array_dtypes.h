// The dtype lists array kernels declare at registration (TF's CPU registrations per type attr):
// numbers, bool and string, plus the quantized and float8 dtypes layout kernels move as bytes.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_DTYPES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_DTYPES_H_

#include <initializer_list>
#include <vector>

#include "runtime/tensor.h"

namespace tfjs::runtime::array {

// float16, bfloat16, float32, float64 and the eight integer dtypes.
inline std::vector<DataType> RealNumberDtypes() {
  return {tensorflow::DT_HALF,   tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
          tensorflow::DT_DOUBLE, tensorflow::DT_INT8,     tensorflow::DT_INT16,
          tensorflow::DT_INT32,  tensorflow::DT_INT64,    tensorflow::DT_UINT8,
          tensorflow::DT_UINT16, tensorflow::DT_UINT32,   tensorflow::DT_UINT64};
}

// The real numbers, complex64 and complex128.
inline std::vector<DataType> NumberDtypes() {
  std::vector<DataType> dtypes = RealNumberDtypes();
  dtypes.insert(dtypes.end(), {tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128});
  return dtypes;
}

// The numbers and bool.
inline std::vector<DataType> NumberBoolDtypes() {
  std::vector<DataType> dtypes = NumberDtypes();
  dtypes.push_back(tensorflow::DT_BOOL);
  return dtypes;
}

// The numbers, bool and string: TF's TF_CALL_POD_STRING_TYPES.
inline std::vector<DataType> NumberBoolStringDtypes() {
  std::vector<DataType> dtypes = NumberBoolDtypes();
  dtypes.push_back(tensorflow::DT_STRING);
  return dtypes;
}

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

// int32 and int64, the dtypes of most index inputs.
inline std::vector<DataType> IndexDtypes() { return {tensorflow::DT_INT32, tensorflow::DT_INT64}; }

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_DTYPES_H_
