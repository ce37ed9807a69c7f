// Whole-tensor float16 / bfloat16 <-> float32 conversions, for kernels that compute 16-bit float
// tensors in float32.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::nn {

// DT_HALF or DT_BFLOAT16.
bool Is16BitFloat(DataType dtype);

// A DT_FLOAT copy of a DT_HALF or DT_BFLOAT16 tensor (exact).
absl::StatusOr<Tensor> WidenToFloat(const Tensor& tensor);

// `wide` (DT_FLOAT) rounded to nearest even into `output`, a DT_HALF or DT_BFLOAT16 tensor of
// the same number of elements.
void NarrowFromFloat(const Tensor& wide, Tensor* output);

// `wide` (DT_FLOAT) rounded to nearest even as a new `dtype` (DT_HALF or DT_BFLOAT16) tensor.
absl::StatusOr<Tensor> NarrowedFromFloat(const Tensor& wide, DataType dtype);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
