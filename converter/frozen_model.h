// FrozenModel: what every reader produces and the writer consumes, a variable-free graph plus its
// signature.
#ifndef TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_
#define TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "converter/weight_source.h"
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
  // Nodes named as outputs (a frozen graph's --output_node_names): they keep their names and all
  // their outputs, as Grappler keeps the nodes tensorflowjs_converter fetches, so "node:k" can be
  // fetched for any k even where the signature's tensor moved to what an IdentityN forwards.
  std::vector<std::string> output_nodes;
  // The TensorFlow version that wrote the model, when it says (SavedModels record it).
  std::string tensorflow_version;
  // Consts held by reference, keyed by top-level node name. Such a Const has its "dtype" attr and
  // a "value" tensor with dtype and shape but NO data: its bytes stay in the checkpoint data file
  // until the writer copies them file-to-file into the weight shards (see
  // converter/writer/README.md). Freezing puts every whole, fixed-size variable here; sliced and
  // string variables are read. An entry whose node was pruned is ignored.
  //
  // Code that reads a Const's value (constant folding, any pass looking at tensor data) must call
  // MaterializeConst on it first: without it, a referenced Const looks like an all-zero tensor.
  // A pass that replaces or renames a Const erases its entry (after MaterializeConst if it needs
  // the value).
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  // A TF.js model's userDefinedMetadata, read back: key -> JSON text, keys sorted. Written out
  // again unless --metadata replaces it.
  std::vector<std::pair<std::string, std::string>> user_metadata;
  // Ops that create and fill the model's hash tables, frozen and pruned like `graph`, to run once
  // before the first execution; empty when there are none. Two forms, as tensorflowjs_converter
  // writes them:
  // - TF1 (a SavedModel's table_initializer collection): its HashTable nodes are also in `graph`
  //   under the same names, which is how TF.js (and our runtime) share a table between the two
  //   graphs; initializer_signature is empty.
  // - TF2 (FeedTablesFromInitializer): initializer_signature's outputs are the tables, and each
  //   is fed to the signature input of `graph` with the same resource id.
  tensorflow::GraphDef initializer;
  tensorflow::SignatureDef initializer_signature;
  // TF.js's "resourceId" of signature inputs and of initializer_signature outputs, by key.
  std::map<std::string, int64_t> input_resource_ids;
  std::map<std::string, int64_t> initializer_output_resource_ids;
};

// Makes `node` (a top-level Const of `model->graph`) hold its value: when `node` is held by
// reference, reads its bytes into the value's tensor_content (checking their crc32c) and erases
// its external_weights entry; otherwise does nothing. Errors name the data file and the variable.
absl::Status MaterializeConst(FrozenModel* model, tensorflow::NodeDef* node);

// MaterializeConst for every top-level node: afterwards the graph holds all its values itself
// (for TensorFlow output formats, or before the files the references name go away).
absl::Status MaterializeAllConsts(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_FROZEN_MODEL_H_
