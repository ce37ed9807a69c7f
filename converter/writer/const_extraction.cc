#include "converter/writer/const_extraction.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace tfjs::converter {
namespace {

constexpr absl::string_view kConstOp = "Const";

// The TensorProto fields tensorflowjs_converter clears (CLEARED_TENSOR_FIELDS); dtype, shape and
// the few fields it leaves stay in model.json.
const std::vector<const google::protobuf::FieldDescriptor*>& ClearedTensorFields() {
  static const auto* fields = [] {
    const google::protobuf::Descriptor* tensor = tensorflow::TensorProto::descriptor();
    auto* list = new std::vector<const google::protobuf::FieldDescriptor*>;
    for (const char* name : {"tensor_content", "half_val", "float_val", "double_val", "int_val",
                             "string_val", "scomplex_val", "int64_val", "bool_val",
                             "resource_handle_val", "variant_val", "uint32_val", "uint64_val"}) {
      list->push_back(tensor->FindFieldByName(name));
    }
    return list;
  }();
  return *fields;
}

// Moves the value data of Const `node` out to a new element of `extracted->values` (which gets
// the whole value: data, dtype and shape) and records the weight; other nodes stay as they are.
absl::Status ExtractNode(tensorflow::NodeDef* node, std::string weight_name,
                         absl::string_view where, bool top_level, ExtractedWeights* extracted) {
  if (node->op() != kConstOp) return absl::OkStatus();
  auto it = node->mutable_attr()->find("value");
  if (it == node->mutable_attr()->end() || !it->second.has_tensor()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Const node '", node->name(), "'", where, " has no tensor \"value\" attr"));
  }
  tensorflow::TensorProto* in_graph = it->second.mutable_tensor();
  tensorflow::TensorProto& value = extracted->values.emplace_back();
  // Swapping moves the data (possibly GiBs) without copying it; what stays is small.
  in_graph->GetReflection()->SwapFields(in_graph, &value, ClearedTensorFields());
  value.MergeFrom(*in_graph);
  extracted->weights.push_back({std::move(weight_name), &value, top_level});
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

absl::Status ExtractFunction(tensorflow::FunctionDef* function, ExtractedWeights* extracted) {
  const std::string prefix = function->signature().name();
  const std::string where = absl::StrCat(" in function '", prefix, "'");
  absl::flat_hash_set<std::string> const_names;
  for (const tensorflow::NodeDef& node : function->node_def()) {
    if (node.op() == kConstOp) const_names.insert(node.name());
  }
  for (tensorflow::NodeDef& node : *function->mutable_node_def()) {
    const std::string weight_name = absl::StrCat(prefix, "/", node.name());
    absl::Status status = ExtractNode(&node, weight_name, where, /*top_level=*/false, extracted);
    if (!status.ok()) return status;
    if (node.op() == kConstOp) node.set_name(weight_name);
    for (std::string& input : *node.mutable_input()) RenameReference(const_names, prefix, &input);
  }
  for (auto& [output, reference] : *function->mutable_ret()) {
    RenameReference(const_names, prefix, &reference);
  }
  for (auto& [output, reference] : *function->mutable_control_ret()) {
    RenameReference(const_names, prefix, &reference);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ExtractedWeights> ExtractConstWeights(tensorflow::GraphDef* graph) {
  ExtractedWeights extracted;
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    absl::Status status = ExtractNode(&node, node.name(), "", /*top_level=*/true, &extracted);
    if (!status.ok()) return status;
  }
  if (graph->has_library()) {
    for (tensorflow::FunctionDef& function : *graph->mutable_library()->mutable_function()) {
      if (absl::Status status = ExtractFunction(&function, &extracted); !status.ok()) {
        return status;
      }
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
