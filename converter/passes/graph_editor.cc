#include "converter/passes/graph_editor.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {

GraphEditor::GraphEditor(tensorflow::GraphDef* graph, const std::vector<std::string>& outputs)
    : graph_(graph) {
  for (tensorflow::NodeDef& node : *graph->mutable_node()) nodes_.emplace(node.name(), &node);
  index_ = std::make_unique<GraphIndex>(*graph);
  for (const std::string& output : outputs) {
    const TensorName tensor = TensorName::Parse(output);
    outputs_.insert(tensor.node);
    if (tensor.output_index != 0) uses_[tensor.node].beyond_output_0 = true;
  }
  for (const tensorflow::NodeDef& node : graph->node()) {
    for (const std::string& input : node.input()) {
      const TensorName tensor = TensorName::Parse(input);
      Uses& uses = uses_[tensor.node];
      if (tensor.is_control) {
        ++uses.control;
      } else {
        ++uses.data;
        if (tensor.output_index != 0) uses.beyond_output_0 = true;
      }
    }
  }
}

tensorflow::NodeDef* GraphEditor::Find(absl::string_view name) const {
  auto it = nodes_.find(name);
  if (it == nodes_.end() || removed_.contains(name)) return nullptr;
  return it->second;
}

tensorflow::NodeDef* GraphEditor::Producer(absl::string_view input) const {
  if (IsControlInput(input)) return nullptr;
  return Find(TensorName::Parse(input).node);
}

const tensorflow::NodeDef* GraphEditor::ConstProducer(absl::string_view input) const {
  if (IsControlInput(input)) return nullptr;
  const tensorflow::NodeDef* node = Find(index_->ResolveIdentities(input).node);
  return node != nullptr && node->op() == "Const" ? node : nullptr;
}

bool GraphEditor::HasSoleConsumer(const tensorflow::NodeDef& node) const {
  if (outputs_.contains(node.name())) return false;
  auto it = uses_.find(node.name());
  if (it == uses_.end()) return false;
  const Uses& uses = it->second;
  return uses.data == 1 && !uses.beyond_output_0 && uses.control == 0;
}

bool GraphEditor::HasUsesBeyondOutput0(const tensorflow::NodeDef& node) const {
  auto it = uses_.find(node.name());
  return it != uses_.end() && it->second.beyond_output_0;
}

std::string GraphEditor::Add(tensorflow::NodeDef node) {
  const std::string base = node.name();
  for (int suffix = 1; nodes_.contains(node.name()); ++suffix) {
    node.set_name(absl::StrCat(base, "_", suffix));
  }
  tensorflow::NodeDef* added = graph_->add_node();
  *added = std::move(node);
  nodes_.emplace(added->name(), added);
  return added->name();
}

void GraphEditor::Remove(const tensorflow::NodeDef& node) { removed_.insert(node.name()); }

void GraphEditor::Commit() {
  if (removed_.empty()) return;
  google::protobuf::RepeatedPtrField<tensorflow::NodeDef> kept;
  for (tensorflow::NodeDef& node : *graph_->mutable_node()) {
    if (!removed_.contains(node.name())) *kept.Add() = std::move(node);
  }
  graph_->mutable_node()->Swap(&kept);
  removed_.clear();
  nodes_.clear();
  for (tensorflow::NodeDef& node : *graph_->mutable_node()) nodes_.emplace(node.name(), &node);
  index_ = std::make_unique<GraphIndex>(*graph_);
}

bool HasAnyOp(const tensorflow::GraphDef& graph, std::initializer_list<absl::string_view> ops) {
  for (const tensorflow::NodeDef& node : graph.node()) {
    for (absl::string_view op : ops) {
      if (node.op() == op) return true;
    }
  }
  return false;
}

void MergeControlInputs(const tensorflow::NodeDef& from, tensorflow::NodeDef* to) {
  for (const std::string& input : from.input()) {
    if (!IsControlInput(input)) continue;
    if (std::find(to->input().begin(), to->input().end(), input) == to->input().end()) {
      to->add_input(input);
    }
  }
}

}  // namespace tfjs::converter
