// IEEE binary16 (DT_HALF) conversions for kernels that compute in float.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_HALF_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_HALF_H_

#include <cstdint>

namespace tfjs::runtime::array {

float HalfToFloat(uint16_t half);
// Rounds to nearest, ties to even; overflow gives infinity, NaN stays NaN.
uint16_t FloatToHalf(float value);

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_HALF_H_
