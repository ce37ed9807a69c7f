// InlineFunctionCalls: replaces TF2 function calls in a graph by the bodies of the functions they
// call, so later passes see one flat graph.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_INLINE_FUNCTIONS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_INLINE_FUNCTIONS_H_

#include "absl/status/status.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// Inlines, at the graph's top level and repeatedly, every StatefulPartitionedCall,
// PartitionedCall and node whose op is a library function. Body node `n` of call `c` becomes
// `c/n`; argument `a` becomes the Identity `c/a`; the call node itself becomes an Identity
// (one output), IdentityN (several) or NoOp (none) named `c`, so "c:k" keeps meaning output k.
// That node also waits for the function's control outputs, and the call's own control inputs
// gate the inlined arguments and source nodes. Control flow (While, If, ...) keeps calling
// its functions; calls inside library function bodies are inlined there the same way, in body
// input syntax. Errors on unknown functions, arity mismatches and recursion.
absl::Status InlineFunctionCalls(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_INLINE_FUNCTIONS_H_
