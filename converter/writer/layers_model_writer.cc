#include "converter/writer/layers_model_writer.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "converter/writer/python_json.h"

namespace tfjs::converter {
namespace {

// `config` re-serialized as json.dump writes it, with translate_class_names' renames. In that
// form a class name is exactly `"class_name": "<name>"`; inside a JSON string the quotes would be
// escaped, so the replacement touches class names only.
absl::StatusOr<std::string> TopologyConfig(const std::string& config, absl::string_view what) {
  absl::StatusOr<std::string> json = ReformatJsonAsPython(config);
  if (!json.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": ", json.status().message()));
  }
  return absl::StrReplaceAll(
      *json, {{R"("class_name": "BatchNormalizationV1")", R"("class_name": "BatchNormalization")"},
              {R"("class_name": "UnifiedGRU")", R"("class_name": "GRU")"},
              {R"("class_name": "UnifiedLSTM")", R"("class_name": "LSTM")"}});
}

// {"keras_version", "backend", "model_config", "training_config"}, as
// h5_merged_saved_model_to_tfjs_format builds it.
absl::Status AppendTopology(const LayersModel& model, std::string* json) {
  json->append("{\"keras_version\": ");
  absl::Status status = AppendPythonJsonString(model.keras_version, json);
  json->append(", \"backend\": ");
  if (status.ok()) status = AppendPythonJsonString(model.backend, json);
  if (!status.ok()) return status;
  absl::StatusOr<std::string> model_config = TopologyConfig(model.model_config, "model_config");
  if (!model_config.ok()) return model_config.status();
  absl::StrAppend(json, ", \"model_config\": ", *model_config);
  if (!model.training_config.empty()) {
    absl::StatusOr<std::string> training_config =
        TopologyConfig(model.training_config, "training_config");
    if (!training_config.ok()) return training_config.status();
    absl::StrAppend(json, ", \"training_config\": ", *training_config);
  }
  json->append("}");
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteLayersModel(const LayersModel& model, const std::string& output_dir,
                              const ModelWriterOptions& options) {
  // A weights-only file has no topology, and Python then writes None for both.
  const bool has_topology = !model.model_config.empty();
  absl::StatusOr<std::string> json = ModelJsonStart(
      "layers-model", has_topology ? std::optional<std::string>(absl::StrCat(
                                         "keras v", model.keras_version))
                                   : std::nullopt);
  if (!json.ok()) return json.status();
  absl::Status status;
  if (!options.user_metadata.empty()) {
    json->append(", \"userDefinedMetadata\": ");
    status = AppendUserMetadata(options.user_metadata, &*json);
  }
  if (!status.ok()) return status;
  json->append(", \"modelTopology\": ");
  if (has_topology) {
    if (status = AppendTopology(model, &*json); !status.ok()) return status;
  } else {
    json->append("null");
  }

  std::vector<ConstWeight> weights;
  std::vector<int> layer_of_weight;
  for (size_t layer = 0; layer < model.layers.size(); ++layer) {
    for (const LayersModelWeight& weight : model.layers[layer]) {
      weights.push_back(ConstWeight{weight.name, &weight.value, /*top_level=*/false});
      layer_of_weight.push_back(static_cast<int>(layer));
    }
  }
  return WriteModelFiles(*std::move(json), weights, /*external_weights=*/{}, layer_of_weight,
                         options, output_dir);
}

}  // namespace tfjs::converter
