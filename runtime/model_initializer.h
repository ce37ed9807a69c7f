// Folds a TF.js graph model's "modelInitializer" (the ops that create and fill its hash tables)
// into the model's graph, so that one node runs it before the first execution.
#ifndef TFJS_NATIVE_RUNTIME_MODEL_INITIALIZER_H_
#define TFJS_NATIVE_RUNTIME_MODEL_INITIALIZER_H_

#include "absl/status/status.h"
#include "io/model_json.h"

namespace tfjs::runtime {

// The node MergeModelInitializer adds; fetching it runs the initializer.
inline constexpr char kModelInitializerNode[] = "__tfjs_native_model_initializer";

// Adds model_json.model_initializer's nodes to model_json.graph as TF.js keeps the two graphs
// apart: initializer nodes are renamed under "kModelInitializerNode/", except Consts (both graphs
// read weights by node name) and HashTable nodes (TF.js shares a table with the model's node of
// the same name), which keep their names and are added only when the model lacks them. Then:
// - a signature input with a "resourceId" (TF2 tables) becomes an Identity of the initializer
//   output with that id, and leaves the signature (TF.js feeds it itself);
// - kModelInitializerNode, a Const, waits (control inputs) on the initializerSignature outputs,
//   or without one on every initializer node no other one reads.
// Fails on a resourceId no initializer output has, or a shared name that stands for another op.
absl::Status MergeModelInitializer(io::ModelJson& model_json);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_MODEL_INITIALIZER_H_
