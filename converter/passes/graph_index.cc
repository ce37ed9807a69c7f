#include "converter/passes/graph_index.h"

#include <vector>

namespace tfjs::converter {
namespace {

// The data inputs of `node`, control inputs left out.
std::vector<std::string> DataInputs(const tensorflow::NodeDef& node) {
  std::vector<std::string> inputs;
  for (const std::string& input : node.input()) {
    if (!IsControlInput(input)) inputs.push_back(input);
  }
  return inputs;
}

}  // namespace

GraphIndex::GraphIndex(const tensorflow::GraphDef& graph) {
  for (const tensorflow::NodeDef& node : graph.node()) nodes_.emplace(node.name(), &node);
}

const tensorflow::NodeDef* GraphIndex::Find(absl::string_view name) const {
  auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : it->second;
}

TensorName GraphIndex::ResolveIdentities(absl::string_view input) const {
  TensorName tensor = TensorName::Parse(input);
  // Bounded by the node count, so an Identity cycle cannot hang the walk.
  for (size_t step = 0; step <= nodes_.size(); ++step) {
    const tensorflow::NodeDef* node = Find(tensor.node);
    if (node == nullptr) return tensor;
    std::vector<std::string> inputs = DataInputs(*node);
    size_t forwarded;
    if (node->op() == "Identity" || node->op() == "Snapshot") {
      forwarded = 0;
    } else if (node->op() == "IdentityN") {
      forwarded = tensor.output_index;
    } else {
      return tensor;
    }
    if (forwarded >= inputs.size()) return tensor;
    tensor = TensorName::Parse(inputs[forwarded]);
  }
  return tensor;
}

}  // namespace tfjs::converter
