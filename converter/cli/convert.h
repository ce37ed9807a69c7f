// One conversion as tensorflowjs_converter runs it for its parsed command line: check the flag
// combination, read the model, optimize its graph, check its ops, write the TF.js graph model.
#ifndef TFJS_NATIVE_CONVERTER_CLI_CONVERT_H_
#define TFJS_NATIVE_CONVERTER_CLI_CONVERT_H_

#include <ostream>

#include "absl/status/status.h"
#include "converter/cli/flags.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// Fails with tensorflowjs_converter's message for flag combinations it rejects, and with
// "... is not implemented yet" for inputs, outputs and flags this converter does not handle
// yet (keras and tf_hub inputs, quantization, ...) rather than ignoring them. Notes (dtype
// narrowing) go to `log`. When `progress` is given (a terminal), a conversion or download running
// longer than a second shows its stage there (io::ProgressLine).
absl::Status RunConverter(const ConverterFlags& flags, std::ostream& log,
                          std::ostream* progress = nullptr);

// What RunConverter does to a model's graph between reading it and the op check: lowers TF2
// control flow (unless --control_flow_v2), strips debug ops (with --strip_debug_ops), runs the
// optimization passes and, for the TF.js target, the TF.js rewrites (unless --tfjs_rewrites=false)
// and, rewrites or not, notes on `log` of what TF.js computes differently in the result.
// //tools:inspect checks ops on the same graph.
absl::Status PrepareGraph(const ConverterFlags& flags, FrozenModel* model, std::ostream& log);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_CLI_CONVERT_H_
