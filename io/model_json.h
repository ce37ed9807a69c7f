// model.json of TF.js graph models and layers models: topology, weights manifest, signatures and
// metadata, parsed the way TF.js reads them.
#ifndef TFJS_NATIVE_IO_MODEL_JSON_H_
#define TFJS_NATIVE_IO_MODEL_JSON_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "io/weights_manifest.h"
#include "proto/graph.pb.h"
#include "proto/saved_model.pb.h"

namespace tfjs::io {

struct ModelJson {
  // "graph-model", "layers-model", or as written ("" when absent, as in older files).
  std::string format;
  std::string generated_by;
  std::string converted_by;
  // modelTopology of a graph model (format "graph-model", or no format and a topology with nodes).
  // A Const node (here, in its functions or in model_initializer) that has a `dtype` attr and
  // whose name a weight of weights_manifest carries has no `value` attr: model.json's holds only
  // the dtype and shape, and the weight is the value.
  std::optional<tensorflow::GraphDef> graph;
  // modelTopology of a layers model (the Keras model config) and its trainingConfig.
  std::optional<google::protobuf::Struct> layers_topology;
  std::optional<google::protobuf::Struct> training_config;
  WeightsManifest weights_manifest;
  // Graph models: inputs/outputs keyed by name, TensorInfo.name being "node:k".
  std::optional<tensorflow::SignatureDef> signature;
  std::optional<google::protobuf::Struct> user_defined_metadata;
  // Graph run once at load time to initialize hash tables, and its signature.
  std::optional<tensorflow::GraphDef> model_initializer;
  std::optional<tensorflow::SignatureDef> initializer_signature;
  // "resourceId" of signature inputs and of initializerSignature outputs, by key (TF2 hash
  // tables: the input is fed the initializer output of the same id).
  std::map<std::string, int64_t> input_resource_ids;
  std::map<std::string, int64_t> initializer_output_resource_ids;
};

// Parses model.json text. Int64 fields may be JSON strings or numbers, unknown keys are ignored.
// A file with neither modelTopology nor weightsManifest is an error, as in TF.js. `source` (the
// file path or URL) starts every error message.
absl::StatusOr<ModelJson> ParseModelJson(absl::string_view json, absl::string_view source);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_MODEL_JSON_H_
