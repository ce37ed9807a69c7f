#include "converter/cli/flags.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "converter/writer/converter_version.h"

namespace tfjs::converter {
namespace {

enum class FlagKind {
  kValue,          // Needs a value.
  kBool,           // Bare means true, or true/false/1/0.
  kOptionalValue,  // Bare, or with a value (the quantize flags).
};

using Setter = absl::Status (*)(absl::string_view value, ConverterFlags* flags);

struct FlagSpec {
  const char* name;
  const char* short_name;  // "" when none.
  FlagKind kind;
  const char* value_name;  // Shown in --help.
  Setter set;
  const char* help;
};

constexpr const char* kInputFormats[] = {"tf_saved_model", "tf_frozen_model", "tf_hub",
                                         "keras", "keras_keras", "keras_saved_model",
                                         "tfjs_layers_model", "tfjs_graph_model"};
constexpr const char* kOutputFormats[] = {"tfjs_graph_model", "tfjs_layers_model", "keras",
                                          "keras_keras", "keras_saved_model",
                                          "tf_frozen_model", "tf_saved_model"};

absl::StatusOr<bool> ParseBool(absl::string_view flag, absl::string_view value) {
  if (value == "true" || value == "True" || value == "1") return true;
  if (value == "false" || value == "False" || value == "0") return false;
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag, " takes true, false, 1 or 0, not '", value, "'"));
}

template <size_t N>
absl::Status CheckChoice(absl::string_view flag, absl::string_view value,
                         const char* const (&choices)[N]) {
  for (const char* choice : choices) {
    if (value == choice) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": invalid choice '", value,
                                                 "' (choose from ", absl::StrJoin(choices, ", "),
                                                 ")"));
}

#define TFJS_BOOL_SETTER(field)                                              \
  [](absl::string_view value, ConverterFlags* flags) -> absl::Status {      \
    absl::StatusOr<bool> parsed = ParseBool(#field, value);                 \
    if (!parsed.ok()) return parsed.status();                               \
    flags->field = *parsed;                                                 \
    return absl::OkStatus();                                                \
  }

#define TFJS_STRING_SETTER(field)                                      \
  [](absl::string_view value, ConverterFlags* flags) -> absl::Status { \
    flags->field = std::string(value);                                 \
    return absl::OkStatus();                                           \
  }

const FlagSpec kFlags[] = {
    {"input_format", "", FlagKind::kValue, "{tf_saved_model,tf_frozen_model,tf_hub,keras,...}",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       absl::Status status = CheckChoice("input_format", value, kInputFormats);
       if (status.ok()) flags->input_format = std::string(value);
       return status;
     },
     "Input format: tf_saved_model (default; a SavedModel directory), tf_frozen_model (a "
     "GraphDef .pb/.pbtxt file), tf_hub (a TF-Hub module: directory, .tar.gz or http(s) URL, "
     "downloaded into $XDG_CACHE_HOME/tfjs_native/hub), keras (a Keras 2 HDF5 file, to "
     "tfjs_layers_model), keras_keras, keras_saved_model, tfjs_layers_model, or tfjs_graph_model "
     "(a TF.js graph model's model.json or its directory; not in tensorflowjs_converter). "
     "keras_keras, keras_saved_model and tfjs_layers_model inputs are not implemented yet."},
    {"output_format", "", FlagKind::kValue, "{tfjs_graph_model,tfjs_layers_model,keras,...}",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       absl::Status status = CheckChoice("output_format", value, kOutputFormats);
       if (status.ok()) flags->output_format = std::string(value);
       return status;
     },
     "Output format. Default: tfjs_graph_model for TensorFlow and TF.js graph inputs, "
     "tfjs_layers_model for keras. Beyond "
     "tensorflowjs_converter: tf_frozen_model (output_path is a binary GraphDef .pb file) and "
     "tf_saved_model (a SavedModel directory, signature serving_default), both with the weights "
     "inlined as Consts. Keras outputs are not implemented yet."},
    {"signature_name", "", FlagKind::kValue, "SIGNATURE_NAME", TFJS_STRING_SETTER(signature_name),
     "Signature of the SavedModel to convert. Default: serving_default (tf_hub: default). Only "
     "for tf_saved_model and tf_hub."},
    {"saved_model_tags", "", FlagKind::kValue, "SAVED_MODEL_TAGS",
     TFJS_STRING_SETTER(saved_model_tags),
     "Comma-separated tags of the MetaGraphDef to load. Default: serve. '' selects the "
     "MetaGraphDef without tags."},
    {"output_node_names", "", FlagKind::kValue, "OUTPUT_NODE_NAMES",
     TFJS_STRING_SETTER(output_node_names),
     "Comma-separated output nodes (\"node\" or \"node:k\"), e.g. \"logits,activations\". "
     "For tf_frozen_model, when omitted (tensorflowjs_converter requires it), the graph's sink "
     "tensors (outputs no node reads, except Consts and Placeholders), printed to stderr; for "
     "tf_saved_model it replaces the signature outputs."},
    {"weight_shard_size_bytes", "", FlagKind::kValue, "WEIGHT_SHARD_SIZE_BYTES",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       int64_t bytes;
       if (!absl::SimpleAtoi(value, &bytes) || bytes <= 0) {
         return absl::InvalidArgumentError(absl::StrCat(
             "Expected weight_shard_size_bytes to be a positive integer, but got ", value));
       }
       flags->weight_shard_size_bytes = bytes;
       return absl::OkStatus();
     },
     "Size in bytes of each weight file (the last may be smaller). Default: 4194304 (4 MB)."},
    {"metadata", "", FlagKind::kValue, "METADATA", TFJS_STRING_SETTER(metadata),
     "User-defined metadata, key:path/metadata.json; separate several with commas. Each "
     "file's JSON goes under model.json's \"userDefinedMetadata\" by its key."},
    {"skip_op_check", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(skip_op_check),
     "Do not check that every op of the graph is supported by --op_target."},
    {"strip_debug_ops", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(strip_debug_ops),
     "Strip debug ops from the graph and its functions, as Grappler's debug stripper does: "
     "CheckNumerics and Print become Identity of their first input, Assert and PrintV2 are "
     "removed, then nodes only they used are pruned. Default: true. false keeps them for the op "
     "check to judge."},
    {"control_flow_v2", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(control_flow_v2),
     "Keep TF2 control flow (If/While) and its library functions instead of lowering it to "
     "Switch/Merge/Enter/Exit/NextIteration/LoopCond. Default: false."},
    {"quantize_float16", "", FlagKind::kOptionalValue, "[NODE_PATTERNS]",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       flags->quantize_float16 = std::string(value);
       return absl::OkStatus();
     },
     "Comma-separated weight-name patterns (fnmatch: *, ?, [...]) of the float32 weights to "
     "store as float16 (rounded to nearest even); bare means every float32 weight no other "
     "--quantize flag names. A weight selected by two of these flags is an error."},
    {"quantize_uint8", "", FlagKind::kOptionalValue, "[NODE_PATTERNS]",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       flags->quantize_uint8 = std::string(value);
       return absl::OkStatus();
     },
     "Comma-separated weight-name patterns (fnmatch: *, ?, [...]) of the float32 weights to "
     "quantize to 1 byte (affine, as tensorflowjs_converter: min/max nudged so that 0 is "
     "exact); bare means every float32 weight no other --quantize flag names. A weight "
     "selected by two of these flags is an error."},
    {"quantize_uint16", "", FlagKind::kOptionalValue, "[NODE_PATTERNS]",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       flags->quantize_uint16 = std::string(value);
       return absl::OkStatus();
     },
     "Comma-separated weight-name patterns (fnmatch: *, ?, [...]) of the float32 weights to "
     "quantize to 2 bytes (affine, as tensorflowjs_converter: min/max nudged so that 0 is "
     "exact); bare means every float32 weight no other --quantize flag names. A weight "
     "selected by two of these flags is an error."},
    {"quantization_bytes", "", FlagKind::kValue, "{1,2}",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       if (value != "1" && value != "2") {
         return absl::InvalidArgumentError(absl::StrCat(
             "--quantization_bytes: invalid choice '", value, "' (choose from 1, 2)"));
       }
       flags->quantization_bytes = value == "1" ? 1 : 2;
       return absl::OkStatus();
     },
     "(Deprecated) Quantize every float32 weight to 1 or 2 bytes, as --quantize_uint8 or "
     "--quantize_uint16 without patterns do."},
    {"split_weights_by_layer", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(split_weights_by_layer),
     "Store every weight in a weight group (and weight files) of its own: "
     "group{g}-shard{i}of{N}.bin. tensorflowjs_converter applies this to Keras inputs only and "
     "ignores it for TensorFlow inputs; here a graph model's weights are each a group."},
    {"use_structured_outputs_names", "", FlagKind::kBool, "",
     TFJS_BOOL_SETTER(use_structured_outputs_names),
     "Name the graph model's outputs by the SavedModel signature's output keys: their sorted "
     "list goes to userDefinedMetadata.structuredOutputKeys, which TF.js's predict() uses. "
     "Default: false. Only for tf_saved_model, as in tensorflowjs_converter."},
    {"experiments", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(experiments),
     "tensorflowjs_converter's experimental Grappler settings. Default: false. true is not "
     "implemented yet."},
    {"op_target", "", FlagKind::kValue, "{tfjs,native}",
     [](absl::string_view value, ConverterFlags* flags) -> absl::Status {
       absl::StatusOr<OpTarget> target = ParseOpTarget(value);
       if (!target.ok()) return target.status();
       flags->op_target = *target;
       return absl::OkStatus();
     },
     "Which runtime the op check answers for: tfjs (default; only ops TF.js 4.22 runs) or "
     "native (any op this project's runtime has). Not in tensorflowjs_converter."},
    {"tfjs_rewrites", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(tfjs_rewrites),
     "With --op_target=tfjs and tfjs_graph_model output, rewrite graph patterns TF.js 4.22 "
     "computes wrong into equivalent graphs it computes right (NCHW ops made NHWC; batch norms' "
     "statistics outputs and training mode; 8- and 16-bit integers widened to int32; float "
     "FloorDiv; reductions over empty dims; MatrixBandPart; FakeQuantWithMinMaxVars; BitwiseAnd; "
     "integer Mean; NonMaxSuppressionV5's valid_outputs; TensorArray splits of unknown element "
     "shape) and refuse those it cannot compute exactly. Default: true; false writes "
     "tensorflowjs_converter's graph."},
    {"verbose", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(verbose),
     "Report every quantized weight: bytes saved and the largest absolute error of its "
     "dequantized values. Not in tensorflowjs_converter."},
    {"public_tf_ops", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(public_tf_ops),
     "With --output_format=tf_frozen_model or tf_saved_model, write public TF ops only: the "
     "fused ops TF.js runs (_FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul with a bias "
     "and activation; Prelu) become Conv2D / DepthwiseConv2dNative / MatMul + BiasAdd + the "
     "activation again, so TensorFlow, OpenCV's dnn, tf2onnx and TFLite's converter read them. "
     "Default: true; false keeps the fused ops. Not in tensorflowjs_converter."},
    {"quiet", "", FlagKind::kBool, "", TFJS_BOOL_SETTER(quiet),
     "Show no progress. Without it, when stderr is a terminal, a conversion or download running "
     "longer than a second shows what it is doing on one line rewritten in place. Not in "
     "tensorflowjs_converter."},
    {"version", "v", FlagKind::kBool, "", TFJS_BOOL_SETTER(show_version),
     "Print the converter's version and exit."},
    {"help", "h", FlagKind::kBool, "", TFJS_BOOL_SETTER(show_help),
     "Print this help and exit."},
};

#undef TFJS_BOOL_SETTER
#undef TFJS_STRING_SETTER

const FlagSpec* FindFlag(absl::string_view name, bool is_short) {
  for (const FlagSpec& flag : kFlags) {
    if (name == (is_short ? flag.short_name : flag.name) && !name.empty()) return &flag;
  }
  return nullptr;
}

// `text` as lines of at most `width` columns, each indented by `indent` spaces.
std::string WrapText(absl::string_view text, int indent, int width) {
  std::string wrapped;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!line.empty() && static_cast<int>(indent + line.size() + 1 + word.size()) > width) {
      absl::StrAppend(&wrapped, std::string(indent, ' '), line, "\n");
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", word);
  }
  if (!line.empty()) absl::StrAppend(&wrapped, std::string(indent, ' '), line, "\n");
  return wrapped;
}

bool IsBoolWord(absl::string_view word) {
  return word == "true" || word == "false" || word == "True" || word == "False" || word == "1" ||
         word == "0";
}

}  // namespace

absl::StatusOr<ConverterFlags> ParseConverterFlags(absl::Span<const std::string> args) {
  ConverterFlags flags;
  std::vector<std::string> positionals;
  bool only_positionals = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positionals || arg.size() < 2 || arg[0] != '-') {
      positionals.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    const bool is_short = arg[1] != '-';
    absl::string_view body = absl::string_view(arg).substr(is_short ? 1 : 2);
    std::optional<std::string> value;
    if (const size_t eq = body.find('='); eq != absl::string_view::npos) {
      value = std::string(body.substr(eq + 1));
      body = body.substr(0, eq);
    }
    const FlagSpec* flag = FindFlag(body, is_short);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unrecognized argument ", arg, " (see --help)"));
    }
    const bool next_exists = i + 1 < args.size();
    if (!value.has_value()) {
      switch (flag->kind) {
        case FlagKind::kValue:
          if (!next_exists || absl::string_view(args[i + 1]).substr(0, 2) == "--") {
            return absl::InvalidArgumentError(
                absl::StrCat("--", flag->name, " expects a value"));
          }
          value = args[++i];
          break;
        case FlagKind::kBool:
          value = (next_exists && IsBoolWord(args[i + 1])) ? args[++i] : "true";
          break;
        case FlagKind::kOptionalValue:
          // As argparse's nargs='?': the next argument is the value unless it looks like a flag.
          value = (next_exists && args[i + 1].rfind("-", 0) != 0) ? args[++i] : "";
          break;
      }
    }
    absl::Status status = flag->set(*value, &flags);
    if (!status.ok()) return status;
  }
  if (positionals.size() > 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("unrecognized arguments: ", absl::StrJoin(positionals.begin() + 2,
                                                                 positionals.end(), " ")));
  }
  if (!positionals.empty()) flags.input_path = positionals[0];
  if (positionals.size() > 1) flags.output_path = positionals[1];
  return flags;
}

std::string ConverterUsage() {
  std::string usage = absl::StrCat(
      "usage: converter [options] input_path output_path\n\n"
      "Converts a TensorFlow SavedModel or frozen graph to a TensorFlow.js graph model "
      "(model.json and\nweight shards), as tensorflowjs_converter ",
      kCompatibleTfjsConverterVersion,
      " does, with the same arguments.\n\n"
      "positional arguments:\n"
      "  input_path\n      The SavedModel directory or the frozen graph file.\n"
      "  output_path\n      Directory for model.json and the weight files. Written beside "
      "and moved into place\n      when complete: a failed conversion leaves an existing model "
      "untouched.\n\n"
      "Under `bazel run`, relative paths (input_path, output_path, --metadata files) are taken "
      "relative to\nthe directory Bazel was run from (BUILD_WORKING_DIRECTORY). Output files and "
      "directories get\nthe umask's modes (0644 and 0755 by default).\n\n"
      "options (--flag=value or --flag value):\n");
  for (const FlagSpec& flag : kFlags) {
    absl::StrAppend(&usage, "  --", flag.name);
    if (*flag.short_name != '\0') absl::StrAppend(&usage, ", -", flag.short_name);
    if (flag.kind == FlagKind::kBool) {
      absl::StrAppend(&usage, "[=true|false]");
    } else {
      absl::StrAppend(&usage, " ", flag.value_name);
    }
    absl::StrAppend(&usage, "\n", WrapText(flag.help, /*indent=*/6, /*width=*/80));
  }
  absl::StrAppend(&usage,
                  "\nexit status:\n"
                  "  0  converted (or --help, --version)\n"
                  "  1  the conversion failed; one line \"error: ...\" on stderr says why\n"
                  "  2  bad command line (unknown flag, bad flag value, extra arguments)\n");
  return usage;
}

}  // namespace tfjs::converter
