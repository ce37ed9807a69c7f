#include "converter/writer/weight_quantization.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "io/weights_manifest.h"
#include "runtime/half.h"

namespace tfjs::converter {
namespace {

double CodeMax(io::QuantizedDType dtype) { return dtype == io::QuantizedDType::kUint8 ? 255.0 : 65535.0; }

template <typename Code>
void AppendCode(uint32_t code, std::string* out) {
  const Code value = static_cast<Code>(code);
  char bytes[sizeof(Code)];
  std::memcpy(bytes, &value, sizeof(Code));
  out->append(bytes, sizeof(Code));
}

// TF.js's dequantization: code * scale + min as JS numbers, stored into a Float32Array.
float Dequantize(uint32_t code, const AffineRange& range) {
  return static_cast<float>(static_cast<double>(code) * range.scale + range.min);
}

QuantizedWeight QuantizeFloat16(absl::Span<const float> values) {
  QuantizedWeight result;
  result.bytes.reserve(values.size() * 2);
  for (float value : values) {
    const uint16_t half = runtime::FloatToHalf(value);
    AppendCode<uint16_t>(half, &result.bytes);
    if (!std::isnan(value)) {
      result.max_abs_error = std::max(
          result.max_abs_error,
          std::fabs(static_cast<double>(runtime::HalfToFloat(half)) - static_cast<double>(value)));
    }
  }
  return result;
}

}  // namespace

AffineRange AffineQuantizationRange(double min_value, double max_value, io::QuantizedDType dtype) {
  const double code_max = CodeMax(dtype);
  AffineRange range;
  range.scale = (max_value - min_value) / code_max;
  range.min = min_value;
  range.max = max_value;
  if (min_value <= 0 && 0 <= max_value) {
    // np.round: halves to even, which nearbyint does in the default rounding mode.
    const double zero_code = std::nearbyint((0 - min_value) / range.scale);
    range.min = -zero_code * range.scale;
    range.max = code_max * range.scale + range.min;
  }
  return range;
}

absl::StatusOr<QuantizedWeight> QuantizeFloat32(absl::Span<const float> values,
                                                io::QuantizedDType dtype) {
  if (dtype == io::QuantizedDType::kFloat16) return QuantizeFloat16(values);
  QuantizedWeight result;
  if (values.empty()) {
    // numpy's min() of an empty array raises; there is nothing to scale, so keep the identity.
    result.range = AffineRange{0, 1, 0};
    return result;
  }
  float lowest = values[0];
  float highest = values[0];
  for (float value : values) {
    if (!std::isfinite(value)) {
      return absl::InvalidArgumentError(
          "holds NaN or infinity, which affine quantization cannot represent");
    }
    lowest = std::min(lowest, value);
    highest = std::max(highest, value);
  }
  const bool is_uint8 = dtype == io::QuantizedDType::kUint8;
  result.bytes.reserve(values.size() * (is_uint8 ? 1 : 2));
  AffineRange range;
  if (lowest == highest) {
    range.min = lowest;  // Every value is code 0; scale stays 1.
    range.max = lowest;
  } else {
    range = AffineQuantizationRange(lowest, highest, dtype);
  }
  // numpy 1.x keeps a float32 array float32 when combined with float64 scalars: the clip bounds,
  // the subtraction and the division all happen in float32.
  const float clip_low = static_cast<float>(range.min);
  const float clip_high = static_cast<float>(range.max);
  const float scale = static_cast<float>(range.scale);
  for (float value : values) {
    uint32_t code = 0;
    if (lowest != highest) {
      const float clipped = std::min(std::max(value, clip_low), clip_high);
      const float scaled = std::nearbyint((clipped - clip_low) / scale);
      code = static_cast<uint32_t>(std::min<double>(std::max(scaled, 0.0f), CodeMax(dtype)));
    }
    if (is_uint8) {
      AppendCode<uint8_t>(code, &result.bytes);
    } else {
      AppendCode<uint16_t>(code, &result.bytes);
    }
    result.max_abs_error =
        std::max(result.max_abs_error,
                 std::fabs(static_cast<double>(Dequantize(code, range)) - value));
  }
  result.range = range;
  return result;
}

}  // namespace tfjs::converter
