#include "converter/passes/topological_order.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {

std::vector<int> TopologicalOrder(const tensorflow::GraphDef& graph) {
  const int count = graph.node_size();
  absl::flat_hash_map<std::string, int> index;
  for (int i = 0; i < count; ++i) index.emplace(graph.node(i).name(), i);
  std::vector<int> pending_inputs(count, 0);
  std::vector<std::vector<int>> consumers(count);
  for (int i = 0; i < count; ++i) {
    for (const std::string& input : graph.node(i).input()) {
      auto it = index.find(InputNodeName(input));
      // A missing input can never be satisfied: the node stays pending.
      ++pending_inputs[i];
      if (it != index.end()) consumers[it->second].push_back(i);
    }
  }
  std::vector<int> order;
  order.reserve(count);
  for (int i = 0; i < count; ++i) {
    if (pending_inputs[i] == 0) order.push_back(i);
  }
  for (size_t next = 0; next < order.size(); ++next) {
    for (int consumer : consumers[order[next]]) {
      if (--pending_inputs[consumer] == 0) order.push_back(consumer);
    }
  }
  return order;
}

}  // namespace tfjs::converter
