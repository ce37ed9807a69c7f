#include "tools/inspect/inspect.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "converter/cli/convert.h"
#include "converter/cli/flags.h"
#include "converter/frozen_model.h"
#include "converter/op_check.h"
#include "converter/readers/frozen_graph_reader.h"
#include "converter/readers/hub/hub_module_reader.h"
#include "converter/readers/keras_h5_reader.h"
#include "converter/readers/proto_file.h"
#include "converter/readers/saved_model_reader.h"
#include "converter/readers/tfjs_graph_model_reader.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/type_resolver_util.h"
#include "google/protobuf/util/json_util.h"
#include "io/json_message.h"
#include "io/load_model.h"
#include "io/weights_manifest.h"
#include "proto/dtype_size.h"
#include "proto/saved_model.pb.h"

namespace tfjs::tools {
namespace {

namespace fs = std::filesystem;
using converter::FrozenModel;
using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

using converter::kKeras;
using converter::kTfFrozenModel;
using converter::kTfHub;
using converter::kTfjsGraphModel;
using converter::kTfjsLayersModel;
using converter::kTfSavedModel;
constexpr char kHdf5Magic[] = "\x89HDF\r\n\x1a\n";

// TF.js's dtype names: "float32" for DT_FLOAT, "int32", "bool", ...; "" for DT_INVALID.
std::string DtypeName(tensorflow::DataType dtype) {
  if (dtype == tensorflow::DT_INVALID) return "";
  if (dtype == tensorflow::DT_FLOAT) return "float32";
  if (dtype == tensorflow::DT_DOUBLE) return "float64";
  if (dtype == tensorflow::DT_HALF) return "float16";
  return absl::AsciiStrToLower(absl::StripPrefix(tensorflow::DataType_Name(dtype), "DT_"));
}

std::optional<std::vector<int64_t>> Dims(const tensorflow::TensorShapeProto& shape) {
  if (shape.unknown_rank()) return std::nullopt;
  std::vector<int64_t> dims;
  for (const auto& dim : shape.dim()) dims.push_back(dim.size());
  return dims;
}

TensorSummary FromTensorInfo(const std::string& key, const tensorflow::TensorInfo& info) {
  TensorSummary tensor{key, info.name(), DtypeName(info.dtype()), std::nullopt};
  if (info.has_tensor_shape()) tensor.shape = Dims(info.tensor_shape());
  return tensor;
}

SignatureSummary FromSignatureDef(std::string name, std::string tags,
                                  const tensorflow::SignatureDef& signature) {
  SignatureSummary summary{std::move(name), std::move(tags), {}, {}};
  // Keys sorted, as protobuf maps are not.
  std::map<std::string, tensorflow::TensorInfo> inputs(signature.inputs().begin(),
                                                       signature.inputs().end());
  std::map<std::string, tensorflow::TensorInfo> outputs(signature.outputs().begin(),
                                                        signature.outputs().end());
  for (const auto& [key, info] : inputs) summary.inputs.push_back(FromTensorInfo(key, info));
  for (const auto& [key, info] : outputs) summary.outputs.push_back(FromTensorInfo(key, info));
  return summary;
}

// Bytes a Const's value holds: its tensor_content, its strings' characters, or its elements.
uint64_t TensorBytes(const tensorflow::TensorProto& tensor) {
  if (!tensor.tensor_content().empty()) return tensor.tensor_content().size();
  if (tensor.dtype() == tensorflow::DT_STRING) {
    uint64_t bytes = 0;
    for (const std::string& value : tensor.string_val()) bytes += value.size();
    return bytes;
  }
  int64_t elements = 1;
  for (const auto& dim : tensor.tensor_shape().dim()) elements *= std::max<int64_t>(dim.size(), 0);
  return static_cast<uint64_t>(elements * DataTypeSize(tensor.dtype()));
}

void AddWeight(const std::string& dtype, uint64_t bytes,
               std::map<std::string, WeightDtypeSummary>* weights) {
  WeightDtypeSummary& entry = (*weights)[dtype];
  entry.dtype = dtype;
  ++entry.count;
  entry.bytes += bytes;
}

std::vector<WeightDtypeSummary> Sorted(const std::map<std::string, WeightDtypeSummary>& weights) {
  std::vector<WeightDtypeSummary> sorted;
  for (const auto& [dtype, entry] : weights) sorted.push_back(entry);
  return sorted;
}

// Top-level Consts of the graph and the table initializer, by their declared dtype.
std::vector<WeightDtypeSummary> ConstWeights(const FrozenModel& model) {
  std::map<std::string, WeightDtypeSummary> weights;
  for (const tensorflow::GraphDef* graph : {&model.graph, &model.initializer}) {
    for (const tensorflow::NodeDef& node : graph->node()) {
      if (node.op() != "Const") continue;
      const auto value = node.attr().find("value");
      if (value == node.attr().end()) continue;
      const tensorflow::TensorProto& tensor = value->second.tensor();
      const auto external = model.external_weights.find(node.name());
      AddWeight(DtypeName(tensor.dtype()),
                external != model.external_weights.end() ? external->second.size
                                                         : TensorBytes(tensor),
                &weights);
    }
  }
  return Sorted(weights);
}

// model.json's manifest, each weight under its stored dtype. Unquantized strings, whose size the
// manifest does not give, count the characters of the decoded Const of the same name.
absl::StatusOr<std::vector<WeightDtypeSummary>> ManifestWeights(const io::WeightsManifest& manifest,
                                                                const FrozenModel* decoded) {
  std::map<std::string, const tensorflow::NodeDef*> consts;
  if (decoded != nullptr) {
    for (const tensorflow::NodeDef& node : decoded->graph.node()) consts[node.name()] = &node;
    for (const tensorflow::NodeDef& node : decoded->initializer.node()) consts[node.name()] = &node;
  }
  std::map<std::string, WeightDtypeSummary> weights;
  for (const io::WeightGroup& group : manifest) {
    for (const io::WeightEntry& entry : group.weights) {
      absl::StatusOr<std::optional<uint64_t>> stored = io::StoredByteSize(entry);
      if (!stored.ok()) return stored.status();
      uint64_t bytes = stored->value_or(0);
      if (!stored->has_value()) {
        const auto node = consts.find(entry.name);
        if (node != consts.end() && node->second->attr().count("value")) {
          bytes = TensorBytes(node->second->attr().at("value").tensor());
        }
      }
      AddWeight(std::string(entry.quantization ? io::QuantizedDTypeName(entry.quantization->dtype)
                                               : io::DTypeName(entry.dtype)),
                bytes, &weights);
    }
  }
  return Sorted(weights);
}

void CountOps(const tensorflow::GraphDef& graph, std::map<std::string, int64_t>* counts) {
  for (const tensorflow::NodeDef& node : graph.node()) ++(*counts)[node.op()];
  for (const tensorflow::FunctionDef& function : graph.library().function()) {
    for (const tensorflow::NodeDef& node : function.node_def()) ++(*counts)[node.op()];
  }
}

std::vector<OpSummary> OpHistogram(const FrozenModel& model) {
  std::map<std::string, int64_t> counts;
  CountOps(model.graph, &counts);
  CountOps(model.initializer, &counts);
  std::vector<OpSummary> ops;
  for (const auto& [op, nodes] : counts) {
    ops.push_back({op, nodes, converter::IsOpSupported(op, converter::OpTarget::kTfjs),
                   converter::IsOpSupported(op, converter::OpTarget::kNative)});
  }
  return ops;
}

// Runs the converter's default passes on `model`, then its op check for both targets.
absl::Status CheckOps(FrozenModel* model, ModelSummary* summary) {
  std::ostringstream notes;  // The TF.js rewrites' notes: not part of the summary.
  if (absl::Status status = converter::PrepareGraph(converter::ConverterFlags(), model, notes);
      !status.ok()) {
    return status;
  }
  for (const converter::OpTarget target :
       {converter::OpTarget::kTfjs, converter::OpTarget::kNative}) {
    std::map<std::string, std::vector<std::string>> unsupported =
        converter::UnsupportedOps(model->graph, target);
    for (auto& [op, nodes] : converter::UnsupportedOps(model->initializer, target)) {
      std::vector<std::string>& all = unsupported[op];
      all.insert(all.end(), nodes.begin(), nodes.end());
    }
    summary->unsupported[std::string(converter::OpTargetName(target))] = std::move(unsupported);
  }
  return absl::OkStatus();
}

// --- SavedModels and Hub modules -------------------------------------------------------------

absl::StatusOr<tensorflow::SavedModel> ReadSavedModelProto(const std::string& dir) {
  tensorflow::SavedModel saved_model;
  std::error_code error;
  const fs::path binary = fs::path(dir) / "saved_model.pb";
  const std::string file =
      fs::exists(binary, error) ? binary.string() : (fs::path(dir) / "saved_model.pbtxt").string();
  if (absl::Status status = converter::ReadProtoFile(file, &saved_model); !status.ok()) {
    return status;
  }
  return saved_model;
}

// Every MetaGraph's signatures; picks the one to inspect: `wanted`, else `preferred` when the
// MetaGraph tagged `tags` has it, else that MetaGraph's first.
std::string SavedModelSignatures(const tensorflow::SavedModel& saved_model,
                                 const std::string& tags, const std::string& wanted,
                                 const std::string& preferred, ModelSummary* summary) {
  std::set<std::string> wanted_tags;
  for (absl::string_view tag : absl::StrSplit(tags, ',', absl::SkipEmpty())) {
    wanted_tags.emplace(tag);
  }
  std::string first;
  bool has_preferred = false;
  for (const tensorflow::MetaGraphDef& meta_graph : saved_model.meta_graphs()) {
    const auto& tag_list = meta_graph.meta_info_def().tags();
    const std::set<std::string> graph_tags(tag_list.begin(), tag_list.end());
    std::map<std::string, tensorflow::SignatureDef> signatures(
        meta_graph.signature_def().begin(), meta_graph.signature_def().end());
    for (const auto& [name, signature] : signatures) {
      summary->signatures.push_back(
          FromSignatureDef(name, absl::StrJoin(tag_list, ","), signature));
      if (graph_tags == wanted_tags) {
        if (first.empty()) first = name;
        has_preferred |= name == preferred;
      }
    }
  }
  const std::string chosen =
      !wanted.empty() ? wanted : has_preferred || first.empty() ? preferred : first;
  for (SignatureSummary& signature : summary->signatures) {
    const std::vector<std::string> tag_list = absl::StrSplit(signature.tags, ',', absl::SkipEmpty());
    signature.inspected = signature.name == chosen &&
                          std::set<std::string>(tag_list.begin(), tag_list.end()) == wanted_tags;
  }
  return chosen;
}

// --- Frozen graphs ---------------------------------------------------------------------------

tensorflow::DataType NodeDtype(const tensorflow::NodeDef& node) {
  for (const char* attr : {"dtype", "T", "out_type", "DstT"}) {
    if (auto it = node.attr().find(attr); it != node.attr().end() && it->second.type() != 0) {
      return it->second.type();
    }
  }
  return tensorflow::DT_INVALID;
}

// A frozen graph's inputs (its Placeholders) and outputs (as given, else the nodes nothing
// reads), with the dtypes and shapes the nodes declare.
SignatureSummary FrozenGraphSignature(const tensorflow::GraphDef& graph,
                                      const std::vector<std::string>& outputs) {
  SignatureSummary signature;
  std::map<std::string, const tensorflow::NodeDef*> nodes;
  for (const tensorflow::NodeDef& node : graph.node()) {
    nodes[node.name()] = &node;
    if (node.op() != "Placeholder" && node.op() != "PlaceholderV2") continue;
    TensorSummary input{node.name(), node.name() + ":0", DtypeName(NodeDtype(node)), std::nullopt};
    if (auto shape = node.attr().find("shape"); shape != node.attr().end()) {
      input.shape = Dims(shape->second.shape());
    }
    signature.inputs.push_back(std::move(input));
  }
  for (const std::string& output : outputs) {
    const std::vector<std::string> parts = absl::StrSplit(output, ':');
    TensorSummary tensor{output, parts.size() > 1 ? output : output + ":0", "", std::nullopt};
    if (auto node = nodes.find(parts[0]); node != nodes.end()) {
      tensor.dtype = DtypeName(NodeDtype(*node->second));
      if (auto shapes = node->second->attr().find("_output_shapes");
          shapes != node->second->attr().end() && shapes->second.list().shape_size() > 0) {
        tensor.shape = Dims(shapes->second.list().shape(0));
      }
    }
    signature.outputs.push_back(std::move(tensor));
  }
  return signature;
}

// Nodes no other node reads (data or control), other than NoOps: a frozen graph's outputs.
std::vector<std::string> SinkNodes(const tensorflow::GraphDef& graph) {
  absl::flat_hash_set<std::string> read;
  for (const tensorflow::NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) {
      read.insert(std::string(absl::StripPrefix(input.substr(0, input.find(':')), "^")));
    }
  }
  std::vector<std::string> sinks;
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (!read.contains(node.name()) && node.op() != "NoOp") sinks.push_back(node.name());
  }
  return sinks;
}

// --- Keras configs ---------------------------------------------------------------------------

const Value* Field(const Struct& object, const std::string& key) {
  const auto it = object.fields().find(key);
  return it == object.fields().end() ? nullptr : &it->second;
}

const ListValue* ListField(const Struct& object, const std::string& key) {
  const Value* value = Field(object, key);
  return value != nullptr && value->has_list_value() ? &value->list_value() : nullptr;
}

std::string StringField(const Struct& object, const std::string& key) {
  const Value* value = Field(object, key);
  return value != nullptr && value->has_string_value() ? value->string_value() : "";
}

// The layer names of a Functional config's input_layers / output_layers ([[name, 0, 0], ...]).
std::vector<std::string> LayerRefs(const Struct& config, const std::string& key) {
  std::vector<std::string> names;
  const ListValue* refs = ListField(config, key);
  if (refs == nullptr) return names;
  for (const Value& ref : refs->values()) {
    if (ref.has_list_value() && ref.list_value().values_size() > 0 &&
        ref.list_value().values(0).has_string_value()) {
      names.push_back(ref.list_value().values(0).string_value());
    }
  }
  return names;
}

// A Keras model config's inputs (InputLayers, or layers with a batch_input_shape) with dtype and
// shape, and its outputs (output_layers, else a Sequential's last layer).
SignatureSummary KerasSignature(const Struct& topology) {
  SignatureSummary signature;
  const Value* config = Field(topology, "config");
  if (config == nullptr) return signature;
  const ListValue* layers = config->has_list_value() ? &config->list_value()
                            : config->has_struct_value()
                                ? ListField(config->struct_value(), "layers")
                                : nullptr;
  if (layers == nullptr) return signature;
  std::string last;
  for (const Value& layer : layers->values()) {
    if (!layer.has_struct_value()) continue;
    const Value* layer_config = Field(layer.struct_value(), "config");
    if (layer_config == nullptr || !layer_config->has_struct_value()) continue;
    const Struct& fields = layer_config->struct_value();
    last = StringField(fields, "name");
    const ListValue* shape = ListField(fields, "batch_input_shape");
    if (shape == nullptr) shape = ListField(fields, "batch_shape");
    if (shape == nullptr && StringField(layer.struct_value(), "class_name") != "InputLayer") {
      continue;
    }
    TensorSummary input{last, "", StringField(fields, "dtype"), std::nullopt};
    if (shape != nullptr) {
      std::vector<int64_t> dims;
      for (const Value& dim : shape->values()) {
        dims.push_back(dim.has_number_value() ? static_cast<int64_t>(dim.number_value()) : -1);
      }
      input.shape = dims;
    }
    signature.inputs.push_back(std::move(input));
  }
  std::vector<std::string> outputs;
  if (config->has_struct_value()) outputs = LayerRefs(config->struct_value(), "output_layers");
  if (outputs.empty() && !last.empty()) outputs.push_back(last);
  for (const std::string& output : outputs) signature.outputs.push_back({output, "", "", {}});
  return signature;
}

absl::StatusOr<std::string> ModelJsonFormat(const std::string& path) {
  absl::StatusOr<io::ModelJson> model_json = io::LoadModelJson(path);
  if (!model_json.ok()) return model_json.status();
  return model_json->format == "layers-model" ? kTfjsLayersModel : kTfjsGraphModel;
}

std::string ModelJsonPath(const std::string& path) {
  std::error_code error;
  return fs::is_directory(path, error) ? (fs::path(path) / "model.json").string() : path;
}

std::string ModelJsonProducer(const io::ModelJson& model_json) {
  std::vector<std::string> parts;
  if (!model_json.generated_by.empty()) parts.push_back(model_json.generated_by);
  if (!model_json.converted_by.empty()) {
    parts.push_back(absl::StrCat("converted by ", model_json.converted_by));
  }
  return absl::StrJoin(parts, ", ");
}

absl::Status InspectGraph(FrozenModel model, ModelSummary* summary) {
  summary->ops = OpHistogram(model);
  if (summary->weights.empty()) summary->weights = ConstWeights(model);
  return CheckOps(&model, summary);
}

// --- Output ----------------------------------------------------------------------------------

std::string ShapeText(const std::optional<std::vector<int64_t>>& shape) {
  if (!shape.has_value()) return "?";
  return absl::StrCat("[", absl::StrJoin(*shape, ","), "]");
}

std::string Bytes(uint64_t bytes) {
  if (bytes < 1024) return absl::StrCat(bytes, " B");
  if (bytes < (uint64_t{1} << 20)) return absl::StrFormat("%.1f KiB", bytes / 1024.0);
  return absl::StrFormat("%.1f MiB", bytes / 1048576.0);
}

Value StringValue(const std::string& text) {
  Value value;
  value.set_string_value(text);
  return value;
}

Value NumberValue(double number) {
  Value value;
  value.set_number_value(number);
  return value;
}

Value BoolValue(bool flag) {
  Value value;
  value.set_bool_value(flag);
  return value;
}

Value TensorValue(const TensorSummary& tensor) {
  Value value;
  auto& fields = *value.mutable_struct_value()->mutable_fields();
  fields["key"] = StringValue(tensor.key);
  fields["tensor"] = StringValue(tensor.tensor);
  fields["dtype"] = StringValue(tensor.dtype);
  if (tensor.shape.has_value()) {
    auto* dims = fields["shape"].mutable_list_value();
    for (int64_t dim : *tensor.shape) *dims->add_values() = NumberValue(dim);
  } else {
    fields["shape"].set_null_value(google::protobuf::NULL_VALUE);
  }
  return value;
}

}  // namespace

absl::StatusOr<std::string> DetectModelFormat(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    const fs::path dir(path);
    if (fs::exists(dir / "model.json", error)) return ModelJsonFormat((dir / "model.json").string());
    if (fs::exists(dir / "tfhub_module.pb", error)) return std::string(kTfHub);
    if (fs::exists(dir / "saved_model.pb", error) || fs::exists(dir / "saved_model.pbtxt", error)) {
      return std::string(kTfSavedModel);
    }
    return absl::NotFoundError(absl::StrCat(
        path, ": no model.json, tfhub_module.pb or saved_model.pb(txt) in this directory"));
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::string magic(sizeof(kHdf5Magic) - 1, '\0');
  file.read(magic.data(), magic.size());
  if (file.gcount() == static_cast<std::streamsize>(magic.size()) && magic == kHdf5Magic) {
    return std::string(kKeras);
  }
  if (absl::EndsWith(path, ".json")) return ModelJsonFormat(path);
  return std::string(kTfFrozenModel);
}

absl::StatusOr<ModelSummary> InspectModel(const std::string& path, const InspectOptions& options) {
  absl::StatusOr<std::string> format = DetectModelFormat(path);
  if (!format.ok()) return format.status();
  ModelSummary summary;
  summary.path = path;
  summary.format = *format;

  if (summary.format == kKeras) {
    absl::StatusOr<converter::LayersModel> keras = converter::ReadKerasH5(path);
    if (!keras.ok()) return keras.status();
    summary.producer = absl::StrCat("Keras ", keras->keras_version,
                                    keras->backend.empty() ? "" : " (" + keras->backend + ")");
    if (!keras->model_config.empty()) {
      Struct topology;
      absl::Status status = io::ParseJsonToMessage(keras->model_config, &topology);
      if (!status.ok()) return status;
      summary.signatures.push_back(KerasSignature(topology));
    }
    std::map<std::string, WeightDtypeSummary> weights;
    for (const auto& layer : keras->layers) {
      for (const converter::LayersModelWeight& weight : layer) {
        AddWeight(DtypeName(weight.value.dtype()), TensorBytes(weight.value), &weights);
      }
    }
    summary.weights = Sorted(weights);
    return summary;
  }

  if (summary.format == kTfjsLayersModel || summary.format == kTfjsGraphModel) {
    absl::StatusOr<io::ModelJson> model_json = io::LoadModelJson(ModelJsonPath(path));
    if (!model_json.ok()) return model_json.status();
    summary.producer = ModelJsonProducer(*model_json);
    if (summary.format == kTfjsLayersModel) {
      if (model_json->layers_topology.has_value()) {
        summary.signatures.push_back(KerasSignature(*model_json->layers_topology));
      }
      absl::StatusOr<std::vector<WeightDtypeSummary>> weights =
          ManifestWeights(model_json->weights_manifest, nullptr);
      if (!weights.ok()) return weights.status();
      summary.weights = *std::move(weights);
      return summary;
    }
    absl::StatusOr<FrozenModel> model =
        converter::ReadTfjsGraphModel(path, options.output_node_names);
    if (!model.ok()) return model.status();
    summary.signatures.push_back(FromSignatureDef("", "", model->signature));
    summary.signatures.back().inspected = true;
    // Frozen-graph conversions name outputs only: the inputs are the Placeholders.
    if (summary.signatures.back().inputs.empty()) {
      summary.signatures.back().inputs = FrozenGraphSignature(model->graph, {}).inputs;
    }
    absl::StatusOr<std::vector<WeightDtypeSummary>> weights =
        ManifestWeights(model_json->weights_manifest, &*model);
    if (!weights.ok()) return weights.status();
    summary.weights = *std::move(weights);
    if (absl::Status status = InspectGraph(*std::move(model), &summary); !status.ok()) {
      return status;
    }
    return summary;
  }

  if (summary.format == kTfFrozenModel) {
    std::vector<std::string> outputs = options.output_node_names;
    if (outputs.empty()) {
      absl::StatusOr<tensorflow::GraphDef> graph = converter::ReadGraphDefFile(path);
      if (!graph.ok()) return graph.status();
      outputs = SinkNodes(*graph);
    }
    absl::StatusOr<FrozenModel> model = converter::ReadFrozenModel(path, outputs);
    if (!model.ok()) return model.status();
    summary.signatures.push_back(FrozenGraphSignature(model->graph, outputs));
    summary.signatures.back().inspected = true;
    if (absl::Status status = InspectGraph(*std::move(model), &summary); !status.ok()) {
      return status;
    }
    return summary;
  }

  // SavedModels and Hub modules: every signature listed, the chosen one inspected.
  absl::StatusOr<tensorflow::SavedModel> saved_model = ReadSavedModelProto(path);
  if (!saved_model.ok()) return saved_model.status();
  const bool hub = summary.format == kTfHub;
  const std::string signature_name = SavedModelSignatures(*saved_model, hub ? "" : options.saved_model_tags,
                           options.signature_name, hub ? "default" : "serving_default", &summary);
  absl::StatusOr<FrozenModel> model;
  if (hub) {
    converter::HubModuleReadOptions read;
    read.signature_name = signature_name;
    read.saved_model_tags = options.saved_model_tags;
    read.output_node_names = options.output_node_names;
    model = converter::ReadTfHubModule(path, read);
  } else {
    converter::SavedModelReadOptions read;
    read.tags = options.saved_model_tags;
    read.signature_name = signature_name;
    read.output_node_names = options.output_node_names;
    model = converter::ReadSavedModel(path, read);
  }
  if (!model.ok()) return model.status();
  if (!model->tensorflow_version.empty()) {
    summary.producer = absl::StrCat("TensorFlow ", model->tensorflow_version);
  }
  if (absl::Status status = InspectGraph(*std::move(model), &summary); !status.ok()) {
    return status;
  }
  return summary;
}

std::string SummaryText(const ModelSummary& summary) {
  std::string out = absl::StrCat("model: ", summary.path, "\nformat: ", summary.format, "\n");
  if (!summary.producer.empty()) absl::StrAppend(&out, "producer: ", summary.producer, "\n");
  absl::StrAppend(&out, "signatures:", summary.signatures.empty() ? " none\n" : "\n");
  for (const SignatureSummary& signature : summary.signatures) {
    absl::StrAppend(&out, "  ", signature.name.empty() ? "(model)" : signature.name);
    if (!signature.tags.empty()) absl::StrAppend(&out, " [tags ", signature.tags, "]");
    if (signature.inspected) absl::StrAppend(&out, " (inspected below)");
    absl::StrAppend(&out, "\n");
    for (const auto& [title, tensors] :
         {std::make_pair("inputs", &signature.inputs), std::make_pair("outputs", &signature.outputs)}) {
      absl::StrAppend(&out, "    ", title, ":", tensors->empty() ? " none\n" : "\n");
      for (const TensorSummary& tensor : *tensors) {
        absl::StrAppend(&out, "      ", tensor.key, ": ", tensor.dtype.empty() ? "?" : tensor.dtype,
                        " ", ShapeText(tensor.shape));
        if (!tensor.tensor.empty() && tensor.tensor != tensor.key) {
          absl::StrAppend(&out, " (", tensor.tensor, ")");
        }
        absl::StrAppend(&out, "\n");
      }
    }
  }
  if (!summary.ops.empty()) {
    int64_t nodes = 0;
    for (const OpSummary& op : summary.ops) nodes += op.nodes;
    absl::StrAppend(&out, "ops: ", summary.ops.size(), " distinct, ", nodes, " nodes\n");
    absl::StrAppend(&out, absl::StrFormat("  %-36s %7s  %-4s  %s\n", "op", "nodes", "tfjs",
                                          "native"));
    for (const OpSummary& op : summary.ops) {
      absl::StrAppend(&out, absl::StrFormat("  %-36s %7d  %-4s  %s\n", op.op, op.nodes,
                                            op.tfjs ? "yes" : "no", op.native ? "yes" : "no"));
    }
  }
  int64_t count = 0;
  uint64_t bytes = 0;
  for (const WeightDtypeSummary& weight : summary.weights) {
    count += weight.count;
    bytes += weight.bytes;
  }
  absl::StrAppend(&out, "weights: ", count, " tensors, ", Bytes(bytes), "\n");
  for (const WeightDtypeSummary& weight : summary.weights) {
    absl::StrAppend(&out, absl::StrFormat("  %-10s %7d tensors  %12d bytes\n", weight.dtype,
                                          weight.count, weight.bytes));
  }
  for (const auto& [target, unsupported] : summary.unsupported) {
    absl::StrAppend(&out, "unsupported by ", target, ":", unsupported.empty() ? " none\n" : "\n");
    for (const auto& [op, nodes] : unsupported) {
      absl::StrAppend(&out, "  ", op, " (", nodes.size(), nodes.size() == 1 ? " node: " : " nodes: ",
                      absl::StrJoin(nodes.begin(), nodes.begin() + std::min<size_t>(nodes.size(), 5),
                                    ", "),
                      nodes.size() > 5 ? ", ..." : "", ")\n");
    }
  }
  return out;
}

absl::StatusOr<std::string> SummaryJson(const ModelSummary& summary) {
  Struct root;
  auto& fields = *root.mutable_fields();
  fields["path"] = StringValue(summary.path);
  fields["format"] = StringValue(summary.format);
  fields["producer"] = StringValue(summary.producer);
  ListValue& signatures = *fields["signatures"].mutable_list_value();
  for (const SignatureSummary& signature : summary.signatures) {
    auto& entry = *signatures.add_values()->mutable_struct_value()->mutable_fields();
    entry["name"] = StringValue(signature.name);
    entry["tags"] = StringValue(signature.tags);
    entry["inspected"] = BoolValue(signature.inspected);
    ListValue& inputs = *entry["inputs"].mutable_list_value();
    for (const TensorSummary& tensor : signature.inputs) *inputs.add_values() = TensorValue(tensor);
    ListValue& outputs = *entry["outputs"].mutable_list_value();
    for (const TensorSummary& tensor : signature.outputs) {
      *outputs.add_values() = TensorValue(tensor);
    }
  }
  ListValue& ops = *fields["ops"].mutable_list_value();
  for (const OpSummary& op : summary.ops) {
    auto& entry = *ops.add_values()->mutable_struct_value()->mutable_fields();
    entry["op"] = StringValue(op.op);
    entry["nodes"] = NumberValue(op.nodes);
    entry["tfjs"] = BoolValue(op.tfjs);
    entry["native"] = BoolValue(op.native);
  }
  ListValue& weights = *fields["weights"].mutable_list_value();
  for (const WeightDtypeSummary& weight : summary.weights) {
    auto& entry = *weights.add_values()->mutable_struct_value()->mutable_fields();
    entry["dtype"] = StringValue(weight.dtype);
    entry["count"] = NumberValue(weight.count);
    entry["bytes"] = NumberValue(static_cast<double>(weight.bytes));
  }
  auto& unsupported = *fields["unsupported"].mutable_struct_value()->mutable_fields();
  for (const auto& [target, ops_by_name] : summary.unsupported) {
    auto& by_op = *unsupported[target].mutable_struct_value()->mutable_fields();
    for (const auto& [op, nodes] : ops_by_name) {
      ListValue& list = *by_op[op].mutable_list_value();
      for (const std::string& node : nodes) *list.add_values() = StringValue(node);
    }
  }
  // Struct's map iterates in an order that changes between processes; deterministic serialization
  // sorts its keys, and the JSON printer keeps the order of the bytes it reads.
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    if (!root.SerializeToCodedStream(&coded)) return absl::InternalError("cannot serialize summary");
  }
  constexpr char kTypeUrlPrefix[] = "type.googleapis.com";
  std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
      google::protobuf::util::NewTypeResolverForDescriptorPool(
          kTypeUrlPrefix, google::protobuf::DescriptorPool::generated_pool()));
  std::string json;
  google::protobuf::util::JsonPrintOptions print;
  print.add_whitespace = true;
  print.preserve_proto_field_names = true;
  const auto status = google::protobuf::util::BinaryToJsonString(
      resolver.get(), absl::StrCat(kTypeUrlPrefix, "/", Struct::descriptor()->full_name()), bytes,
      &json, print);
  if (!status.ok()) return absl::InternalError(std::string(status.message()));
  return json;
}

}  // namespace tfjs::tools
