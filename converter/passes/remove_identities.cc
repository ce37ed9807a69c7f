#include "converter/passes/remove_identities.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/op_kinds.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

constexpr char kPass[] = "remove_identities";

// NoOps, and the ops that forward their inputs at inference (the op table's forwards_inputs),
// which are bypassed unless an output or a control dependency needs them.
REGISTER_HANDLED_OPS(kPass, {"NoOp", "DebugGradientIdentity", "DebugGradientRefIdentity",
                             "GuaranteeConst", "Identity", "IdentityN", "PreventGradient",
                             "RefIdentity", "Snapshot", "StopGradient"});

class IdentityRemover {
 public:
  IdentityRemover(const std::vector<std::string>& keep, tensorflow::GraphDef* graph)
      : graph_(*graph) {
    for (int i = 0; i < graph_.node_size(); ++i) index_.emplace(graph_.node(i).name(), i);
    for (const std::string& name : keep) kept_.insert(InputNodeName(name));
    consumers_.resize(graph_.node_size());
    for (int i = 0; i < graph_.node_size(); ++i) {
      for (const std::string& input : graph_.node(i).input()) AddConsumer(input, i);
    }
  }

  bool Run();

 private:
  void AddConsumer(const std::string& input, int consumer) {
    if (auto it = index_.find(InputNodeName(input)); it != index_.end()) {
      consumers_[it->second].push_back(consumer);
    }
  }
  bool IsRemovable(int index) const;
  // Rewires the readers of the node at `index`.
  void Bypass(int index);

  tensorflow::GraphDef& graph_;
  absl::flat_hash_map<std::string, int> index_;
  absl::flat_hash_set<std::string> kept_;
  // Nodes reading each node, by data or control input; may hold duplicates and stale entries.
  std::vector<std::vector<int>> consumers_;
  std::vector<bool> removed_;
};

bool IdentityRemover::IsRemovable(int index) const {
  const tensorflow::NodeDef& node = graph_.node(index);
  if (kept_.contains(node.name())) return false;
  if (!IsHandledBy(kPass, node.op())) return false;
  if (node.op() == "NoOp") return true;
  bool has_data_input = false;
  bool reads_control_flow = false;
  bool waits = false;
  for (const std::string& input : node.input()) {
    if (IsControlInput(input)) {
      waits = true;
      continue;
    }
    has_data_input = true;
    auto source = index_.find(InputNodeName(input));
    if (source == index_.end()) return false;
    reads_control_flow = reads_control_flow || IsControlFlowOp(graph_.node(source->second).op());
  }
  if (!has_data_input) return false;
  // A Merge must not inherit control inputs: a dead one (the pivot of an untaken cond branch)
  // would keep it from ever firing. An Identity that waits on something and feeds a Merge stays.
  if (waits) {
    for (int consumer : consumers_[index]) {
      const std::string& op = graph_.node(consumer).op();
      if (op == "Merge" || op == "RefMerge") return false;
    }
  }
  if (!reads_control_flow) return true;
  for (int consumer : consumers_[index]) {
    for (const std::string& input : graph_.node(consumer).input()) {
      if (IsControlInput(input) && input.substr(1) == node.name()) return false;
    }
  }
  return true;
}

void IdentityRemover::Bypass(int index) {
  const tensorflow::NodeDef& node = graph_.node(index);
  std::vector<std::string> data;
  std::vector<std::string> waits;
  for (const std::string& input : node.input()) {
    (IsControlInput(input) ? waits : data).push_back(input);
  }
  // Waiting on the node means waiting on everything it reads and waits on.
  std::vector<std::string> waits_on_node = waits;
  for (const std::string& input : data)
    waits_on_node.push_back(absl::StrCat("^", InputNodeName(input)));

  std::vector<int> consumers = consumers_[index];
  std::sort(consumers.begin(), consumers.end());
  consumers.erase(std::unique(consumers.begin(), consumers.end()), consumers.end());
  for (int consumer : consumers) {
    if (removed_[consumer] || consumer == index) continue;
    tensorflow::NodeDef* reader = graph_.mutable_node(consumer);
    std::vector<std::string> data_inputs;
    std::vector<std::string> control_inputs;
    bool read_data = false;
    for (const std::string& input : reader->input()) {
      const TensorName tensor = TensorName::Parse(input);
      if (tensor.node != node.name()) {
        (tensor.is_control ? control_inputs : data_inputs).push_back(input);
      } else if (tensor.is_control) {
        control_inputs.insert(control_inputs.end(), waits_on_node.begin(), waits_on_node.end());
      } else {
        data_inputs.push_back(data[std::min<size_t>(tensor.output_index, data.size() - 1)]);
        read_data = true;
      }
    }
    if (read_data) control_inputs.insert(control_inputs.end(), waits.begin(), waits.end());
    // Control inputs once each, and none on a node already read as data.
    absl::flat_hash_set<std::string> seen;
    for (const std::string& input : data_inputs) seen.insert(InputNodeName(input));
    reader->clear_input();
    for (const std::string& input : data_inputs) reader->add_input(input);
    for (const std::string& input : control_inputs) {
      if (seen.insert(InputNodeName(input)).second) reader->add_input(input);
    }
    for (const std::string& input : reader->input()) AddConsumer(input, consumer);
  }
}

bool IdentityRemover::Run() {
  removed_.assign(graph_.node_size(), false);
  bool changed = false;
  for (int i = 0; i < graph_.node_size(); ++i) {
    if (!IsRemovable(i)) continue;
    // IdentityN output k forwards input k; a read past its inputs would be malformed.
    const tensorflow::NodeDef& node = graph_.node(i);
    int data_count = 0;
    for (const std::string& input : node.input()) data_count += IsControlInput(input) ? 0 : 1;
    bool well_formed = true;
    for (int consumer : consumers_[i]) {
      for (const std::string& input : graph_.node(consumer).input()) {
        const TensorName tensor = TensorName::Parse(input);
        if (!tensor.is_control && tensor.node == node.name() && tensor.output_index >= data_count) {
          well_formed = false;
        }
      }
    }
    if (!well_formed) continue;
    Bypass(i);
    removed_[i] = true;
    changed = true;
  }
  if (!changed) return false;
  google::protobuf::RepeatedPtrField<tensorflow::NodeDef> nodes;
  for (int i = 0; i < graph_.node_size(); ++i) {
    if (!removed_[i]) *nodes.Add() = std::move(*graph_.mutable_node(i));
  }
  graph_.mutable_node()->Swap(&nodes);
  return true;
}

}  // namespace

bool RemoveIdentities(const std::vector<std::string>& keep, tensorflow::GraphDef* graph) {
  IdentityRemover remover(keep, graph);
  return remover.Run();
}

}  // namespace tfjs::converter
