// Writes a LayersModel as a TF.js layers model (model.json plus weight shards), the files
// tensorflowjs_converter 4.22 writes for the same Keras HDF5 file.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_LAYERS_MODEL_WRITER_H_
#define TFJS_NATIVE_CONVERTER_WRITER_LAYERS_MODEL_WRITER_H_

#include <string>

#include "absl/status/status.h"
#include "converter/layers_model.h"
#include "converter/writer/model_files.h"

namespace tfjs::converter {

// Writes <output_dir>/model.json and <output_dir>/group{g}-shard{i}of{N}.bin.
//
// model.json holds, in tensorflowjs_converter's key order and json.dump formatting: "format"
// ("layers-model"), "generatedBy" ("keras v<keras_version>"; null for weights only), "convertedBy",
// "userDefinedMetadata" when given, "modelTopology" ({"keras_version", "backend",
// "model_config", "training_config" when the model has one}, the configs re-serialized, with the
// class names TF 1.13 wrote translated: BatchNormalizationV1 -> BatchNormalization, UnifiedGRU
// -> GRU, UnifiedLSTM -> LSTM; null for a weights-only model, one without model_config) and
// "weightsManifest" (the layers' weights in order; one group,
// or with options.split_weights_by_layer one group per layer). options.generated_by and
// use_structured_outputs_names do not apply. Staged and moved into place as WriteGraphModel
// does; fails on a config that is not JSON, naming it.
absl::Status WriteLayersModel(const LayersModel& model, const std::string& output_dir,
                              const ModelWriterOptions& options);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_LAYERS_MODEL_WRITER_H_
