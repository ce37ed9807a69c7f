// io::LoadModel: model.json plus its weights from a local path or an http(s) URL, the native
// twin of the load half of TF.js's tf.io.http / file handlers.
#ifndef TFJS_NATIVE_IO_LOAD_MODEL_H_
#define TFJS_NATIVE_IO_LOAD_MODEL_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/fetch.h"
#include "io/model_json.h"
#include "io/tensor.h"

namespace tfjs::io {

struct LoadedModel {
  ModelJson model_json;
  // Every weight of model_json.weights_manifest, in manifest order.
  std::vector<NamedTensor> weights;
};

// Reads and parses model.json at `model_path`: a file path, a directory holding model.json, or an
// http(s) URL.
absl::StatusOr<ModelJson> LoadModelJson(absl::string_view model_path, const LoadOptions& options = {});

// model.json (`model_path` as for LoadModelJson) and all its weights. Weight files resolve
// against the model's folder (or options.weight_path_prefix), with the model URL's query appended
// as TF.js does; manifest paths that would leave that folder are refused.
absl::StatusOr<LoadedModel> LoadModel(absl::string_view model_path, const LoadOptions& options = {});

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_LOAD_MODEL_H_
