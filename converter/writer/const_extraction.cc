#include "converter/writer/const_extraction.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/util/field_mask_util.h"

namespace tfjs::converter {
namespace {

constexpr absl::string_view kConstOp = "Const";

// The TensorProto fields tensorflowjs_converter clears (CLEARED_TENSOR_FIELDS); dtype, shape and
// the few fields it leaves stay in model.json.
void ClearTensorValues(tensorflow::TensorProto* tensor) {
  tensor->clear_tensor_content();
  tensor->clear_half_val();
  tensor->clear_float_val();
  tensor->clear_double_val();
  tensor->clear_int_val();
  tensor->clear_string_val();
  tensor->clear_scomplex_val();
  tensor->clear_int64_val();
  tensor->clear_bool_val();
  tensor->clear_resource_handle_val();
  tensor->clear_variant_val();
  tensor->clear_uint32_val();
  tensor->clear_uint64_val();
}

absl::StatusOr<const tensorflow::TensorProto*> ConstValue(const tensorflow::NodeDef& node,
                                                          absl::string_view where) {
  auto it = node.attr().find("value");
  if (it == node.attr().end() || !it->second.has_tensor()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Const node '", node.name(), "'", where, " has no tensor \"value\" attr"));
  }
  return &it->second.tensor();
}

// Copies every field of `from` into `to` but the top-level fields named in `skipped`.
void CopyFieldsExcept(const google::protobuf::Message& from,
                      std::initializer_list<absl::string_view> skipped,
                      google::protobuf::Message* to) {
  google::protobuf::FieldMask mask;
  const google::protobuf::Descriptor* descriptor = from.GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const std::string& name = descriptor->field(i)->name();
    if (std::find(skipped.begin(), skipped.end(), name) == skipped.end()) mask.add_paths(name);
  }
  google::protobuf::util::FieldMaskUtil::MergeMessageTo(
      from, mask, google::protobuf::util::FieldMaskUtil::MergeOptions(), to);
}

// Copies `node` into `copy` without the value data of a Const, and records the weight. The data
// (tensor_content, possibly GiBs) is never copied, not even to be cleared.
absl::Status ExtractNode(const tensorflow::NodeDef& node, std::string weight_name,
                         absl::string_view where, bool top_level, tensorflow::NodeDef* copy,
                         std::vector<ConstWeight>* weights) {
  if (node.op() != kConstOp) {
    *copy = node;
    return absl::OkStatus();
  }
  absl::StatusOr<const tensorflow::TensorProto*> value = ConstValue(node, where);
  if (!value.ok()) return value.status();
  CopyFieldsExcept(node, {"attr"}, copy);
  for (const auto& [key, attr] : node.attr()) {
    if (key != "value") (*copy->mutable_attr())[key] = attr;
  }
  tensorflow::TensorProto* value_copy = (*copy->mutable_attr())["value"].mutable_tensor();
  CopyFieldsExcept(**value, {"tensor_content"}, value_copy);
  ClearTensorValues(value_copy);
  weights->push_back({std::move(weight_name), *value, top_level});
  return absl::OkStatus();
}

// The node a function-body reference names: "^node", "node", "node:output:0" all name "node".
absl::string_view ReferencedNode(absl::string_view reference) {
  if (!reference.empty() && reference.front() == '^') reference.remove_prefix(1);
  return reference.substr(0, reference.find(':'));
}

// Points a reference at "<prefix>/<node>" when it names one of `renamed`.
void RenameReference(const absl::flat_hash_set<std::string>& renamed, absl::string_view prefix,
                     std::string* reference) {
  if (!renamed.contains(ReferencedNode(*reference))) return;
  const size_t at = (!reference->empty() && reference->front() == '^') ? 1 : 0;
  reference->insert(at, absl::StrCat(prefix, "/"));
}

absl::Status ExtractFunction(const tensorflow::FunctionDef& function,
                             tensorflow::FunctionDef* copy, std::vector<ConstWeight>* weights) {
  const std::string& prefix = function.signature().name();
  const std::string where = absl::StrCat(" in function '", prefix, "'");
  absl::flat_hash_set<std::string> const_names;
  for (const tensorflow::NodeDef& node : function.node_def()) {
    if (node.op() == kConstOp) const_names.insert(node.name());
  }
  *copy->mutable_signature() = function.signature();
  *copy->mutable_attr() = function.attr();
  *copy->mutable_arg_attr() = function.arg_attr();
  *copy->mutable_resource_arg_unique_id() = function.resource_arg_unique_id();
  for (const tensorflow::NodeDef& node : function.node_def()) {
    tensorflow::NodeDef* node_copy = copy->add_node_def();
    const std::string weight_name = absl::StrCat(prefix, "/", node.name());
    absl::Status status =
        ExtractNode(node, weight_name, where, /*top_level=*/false, node_copy, weights);
    if (!status.ok()) return status;
    if (node.op() == kConstOp) node_copy->set_name(weight_name);
    for (std::string& input : *node_copy->mutable_input()) {
      RenameReference(const_names, prefix, &input);
    }
  }
  for (const auto& [output, reference] : function.ret()) {
    std::string renamed = reference;
    RenameReference(const_names, prefix, &renamed);
    (*copy->mutable_ret())[output] = std::move(renamed);
  }
  for (const auto& [output, reference] : function.control_ret()) {
    std::string renamed = reference;
    RenameReference(const_names, prefix, &renamed);
    (*copy->mutable_control_ret())[output] = std::move(renamed);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ExtractedGraph> ExtractConstWeights(const tensorflow::GraphDef& graph) {
  ExtractedGraph extracted;
  tensorflow::GraphDef& topology = extracted.topology;
  // Copied field by field so that weight data is never held twice.
  if (graph.has_versions()) *topology.mutable_versions() = graph.versions();
  // The deprecated `version` field, read through reflection to keep the compiler quiet.
  const auto* version_field = tensorflow::GraphDef::descriptor()->FindFieldByName("version");
  const auto* reflection = graph.GetReflection();
  reflection->SetInt32(&topology, version_field, reflection->GetInt32(graph, version_field));
  if (graph.has_debug_info()) *topology.mutable_debug_info() = graph.debug_info();
  for (const tensorflow::NodeDef& node : graph.node()) {
    absl::Status status =
        ExtractNode(node, node.name(), "", /*top_level=*/true, topology.add_node(),
                    &extracted.weights);
    if (!status.ok()) return status;
  }
  if (graph.has_library()) {
    const tensorflow::FunctionDefLibrary& library = graph.library();
    tensorflow::FunctionDefLibrary* library_copy = topology.mutable_library();
    *library_copy->mutable_gradient() = library.gradient();
    *library_copy->mutable_registered_gradients() = library.registered_gradients();
    for (const tensorflow::FunctionDef& function : library.function()) {
      absl::Status status =
          ExtractFunction(function, library_copy->add_function(), &extracted.weights);
      if (!status.ok()) return status;
    }
  }
  absl::flat_hash_set<absl::string_view> names;
  for (const ConstWeight& weight : extracted.weights) {
    if (!names.insert(weight.name).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "two weights are named '", weight.name,
          "' (a top-level Const and a Const in a function body renamed to the same name?)"));
    }
  }
  return extracted;
}

}  // namespace tfjs::converter
