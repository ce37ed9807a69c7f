// RemoveNeedlessControlEdges: drops control dependencies that cannot delay or kill a node.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_REMOVE_CONTROL_EDGES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_REMOVE_CONTROL_EDGES_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// Drops a control input when the node also reads that node as data, when it repeats another
// control input, or when it names a Const, Placeholder or NoOp that has no inputs of its own
// (always ready and never dead). Returns whether the graph changed.
bool RemoveNeedlessControlEdges(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_REMOVE_CONTROL_EDGES_H_
