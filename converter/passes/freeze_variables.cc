#include "converter/passes/freeze_variables.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/resource_consumers.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr char kPass[] = "freeze_variables";

// The variables, which become Consts holding their checkpoint values.
REGISTER_HANDLED_OPS(kPass, {"VarHandleOp", "Variable", "VariableV2"});

tensorflow::AttrValue TypeAttr(tensorflow::DataType type) {
  tensorflow::AttrValue value;
  value.set_type(type);
  return value;
}

std::vector<std::string> ControlInputs(const tensorflow::NodeDef& node) {
  std::vector<std::string> controls;
  for (const std::string& input : node.input()) {
    if (IsControlInput(input)) controls.push_back(input);
  }
  return controls;
}

// Takes `value` by value: moved in, a variable's data (possibly GiBs) is never copied.
void MakeConst(tensorflow::TensorProto value, tensorflow::NodeDef* node) {
  std::vector<std::string> controls = ControlInputs(*node);
  node->set_op("Const");
  node->clear_input();
  for (const std::string& control : controls) node->add_input(control);
  node->clear_attr();
  (*node->mutable_attr())["dtype"] = TypeAttr(value.dtype());
  *(*node->mutable_attr())["value"].mutable_tensor() = std::move(value);
}

}  // namespace

absl::Status FreezeVariables(const absl::flat_hash_map<std::string, std::string>& variable_keys,
                             const CheckpointValueReader& read, tensorflow::GraphDef* graph,
                             absl::flat_hash_map<std::string, WeightSource>* external_weights) {
  absl::flat_hash_map<std::string, FrozenResource> resource_variables;
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    if (!IsHandledBy(kPass, node.op())) continue;
    auto key = variable_keys.find(node.name());
    const std::string& checkpoint_key = key == variable_keys.end() ? node.name() : key->second;
    absl::StatusOr<CheckpointValue> value = read(checkpoint_key);
    if (!value.ok()) {
      return absl::Status(
          value.status().code(),
          absl::StrCat("variable '", node.name(), "' (op ", node.op(), ", checkpoint key '",
                       checkpoint_key, "'): ", value.status().message()));
    }
    if (node.op() == "VarHandleOp") {
      resource_variables[node.name()] = {value->tensor.dtype(), value->tensor.tensor_shape()};
    }
    if (value->source.has_value()) {
      (*external_weights)[node.name()] = *std::move(value->source);
    }
    MakeConst(std::move(value->tensor), &node);
  }
  return RewriteResourceConsumers(resource_variables, graph);
}

}  // namespace tfjs::converter
