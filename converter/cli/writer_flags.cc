#include "converter/cli/writer_flags.h"

#include <optional>
#include <string>

#include "absl/strings/str_split.h"
#include "io/weights_manifest.h"

namespace tfjs::converter {
namespace {

void AddRequest(const std::optional<std::string>& flag_value, io::QuantizedDType dtype,
                const char* flag, std::vector<QuantizationRequest>* requests) {
  if (!flag_value.has_value()) return;
  QuantizationRequest request;
  request.dtype = dtype;
  request.flag = flag;
  // Bare: every weight. Given: Python's split(','), which keeps empty pieces (they match only
  // an empty name).
  if (!flag_value->empty()) request.patterns = absl::StrSplit(*flag_value, ',');
  requests->push_back(std::move(request));
}

}  // namespace

std::vector<QuantizationRequest> QuantizationRequests(const ConverterFlags& flags) {
  std::vector<QuantizationRequest> requests;
  if (flags.quantization_bytes.has_value()) {
    QuantizationRequest request;
    request.dtype = *flags.quantization_bytes == 1 ? io::QuantizedDType::kUint8 : io::QuantizedDType::kUint16;
    request.flag = "--quantization_bytes";
    requests.push_back(std::move(request));
  }
  AddRequest(flags.quantize_float16, io::QuantizedDType::kFloat16, "--quantize_float16", &requests);
  AddRequest(flags.quantize_uint8, io::QuantizedDType::kUint8, "--quantize_uint8", &requests);
  AddRequest(flags.quantize_uint16, io::QuantizedDType::kUint16, "--quantize_uint16", &requests);
  return requests;
}

void ApplyWriterFlags(const ConverterFlags& flags, std::ostream& log,
                      ModelWriterOptions* options) {
  if (flags.weight_shard_size_bytes.has_value()) {
    options->weight_shard_size_bytes = *flags.weight_shard_size_bytes;
  }
  if (flags.quantization_bytes.has_value()) {
    log << "warning: --quantization_bytes will be deprecated in a future release; consider "
           "--quantize_uint8, --quantize_uint16 or --quantize_float16\n";
  }
  options->quantization = QuantizationRequests(flags);
  options->split_weights_by_layer = flags.split_weights_by_layer;
  options->verbose = flags.verbose;
  if (flags.use_structured_outputs_names && flags.input_format != "tf_saved_model") {
    log << "note: --use_structured_outputs_names applies to tf_saved_model inputs only, as in "
           "tensorflowjs_converter; ignored\n";
  } else {
    options->use_structured_outputs_names = flags.use_structured_outputs_names;
  }
}

}  // namespace tfjs::converter
