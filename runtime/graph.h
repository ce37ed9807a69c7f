// Graph: a GraphDef compiled for execution: nodes indexed, edges resolved, constants decoded and
// one kernel built per node.
#ifndef TFJS_NATIVE_RUNTIME_GRAPH_H_
#define TFJS_NATIVE_RUNTIME_GRAPH_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// Output `output` of node `node` (an index into Graph::nodes()).
struct Endpoint {
  int node = -1;
  int output = 0;
};

struct Node {
  const tensorflow::NodeDef* def = nullptr;
  std::vector<Endpoint> inputs;
  std::vector<int> control_inputs;
  bool is_placeholder = false;
  bool is_constant = false;
  Tensor constant;                 // The value of a Const node.
  std::unique_ptr<Kernel> kernel;  // Null for Placeholder and Const nodes.
};

class Graph {
 public:
  // `weights` holds Const values by node name (from a weights manifest); Const nodes absent
  // from it decode their `value` attr. Fails listing every op that has no kernel. Functions are
  // looked up in `library` (which must outlive the graph), or in graph_def's own when null.
  static absl::StatusOr<std::unique_ptr<Graph>> Build(
      tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
      const tensorflow::FunctionDefLibrary* library = nullptr);

  const std::vector<Node>& nodes() const { return nodes_; }
  const tensorflow::GraphDef& graph_def() const { return graph_def_; }
  // "name" or "name:k"; NotFound naming the tensor when no node has that name.
  absl::StatusOr<Endpoint> Resolve(absl::string_view tensor_name) const;

 private:
  Graph() = default;
  absl::Status Index();
  absl::Status BuildKernels(absl::flat_hash_map<std::string, Tensor> weights);

  tensorflow::GraphDef graph_def_;
  const tensorflow::FunctionDefLibrary* library_ = nullptr;
  std::vector<Node> nodes_;
  absl::flat_hash_map<std::string, int> node_index_;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_GRAPH_H_
