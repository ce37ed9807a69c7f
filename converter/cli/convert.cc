#include "converter/cli/convert.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "converter/cli/writer_flags.h"
#include "converter/keras/lower_keras_model.h"
#include "converter/op_check.h"
#include "converter/passes/lower_control_flow.h"
#include "converter/passes/optimize.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/split_fused_ops.h"
#include "converter/passes/strip_debug_ops.h"
#include "converter/passes/tfjs_rewrites.h"
#include "converter/readers/frozen_graph_reader.h"
#include "converter/readers/hub/hub_module_reader.h"
#include "converter/readers/keras_h5_reader.h"
#include "converter/readers/proto_file.h"
#include "converter/readers/saved_model_reader.h"
#include "converter/readers/tfjs_graph_model_reader.h"
#include "converter/writer/graph_model_writer.h"
#include "converter/writer/layers_model_writer.h"
#include "converter/writer/tf_model_writers.h"
#include "io/progress_line.h"

namespace tfjs::converter {
namespace {

// Unimplemented: "<what> is not implemented yet<details>".
absl::Status NotImplemented(absl::string_view what, absl::string_view details = "") {
  return absl::UnimplementedError(absl::StrCat(what, " is not implemented yet", details));
}

// The output format tensorflowjs_converter infers when --output_format is not given.
std::string OutputFormat(const ConverterFlags& flags) {
  if (!flags.output_format.empty()) return flags.output_format;
  const std::string& in = flags.input_format;
  if (in == "keras" || in == "keras_keras" || in == "keras_saved_model") return kTfjsLayersModel;
  if (in == "tfjs_layers_model") return "keras";
  return kTfjsGraphModel;
}

std::vector<std::string> SplitList(const std::string& list) {
  return absl::StrSplit(list, ',', absl::SkipEmpty());
}

// tensorflowjs_converter's own checks on the flag combination, in its order.
absl::Status CheckFlagCombination(const ConverterFlags& flags, const std::string& output_format) {
  if (flags.input_path.empty()) {
    return absl::InvalidArgumentError(
        "Missing input_path argument. For usage, use the --help flag.");
  }
  if (flags.output_path.empty()) {
    return absl::InvalidArgumentError(
        "Missing output_path argument. For usage, use the --help flag.");
  }
  if (flags.weight_shard_size_bytes.has_value() && output_format != kTfjsLayersModel &&
      output_format != kTfjsGraphModel) {
    return absl::InvalidArgumentError(
        "The --weight_shard_size_bytes flag is only supported when output_format is "
        "tfjs_layers_model or tfjs_graph_model.");
  }
  if (flags.quantization_bytes.has_value() &&
      (flags.quantize_float16 || flags.quantize_uint8 || flags.quantize_uint16)) {
    return absl::InvalidArgumentError(
        "--quantization_bytes cannot be used with the new quantization flags");
  }
  if (!flags.signature_name.empty() && flags.input_format != kTfSavedModel &&
      flags.input_format != kTfHub) {
    return absl::InvalidArgumentError(absl::StrCat(
        "The --signature_name flag is applicable only to \"tf_saved_model\" and \"tf_hub\" "
        "input format, but the current input format is \"",
        flags.input_format, "\"."));
  }
  if (flags.control_flow_v2 && output_format != kTfjsGraphModel) {
    return absl::InvalidArgumentError(absl::StrCat(
        "The --control_flow_v2 flag is applicable only to \"tfjs_graph_model\" as output "
        "format, but the current output format is \"",
        output_format, "\""));
  }
  return absl::OkStatus();
}

// Flags this converter accepts but cannot honour yet: refused, never ignored.
absl::Status CheckImplemented(const ConverterFlags& flags, const std::string& output_format) {
  const bool graph_input = flags.input_format == kTfSavedModel ||
                           flags.input_format == kTfFrozenModel || flags.input_format == kTfHub ||
                           flags.input_format == kTfjsGraphModel ||
                           flags.input_format == kKeras;
  const bool graph_output = output_format == kTfjsGraphModel ||
                            output_format == kTfFrozenModel || output_format == kTfSavedModel;
  const bool keras_to_layers = flags.input_format == kKeras && output_format == kTfjsLayersModel;
  if (!(graph_input && graph_output) && !keras_to_layers) {
    return NotImplemented(absl::StrCat(
        "converting --input_format=", flags.input_format, " to --output_format=", output_format,
        " (this converter reads tf_saved_model, tf_frozen_model, tf_hub, tfjs_graph_model and keras "
        "into tfjs_graph_model, tf_frozen_model or tf_saved_model, and keras into "
        "tfjs_layers_model)"));
  }
  if (flags.experiments) return NotImplemented("--experiments=true");
  return absl::OkStatus();
}

// A TF.js graph model converted onto itself (the output path is its directory or model.json)
// would replace the files it is read from: refused.
absl::Status CheckOutputIsNotInput(const ConverterFlags& flags) {
  namespace fs = std::filesystem;
  if (flags.input_format != kTfjsGraphModel) return absl::OkStatus();
  std::error_code ec;
  const fs::path input(flags.input_path);
  const fs::path model_dir = fs::is_directory(input, ec) ? input : input.parent_path();
  for (const fs::path& read : {input, model_dir.empty() ? fs::path(".") : model_dir}) {
    if (fs::equivalent(read, flags.output_path, ec)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the output path ", flags.output_path, " is the input model's ",
          read == input && !fs::is_directory(input, ec) ? "model.json" : "directory",
          ": write the converted model elsewhere"));
    }
  }
  return absl::OkStatus();
}

// "key:path.json,key2:path2.json" -> (key, JSON text) in the given order.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReadMetadata(
    const std::string& spec) {
  std::vector<std::pair<std::string, std::string>> metadata;
  for (absl::string_view entry : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    const size_t colon = entry.find(':');
    if (colon == absl::string_view::npos || colon == 0 || colon + 1 == entry.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--metadata entry '", entry, "' is not of the form key:path/metadata.json"));
    }
    const std::string path(entry.substr(colon + 1));
    absl::StatusOr<std::string> text = ReadFileToString(path);
    if (!text.ok()) {
      return absl::Status(text.status().code(),
                          absl::StrCat("--metadata: ", text.status().message()));
    }
    metadata.emplace_back(std::string(entry.substr(0, colon)), *std::move(text));
  }
  return metadata;
}

// Strips debug ops, then drops what only they used (signature inputs stay, as the model's API).
absl::Status StripDebugOpsAndPrune(FrozenModel& model) {
  StripDebugOps(&model.graph);
  std::vector<std::string> keep;
  for (const auto& [key, info] : model.signature.inputs()) keep.push_back(info.name());
  for (const auto& [key, info] : model.signature.outputs()) keep.push_back(info.name());
  if (absl::Status status = PruneGraph(keep, &model.graph); !status.ok()) return status;
  RemoveUnusedFunctions(&model.graph);
  return absl::OkStatus();
}

absl::StatusOr<FrozenModel> ReadModel(const ConverterFlags& flags, io::ProgressLine& progress) {
  if (flags.input_format == kTfFrozenModel) {
    return ReadFrozenModel(flags.input_path, SplitList(flags.output_node_names));
  }
  if (flags.input_format == kTfjsGraphModel) {
    return ReadTfjsGraphModel(flags.input_path, SplitList(flags.output_node_names));
  }
  if (flags.input_format == kKeras) {
    absl::StatusOr<LayersModel> keras = ReadKerasH5(flags.input_path);
    if (!keras.ok()) return keras.status();
    return LowerKerasModel(*keras);
  }
  if (flags.input_format == kTfHub) {
    HubModuleReadOptions hub;
    if (!flags.signature_name.empty()) hub.signature_name = flags.signature_name;
    hub.saved_model_tags = flags.saved_model_tags;
    hub.output_node_names = SplitList(flags.output_node_names);
    hub.cache.progress = [&progress](std::string text) { progress.Set(std::move(text)); };
    return ReadTfHubModule(flags.input_path, hub);
  }
  SavedModelReadOptions options;
  options.tags = flags.saved_model_tags;
  if (!flags.signature_name.empty()) options.signature_name = flags.signature_name;
  options.output_node_names = SplitList(flags.output_node_names);
  return ReadSavedModel(flags.input_path, options);
}

}  // namespace

absl::Status PrepareGraph(const ConverterFlags& flags, FrozenModel* model, std::ostream& log) {
  absl::Status status;
  // TF2 control flow becomes TF1 Switch/Merge/Enter/... unless asked to stay functional, as
  // tensorflowjs_converter freezes with lower_control_flow = not control_flow_v2.
  if (!flags.control_flow_v2) {
    if (status = LowerControlFlow(&model->graph); !status.ok()) return status;
  }
  if (flags.strip_debug_ops) {
    if (status = StripDebugOpsAndPrune(*model); !status.ok()) return status;
  }
  const bool for_tfjs =
      flags.op_target == OpTarget::kTfjs && OutputFormat(flags) == kTfjsGraphModel;
  const bool tfjs_rewrites = for_tfjs && flags.tfjs_rewrites;
  if (tfjs_rewrites) {
    if (status = RunTfjsLayoutRewrites(model); !status.ok()) return status;
  }
  if (status = RunOptimizationPasses(*model); !status.ok()) return status;
  if (tfjs_rewrites) {
    if (status = RunTfjsRewrites(model); !status.ok()) return status;
  }
  // What TF.js computes differently from TensorFlow in the graph as written, rewrites or not.
  if (for_tfjs) NoteTfjsDifferences(model->graph, log);
  return absl::OkStatus();
}

absl::Status RunConverter(const ConverterFlags& flags, std::ostream& log,
                          std::ostream* progress) {
  const std::string output_format = OutputFormat(flags);
  absl::Status status = CheckFlagCombination(flags, output_format);
  if (status.ok()) status = CheckImplemented(flags, output_format);
  if (status.ok()) status = CheckOutputIsNotInput(flags);
  if (!status.ok()) return status;

  ModelWriterOptions options;
  ApplyWriterFlags(flags, log, &options);
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> metadata =
      ReadMetadata(flags.metadata);
  if (!metadata.ok()) return metadata.status();
  options.user_metadata = *std::move(metadata);
  options.log = &log;
  if (flags.op_target == OpTarget::kNative) options.weight_dtypes = WeightDtypes::kNative;

  io::ProgressLine progress_line(progress);
  progress_line.Set(absl::StrCat("Reading ", flags.input_path));
  const std::string writing = absl::StrCat("Writing ", flags.output_path);
  if (flags.input_format == kKeras && output_format == kTfjsLayersModel) {
    absl::StatusOr<LayersModel> keras = ReadKerasH5(flags.input_path);
    if (!keras.ok()) return keras.status();
    progress_line.Set(writing);
    return WriteLayersModel(*keras, flags.output_path, options);
  }
  absl::StatusOr<FrozenModel> model = ReadModel(flags, progress_line);
  if (!model.ok()) return model.status();
  if (flags.input_format == kTfFrozenModel && flags.output_node_names.empty()) {
    log << "No --output_node_names given: the outputs are the graph's sink tensors: "
        << absl::StrJoin(model->output_nodes, ",") << "\n";
  }
  options.generated_by = model->tensorflow_version;
  if (options.user_metadata.empty()) options.user_metadata = model->user_metadata;
  progress_line.Set(absl::StrCat("Optimizing the graph of ", model->graph.node_size(), " nodes"));
  if (status = PrepareGraph(flags, &*model, log); !status.ok()) return status;
  if (!flags.skip_op_check) {
    progress_line.Set("Checking ops");
    if (status = CheckOpsSupported(model->graph, flags.op_target); !status.ok()) return status;
    status = CheckOpsSupported(model->initializer, flags.op_target);
    if (!status.ok()) return status;
  }
  progress_line.Set(writing);
  if (output_format == kTfFrozenModel || output_format == kTfSavedModel) {
    if (flags.public_tf_ops) {
      if (status = SplitFusedOps(&model->graph); !status.ok()) return status;
      if (status = SplitFusedOps(&model->initializer); !status.ok()) return status;
    }
    // TensorFlow's formats hold every Const's value in the graph itself.
    if (status = MaterializeAllConsts(&*model); !status.ok()) return status;
  }
  if (output_format == kTfFrozenModel) return WriteFrozenGraph(*model, flags.output_path);
  if (output_format == kTfSavedModel) return WriteSavedModel(*model, flags.output_path);
  return WriteGraphModel(*std::move(model), flags.output_path, options);
}

}  // namespace tfjs::converter
