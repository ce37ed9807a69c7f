// ValidateGraph: structural checks a GraphDef must pass before conversion.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_VALIDATE_GRAPH_H_
#define TFJS_NATIVE_CONVERTER_PASSES_VALIDATE_GRAPH_H_

#include "absl/status/status.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// Checks that node names are unique and non-empty, every input names an existing node, and the
// graph has no cycle other than loops closed through NextIteration (TF1 while loops). Errors
// name the offending node.
absl::Status ValidateGraph(const tensorflow::GraphDef& graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_VALIDATE_GRAPH_H_
