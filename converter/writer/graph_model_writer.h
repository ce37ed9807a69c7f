// Writes a FrozenModel as a TF.js graph model (model.json plus weight shards), the files
// tensorflowjs_converter 4.22 writes for the same graph.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_GRAPH_MODEL_WRITER_H_
#define TFJS_NATIVE_CONVERTER_WRITER_GRAPH_MODEL_WRITER_H_

#include <cstdint>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "converter/frozen_model.h"
#include "converter/writer/quantization_plan.h"
#include "converter/writer/weight_encoding.h"

namespace tfjs::converter {

struct GraphModelWriterOptions {
  // Weight bytes are concatenated in manifest order and cut into files of this size (the last
  // may be smaller); a weight may straddle two files. Must be positive.
  int64_t weight_shard_size_bytes = 4194304;
  // "userDefinedMetadata": key -> JSON text (from --metadata key:file.json), in this order.
  std::vector<std::pair<std::string, std::string>> user_metadata;
  // "generatedBy": the TensorFlow version that produced the graph when the reader knows it
  // (a SavedModel's meta_info_def.tensorflow_version). tensorflowjs_converter writes its own
  // TensorFlow's version for frozen graphs; we have none, so empty means this converter's name.
  std::string generated_by;
  // kNative (--op_target=native) also writes int8, int16 and bfloat16 weights, widened.
  WeightDtypes weight_dtypes = WeightDtypes::kTfjs;
  // --quantize_float16/uint8/uint16: which float32 weights are stored quantized, decided by
  // PlanQuantization. Other dtypes are never quantized, as in tensorflowjs_converter.
  std::vector<QuantizationRequest> quantization;
  // --split_weights_by_layer: every weight in a weight group of its own (files
  // group{g}-shard{i}of{N}.bin) instead of one group for all.
  bool split_weights_by_layer = false;
  // --use_structured_outputs_names: adds "structuredOutputKeys", the signature's output keys
  // sorted, to "userDefinedMetadata" (after the user's keys), which TF.js's predict() then uses
  // to name its outputs.
  bool use_structured_outputs_names = false;
  // Report every quantized weight (bytes saved, largest absolute error) on `log`.
  bool verbose = false;
  // Where notes go (dtype narrowing, weights left unquantized, the verbose report). nullptr
  // silences them.
  std::ostream* log = &std::cerr;
};

// Writes <output_dir>/model.json and <output_dir>/group{g}-shard{i}of{N}.bin.
//
// model.json holds, in tensorflowjs_converter's key order and json.dump formatting: "format"
// ("graph-model"), "generatedBy", "convertedBy", "signature" (the model's signature inputs and
// outputs, each with its "resourceId" if it has one), "modelTopology" (the GraphDef as
// json_format.MessageToDict writes it, with every Const's value data removed and an empty
// "versions" added when the graph has none, as TF.js needs one), "userDefinedMetadata" when
// given, "modelInitializer" (model.initializer, likewise) and "initializerSignature" (its
// outputs with their "resourceId"s) when the model has them, and "weightsManifest" (the Consts,
// top-level first, then those of each
// library function renamed "<function>/<node>", then the initializer's; one group, or one group
// per weight). Quantized weights keep their "dtype" and carry "quantization": {"dtype", "min",
// "scale", "original_dtype"} (float16: {"dtype", "original_dtype"}), as write_weights writes it.
//
// float64, int64 and complex128 weights are narrowed to float32, int32 and complex64 (noted once
// per kind on `log`); dtypes TF.js cannot hold fail. Files are written to a staging directory
// beside output_dir and moved into place only once complete; on failure nothing is left and an
// existing model at output_dir is untouched. The same model and options give the same bytes.
absl::Status WriteGraphModel(const FrozenModel& model, const std::string& output_dir,
                             const GraphModelWriterOptions& options);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_GRAPH_MODEL_WRITER_H_
