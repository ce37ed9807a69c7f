// Graph: a GraphDef compiled for execution: nodes indexed, edges resolved, constants decoded and
// one kernel built per node.
#ifndef TFJS_NATIVE_RUNTIME_GRAPH_H_
#define TFJS_NATIVE_RUNTIME_GRAPH_H_

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "ops/op_table.h"
#include "proto/graph.pb.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// Output `output` of node `node` (an index into Graph::nodes()).
struct Endpoint {
  int node = -1;
  int output = 0;
};

// One node, compact: a large graph holds hundreds of thousands.
struct Node {
  // The node's definition, for its kernel (attrs) and messages; its `input` list is emptied once
  // resolved into `inputs`. Null for Const nodes, whose definition goes once their value is
  // decoded (Graph::constant holds it).
  const tensorflow::NodeDef* def = nullptr;
  // The node's name, a view into the graph's names (valid for Const nodes too).
  absl::string_view name;
  // Views into the graph's edge arrays.
  absl::Span<const Endpoint> inputs;
  absl::Span<const int> control_inputs;
  bool is_placeholder = false;
  bool is_constant = false;
  std::unique_ptr<Kernel> kernel;  // Null for Placeholder(V2) and Const nodes.

  // Epilogue fusion (Kernel::WithEpilogue): `kernel` computes this node and then the pointwise
  // readers in `absorbed`, in order (each the only reader of the one before, its other inputs
  // constants), giving the last one's outputs from this node's inputs. The executor runs it in
  // place of the chain when no node of the chain but the last is fed or fetched.
  struct Fusion {
    std::unique_ptr<Kernel> kernel;
    std::vector<int> absorbed;
  };
  std::unique_ptr<Fusion> fusion;  // Null when the node has none.
};

// Reads a weight again after the graph released it (e.g. decodes it from its mapped shard).
using WeightReader = std::function<absl::StatusOr<Tensor>()>;

class Graph {
 public:
  // `weights` holds Const values by node name (from a weights manifest); Const nodes absent
  // from it decode their `value` attr. Fails listing every op that has no kernel. Functions are
  // looked up in `library` (which must outlive the graph), or in graph_def's own when null.
  // Constants that every reader packed are released once the kernels are built, if they can be
  // read again: weights with a reader in `weight_readers`, and `value` attrs.
  static absl::StatusOr<std::unique_ptr<Graph>> Build(
      tensorflow::GraphDef graph_def, absl::flat_hash_map<std::string, Tensor> weights,
      const tensorflow::FunctionDefLibrary* library = nullptr,
      absl::flat_hash_map<std::string, WeightReader> weight_readers = {});

  const std::vector<Node>& nodes() const { return nodes_; }
  // "name" or "name:k"; NotFound naming the tensor when no node has that name.
  absl::StatusOr<Endpoint> Resolve(absl::string_view tensor_name) const;
  // The value Const node `index` holds: its value, or once released (every reader packed it,
  // Kernel::PackedInputs) an empty placeholder of its dtype.
  const Tensor& constant(int index) const { return constants_[constant_slot_[index]].value; }
  bool constant_released(int index) const {
    return constants_[constant_slot_[index]].released;
  }
  // The value of Const node `index`: its held value, or, once released, read again (a fresh
  // tensor per call). Thread-safe.
  absl::StatusOr<Tensor> ReadConstant(int index) const;
  // Bytes of the constants' values, held or released (strings: their bytes).
  int64_t constant_bytes() const;
  // Bytes of the constants the graph still holds (not released).
  int64_t resident_constant_bytes() const;

 private:
  Graph() = default;
  absl::Status Index();
  absl::Status BuildKernels(absl::flat_hash_map<std::string, Tensor> weights,
                            absl::flat_hash_map<std::string, WeightReader> weight_readers);
  // Releases the constants whose every reader packed them and that can be read again.
  void ReleasePackedConstants();
  // What the kernel of `node` (not a Const or Placeholder) sees while it is built.
  KernelBuildContext MakeBuildContext(Node& node, const ops::OpDef& op_def) const;
  // Sets Node::fusion where a kernel takes the epilogue forms of the chain of pointwise nodes
  // that reads it (runtime/epilogue_fusion.cc).
  absl::Status FuseEpilogues();

  // A Const node's value and how to read it again (null when it cannot be).
  struct Constant {
    Tensor value;
    bool released = false;
    int64_t bytes = 0;
    std::function<absl::StatusOr<Tensor>()> reader;
  };

  // The graph's library and versions; its nodes move to defs_.
  tensorflow::GraphDef graph_def_;
  const tensorflow::FunctionDefLibrary* library_ = nullptr;
  std::vector<Node> nodes_;
  // Per node, its definition (null once dropped: Const nodes).
  std::vector<std::unique_ptr<tensorflow::NodeDef>> defs_;
  // Every node's name, back to back; Node::name and node_index_ view into it.
  std::string names_;
  absl::flat_hash_map<absl::string_view, int> node_index_;
  // Node::inputs and Node::control_inputs view into these.
  std::vector<Endpoint> input_edges_;
  std::vector<int> control_edges_;
  // Per node, its slot in constants_ (-1 for nodes that are not Const).
  std::vector<int> constant_slot_;
  // A deque: kernels see constants by address, and it grows in small blocks that reuse the
  // memory of the definitions dropped as it fills.
  std::deque<Constant> constants_;
};

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_GRAPH_H_
