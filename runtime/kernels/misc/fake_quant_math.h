// TF's fake-quantization math: nudging [min, max] so zero lands on the grid, then rounding.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_FAKE_QUANT_MATH_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_FAKE_QUANT_MATH_H_

#include <cmath>
#include <cstdint>

namespace tfjs::runtime::misc {

struct FakeQuantRange {
  float nudged_min;
  float nudged_max;
  float scale;
  float inverse_scale;
};

// The grid is [0, 2^num_bits - 1], or [1, ...] when narrow_range; the zero point is rounded and
// clamped onto it, and min/max move to match.
inline FakeQuantRange NudgeRange(float min, float max, int num_bits, bool narrow_range) {
  const float quant_min = narrow_range ? 1.0f : 0.0f;
  const float quant_max = static_cast<float>((1 << num_bits) - 1);
  FakeQuantRange range;
  range.scale = (max - min) / (quant_max - quant_min);
  range.inverse_scale = (quant_max - quant_min) / (max - min);
  const float zero_point_from_min = quant_min - min / range.scale;
  uint16_t zero_point;
  if (zero_point_from_min < quant_min) {
    zero_point = static_cast<uint16_t>(quant_min);
  } else if (zero_point_from_min > quant_max) {
    zero_point = static_cast<uint16_t>(quant_max);
  } else {
    zero_point = static_cast<uint16_t>(std::round(zero_point_from_min));
  }
  range.nudged_min = (quant_min - zero_point) * range.scale;
  range.nudged_max = (quant_max - zero_point) * range.scale;
  return range;
}

// NaN stays NaN, as with TF's Eigen clamp.
inline float FakeQuantize(float x, const FakeQuantRange& range) {
  float clamped = range.nudged_max < x ? range.nudged_max : x;
  clamped = clamped < range.nudged_min ? range.nudged_min : clamped;
  return std::floor((clamped - range.nudged_min) * range.inverse_scale + 0.5f) * range.scale +
         range.nudged_min;
}

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_FAKE_QUANT_MATH_H_
