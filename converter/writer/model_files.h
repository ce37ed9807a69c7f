// model.json plus weight shards: what writing every TF.js model format shares. The weights are
// described, quantized, grouped and cut into group{g}-shard{i}of{N}.bin as write_weights does,
// and model.json's common fields and weightsManifest written as Python's json.dump writes them.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_MODEL_FILES_H_
#define TFJS_NATIVE_CONVERTER_WRITER_MODEL_FILES_H_

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "converter/weight_source.h"
#include "converter/writer/const_extraction.h"
#include "converter/writer/quantization_plan.h"
#include "converter/writer/weight_encoding.h"

namespace tfjs::converter {

struct ModelWriterOptions {
  // Weight bytes are concatenated in manifest order and cut into files of this size (the last
  // may be smaller); a weight may straddle two files. Must be positive.
  int64_t weight_shard_size_bytes = 4194304;
  // "userDefinedMetadata": key -> JSON text (from --metadata key:file.json), in this order.
  std::vector<std::pair<std::string, std::string>> user_metadata;
  // Graph models' "generatedBy": the TensorFlow version that produced the graph when the reader
  // knows it (a SavedModel's meta_info_def.tensorflow_version). tensorflowjs_converter writes its
  // own TensorFlow's version for frozen graphs; we have none, so empty means this converter's
  // name.
  std::string generated_by;
  // kNative (--op_target=native) also writes int8, int16 and bfloat16 weights, widened.
  WeightDtypes weight_dtypes = WeightDtypes::kTfjs;
  // --quantize_float16/uint8/uint16: which float32 weights are stored quantized, decided by
  // PlanQuantization. Other dtypes are never quantized, as in tensorflowjs_converter.
  std::vector<QuantizationRequest> quantization;
  // --split_weights_by_layer: a weight group (files group{g}-shard{i}of{N}.bin) per layer
  // instead of one group for all; for graph models every weight is a layer of its own.
  bool split_weights_by_layer = false;
  // Graph models' --use_structured_outputs_names: adds "structuredOutputKeys", the signature's
  // output keys sorted, to "userDefinedMetadata" (after the user's keys), which TF.js's
  // predict() then uses to name its outputs.
  bool use_structured_outputs_names = false;
  // Report every quantized weight (bytes saved, largest absolute error) on `log`.
  bool verbose = false;
  // Where notes go (dtype narrowing, weights left unquantized, the verbose report). nullptr
  // silences them.
  std::ostream* log = &std::cerr;
};

// `{"format": <format>, "generatedBy": <generated_by or null>, "convertedBy": <this
// converter>`: the start of model.json, the object left open for the format's own fields.
absl::StatusOr<std::string> ModelJsonStart(absl::string_view format,
                                           const std::optional<std::string>& generated_by);

// Appends "userDefinedMetadata"'s object: `entries` (key, JSON text) in order, each value
// re-serialized as json.dump writes it. Fails on a key given twice or a value that is no JSON.
absl::Status AppendUserMetadata(const std::vector<std::pair<std::string, std::string>>& entries,
                                std::string* json);

// Writes model.json (`json_head`, the open object of the format's fields, then
// "weightsManifest") and the weight shards into a staged `output_dir`, moved into place once
// complete. `sources` are the weights in manifest order, described and quantized as `options`
// ask; `group_keys[i]` is the layer of sources[i] (weights of a layer are adjacent), which with
// options.split_weights_by_layer makes a weight group per layer. Notes go to options.log. Fails
// on a shard size that is not positive.
absl::Status WriteModelFiles(std::string json_head, const std::vector<ConstWeight>& sources,
                             const absl::flat_hash_map<std::string, WeightSource>& external_weights,
                             const std::vector<int>& group_keys, const ModelWriterOptions& options,
                             const std::string& output_dir);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_MODEL_FILES_H_
