#include "converter/writer/graph_model_writer.h"

#include <algorithm>
#include <map>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/writer/const_extraction.h"
#include "converter/writer/converter_version.h"
#include "converter/writer/proto_json.h"
#include "converter/writer/python_json.h"

namespace tfjs::converter {
namespace {

constexpr char kStructuredOutputKeysKey[] = "structuredOutputKeys";

// The metadata entries model.json carries: the user's, then structuredOutputKeys (replacing a
// user entry of that name in place, as Python's dict assignment does).
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> MetadataEntries(
    const FrozenModel& model, const ModelWriterOptions& options) {
  std::vector<std::pair<std::string, std::string>> entries = options.user_metadata;
  if (!options.use_structured_outputs_names) return entries;
  std::vector<std::string> keys;
  for (const auto& [key, info] : model.signature.outputs()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  std::string list = "[";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) list.append(", ");
    absl::Status status = AppendPythonJsonString(keys[i], &list);
    if (!status.ok()) return status;
  }
  list.append("]");
  auto existing = std::find_if(entries.begin(), entries.end(), [](const auto& entry) {
    return entry.first == kStructuredOutputKeysKey;
  });
  if (existing != entries.end()) {
    existing->second = list;
  } else {
    entries.emplace_back(kStructuredOutputKeysKey, list);
  }
  return entries;
}

// A map of TensorInfo as MessageToDict writes it (keys sorted, see proto_json.h), with the
// "resourceId" tensorflowjs_converter adds after the fields of each entry `resource_ids` has.
absl::Status AppendTensorInfoMap(
    const google::protobuf::Map<std::string, tensorflow::TensorInfo>& infos,
    const std::map<std::string, int64_t>& resource_ids, std::string* json) {
  const std::map<std::string, const tensorflow::TensorInfo*> sorted = [&] {
    std::map<std::string, const tensorflow::TensorInfo*> by_key;
    for (const auto& [key, info] : infos) by_key[key] = &info;
    return by_key;
  }();
  json->push_back('{');
  for (const auto& [key, info] : sorted) {
    if (json->back() != '{') json->append(", ");
    absl::Status status = AppendPythonJsonString(key, json);
    json->append(": ");
    if (status.ok()) status = AppendMessageAsPythonJson(*info, json);
    if (!status.ok()) return status;
    auto id = resource_ids.find(key);
    if (id == resource_ids.end()) continue;
    json->pop_back();  // The TensorInfo's closing brace.
    absl::StrAppend(json, json->back() == '{' ? "" : ", ", "\"resourceId\": ", id->second, "}");
  }
  json->push_back('}');
  return absl::OkStatus();
}

// A signature's inputs and outputs (the fields tensorflowjs_converter's SignatureDefs have), as
// MessageToDict writes them, with resource ids.
absl::Status AppendSignatureJson(const tensorflow::SignatureDef& signature,
                                 const std::map<std::string, int64_t>& input_resource_ids,
                                 const std::map<std::string, int64_t>& output_resource_ids,
                                 std::string* json) {
  json->push_back('{');
  absl::Status status;
  if (!signature.inputs().empty()) {
    json->append("\"inputs\": ");
    status = AppendTensorInfoMap(signature.inputs(), input_resource_ids, json);
  }
  if (status.ok() && !signature.outputs().empty()) {
    if (json->back() != '{') json->append(", ");
    json->append("\"outputs\": ");
    status = AppendTensorInfoMap(signature.outputs(), output_resource_ids, json);
  }
  json->push_back('}');
  return status;
}

// A graph model's model.json up to its "weightsManifest", which WriteModelFiles appends.
absl::StatusOr<std::string> GraphModelJsonHead(const FrozenModel& model, bool has_initializer,
                                               const ModelWriterOptions& options) {
  absl::StatusOr<std::string> start =
      ModelJsonStart("graph-model", options.generated_by.empty()
                                        ? absl::StrCat("tfjs_native converter v", kConverterVersion)
                                        : options.generated_by);
  if (!start.ok()) return start.status();
  std::string json = *std::move(start);
  absl::Status status;

  // tensorflowjs_converter builds a fresh SignatureDef holding only inputs and outputs.
  json.append(", \"signature\": ");
  if (status = AppendSignatureJson(model.signature, model.input_resource_ids, {}, &json);
      !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("signature: ", status.message()));
  }

  json.append(", \"modelTopology\": ");
  const size_t topology = json.size();
  if (status = AppendMessageAsPythonJson(model.graph, &json); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("graph: ", status.message()));
  }
  // Python writes `topology or None`: an empty graph becomes null.
  if (absl::string_view(json).substr(topology) == "{}") json.replace(topology, 2, "null");

  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> metadata =
      MetadataEntries(model, options);
  if (!metadata.ok()) return metadata.status();
  if (!metadata->empty()) {
    json.append(", \"userDefinedMetadata\": ");
    if (status = AppendUserMetadata(*metadata, &json); !status.ok()) return status;
  }
  if (has_initializer) {
    json.append(", \"modelInitializer\": ");
    if (status = AppendMessageAsPythonJson(model.initializer, &json); !status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("initializer graph: ", status.message()));
    }
    if (!model.initializer_signature.outputs().empty()) {
      json.append(", \"initializerSignature\": ");
      status = AppendSignatureJson(model.initializer_signature, {},
                                   model.initializer_output_resource_ids, &json);
      if (!status.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("initializer signature: ", status.message()));
      }
    }
  }

  return json;
}

}  // namespace

absl::Status WriteGraphModel(FrozenModel model, const std::string& output_dir,
                             const ModelWriterOptions& options) {
  // The graphs become model.json's topologies in place, their Const values moved out.
  absl::StatusOr<ExtractedWeights> extracted = ExtractConstWeights(&model.graph);
  if (!extracted.ok()) return extracted.status();
  // TF.js reads modelTopology.versions unconditionally. tensorflowjs_converter always has one
  // (TensorFlow sets its own producer when it imports the graph); we add an empty one rather
  // than invent a producer number.
  if (!model.graph.has_versions()) model.graph.mutable_versions();

  // The initializer's Consts follow the model's, in the same weight list, as
  // tensorflowjs_converter writes them; a Const both graphs hold (same node of the source) is
  // stored once, since TF.js gives the initializer the model's weights.
  const bool has_initializer = model.initializer.node_size() > 0;
  std::optional<ExtractedWeights> initializer;
  if (has_initializer) {
    absl::StatusOr<ExtractedWeights> extracted_initializer =
        ExtractConstWeights(&model.initializer);
    if (!extracted_initializer.ok()) return extracted_initializer.status();
    initializer = *std::move(extracted_initializer);
    absl::flat_hash_set<std::string> names;
    for (const ConstWeight& weight : extracted->weights) names.insert(weight.name);
    for (const ConstWeight& weight : initializer->weights) {
      if (names.insert(weight.name).second) extracted->weights.push_back(weight);
    }
  }

  absl::StatusOr<std::string> head = GraphModelJsonHead(model, has_initializer, options);
  if (!head.ok()) return head.status();
  std::vector<int> group_keys(extracted->weights.size(), 0);
  if (options.split_weights_by_layer) {
    for (size_t i = 0; i < group_keys.size(); ++i) group_keys[i] = static_cast<int>(i);
  }
  return WriteModelFiles(*std::move(head), extracted->weights, model.external_weights, group_keys,
                         options, output_dir);
}

}  // namespace tfjs::converter
