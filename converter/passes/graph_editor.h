// GraphEditor: the bookkeeping of pattern-rewriting passes (batch-norm folding, op fusion): finds
// producers, counts uses, knows which tensors are model outputs, adds and removes nodes.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_GRAPH_EDITOR_H_
#define TFJS_NATIVE_CONVERTER_PASSES_GRAPH_EDITOR_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "converter/passes/graph_index.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

class GraphEditor {
 public:
  // `outputs` are the tensors or nodes ("node", "node:k") whose values the model returns; their
  // nodes are never folded into others. Uses are counted once, here: a pass must rewrite each
  // node at most once, and Commit() before another editor looks at the graph.
  GraphEditor(tensorflow::GraphDef* graph, const std::vector<std::string>& outputs);

  // The live node called `name`, or nullptr.
  tensorflow::NodeDef* Find(absl::string_view name) const;
  // The node a data input reads (any output), or nullptr for control inputs and unknown names.
  tensorflow::NodeDef* Producer(absl::string_view input) const;
  // The Const node a data input reads through Identity nodes, or nullptr.
  const tensorflow::NodeDef* ConstProducer(absl::string_view input) const;

  // True when `node` can disappear into its consumer: it is no model output, nothing reads it
  // through a control input, and exactly one data input of one node reads it, at output 0.
  bool HasSoleConsumer(const tensorflow::NodeDef& node) const;
  // True when something reads an output of `node` other than output 0.
  bool HasUsesBeyondOutput0(const tensorflow::NodeDef& node) const;

  // Appends `node` under a name no node has yet (its own, or with "_1", "_2"... added) and
  // returns that name.
  std::string Add(tensorflow::NodeDef node);
  // Marks `node` for removal; its name stays taken until Commit().
  void Remove(const tensorflow::NodeDef& node);
  // Erases the removed nodes, keeping the order of the others.
  void Commit();

 private:
  tensorflow::GraphDef* graph_;
  absl::flat_hash_map<std::string, tensorflow::NodeDef*> nodes_;
  // Follows Identity chains; rebuilt by Commit(). Nodes added since know no Identity inputs.
  std::unique_ptr<GraphIndex> index_;
  absl::flat_hash_set<std::string> outputs_;
  absl::flat_hash_set<std::string> removed_;
  // Per node: data inputs reading it at any output, whether any reads output k > 0, control uses.
  struct Uses {
    int data = 0;
    bool beyond_output_0 = false;
    int control = 0;
  };
  absl::flat_hash_map<std::string, Uses> uses_;
};

// Whether some node of `graph` (not of its functions) runs one of `ops`: passes that rewrite
// only around such nodes return early without indexing the graph when none does.
bool HasAnyOp(const tensorflow::GraphDef& graph, std::initializer_list<absl::string_view> ops);

// Moves the control inputs of `from` onto `to` (skipping duplicates), so that a node replacing
// several others still waits for what they waited for.
void MergeControlInputs(const tensorflow::NodeDef& from, tensorflow::NodeDef* to);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_GRAPH_EDITOR_H_
