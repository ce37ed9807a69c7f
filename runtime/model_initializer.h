// Folds a TF.js graph model's "modelInitializer" (the ops that fill its hash tables) into the
// model's graph, so that one node runs it before the first execution.
#ifndef TFJS_NATIVE_RUNTIME_MODEL_INITIALIZER_H_
#define TFJS_NATIVE_RUNTIME_MODEL_INITIALIZER_H_

#include "absl/status/status.h"
#include "proto/graph.pb.h"
#include "proto/saved_model.pb.h"

namespace tfjs::runtime {

// The node MergeModelInitializer adds; fetching it runs the initializer.
inline constexpr char kModelInitializerNode[] = "__tfjs_native_model_initializer";

// Adds to `graph` every initializer node it lacks. A node name both graphs hold is one node, as
// TF.js shares a HashTable between the initializer and the model by node name. Then adds
// kModelInitializerNode, a Const that waits (control inputs) on the initializer's outputs: the
// `signature` outputs when given, else every initializer node no other one reads. Fails when a
// shared name stands for different ops or the added node's name is taken.
absl::Status MergeModelInitializer(const tensorflow::GraphDef& initializer,
                                   const tensorflow::SignatureDef* signature,
                                   tensorflow::GraphDef* graph);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_MODEL_INITIALIZER_H_
