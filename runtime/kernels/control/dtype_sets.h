// TensorFlow's dtype sets (tensorflow/core/framework/register_types.h's TF_CALL_* macros), for
// the registrations of kernels that move tensors without computing on their elements.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_DTYPE_SETS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_DTYPE_SETS_H_

#include <vector>

#include "runtime/tensor.h"

namespace tfjs::runtime::dtypes {

// TF_CALL_INTEGRAL_TYPES: the signed and unsigned integers of 8 to 64 bits.
std::vector<DataType> Integral();
// TF_CALL_REAL_NUMBER_TYPES: Integral() plus float16, bfloat16, float32, float64.
std::vector<DataType> RealNumber();
// TF_CALL_NUMBER_TYPES: RealNumber() plus complex64 and complex128.
std::vector<DataType> Number();
// TF_CALL_POD_TYPES: Number() plus bool.
std::vector<DataType> Pod();
// TF_CALL_POD_STRING_TYPES: Pod() plus string.
std::vector<DataType> PodString();
// TF_CALL_ALL_TYPES: PodString() plus resource and variant.
std::vector<DataType> All();
// TF_CALL_QUANTIZED_TYPES: qint8, quint8, qint32.
std::vector<DataType> Quantized();
// The concatenation of `sets`.
std::vector<DataType> Join(std::vector<std::vector<DataType>> sets);

}  // namespace tfjs::runtime::dtypes

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_DTYPE_SETS_H_
