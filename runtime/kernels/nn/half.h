// IEEE 754 binary16 (float16, DT_HALF) <-> float32 conversions, for kernels that compute float16
// tensors in float32.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::nn {

// Exact: every float16 value, subnormals, infinities and NaN (payload kept) included.
float HalfToFloat(uint16_t half);
// Rounds to nearest, ties to even; overflow gives infinity, NaN stays NaN.
uint16_t FloatToHalf(float value);

// A DT_FLOAT copy of a DT_HALF tensor, and back.
absl::StatusOr<Tensor> HalfTensorToFloat(const Tensor& half);
absl::StatusOr<Tensor> FloatTensorToHalf(const Tensor& value);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_HALF_H_
