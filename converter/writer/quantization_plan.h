// Which weights --quantize_float16/--quantize_uint8/--quantize_uint16 select, decided as
// tensorflowjs_converter's map_layers_to_quantization_dtype does (fnmatch name patterns, one
// "every other weight" fallthrough).
#ifndef TFJS_NATIVE_CONVERTER_WRITER_QUANTIZATION_PLAN_H_
#define TFJS_NATIVE_CONVERTER_WRITER_QUANTIZATION_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "converter/writer/weight_quantization.h"
#include "io/weights_manifest.h"

namespace tfjs::converter {

struct QuantizationRequest {
  io::QuantizedDType dtype = io::QuantizedDType::kFloat16;
  // Named in error messages, e.g. "--quantize_uint8".
  std::string flag;
  // Weight-name patterns; nullopt selects every weight no pattern of another request selects.
  std::optional<std::vector<std::string>> patterns;
};

// Python's fnmatch.fnmatchcase: `*` any run of characters ('/' included), `?` one character,
// `[abc]`, `[a-z]` and `[!abc]` one character of (not of) a set, a `[` without its `]` literal,
// no escapes. Characters are bytes, so `?` matches one byte of a multi-byte UTF-8 character.
bool MatchesNamePattern(absl::string_view name, absl::string_view pattern);

// Per name, the dtype its weight is quantized to, or nullopt. Fails, naming the weight and both
// flags, when patterns of two requests with different dtypes select one weight, and when more
// than one request has no patterns.
absl::StatusOr<std::vector<std::optional<io::QuantizedDType>>> PlanQuantization(
    absl::Span<const std::string> weight_names, absl::Span<const QuantizationRequest> requests);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_QUANTIZATION_PLAN_H_
