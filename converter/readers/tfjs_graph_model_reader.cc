#include "converter/readers/tfjs_graph_model_reader.h"

#include <complex>
#include <cstring>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/tensor_name.h"
#include "converter/passes/validate_graph.h"
#include "io/load_model.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

std::string ModelJsonPath(const std::string& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) return (fs::path(path) / "model.json").string();
  return path;
}

// Elements of `weight` converted one by one to Out and stored little-endian.
template <typename In, typename Out>
std::string ConvertElements(const io::Tensor& weight) {
  absl::Span<const In> in = weight.values<In>();
  std::string bytes(in.size() * sizeof(Out), '\0');
  for (size_t i = 0; i < in.size(); ++i) {
    const Out value = static_cast<Out>(in[i]);
    std::memcpy(bytes.data() + i * sizeof(Out), &value, sizeof(Out));
  }
  return bytes;
}

// The Const dtype a weight of each dtype stores as is.
tensorflow::DataType OwnDtype(io::DType dtype) {
  switch (dtype) {
    case io::DType::kFloat32: return tensorflow::DT_FLOAT;
    case io::DType::kInt32: return tensorflow::DT_INT32;
    case io::DType::kBool: return tensorflow::DT_BOOL;
    case io::DType::kComplex64: return tensorflow::DT_COMPLEX64;
    case io::DType::kString: return tensorflow::DT_STRING;
    case io::DType::kFloat64: return tensorflow::DT_DOUBLE;
    case io::DType::kInt64: return tensorflow::DT_INT64;
    case io::DType::kUint64: return tensorflow::DT_UINT64;
    case io::DType::kUint32: return tensorflow::DT_UINT32;
    case io::DType::kComplex128: return tensorflow::DT_COMPLEX128;
    case io::DType::kUint8: return tensorflow::DT_UINT8;
    case io::DType::kUint16: return tensorflow::DT_UINT16;
    case io::DType::kInt8: return tensorflow::DT_INT8;
    case io::DType::kInt16: return tensorflow::DT_INT16;
  }
  return tensorflow::DT_INVALID;
}

// The Const's tensor_content: the weight's bytes when it holds the declared dtype, else its
// values converted back to that dtype (the converter narrowed or widened them: float64, int64,
// 8- to 32-bit integers, complex128).
absl::StatusOr<std::string> TensorContent(const io::Tensor& weight, tensorflow::DataType declared) {
  const std::string raw(reinterpret_cast<const char*>(weight.data.data()), weight.data.size());
  if (weight.dtype != io::DType::kString && declared == OwnDtype(weight.dtype)) return raw;
  switch (weight.dtype) {
    case io::DType::kFloat32:
      if (declared == tensorflow::DT_DOUBLE) return ConvertElements<float, double>(weight);
      break;
    case io::DType::kInt32:
      switch (declared) {
        case tensorflow::DT_INT64: return ConvertElements<int32_t, int64_t>(weight);
        case tensorflow::DT_UINT64: return ConvertElements<int32_t, uint64_t>(weight);
        case tensorflow::DT_UINT32: return ConvertElements<int32_t, uint32_t>(weight);
        case tensorflow::DT_UINT16: return ConvertElements<int32_t, uint16_t>(weight);
        case tensorflow::DT_INT16: return ConvertElements<int32_t, int16_t>(weight);
        case tensorflow::DT_UINT8: return ConvertElements<int32_t, uint8_t>(weight);
        case tensorflow::DT_INT8: return ConvertElements<int32_t, int8_t>(weight);
        default: break;
      }
      break;
    case io::DType::kComplex64:
      if (declared == tensorflow::DT_COMPLEX128) return ConvertElements<float, double>(weight);
      break;
    default:
      break;
  }
  return absl::InvalidArgumentError(absl::StrCat("a ", io::DTypeName(weight.dtype),
                                                 " weight cannot hold a ",
                                                 tensorflow::DataType_Name(declared), " Const"));
}

// The dtype a Const node declares: its value tensor's, else its "dtype" attr.
tensorflow::DataType DeclaredDtype(const tensorflow::NodeDef& node) {
  auto value = node.attr().find("value");
  if (value != node.attr().end() && value->second.tensor().dtype() != tensorflow::DT_INVALID) {
    return value->second.tensor().dtype();
  }
  auto dtype = node.attr().find("dtype");
  return dtype == node.attr().end() ? tensorflow::DT_INVALID : dtype->second.type();
}

// Signature for a model.json without one: Placeholders in, unread non-Const nodes out, as the
// runtime and TF.js treat such models.
tensorflow::SignatureDef InferredSignature(const tensorflow::GraphDef& graph) {
  absl::flat_hash_set<std::string> read;
  for (const tensorflow::NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) read.insert(InputNodeName(input));
  }
  tensorflow::SignatureDef signature;
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (node.op() == "Placeholder") {
      tensorflow::TensorInfo& info = (*signature.mutable_inputs())[node.name()];
      info.set_name(absl::StrCat(node.name(), ":0"));
      if (auto it = node.attr().find("dtype"); it != node.attr().end()) {
        info.set_dtype(it->second.type());
      }
      if (auto it = node.attr().find("shape"); it != node.attr().end()) {
        *info.mutable_tensor_shape() = it->second.shape();
      }
    } else if (node.op() != "Const" && !read.contains(node.name())) {
      (*signature.mutable_outputs())[node.name()].set_name(absl::StrCat(node.name(), ":0"));
    }
  }
  return signature;
}

}  // namespace

absl::StatusOr<tensorflow::TensorProto> WeightToTensorProto(const io::Tensor& weight,
                                                            tensorflow::DataType declared) {
  tensorflow::TensorProto proto;
  proto.set_dtype(declared);
  for (int64_t dim : weight.shape) proto.mutable_tensor_shape()->add_dim()->set_size(dim);
  if (weight.dtype == io::DType::kString) {
    if (declared != tensorflow::DT_STRING) {
      return absl::InvalidArgumentError(absl::StrCat(
          "a string weight cannot hold a ", tensorflow::DataType_Name(declared), " Const"));
    }
    for (const std::string& value : weight.strings) proto.add_string_val(value);
    return proto;
  }
  absl::StatusOr<std::string> content = TensorContent(weight, declared);
  if (!content.ok()) return content.status();
  proto.set_tensor_content(*std::move(content));
  return proto;
}

absl::StatusOr<FrozenModel> ReadTfjsGraphModel(const std::string& path,
                                               const std::vector<std::string>& output_node_names) {
  const std::string model_json = ModelJsonPath(path);
  absl::StatusOr<io::LoadedModel> loaded = io::LoadModel(model_json);
  if (!loaded.ok()) return loaded.status();
  io::ModelJson& json = loaded->model_json;
  if (!json.graph.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        model_json, ": not a TF.js graph model (format '", json.format, "', no graph topology)"));
  }
  FrozenModel model;
  model.graph = *std::move(json.graph);
  model.tensorflow_version = json.generated_by;
  if (json.model_initializer.has_value()) {
    model.initializer = *std::move(json.model_initializer);
    if (json.initializer_signature.has_value()) {
      model.initializer_signature = *std::move(json.initializer_signature);
    }
    model.input_resource_ids = std::move(json.input_resource_ids);
    model.initializer_output_resource_ids = std::move(json.initializer_output_resource_ids);
  }
  // Every Const, top-level, in function bodies and in the initializer, by the name its weight
  // carries (the initializer shares weights with the model by name).
  absl::flat_hash_map<std::string, std::vector<tensorflow::NodeDef*>> consts;
  for (tensorflow::NodeDef& node : *model.graph.mutable_node()) {
    if (node.op() == "Const") consts[node.name()].push_back(&node);
  }
  for (tensorflow::FunctionDef& function : *model.graph.mutable_library()->mutable_function()) {
    for (tensorflow::NodeDef& node : *function.mutable_node_def()) {
      if (node.op() == "Const") consts[node.name()].push_back(&node);
    }
  }
  for (tensorflow::NodeDef& node : *model.initializer.mutable_node()) {
    if (node.op() == "Const") consts[node.name()].push_back(&node);
  }
  for (io::NamedTensor& weight : loaded->weights) {
    auto it = consts.find(weight.name);
    if (it == consts.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(model_json, ": weight '", weight.name, "' matches no Const node"));
    }
    for (tensorflow::NodeDef* node : it->second) {
      absl::StatusOr<tensorflow::TensorProto> value =
          WeightToTensorProto(weight.tensor, DeclaredDtype(*node));
      if (!value.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(model_json, ": weight '", weight.name, "': ", value.status().message()));
      }
      *(*node->mutable_attr())["value"].mutable_tensor() = *std::move(value);
    }
    consts.erase(it);
  }
  if (!consts.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        model_json, ": Const node '", consts.begin()->first, "' has no weight in the manifest"));
  }

  if (json.user_defined_metadata.has_value()) {
    std::map<std::string, std::string> metadata;
    for (const auto& [key, value] : json.user_defined_metadata->fields()) {
      std::string text;
      if (!google::protobuf::util::MessageToJsonString(value, &text).ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(model_json, ": userDefinedMetadata '", key, "' cannot be written back"));
      }
      metadata[key] = std::move(text);
    }
    model.user_metadata.assign(metadata.begin(), metadata.end());
  }
  model.signature =
      json.signature.has_value() ? *std::move(json.signature) : InferredSignature(model.graph);
  if (!output_node_names.empty()) {
    model.signature.clear_outputs();
    std::vector<std::string> keep;
    for (const std::string& output : output_node_names) {
      const TensorName tensor = TensorName::Parse(output);
      const std::string name = absl::StrCat(tensor.node, ":", tensor.output_index);
      (*model.signature.mutable_outputs())[output].set_name(name);
      keep.push_back(name);
    }
    for (const auto& [key, info] : model.signature.inputs()) keep.push_back(info.name());
    if (absl::Status status = PruneGraph(keep, &model.graph); !status.ok()) {
      return absl::Status(status.code(), absl::StrCat(model_json, ": ", status.message()));
    }
    RemoveUnusedFunctions(&model.graph);
  }
  if (absl::Status status = ValidateGraph(model.graph); !status.ok()) {
    return absl::Status(status.code(), absl::StrCat(model_json, ": ", status.message()));
  }
  return model;
}

}  // namespace tfjs::converter
