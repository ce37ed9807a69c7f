#include "converter/passes/prune_graph.h"

#include <algorithm>
#include <deque>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr char kPass[] = "prune_graph";

// Variable initialization, checkpoint saving and restoring: state plumbing whose control edges
// the kept nodes lose, so it is pruned with everything else the outputs do not need.
REGISTER_HANDLED_OPS(kPass,
                     {"Assign", "AssignAdd", "AssignSub", "AssignVariableOp", "AssignAddVariableOp",
                      "AssignSubVariableOp", "SaveV2", "Save", "SaveSlices", "RestoreV2", "Restore",
                      "RestoreSlice", "MergeV2Checkpoints", "ShardedFilename", "StringJoin",
                      "StaticRegexFullMatch", "VarIsInitializedOp", "IsVariableInitialized",
                      "DestroyResourceOp"});

bool IsStatePlumbing(const std::string& op) { return IsHandledBy(kPass, op); }

void CollectFunctionNames(const tensorflow::AttrValue& value, std::vector<std::string>* names) {
  if (value.has_func()) names->push_back(value.func().name());
  for (const auto& func : value.list().func()) names->push_back(func.name());
}

void CollectCalledFunctions(const tensorflow::NodeDef& node, std::vector<std::string>* names) {
  names->push_back(node.op());
  for (const auto& [name, value] : node.attr()) CollectFunctionNames(value, names);
}

}  // namespace

absl::Status PruneGraph(const std::vector<std::string>& keep, tensorflow::GraphDef* graph) {
  absl::flat_hash_map<std::string, tensorflow::NodeDef*> nodes;
  for (tensorflow::NodeDef& node : *graph->mutable_node()) nodes.emplace(node.name(), &node);

  absl::flat_hash_set<std::string> kept;
  std::deque<std::string> pending;
  for (const std::string& tensor : keep) {
    std::string name = InputNodeName(tensor);
    if (!nodes.contains(name)) {
      return absl::NotFoundError(
          absl::StrCat("output or input '", tensor, "' names no node of the graph"));
    }
    if (kept.insert(name).second) pending.push_back(name);
  }
  while (!pending.empty()) {
    tensorflow::NodeDef* node = nodes[pending.front()];
    pending.pop_front();
    auto* inputs = node->mutable_input();
    for (int i = 0; i < inputs->size();) {
      const std::string& input = inputs->Get(i);
      auto source = nodes.find(InputNodeName(input));
      if (source == nodes.end()) {
        return absl::NotFoundError(absl::StrCat("node '", node->name(), "' (op ", node->op(),
                                                ") has input '", input,
                                                "' naming no node of the graph"));
      }
      if (IsControlInput(input) && IsStatePlumbing(source->second->op())) {
        inputs->erase(inputs->begin() + i);
        continue;
      }
      if (kept.insert(source->first).second) pending.push_back(source->first);
      ++i;
    }
  }
  auto* all = graph->mutable_node();
  all->erase(
      std::remove_if(all->begin(), all->end(),
                     [&](const tensorflow::NodeDef& node) { return !kept.contains(node.name()); }),
      all->end());
  RemoveUnusedFunctions(graph);
  return absl::OkStatus();
}

void RemoveUnusedFunctions(tensorflow::GraphDef* graph) {
  absl::flat_hash_map<std::string, const tensorflow::FunctionDef*> functions;
  for (const auto& function : graph->library().function()) {
    functions.emplace(function.signature().name(), &function);
  }
  std::vector<std::string> pending;
  for (const auto& node : graph->node()) CollectCalledFunctions(node, &pending);
  absl::flat_hash_set<std::string> used;
  while (!pending.empty()) {
    std::string name = std::move(pending.back());
    pending.pop_back();
    auto function = functions.find(name);
    if (function == functions.end() || !used.insert(name).second) continue;
    for (const auto& node : function->second->node_def()) CollectCalledFunctions(node, &pending);
    for (const auto& [attr_name, value] : function->second->attr()) {
      CollectFunctionNames(value, &pending);
    }
  }
  tensorflow::FunctionDefLibrary* library = graph->mutable_library();
  auto* defs = library->mutable_function();
  defs->erase(std::remove_if(defs->begin(), defs->end(),
                             [&](const tensorflow::FunctionDef& function) {
                               return !used.contains(function.signature().name());
                             }),
              defs->end());
  auto* gradients = library->mutable_gradient();
  gradients->erase(std::remove_if(gradients->begin(), gradients->end(),
                                  [&](const tensorflow::GradientDef& gradient) {
                                    return !used.contains(gradient.function_name());
                                  }),
                   gradients->end());
  if (library->function_size() == 0 && library->gradient_size() == 0 &&
      library->registered_gradients_size() == 0) {
    graph->clear_library();
  }
}

}  // namespace tfjs::converter
