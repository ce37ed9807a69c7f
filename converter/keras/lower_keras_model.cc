#include "converter/keras/lower_keras_model.h"

#include <map>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/keras/graph_builder.h"
#include "converter/keras/layer.h"
#include "google/protobuf/util/json_util.h"

namespace tfjs::converter {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;
using keras::GraphBuilder;
using keras::KTensor;
using keras::LayerCall;
using keras::Shape;
using Weights = absl::Span<const LayersModelWeight>;

const Value* Field(const Struct& object, const std::string& key) {
  auto it = object.fields().find(key);
  if (it == object.fields().end() || it->second.has_null_value()) return nullptr;
  return &it->second;
}

std::string StringField(const Struct& object, const std::string& key) {
  const Value* value = Field(object, key);
  return value != nullptr && value->has_string_value() ? value->string_value() : "";
}

const Struct& EmptyStruct() {
  static const Struct* const kEmpty = new Struct;
  return *kEmpty;
}

const Struct& StructField(const Struct& object, const std::string& key) {
  const Value* value = Field(object, key);
  return value != nullptr && value->has_struct_value() ? value->struct_value() : EmptyStruct();
}

bool IsModelClass(const std::string& class_name) {
  return class_name == "Sequential" || class_name == "Model" || class_name == "Functional";
}

// A Sequential config's layers: Keras 2.2 and older write the list itself.
const google::protobuf::ListValue* SequentialLayers(const Value& config) {
  if (config.has_list_value()) return &config.list_value();
  const Value* layers = Field(config.struct_value(), "layers");
  return layers != nullptr && layers->has_list_value() ? &layers->list_value() : nullptr;
}

const google::protobuf::ListValue* ModelLayers(const Struct& layer) {
  const Value* config = Field(layer, "config");
  if (config == nullptr) return nullptr;
  if (StringField(layer, "class_name") == "Sequential") return SequentialLayers(*config);
  const Value* layers =
      config->has_struct_value() ? Field(config->struct_value(), "layers") : nullptr;
  return layers != nullptr && layers->has_list_value() ? &layers->list_value() : nullptr;
}

// A Functional model's layers carry their name beside the config (and inbound nodes refer to
// that one: TensorFlowOpLayer's config name is its op's); Sequential layers only in the config.
std::string LayerName(const Struct& layer) {
  std::string name = StringField(layer, "name");
  return name.empty() ? StringField(StructField(layer, "config"), "name") : name;
}

// Walks every layer (inside nested models and wrappers), collecting Lambda layers and classes
// with no lowering.
void FindUnsupported(const google::protobuf::ListValue& layers, std::vector<std::string>* lambdas,
                     std::map<std::string, std::vector<std::string>>* unknown) {
  for (const Value& entry : layers.values()) {
    const Struct& layer = entry.struct_value();
    const std::string class_name = StringField(layer, "class_name");
    const std::string name = LayerName(layer);
    if (IsModelClass(class_name)) {
      if (const auto* inner = ModelLayers(layer)) FindUnsupported(*inner, lambdas, unknown);
      continue;
    }
    if (class_name == "Lambda") {
      lambdas->push_back(name);
      continue;
    }
    if (class_name == "InputLayer") continue;
    if (keras::FindLowering(class_name) == nullptr) {
      (*unknown)[class_name].push_back(name);
      continue;
    }
    const Struct& wrapped = StructField(StructField(layer, "config"), "layer");
    if (!wrapped.fields().empty()) {
      google::protobuf::ListValue inner;
      *inner.add_values()->mutable_struct_value() = wrapped;
      FindUnsupported(inner, lambdas, unknown);
    }
  }
}

tensorflow::DataType InputDtype(const std::string& keras_dtype) {
  if (keras_dtype == "int32") return tensorflow::DT_INT32;
  if (keras_dtype == "int64") return tensorflow::DT_INT64;
  if (keras_dtype == "bool") return tensorflow::DT_BOOL;
  return tensorflow::DT_FLOAT;
}

// [[name, node, tensor], ...], or a single [name, node, tensor] (a one-input model, newer Keras).
std::vector<Value> RefList(const Value& refs) {
  const auto& values = refs.list_value().values();
  if (!values.empty() && values[0].has_string_value()) return {refs};
  return {values.begin(), values.end()};
}

// The names of the top-level model's output layers, in order.
std::vector<std::string> OutputNames(const Struct& model) {
  std::vector<std::string> names;
  const Value* config = Field(model, "config");
  if (config == nullptr) return names;
  if (StringField(model, "class_name") == "Sequential") {
    const google::protobuf::ListValue* layers = SequentialLayers(*config);
    if (layers != nullptr && !layers->values().empty()) {
      names.push_back(LayerName(layers->values().rbegin()->struct_value()));
    }
    return names;
  }
  if (const Value* outputs = Field(config->struct_value(), "output_layers")) {
    for (const Value& ref : RefList(*outputs)) {
      names.push_back(ref.list_value().values(0).string_value());
    }
  }
  return names;
}

// Lowers one model config onto the graph; nested models recurse.
class ModelLowering {
 public:
  ModelLowering(const LayersModel& model, GraphBuilder* builder) : model_(model), b_(*builder) {
    for (size_t i = 0; i < model.layers.size() && i < model.layer_names.size(); ++i) {
      groups_[model.layer_names[i]] = i;
    }
  }

  struct Input {
    std::string name;
    Shape shape;
    tensorflow::DataType dtype;
  };

  // The top-level model: Placeholders for its inputs, then its layers.
  absl::StatusOr<std::vector<KTensor>> LowerTop(const Struct& model, std::vector<Input>* inputs) {
    absl::StatusOr<std::vector<Input>> declared = DeclaredInputs(model);
    if (!declared.ok()) return declared.status();
    std::vector<KTensor> feeds;
    for (const Input& input : *declared) {
      if (!b_.Reserve(input.name)) {
        return absl::InvalidArgumentError(
            absl::StrCat("two model inputs named '", input.name, "'"));
      }
      tensorflow::NodeDef* node = b_.AddNamed("Placeholder", input.name, {});
      keras::SetType(node, "dtype", input.dtype);
      keras::SetShape(node, "shape", input.shape);
      feeds.push_back({input.name, input.shape, input.dtype});
    }
    *inputs = *std::move(declared);
    return LowerModel(model, "", feeds, /*parent=*/std::nullopt);
  }

 private:
  // Inputs as the config declares them: Functional input_layers' InputLayers, or a Sequential
  // model's first layer (InputLayer or batch_input_shape).
  absl::StatusOr<std::vector<Input>> DeclaredInputs(const Struct& model) {
    const std::string class_name = StringField(model, "class_name");
    const Value* config = Field(model, "config");
    if (config == nullptr) return absl::InvalidArgumentError("model_config has no config");
    std::vector<Input> inputs;
    if (class_name == "Sequential") {
      const google::protobuf::ListValue* layers = SequentialLayers(*config);
      if (layers == nullptr || layers->values().empty()) {
        return absl::InvalidArgumentError("Sequential model without layers");
      }
      const Struct& first = layers->values(0).struct_value();
      const Struct& first_config = StructField(first, "config");
      std::string name = LayerName(first);
      if (StringField(first, "class_name") != "InputLayer") name += "_input";
      absl::StatusOr<Input> input = InputOf(first_config, name);
      if (!input.ok()) return input.status();
      inputs.push_back(*std::move(input));
      return inputs;
    }
    const Value* input_layers = Field(config->struct_value(), "input_layers");
    if (input_layers == nullptr) return absl::InvalidArgumentError("model has no input_layers");
    absl::flat_hash_map<std::string, const Struct*> by_name;
    if (const Value* layers = Field(config->struct_value(), "layers")) {
      for (const Value& layer : layers->list_value().values()) {
        by_name[LayerName(layer.struct_value())] = &layer.struct_value();
      }
    }
    for (const Value& ref : RefList(*input_layers)) {
      const std::string name = ref.list_value().values(0).string_value();
      auto it = by_name.find(name);
      if (it == by_name.end()) {
        return absl::InvalidArgumentError(absl::StrCat("input layer '", name, "' not in layers"));
      }
      absl::StatusOr<Input> input = InputOf(StructField(*it->second, "config"), name);
      if (!input.ok()) return input.status();
      inputs.push_back(*std::move(input));
    }
    return inputs;
  }

  static absl::StatusOr<Input> InputOf(const Struct& config, const std::string& name) {
    const Value* shape = Field(config, "batch_input_shape");
    if (shape == nullptr) shape = Field(config, "batch_shape");
    if (shape == nullptr || !shape->has_list_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("input '", name, "' has no batch_input_shape"));
    }
    Input input{name, {}, InputDtype(StringField(config, "dtype"))};
    for (const Value& dim : shape->list_value().values()) {
      input.shape.push_back(dim.has_number_value() ? static_cast<int64_t>(dim.number_value()) : -1);
    }
    return input;
  }

  // The weights of `name`: its HDF5 group at the top level; inside a nested model, the run of
  // the enclosing group's weights whose names have `name` as a path component.
  absl::StatusOr<Weights> WeightsOf(const std::string& name, std::optional<Weights> parent) {
    if (!parent.has_value()) {
      auto it = groups_.find(name);
      if (it == groups_.end()) return Weights();
      return Weights(model_.layers[it->second]);
    }
    size_t first = parent->size(), last = 0;
    for (size_t i = 0; i < parent->size(); ++i) {
      const std::string& weight = (*parent)[i].name;
      if (absl::StartsWith(weight, name + "/") || absl::StrContains(weight, "/" + name + "/")) {
        first = std::min(first, i);
        last = i + 1;
      }
    }
    if (first >= last) return Weights();
    for (size_t i = first; i < last; ++i) {
      const std::string& weight = (*parent)[i].name;
      if (!absl::StartsWith(weight, name + "/") && !absl::StrContains(weight, "/" + name + "/")) {
        return absl::InvalidArgumentError(
            absl::StrCat("the weights of layer '", name, "' are not contiguous in its model"));
      }
    }
    return parent->subspan(first, last - first);
  }

  // One call of a layer (or nested model) on `inputs`.
  absl::StatusOr<std::vector<KTensor>> CallLayer(const Struct& layer, const std::string& scope,
                                                 std::vector<KTensor> inputs,
                                                 std::optional<Weights> parent) {
    const std::string class_name = StringField(layer, "class_name");
    const std::string name = LayerName(layer);
    absl::StatusOr<Weights> weights = WeightsOf(name, parent);
    if (!weights.ok()) return weights.status();
    const std::string layer_scope = scope.empty() ? name : absl::StrCat(scope, "/", name);
    if (IsModelClass(class_name)) {
      return LowerModel(layer, layer_scope, std::move(inputs), *weights);
    }
    if (class_name == "InputLayer") return inputs;
    const keras::Lowering lowering = keras::FindLowering(class_name);
    if (lowering == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("no lowering for class ", class_name));
    }
    LayerCall call(&b_, &weight_nodes_, class_name, StructField(layer, "config"), layer_scope,
                   std::move(inputs), *weights);
    const std::string mask = call.inputs().size() == 1 ? call.inputs()[0].mask : "";
    std::vector<KTensor> outputs;
    if (absl::Status status = keras::RunLowering(lowering, call, &outputs); !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("layer '", name, "' (", class_name, "): ", status.message()));
    }
    if (!mask.empty() && keras::PropagatesMask(class_name)) {
      for (KTensor& output : outputs) output.mask = mask;
    }
    return outputs;
  }

  absl::StatusOr<std::vector<KTensor>> LowerModel(const Struct& model, const std::string& scope,
                                                  std::vector<KTensor> inputs,
                                                  std::optional<Weights> weights) {
    const Value* config = Field(model, "config");
    if (config == nullptr) return absl::InvalidArgumentError("model has no config");
    if (StringField(model, "class_name") == "Sequential") {
      const google::protobuf::ListValue* layers = SequentialLayers(*config);
      if (layers == nullptr) return absl::InvalidArgumentError("Sequential model without layers");
      std::vector<KTensor> current = std::move(inputs);
      for (const Value& layer : layers->values()) {
        absl::StatusOr<std::vector<KTensor>> outputs =
            CallLayer(layer.struct_value(), scope, {current.at(0)}, weights);
        if (!outputs.ok()) return outputs.status();
        current = *std::move(outputs);
      }
      return std::vector<KTensor>{current.at(0)};
    }
    return LowerFunctional(config->struct_value(), scope, std::move(inputs), weights);
  }

  // Calls layers in config order, repeating passes until every inbound node has run (configs
  // list layers topologically, but shared layers may be called again further down).
  absl::StatusOr<std::vector<KTensor>> LowerFunctional(const Struct& config,
                                                       const std::string& scope,
                                                       std::vector<KTensor> inputs,
                                                       std::optional<Weights> weights) {
    std::map<std::pair<std::string, int64_t>, std::vector<KTensor>> produced;
    const Value* input_layers = Field(config, "input_layers");
    const Value* output_layers = Field(config, "output_layers");
    const Value* layers = Field(config, "layers");
    if (input_layers == nullptr || output_layers == nullptr || layers == nullptr) {
      return absl::InvalidArgumentError("Functional model without layers, inputs or outputs");
    }
    const std::vector<Value> input_refs = RefList(*input_layers);
    if (input_refs.size() != inputs.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("model takes ", input_refs.size(), " inputs, called on ", inputs.size()));
    }
    for (size_t i = 0; i < input_refs.size(); ++i) {
      produced[{input_refs[i].list_value().values(0).string_value(), 0}] = {inputs[i]};
    }
    struct Pending {
      const Struct* layer;
      int64_t node;
      std::vector<Value> refs;
    };
    std::vector<Pending> pending;
    for (const Value& layer : layers->list_value().values()) {
      const Struct& s = layer.struct_value();
      const Value* nodes = Field(s, "inbound_nodes");
      if (nodes == nullptr) continue;
      int64_t index = 0;
      for (const Value& node : nodes->list_value().values()) {
        std::vector<Value> refs(node.list_value().values().begin(),
                                node.list_value().values().end());
        pending.push_back({&s, index++, std::move(refs)});
      }
    }
    while (!pending.empty()) {
      bool progress = false;
      for (auto it = pending.begin(); it != pending.end();) {
        std::vector<KTensor> call_inputs;
        bool ready = true;
        for (const Value& ref : it->refs) {
          const auto& parts = ref.list_value().values();
          auto found = produced.find(
              {parts[0].string_value(), static_cast<int64_t>(parts[1].number_value())});
          const size_t tensor = static_cast<size_t>(parts[2].number_value());
          if (found == produced.end() || tensor >= found->second.size()) {
            ready = false;
            break;
          }
          call_inputs.push_back(found->second[tensor]);
        }
        if (!ready) {
          ++it;
          continue;
        }
        absl::StatusOr<std::vector<KTensor>> outputs =
            CallLayer(*it->layer, scope, std::move(call_inputs), weights);
        if (!outputs.ok()) return outputs.status();
        produced[{LayerName(*it->layer), it->node}] = *std::move(outputs);
        it = pending.erase(it);
        progress = true;
      }
      if (!progress) {
        return absl::InvalidArgumentError(absl::StrCat("layer '", LayerName(*pending[0].layer),
                                                       "' reads a tensor no layer produces"));
      }
    }
    std::vector<KTensor> outputs;
    for (const Value& ref : RefList(*output_layers)) {
      const auto& parts = ref.list_value().values();
      auto found =
          produced.find({parts[0].string_value(), static_cast<int64_t>(parts[1].number_value())});
      const size_t tensor = static_cast<size_t>(parts[2].number_value());
      if (found == produced.end() || tensor >= found->second.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("output layer '", parts[0].string_value(), "' is never computed"));
      }
      outputs.push_back(found->second[tensor]);
    }
    return outputs;
  }

  const LayersModel& model_;
  GraphBuilder& b_;
  keras::WeightNodes weight_nodes_;
  absl::flat_hash_map<std::string, size_t> groups_;
};

void SetTensorInfo(const std::string& tensor, tensorflow::DataType dtype, const Shape& shape,
                   tensorflow::TensorInfo* info) {
  info->set_name(tensor);
  info->set_dtype(dtype);
  for (int64_t dim : shape) info->mutable_tensor_shape()->add_dim()->set_size(dim);
}

}  // namespace

absl::StatusOr<FrozenModel> LowerKerasModel(const LayersModel& model) {
  if (model.model_config.empty()) {
    return absl::InvalidArgumentError(
        "the Keras file holds weights only (no model_config): there is no model to convert to "
        "a graph");
  }
  Value config;
  if (auto status = google::protobuf::util::JsonStringToMessage(model.model_config, &config);
      !status.ok() || !config.has_struct_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("model_config is not a JSON object: ", status.ToString()));
  }
  const Struct& top = config.struct_value();
  const std::string class_name = StringField(top, "class_name");
  if (!IsModelClass(class_name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("model_config's class_name '", class_name, "' is not a model"));
  }
  std::vector<std::string> lambdas;
  std::map<std::string, std::vector<std::string>> unknown;
  if (const auto* layers = ModelLayers(top)) FindUnsupported(*layers, &lambdas, &unknown);
  if (!lambdas.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Lambda layer", lambdas.size() > 1 ? "s " : " ", absl::StrJoin(lambdas, ", "),
        ": a Lambda layer's function is Python bytecode, which cannot be converted to a graph"));
  }
  if (!unknown.empty()) {
    std::vector<std::string> parts;
    for (const auto& [name, layers] : unknown) {
      parts.push_back(absl::StrCat(name, " (", absl::StrJoin(layers, ", "), ")"));
    }
    return absl::UnimplementedError(absl::StrCat(
        "Keras layer classes with no lowering to a TF graph: ", absl::StrJoin(parts, "; ")));
  }

  FrozenModel frozen;
  frozen.graph.mutable_versions()->set_producer(1);
  GraphBuilder builder(&frozen.graph);
  const std::vector<std::string> output_names = OutputNames(top);
  ModelLowering lowering(model, &builder);
  std::vector<ModelLowering::Input> inputs;
  absl::StatusOr<std::vector<KTensor>> outputs = lowering.LowerTop(top, &inputs);
  if (!outputs.ok()) return outputs.status();
  if (outputs->size() != output_names.size()) {
    return absl::InternalError("output count differs from output_layers");
  }
  for (const ModelLowering::Input& input : inputs) {
    SetTensorInfo(input.name + ":0", input.dtype, input.shape,
                  &(*frozen.signature.mutable_inputs())[input.name]);
  }
  for (size_t i = 0; i < outputs->size(); ++i) {
    const KTensor& out = (*outputs)[i];
    // Layer nodes sit under "<layer>/", so the bare name is free unless an input has it.
    const std::string node = builder.UniqueName(output_names[i]);
    tensorflow::NodeDef* identity = builder.AddNamed("Identity", node, {out.name});
    keras::SetType(identity, "T", out.dtype);
    std::string key = output_names[i];
    if (frozen.signature.outputs().contains(key)) key = node;
    SetTensorInfo(node + ":0", out.dtype, out.shape, &(*frozen.signature.mutable_outputs())[key]);
    frozen.output_nodes.push_back(node);
  }
  frozen.signature.set_method_name("tensorflow/serving/predict");
  return frozen;
}

}  // namespace tfjs::converter
