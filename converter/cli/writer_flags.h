// The graph-model writer options that the command line's weight flags select: shard size,
// quantization, weight groups, structured output names and the quantization report.
#ifndef TFJS_NATIVE_CONVERTER_CLI_WRITER_FLAGS_H_
#define TFJS_NATIVE_CONVERTER_CLI_WRITER_FLAGS_H_

#include <ostream>
#include <vector>

#include "converter/cli/flags.h"
#include "converter/writer/graph_model_writer.h"
#include "converter/writer/quantization_plan.h"

namespace tfjs::converter {

// tensorflowjs_converter's quantization_dtype_map as requests: --quantize_float16, --quantize_uint8
// and --quantize_uint16 in that order, each with its comma-separated patterns (split as Python's
// str.split(',')) or none when bare; --quantization_bytes as a bare uint8/uint16 request.
std::vector<QuantizationRequest> QuantizationRequests(const ConverterFlags& flags);

// Sets the options the weight flags decide. Notes (the --quantization_bytes deprecation, flags
// that do not apply to the input format) go to `log`.
void ApplyWriterFlags(const ConverterFlags& flags, std::ostream& log,
                      ModelWriterOptions* options);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_CLI_WRITER_FLAGS_H_
