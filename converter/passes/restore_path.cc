#include "converter/passes/restore_path.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/graph_index.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr int kAssignTargetInput = 0;
constexpr int kAssignValueInput = 1;
constexpr int kRestoreTensorNamesInput = 1;

absl::Status RestoreError(const tensorflow::NodeDef& assign, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat("restore op assignment '", assign.name(),
                                                 "' (op ", assign.op(), "): ", problem));
}

// The checkpoint key restored into `assign`'s variable, from RestoreV2's tensor_names Const;
// "" when the assigned value does not come from a RestoreV2 (an initializer, say).
absl::StatusOr<std::string> RestoredKey(const GraphIndex& index,
                                        const tensorflow::NodeDef& assign) {
  if (assign.input_size() <= kAssignValueInput) return RestoreError(assign, "missing value input");
  TensorName value = index.ResolveIdentities(assign.input(kAssignValueInput));
  const tensorflow::NodeDef* restore = index.Find(value.node);
  if (restore == nullptr || restore->op() != "RestoreV2") return std::string();
  if (restore->input_size() <= kRestoreTensorNamesInput) {
    return RestoreError(assign, absl::StrCat("RestoreV2 '", restore->name(), "' lacks inputs"));
  }
  TensorName names = index.ResolveIdentities(restore->input(kRestoreTensorNamesInput));
  const tensorflow::NodeDef* names_node = index.Find(names.node);
  auto value_attr = names_node == nullptr ? nullptr : &names_node->attr();
  if (names_node == nullptr || names_node->op() != "Const" || !value_attr->contains("value")) {
    return RestoreError(assign, absl::StrCat("tensor_names of RestoreV2 '", restore->name(),
                                             "' is not a Const"));
  }
  const tensorflow::TensorProto& keys = value_attr->at("value").tensor();
  if (value.output_index >= keys.string_val_size()) {
    return RestoreError(assign, absl::StrCat("RestoreV2 '", restore->name(), "' output ",
                                             value.output_index, " has no tensor name"));
  }
  return keys.string_val(value.output_index);
}

}  // namespace

bool IsVariableOp(const std::string& op) {
  return op == "VariableV2" || op == "Variable" || op == "VarHandleOp";
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> MapVariablesToCheckpointKeys(
    const tensorflow::GraphDef& graph, const std::string& restore_op_name) {
  GraphIndex index(graph);
  const std::string start = InputNodeName(restore_op_name);
  if (index.Find(start) == nullptr) {
    return absl::NotFoundError(absl::StrCat("restore op '", restore_op_name,
                                            "' named by the SaverDef is not in the graph"));
  }
  absl::flat_hash_map<std::string, std::string> keys;
  absl::flat_hash_set<std::string> visited = {start};
  std::vector<std::string> pending = {start};
  while (!pending.empty()) {
    const tensorflow::NodeDef* node = index.Find(pending.back());
    pending.pop_back();
    if (node == nullptr) continue;
    for (const std::string& input : node->input()) {
      std::string source = InputNodeName(input);
      if (visited.insert(source).second) pending.push_back(source);
    }
    if (node->op() != "Assign" && node->op() != "AssignVariableOp") continue;
    if (node->input_size() <= kAssignTargetInput) continue;
    TensorName target = index.ResolveIdentities(node->input(kAssignTargetInput));
    const tensorflow::NodeDef* variable = index.Find(target.node);
    if (variable == nullptr || !IsVariableOp(variable->op())) continue;
    absl::StatusOr<std::string> key = RestoredKey(index, *node);
    if (!key.ok()) return key.status();
    if (key->empty()) continue;
    keys[variable->name()] = *std::move(key);
  }
  return keys;
}

}  // namespace tfjs::converter
