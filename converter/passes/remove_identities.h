// RemoveIdentities: takes Identity, IdentityN, Snapshot, StopGradient and NoOp nodes out of the
// graph, wiring their readers to what they forward, as Grappler's dependency optimizer does.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_REMOVE_IDENTITIES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_REMOVE_IDENTITIES_H_

#include <string>
#include <vector>

#include "proto/graph.pb.h"

namespace tfjs::converter {

// A reader of output k reads the node's data input k instead and inherits its control inputs;
// a control dependency on the node becomes control dependencies on everything the node waited
// on. Nodes named in `keep` stay, and so do identities of a control-flow op's output that other
// nodes wait on (TF1 cond pivots: waiting on the Switch itself would not carry deadness).
// Returns whether the graph changed.
bool RemoveIdentities(const std::vector<std::string>& keep, tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_REMOVE_IDENTITIES_H_
