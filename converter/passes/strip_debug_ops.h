// StripDebugOps: removes Assert, CheckNumerics, Print and PrintV2 from a graph and its functions,
// as tensorflowjs_converter's --strip_debug_ops (Grappler's debug stripper) does.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_STRIP_DEBUG_OPS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_STRIP_DEBUG_OPS_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// CheckNumerics and Print become Identity of their first input (Print's other inputs, only
// printed, are dropped). Assert and PrintV2, which have no outputs, are removed with every
// control edge to them. Nodes that only fed them are left for pruning.
void StripDebugOps(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_STRIP_DEBUG_OPS_H_
