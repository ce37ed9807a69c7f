#include "io/model_json.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/manifest_schema.h"
#include "io/model_json_schema.pb.h"

namespace tfjs::io {
namespace {

constexpr absl::string_view kGraphModelFormat = "graph-model";
constexpr absl::string_view kLayersModelFormat = "layers-model";

// TF.js's loaders take the format at its word; files without one (older converters) are told
// apart by their topology: a GraphDef has a list of nodes.
bool IsGraphTopology(absl::string_view format, const google::protobuf::Value& topology) {
  if (format == kGraphModelFormat) return true;
  if (format == kLayersModelFormat) return false;
  if (!topology.has_struct_value()) return false;
  auto node = topology.struct_value().fields().find("node");
  return node != topology.struct_value().fields().end() && node->second.has_list_value();
}

// A Const node whose value is a weight of the manifest carries a `value` attr holding only its
// dtype and shape, which the weight has too (TF.js reads the weight); the stub is dropped as the
// node is read, as it would otherwise take most of a large graph's memory.
void DropWeightStub(const absl::flat_hash_set<absl::string_view>& weight_names,
                    tensorflow::NodeDef& node) {
  if (node.op() != "Const" || !node.attr().contains("dtype") ||
      !weight_names.contains(node.name())) {
    return;
  }
  node.mutable_attr()->erase("value");
}

}  // namespace

absl::StatusOr<ModelJson> ParseModelJson(absl::string_view json, absl::string_view source) {
  // Each view reads the keys it knows and skips the rest.
  schema::ModelJsonCommon common;
  absl::Status parsed = ParseJsonMessage(json, source, &common);
  if (!parsed.ok()) return parsed;
  // The manifest first, its schema form freed before the topology is read.
  absl::StatusOr<WeightsManifest> manifest = ManifestFromSchema(common.weights_manifest(), source);
  if (!manifest.ok()) return manifest.status();
  const bool has_manifest = common.weights_manifest_size() > 0;
  google::protobuf::RepeatedPtrField<schema::WeightGroup>().Swap(common.mutable_weights_manifest());
  ModelJson model;
  model.weights_manifest = *std::move(manifest);
  model.format = common.format();
  model.generated_by = common.generated_by();
  model.converted_by = common.converted_by();

  schema::LayersModelTopology layers;
  if (model.format != kGraphModelFormat) {
    parsed = ParseJsonMessage(json, source, &layers);
    if (!parsed.ok()) return parsed;
  }
  if (IsGraphTopology(model.format, layers.model_topology())) {
    absl::flat_hash_set<absl::string_view> weight_names;
    for (const WeightGroup& group : model.weights_manifest) {
      for (const WeightEntry& entry : group.weights) weight_names.insert(entry.name);
    }
    schema::GraphModelTopology graph;
    parsed = ParseJsonMessage(json, source, &graph,
                              [&weight_names](const google::protobuf::FieldDescriptor& field,
                                              google::protobuf::Message& element) {
                                if (field.message_type() != tensorflow::NodeDef::descriptor()) {
                                  return;
                                }
                                DropWeightStub(weight_names,
                                               static_cast<tensorflow::NodeDef&>(element));
                              });
    if (!parsed.ok()) return parsed;
    if (graph.has_model_topology()) model.graph = std::move(*graph.mutable_model_topology());
    if (graph.has_model_initializer()) {
      model.model_initializer = std::move(*graph.mutable_model_initializer());
    }
  } else if (layers.model_topology().has_struct_value()) {
    model.layers_topology = std::move(*layers.mutable_model_topology()->mutable_struct_value());
    if (layers.has_training_config()) {
      model.training_config = std::move(*layers.mutable_training_config());
    }
  }
  if (!model.graph.has_value() && !model.layers_topology.has_value() &&
      !has_manifest) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": contains neither modelTopology nor weightsManifest"));
  }

  if (common.has_signature()) model.signature = std::move(*common.mutable_signature());
  if (common.has_user_defined_metadata()) {
    model.user_defined_metadata = std::move(*common.mutable_user_defined_metadata());
  }
  if (common.has_initializer_signature()) {
    model.initializer_signature = std::move(*common.mutable_initializer_signature());
  }
  schema::ResourceIds resource_ids;
  parsed = ParseJsonMessage(json, source, &resource_ids);
  if (!parsed.ok()) return parsed;
  for (const auto& [key, info] : resource_ids.signature().inputs()) {
    if (info.has_resource_id()) model.input_resource_ids[key] = info.resource_id();
  }
  for (const auto& [key, info] : resource_ids.initializer_signature().outputs()) {
    if (info.has_resource_id()) model.initializer_output_resource_ids[key] = info.resource_id();
  }
  return model;
}

}  // namespace tfjs::io
