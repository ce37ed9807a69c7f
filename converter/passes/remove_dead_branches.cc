#include "converter/passes/remove_dead_branches.h"

#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/constant_node.h"
#include "converter/passes/op_kinds.h"
#include "converter/passes/tensor_name.h"
#include "runtime/tensor.h"
#include "runtime/tensor_proto.h"

namespace tfjs::converter {
namespace {

bool IsSwitch(const std::string& op) { return op == "Switch" || op == "RefSwitch"; }
bool IsMerge(const std::string& op) { return op == "Merge" || op == "RefMerge"; }
bool IsLoopOp(const std::string& op) {
  return op == "Enter" || op == "RefEnter" || op == "Exit" || op == "RefExit" ||
         op == "NextIteration" || op == "RefNextIteration" || op == "LoopCond";
}

class DeadBranchRemover {
 public:
  DeadBranchRemover(const std::vector<std::string>& keep, tensorflow::GraphDef* graph)
      : graph_(*graph) {
    for (int i = 0; i < graph_.node_size(); ++i) index_.emplace(graph_.node(i).name(), i);
    for (const std::string& name : keep) {
      if (auto it = index_.find(InputNodeName(name)); it != index_.end()) kept_.insert(it->second);
    }
  }

  absl::StatusOr<bool> Run();

 private:
  // The value of a Switch's predicate when it is a bool scalar Const that waits on nothing.
  std::optional<bool> ConstantPredicate(const tensorflow::NodeDef& node) const;
  int Find(const std::string& name) const {
    auto it = index_.find(name);
    return it == index_.end() ? -1 : it->second;
  }
  bool IsDead(const TensorName& tensor) const {
    const int node = Find(tensor.node);
    if (node < 0) return false;
    if (dead_[node]) return true;
    return !tensor.is_control && dead_outputs_.contains({node, tensor.output_index});
  }
  // Spreads deadness until nothing changes.
  void Propagate();
  absl::Status Rewrite();

  tensorflow::GraphDef& graph_;
  absl::flat_hash_map<std::string, int> index_;
  absl::flat_hash_set<int> kept_;
  // Switch node -> the output its predicate takes.
  absl::flat_hash_map<int, int> taken_;
  absl::flat_hash_set<std::pair<int, int>> dead_outputs_;
  std::vector<bool> dead_;
};

std::optional<bool> DeadBranchRemover::ConstantPredicate(const tensorflow::NodeDef& node) const {
  if (node.input_size() < 2 || IsControlInput(node.input(1))) return std::nullopt;
  TensorName tensor = TensorName::Parse(node.input(1));
  for (size_t step = 0; step <= index_.size(); ++step) {
    const int source = Find(tensor.node);
    if (source < 0) return std::nullopt;
    const tensorflow::NodeDef& producer = graph_.node(source);
    if (producer.op() == "Const") {
      if (producer.input_size() > 0 || tensor.output_index != 0) return std::nullopt;
      auto value = producer.attr().find("value");
      if (value == producer.attr().end()) return std::nullopt;
      absl::StatusOr<runtime::Tensor> predicate = runtime::TensorFromProto(value->second.tensor());
      if (!predicate.ok() || predicate->dtype() != tensorflow::DT_BOOL ||
          predicate->num_elements() != 1) {
        return std::nullopt;
      }
      return predicate->data<bool>()[0];
    }
    // Identities that forward one input and wait on nothing else.
    if (!IsIdentityOp(producer.op()) || producer.input_size() != 1 ||
        IsControlInput(producer.input(0)) || tensor.output_index != 0) {
      return std::nullopt;
    }
    tensor = TensorName::Parse(producer.input(0));
  }
  return std::nullopt;
}

void DeadBranchRemover::Propagate() {
  bool changed = true;
  while (changed) {
    changed = false;
    for (int i = 0; i < graph_.node_size(); ++i) {
      if (dead_[i]) continue;
      const tensorflow::NodeDef& node = graph_.node(i);
      bool dead = false;
      if (IsMerge(node.op())) {
        bool any_data = false;
        bool all_dead = true;
        for (const std::string& input : node.input()) {
          const TensorName tensor = TensorName::Parse(input);
          if (tensor.is_control) {
            dead = dead || IsDead(tensor);
          } else {
            any_data = true;
            all_dead = all_dead && IsDead(tensor);
          }
        }
        dead = dead || (any_data && all_dead);
      } else {
        for (const std::string& input : node.input()) {
          dead = dead || IsDead(TensorName::Parse(input));
        }
      }
      if (dead) {
        dead_[i] = true;
        changed = true;
      }
    }
  }
}

absl::StatusOr<bool> DeadBranchRemover::Run() {
  const int count = graph_.node_size();
  for (int i = 0; i < count; ++i) {
    const tensorflow::NodeDef& node = graph_.node(i);
    if (!IsSwitch(node.op())) continue;
    if (std::optional<bool> predicate = ConstantPredicate(node); predicate.has_value()) {
      taken_[i] = *predicate ? 1 : 0;
      dead_outputs_.insert({i, *predicate ? 0 : 1});
    }
  }
  if (taken_.empty()) return false;
  dead_.assign(count, false);
  Propagate();
  for (int i = 0; i < count; ++i) {
    const tensorflow::NodeDef& node = graph_.node(i);
    if (dead_[i] && (kept_.contains(i) || IsLoopOp(node.op()))) return false;
    if (!dead_[i] && IsMerge(node.op())) {
      for (const std::string& input : node.input()) {
        const int source = Find(InputNodeName(input));
        if (source >= 0 && IsLoopOp(graph_.node(source).op())) return false;
      }
    }
  }
  if (absl::Status status = Rewrite(); !status.ok()) return status;
  return true;
}

absl::Status DeadBranchRemover::Rewrite() {
  const int count = graph_.node_size();
  absl::flat_hash_set<std::string> names;
  for (const tensorflow::NodeDef& node : graph_.node()) names.insert(node.name());
  // Input strings to replace: taken Switch outputs by the Switch's data input, Merge
  // value_index outputs by Consts.
  absl::flat_hash_map<std::string, std::string> replacements;
  std::vector<bool> removed = dead_;
  std::vector<tensorflow::NodeDef> added;
  for (const auto& [index, output] : taken_) {
    if (dead_[index]) continue;
    const tensorflow::NodeDef& node = graph_.node(index);
    const std::string data = node.input(0);
    replacements[TensorName{node.name(), output, false}.ToInput()] = data;
    replacements[absl::StrCat("^", node.name())] = absl::StrCat("^", InputNodeName(data));
    removed[index] = !kept_.contains(index);
  }
  for (int i = 0; i < count; ++i) {
    tensorflow::NodeDef* node = graph_.mutable_node(i);
    if (dead_[i] || !IsMerge(node->op())) continue;
    google::protobuf::RepeatedPtrField<std::string> inputs;
    std::vector<int> live;
    int position = 0;
    for (const std::string& input : node->input()) {
      const TensorName tensor = TensorName::Parse(input);
      if (!tensor.is_control) {
        if (IsDead(tensor)) {
          ++position;
          continue;
        }
        live.push_back(position++);
      }
      *inputs.Add() = input;
    }
    if (static_cast<int>(live.size()) == position) continue;
    node->mutable_input()->Swap(&inputs);
    if (live.size() > 1) {
      (*node->mutable_attr())["N"].set_i(static_cast<int64_t>(live.size()));
      continue;
    }
    // One live input: the Merge forwards it, and its value_index is that input's position.
    node->set_op("Identity");
    google::protobuf::Map<std::string, tensorflow::AttrValue> attrs;
    if (auto type = node->attr().find("T"); type != node->attr().end()) attrs["T"] = type->second;
    node->mutable_attr()->swap(attrs);
    std::string name = absl::StrCat(node->name(), "/value_index");
    for (int suffix = 1; names.contains(name); ++suffix) {
      name = absl::StrCat(node->name(), "/value_index_", suffix);
    }
    names.insert(name);
    absl::StatusOr<tensorflow::NodeDef> value_index = MakeConstNode(
        name, node->device(), runtime::Tensor::Scalar<int32_t>(tensorflow::DT_INT32, live[0]));
    if (!value_index.ok()) return value_index.status();
    added.push_back(*std::move(value_index));
    replacements[absl::StrCat(node->name(), ":1")] = name;
  }
  google::protobuf::RepeatedPtrField<tensorflow::NodeDef> nodes;
  for (int i = 0; i < count; ++i) {
    if (removed[i]) continue;
    tensorflow::NodeDef* node = graph_.mutable_node(i);
    for (std::string& input : *node->mutable_input()) {
      // A Switch's taken output may forward another taken output; keys are normalized
      // ("x:0" is "x") so both spellings match.
      for (size_t step = 0; step <= replacements.size(); ++step) {
        auto it = replacements.find(TensorName::Parse(input).ToInput());
        if (it == replacements.end()) break;
        input = it->second;
      }
    }
    *nodes.Add() = std::move(*node);
  }
  for (tensorflow::NodeDef& node : added) *nodes.Add() = std::move(node);
  graph_.mutable_node()->Swap(&nodes);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> RemoveDeadBranches(const std::vector<std::string>& keep,
                                        tensorflow::GraphDef* graph) {
  DeadBranchRemover remover(keep, graph);
  return remover.Run();
}

}  // namespace tfjs::converter
