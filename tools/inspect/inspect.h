// inspect: what a model holds, for people and scripts: its format, signatures with dtypes and
// shapes, op histogram with TF.js / native support, weights by dtype, and the ops each target
// would refuse. Read with the converter's readers and io/, as the converter reads it.
#ifndef TFJS_NATIVE_TOOLS_INSPECT_INSPECT_H_
#define TFJS_NATIVE_TOOLS_INSPECT_INSPECT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tfjs::tools {

struct TensorSummary {
  std::string key;     // Signature key (a Keras layer name for Keras files).
  std::string tensor;  // Graph tensor "node:k"; empty for Keras.
  std::string dtype;   // "float32", ...; empty when the model does not say.
  // Dims, -1 for unknown ones; nullopt when the rank is unknown or the model does not say.
  std::optional<std::vector<int64_t>> shape;
};

struct SignatureSummary {
  std::string name;  // "serving_default", ...; "" for formats without signature names.
  std::string tags;  // SavedModels: the MetaGraph's tags, comma-separated.
  bool inspected = false;  // The signature the ops, weights and unsupported ops describe.
  std::vector<TensorSummary> inputs;
  std::vector<TensorSummary> outputs;
};

struct OpSummary {
  std::string op;
  int64_t nodes = 0;  // Top-level, in function bodies and in the table initializer.
  bool tfjs = false;    // In TF.js 4.22's op lists (the op table's tfjs_supported).
  bool native = false;  // This project's runtime has a kernel (or binds it as graph structure).
};

struct WeightDtypeSummary {
  std::string dtype;  // As stored: quantized weights under their stored dtype ("uint8", ...).
  int64_t count = 0;
  uint64_t bytes = 0;  // Stored bytes; strings count their characters.
};

struct ModelSummary {
  std::string path;
  // tf_saved_model, tf_hub, tf_frozen_model, tfjs_graph_model, tfjs_layers_model or keras.
  std::string format;
  // Who wrote it, when the model says: TensorFlow version, model.json's generatedBy /
  // convertedBy, or the Keras version and backend.
  std::string producer;
  std::vector<SignatureSummary> signatures;
  std::vector<OpSummary> ops;  // Sorted by op name; empty for Keras files.
  std::vector<WeightDtypeSummary> weights;  // Sorted by dtype.
  // "tfjs" / "native" -> what the converter's op check would refuse after its default passes:
  // op (or op with a dtype the kernel lacks) -> nodes. Absent for Keras files.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> unsupported;
};

struct InspectOptions {
  // SavedModel / Hub signature to inspect; empty: serving_default (Hub: default), else the
  // MetaGraph's first signature.
  std::string signature_name;
  // SavedModel tag set; Hub modules in TF1 format are always read with the empty set.
  std::string saved_model_tags = "serve";
  // Frozen graphs: outputs to prune to; empty keeps every node (outputs: nodes nothing reads).
  std::vector<std::string> output_node_names;
};

// The format of `path` by its content: a directory with model.json, tfhub_module.pb or
// saved_model.pb(txt); a .json file; an HDF5 file; else a GraphDef file.
absl::StatusOr<std::string> DetectModelFormat(const std::string& path);

absl::StatusOr<ModelSummary> InspectModel(const std::string& path, const InspectOptions& options);

// Human-readable report, sections in ModelSummary's order.
std::string SummaryText(const ModelSummary& summary);

// The same as one JSON object (keys as ModelSummary's fields), for scripts.
absl::StatusOr<std::string> SummaryJson(const ModelSummary& summary);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_INSPECT_INSPECT_H_
