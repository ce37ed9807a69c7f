// FrozenModel: what every reader produces and the writer consumes, a variable-free graph plus its
// signature.
#ifndef TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_
#define TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_

#include <string>
#include <utility>
#include <vector>

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
  // A TF.js model's userDefinedMetadata, read back: key -> JSON text, keys sorted. Written out
  // again unless --metadata replaces it.
  std::vector<std::pair<std::string, std::string>> user_metadata;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_
