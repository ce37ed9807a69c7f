// RunOptimizationPasses: the graph optimizations tensorflowjs_converter gets from Grappler,
// run on every model after reading (freezing, inlining) and debug-op stripping.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_OPTIMIZE_H_
#define TFJS_NATIVE_CONVERTER_PASSES_OPTIMIZE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "converter/frozen_model.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// In order: giving each signature output a node of its own (SeparateSignatureOutputs), reading
// the by-reference weights the passes need (small ones, batch norms' inputs and the filters they
// follow), constant folding and removal of constant conds' dead branches (repeated while either
// changes something), removal of identities and needless control edges, batch-norm folding,
// Add -> BiasAdd, Keras PReLU -> Prelu, fusion into _FusedConv2D / FusedDepthwiseConv2dNative /
// _FusedMatMul, then pruning to what the signature's outputs need. Signature inputs, every
// Placeholder, the output tensors SeparateSignatureOutputs settles on and the model's output_nodes
// keep their names (TF.js rejects feeds naming no node). The model computes the same values afterwards, with at most as
// many nodes plus the Identity nodes SeparateSignatureOutputs adds.
// Then OptimizeFunctionBodies on what is left of the function library.
absl::Status RunOptimizationPasses(FrozenModel& model);

// The passes from constant folding to pruning on `graph`, keeping `keep` ("node", "node:k").
absl::Status OptimizeGraph(const std::vector<std::string>& keep, tensorflow::GraphDef* graph);

// OptimizeGraph on each library function's body (the If / While / Case bodies that
// --control_flow_v2 keeps), as a graph of its args (Placeholders), its nodes and its returns
// (FunctionBodyGraph); args, returned tensors and control outputs stay. Functions with list or
// attr-typed args are left as they are. Errors name the function.
absl::Status OptimizeFunctionBodies(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_OPTIMIZE_H_
