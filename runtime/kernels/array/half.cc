#include "runtime/kernels/array/half.h"

#include <cmath>
#include <cstring>

namespace tfjs::runtime::array {

float HalfToFloat(uint16_t half) {
  const float sign = (half & 0x8000) ? -1.f : 1.f;
  const int exponent = (half >> 10) & 0x1F;
  const int mantissa = half & 0x3FF;
  if (exponent == 0) return sign * std::ldexp(static_cast<float>(mantissa), -24);
  if (exponent == 31) return mantissa == 0 ? sign * INFINITY : NAN;
  return sign * std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
}

uint16_t FloatToHalf(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  const uint32_t magnitude = bits & 0x7FFFFFFF;
  if (magnitude > 0x7F800000) return sign | 0x7E00;   // NaN
  if (magnitude >= 0x477FF000) return sign | 0x7C00;  // rounds past the largest half: infinity
  if (magnitude < 0x38800000) {
    // Subnormal half (or zero): value / 2^-24, rounded to nearest even.
    const float scaled = std::fabs(value) * 16777216.f;
    return sign | static_cast<uint16_t>(std::nearbyint(scaled));
  }
  // Normal: rebias the exponent and round the 13 dropped mantissa bits to nearest even.
  const uint32_t rebased = magnitude - ((127 - 15) << 23);
  const uint32_t dropped = rebased & 0x1FFF;
  uint32_t result = rebased >> 13;
  if (dropped > 0x1000 || (dropped == 0x1000 && (result & 1))) ++result;
  return sign | static_cast<uint16_t>(result);
}

}  // namespace tfjs::runtime::array
