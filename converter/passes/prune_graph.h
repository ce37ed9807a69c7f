// PruneGraph: keeps only what the model outputs need, dropping save/restore/init plumbing and
// library functions nothing calls any more.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_PRUNE_GRAPH_H_
#define TFJS_NATIVE_CONVERTER_PASSES_PRUNE_GRAPH_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// `keep` lists tensors or nodes ("node", "node:k", "^node") that must stay. Every node they
// reach through data and control inputs stays, except that control inputs to state plumbing
// (variable assignments, checkpoint save/restore ops) are dropped: an inference graph must not
// wait on them. Node order is preserved. Errors name a kept node or input that does not exist.
absl::Status PruneGraph(const std::vector<std::string>& keep, tensorflow::GraphDef* graph);

// Removes library functions (and their gradients) that no node calls, directly or through other
// functions, or names in a func attr.
void RemoveUnusedFunctions(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_PRUNE_GRAPH_H_
