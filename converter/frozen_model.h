// FrozenModel: what every reader produces and the writer consumes, a variable-free graph plus its
// signature.
#ifndef TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_
#define TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_

#include <string>

#include "proto/graph.pb.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {

struct FrozenModel {
  // Variables are Const nodes, function calls that can be inlined are inlined, and the graph is
  // pruned to the outputs. The function library keeps only what remaining nodes still call.
  tensorflow::GraphDef graph;
  // inputs/outputs keyed as the SavedModel signature keys them (frozen graphs: by node name);
  // TensorInfo.name is the graph tensor "node:k" in `graph`.
  tensorflow::SignatureDef signature;
  // The TensorFlow version that wrote the model, when it says (SavedModels record it).
  std::string tensorflow_version;
  // Ops that fill the model's hash tables (a TF1 SavedModel's table_initializer collection),
  // frozen and pruned like `graph`, to run once before the first execution; empty when there
  // are none. Its HashTable nodes are also in `graph` under the same names, which is how TF.js
  // (and our runtime) share a table between the two graphs.
  tensorflow::GraphDef initializer;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_
