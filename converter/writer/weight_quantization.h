// Weight quantization as tensorflowjs_converter's quantization.py does it: float16 by rounding,
// uint8/uint16 by an affine map over the weight's [min, max] nudged so that 0 is exact.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_QUANTIZATION_H_
#define TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_QUANTIZATION_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "io/weights_manifest.h"

namespace tfjs::converter {

// Dequantization is value = code * scale + min; values are clipped to [min, max] first.
struct AffineRange {
  double min = 0;
  double scale = 1;
  double max = 0;
};

// quantization.py's range for data spanning [min_value, max_value] (finite, min < max):
// scale = (max - min) / code_max in float64 (code_max 255 or 65535) and, when 0 lies in the
// range, min nudged to -round_half_even(-min / scale) * scale so that code round(-min/scale)
// stands for exactly 0, and max to code_max * scale + min. A range without 0 is kept as is.
AffineRange AffineQuantizationRange(double min_value, double max_value, io::QuantizedDType dtype);

struct QuantizedWeight {
  // Little-endian codes (uint8 or uint16) or float16 bits, one per value.
  std::string bytes;
  // Set for uint8/uint16.
  std::optional<AffineRange> range;
  // Largest |dequantized - original| over the values, dequantized as TF.js does.
  double max_abs_error = 0;
};

// Quantizes float32 values. Affine: a constant weight gives all-zero codes with scale 1 and min
// the constant; otherwise codes are round_half_even((clip(x, min, max) - min) / scale) evaluated in
// float32, as numpy evaluates quantization.py's expression on a float32 array. float16 rounds to
// nearest even (overflow gives infinity). Affine quantization of values holding NaN or infinity
// fails: tensorflowjs_converter would write a NaN min that no JSON reader accepts.
absl::StatusOr<QuantizedWeight> QuantizeFloat32(absl::Span<const float> values,
                                                io::QuantizedDType dtype);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_QUANTIZATION_H_
