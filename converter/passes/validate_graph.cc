#include "converter/passes/validate_graph.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

bool ClosesLoop(const tensorflow::NodeDef& node) {
  return node.op() == "NextIteration" || node.op() == "RefNextIteration";
}

}  // namespace

absl::Status ValidateGraph(const tensorflow::GraphDef& graph) {
  absl::flat_hash_map<std::string, int> index;
  for (int i = 0; i < graph.node_size(); ++i) {
    const tensorflow::NodeDef& node = graph.node(i);
    if (node.name().empty()) {
      return absl::InvalidArgumentError(absl::StrCat("node #", i, " (op ", node.op(),
                                                     ") has no name"));
    }
    if (!index.emplace(node.name(), i).second) {
      return absl::InvalidArgumentError(absl::StrCat("node name '", node.name(),
                                                     "' is used more than once"));
    }
  }
  // Kahn's algorithm over edges that do not leave a NextIteration node.
  std::vector<int> pending_inputs(graph.node_size(), 0);
  std::vector<std::vector<int>> consumers(graph.node_size());
  for (int i = 0; i < graph.node_size(); ++i) {
    const tensorflow::NodeDef& node = graph.node(i);
    for (const std::string& input : node.input()) {
      auto source = index.find(InputNodeName(input));
      if (source == index.end()) {
        return absl::NotFoundError(absl::StrCat("node '", node.name(), "' (op ", node.op(),
                                                ") has input '", input,
                                                "' naming no node of the graph"));
      }
      if (ClosesLoop(graph.node(source->second))) continue;
      ++pending_inputs[i];
      consumers[source->second].push_back(i);
    }
  }
  std::vector<int> ready;
  for (int i = 0; i < graph.node_size(); ++i) {
    if (pending_inputs[i] == 0) ready.push_back(i);
  }
  int visited = 0;
  while (!ready.empty()) {
    int node = ready.back();
    ready.pop_back();
    ++visited;
    for (int consumer : consumers[node]) {
      if (--pending_inputs[consumer] == 0) ready.push_back(consumer);
    }
  }
  if (visited == graph.node_size()) return absl::OkStatus();
  // Every unvisited node has an unvisited input; walking such inputs long enough ends on a cycle.
  int node = 0;
  while (pending_inputs[node] == 0) ++node;
  for (int step = 0; step < graph.node_size(); ++step) {
    for (const std::string& input : graph.node(node).input()) {
      int source = index[InputNodeName(input)];
      if (pending_inputs[source] > 0 && !ClosesLoop(graph.node(source))) {
        node = source;
        break;
      }
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "the graph has a cycle not closed by NextIteration, through node '", graph.node(node).name(),
      "' (op ", graph.node(node).op(), ")"));
}

}  // namespace tfjs::converter
