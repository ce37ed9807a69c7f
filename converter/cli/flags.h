// tensorflowjs_converter's command line (same positional arguments, flag names and defaults),
// plus this converter's own --op_target, --tfjs_rewrites and --verbose.
#ifndef TFJS_NATIVE_CONVERTER_CLI_FLAGS_H_
#define TFJS_NATIVE_CONVERTER_CLI_FLAGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "converter/op_check.h"

namespace tfjs::converter {

// Model formats as --input_format and --output_format name them.
inline constexpr char kTfSavedModel[] = "tf_saved_model";
inline constexpr char kTfFrozenModel[] = "tf_frozen_model";
inline constexpr char kTfHub[] = "tf_hub";
inline constexpr char kTfjsGraphModel[] = "tfjs_graph_model";
inline constexpr char kTfjsLayersModel[] = "tfjs_layers_model";
inline constexpr char kKeras[] = "keras";

struct ConverterFlags {
  std::string input_path;
  std::string output_path;
  std::string input_format = kTfSavedModel;
  // Empty: inferred from the input format, as tensorflowjs_converter does.
  std::string output_format;
  std::string signature_name;  // Empty: "serving_default".
  std::string saved_model_tags = "serve";
  std::string output_node_names;  // Comma-separated.
  std::optional<int64_t> weight_shard_size_bytes;  // Unset: 4194304.
  std::string metadata;  // "key:path.json,key2:path2.json".
  // Set when given; "" when given bare (every weight), else comma-separated name patterns.
  std::optional<std::string> quantize_float16;
  std::optional<std::string> quantize_uint8;
  std::optional<std::string> quantize_uint16;
  std::optional<int> quantization_bytes;
  bool skip_op_check = false;
  bool strip_debug_ops = true;
  bool control_flow_v2 = false;
  bool split_weights_by_layer = false;
  bool use_structured_outputs_names = false;
  bool experiments = false;
  bool show_version = false;
  bool show_help = false;
  bool verbose = false;
  bool quiet = false;
  OpTarget op_target = OpTarget::kTfjs;
  // For --op_target=tfjs and tfjs_graph_model output: rewrite what TF.js 4.22 computes wrong into
  // graphs it computes right (converter/passes/tfjs_rewrites.h). False: tensorflowjs_converter's
  // graph.
  bool tfjs_rewrites = true;
  // For tf_frozen_model / tf_saved_model output: fused ops split back into public TF ops.
  bool public_tf_ops = true;
};

// Parses the arguments after the program name. Flags take `--flag=value` or `--flag value`.
// Booleans may stand bare (true) or take true/false/1/0; a bare boolean followed by one of those
// words takes it as its value. Quantize flags may stand bare. Everything after `--` is
// positional. Unknown flags, bad values and extra positionals are errors.
absl::StatusOr<ConverterFlags> ParseConverterFlags(absl::Span<const std::string> args);

// The --help text, documenting every flag.
std::string ConverterUsage();

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_CLI_FLAGS_H_
