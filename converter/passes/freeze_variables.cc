#include "converter/passes/freeze_variables.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/graph_index.h"
#include "converter/passes/restore_path.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr int kResourceInput = 0;
constexpr int kGatherIndicesInput = 1;

tensorflow::AttrValue TypeAttr(tensorflow::DataType type) {
  tensorflow::AttrValue value;
  value.set_type(type);
  return value;
}

// Data inputs first, then control inputs, as NodeDef wants them.
std::vector<std::string> ControlInputs(const tensorflow::NodeDef& node) {
  std::vector<std::string> controls;
  for (const std::string& input : node.input()) {
    if (IsControlInput(input)) controls.push_back(input);
  }
  return controls;
}

void MakeConst(const tensorflow::TensorProto& value, tensorflow::NodeDef* node) {
  std::vector<std::string> controls = ControlInputs(*node);
  node->set_op("Const");
  node->clear_input();
  for (const std::string& control : controls) node->add_input(control);
  node->clear_attr();
  (*node->mutable_attr())["dtype"] = TypeAttr(value.dtype());
  *(*node->mutable_attr())["value"].mutable_tensor() = value;
}

// ReadVariableOp(resource) -> Identity(value).
void RewriteRead(const std::string& variable, tensorflow::DataType dtype,
                 tensorflow::NodeDef* read) {
  std::vector<std::string> controls = ControlInputs(*read);
  read->set_op("Identity");
  read->clear_input();
  read->add_input(variable);
  for (const std::string& control : controls) read->add_input(control);
  read->clear_attr();
  (*read->mutable_attr())["T"] = TypeAttr(dtype);
}

// ResourceGather(resource, indices) -> GatherV2(value, indices, axis = batch_dims).
absl::Status RewriteGather(const std::string& variable, tensorflow::DataType dtype,
                           tensorflow::GraphDef* graph, int gather_index) {
  tensorflow::NodeDef* gather = graph->mutable_node(gather_index);
  if (gather->input_size() <= kGatherIndicesInput) {
    return absl::InvalidArgumentError(
        absl::StrCat("node '", gather->name(), "' (op ResourceGather) lacks its indices input"));
  }
  const std::string indices = gather->input(kGatherIndicesInput);
  std::vector<std::string> controls = ControlInputs(*gather);
  const auto& attrs = gather->attr();
  const int64_t batch_dims = attrs.contains("batch_dims") ? attrs.at("batch_dims").i() : 0;
  const tensorflow::DataType index_type =
      attrs.contains("Tindices") ? attrs.at("Tindices").type() : tensorflow::DT_INT32;
  const std::string axis_name = absl::StrCat(gather->name(), "/axis");

  gather->set_op("GatherV2");
  gather->clear_input();
  gather->add_input(variable);
  gather->add_input(indices);
  gather->add_input(axis_name);
  for (const std::string& control : controls) gather->add_input(control);
  gather->clear_attr();
  (*gather->mutable_attr())["Tparams"] = TypeAttr(dtype);
  (*gather->mutable_attr())["Tindices"] = TypeAttr(index_type);
  (*gather->mutable_attr())["Taxis"] = TypeAttr(tensorflow::DT_INT32);
  (*gather->mutable_attr())["batch_dims"].set_i(batch_dims);

  tensorflow::NodeDef* axis = graph->add_node();
  axis->set_name(axis_name);
  tensorflow::TensorProto value;
  value.set_dtype(tensorflow::DT_INT32);
  value.add_int_val(static_cast<int32_t>(batch_dims));
  value.mutable_tensor_shape();
  MakeConst(value, axis);
  return absl::OkStatus();
}

bool IsResourceAlias(const tensorflow::NodeDef& node) {
  if (node.op() != "Identity") return false;
  auto type = node.attr().find("T");
  return type != node.attr().end() && type->second.type() == tensorflow::DT_RESOURCE;
}

}  // namespace

absl::Status FreezeVariables(const absl::flat_hash_map<std::string, std::string>& variable_keys,
                             const CheckpointValueReader& read, tensorflow::GraphDef* graph) {
  // Variable node name -> dtype of its value, for the resource variables among them.
  absl::flat_hash_map<std::string, tensorflow::DataType> resource_variables;
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    if (!IsVariableOp(node.op())) continue;
    auto key = variable_keys.find(node.name());
    const std::string& checkpoint_key = key == variable_keys.end() ? node.name() : key->second;
    absl::StatusOr<tensorflow::TensorProto> value = read(checkpoint_key);
    if (!value.ok()) {
      return absl::Status(value.status().code(),
                          absl::StrCat("variable '", node.name(), "' (op ", node.op(),
                                       ", checkpoint key '", checkpoint_key,
                                       "'): ", value.status().message()));
    }
    if (node.op() == "VarHandleOp") resource_variables[node.name()] = value->dtype();
    MakeConst(*value, &node);
  }
  if (resource_variables.empty()) return absl::OkStatus();

  // Node addresses are stable while nodes are appended, so one index serves every rewrite; it
  // only follows Identity nodes, which the rewrites do not touch.
  const GraphIndex index(*graph);
  absl::flat_hash_set<std::string> rewritten;
  const int original_size = graph->node_size();
  for (int i = 0; i < original_size; ++i) {
    const tensorflow::NodeDef& node = graph->node(i);
    if (node.op() != "ReadVariableOp" && node.op() != "ResourceGather") continue;
    if (node.input_size() <= kResourceInput) continue;
    TensorName source = index.ResolveIdentities(node.input(kResourceInput));
    auto variable = resource_variables.find(source.node);
    if (variable == resource_variables.end()) continue;
    rewritten.insert(node.name());
    if (node.op() == "ReadVariableOp") {
      RewriteRead(variable->first, variable->second, graph->mutable_node(i));
    } else {
      absl::Status status = RewriteGather(variable->first, variable->second, graph, i);
      if (!status.ok()) return status;
    }
  }

  // Any other node still taking a frozen variable as a resource, directly or through Identity
  // aliases (which are pruned later), cannot work with a constant.
  for (const tensorflow::NodeDef& node : graph->node()) {
    if (IsResourceAlias(node) || rewritten.contains(node.name())) continue;
    for (const std::string& input : node.input()) {
      if (IsControlInput(input)) continue;
      const tensorflow::NodeDef* producer = index.Find(InputNodeName(input));
      if (producer == nullptr) continue;
      if (!IsResourceAlias(*producer) && !resource_variables.contains(producer->name())) continue;
      TensorName resolved = index.ResolveIdentities(input);
      if (resource_variables.contains(resolved.node)) {
        return absl::UnimplementedError(absl::StrCat(
            "variable '", resolved.node, "' feeds node '", node.name(), "' (op ", node.op(),
            ") as a resource; only ReadVariableOp and ResourceGather can be frozen"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
