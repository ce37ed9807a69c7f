// Writes a FrozenModel as a TF.js graph model (model.json plus weight shards), the files
// tensorflowjs_converter 4.22 writes for the same graph.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_GRAPH_MODEL_WRITER_H_
#define TFJS_NATIVE_CONVERTER_WRITER_GRAPH_MODEL_WRITER_H_

#include <string>

#include "absl/status/status.h"
#include "converter/frozen_model.h"
#include "converter/writer/model_files.h"

namespace tfjs::converter {

// Writes <output_dir>/model.json and <output_dir>/group{g}-shard{i}of{N}.bin.
//
// model.json holds, in tensorflowjs_converter's key order and json.dump formatting: "format"
// ("graph-model"), "generatedBy", "convertedBy", "signature" (the model's signature inputs and
// outputs, each with its "resourceId" if it has one), "modelTopology" (the GraphDef as
// json_format.MessageToDict writes it, with every Const's value data removed and an empty
// "versions" added when the graph has none, as TF.js needs one), "userDefinedMetadata" when
// given, "modelInitializer" (model.initializer, likewise) and "initializerSignature" (its
// outputs with their "resourceId"s) when the model has them, and "weightsManifest" (the Consts,
// top-level first, then those of each library function renamed "<function>/<node>", then the
// initializer's; one group, or one group per weight). Quantized weights keep their "dtype" and
// carry "quantization": {"dtype", "min", "scale", "original_dtype"} (float16: {"dtype",
// "original_dtype"}), as write_weights writes it.
//
// float64, int64 and complex128 weights are narrowed to float32, int32 and complex64 (noted once
// per kind on `log`); dtypes TF.js cannot hold fail. Files are written to a staging directory
// beside output_dir and moved into place only once complete; on failure nothing is left and an
// existing model at output_dir is untouched. The same model and options give the same bytes.
// The model is taken by value because its graphs become the topology in place: move it in to
// avoid a copy.
absl::Status WriteGraphModel(FrozenModel model, const std::string& output_dir,
                             const ModelWriterOptions& options);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_GRAPH_MODEL_WRITER_H_
