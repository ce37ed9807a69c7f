// TF-Hub module reader: a module in TF1 Hub format (tfhub_module.pb + a SavedModel with one
// MetaGraph per tag set, variables restored by name) or a TF2 SavedModel, from a directory, a
// .tar.gz or an http(s) URL, to a FrozenModel, as tensorflowjs_converter --input_format=tf_hub.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HUB_HUB_MODULE_READER_H_
#define TFJS_NATIVE_CONVERTER_READERS_HUB_HUB_MODULE_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/frozen_model.h"
#include "converter/readers/hub/hub_module_source.h"

namespace tfjs::converter {

struct HubModuleReadOptions {
  // tensorflowjs_converter's default for tf_hub.
  std::string signature_name = "default";
  // Tag set for TF2 SavedModels. TF1 Hub modules are always read with the empty tag set (the
  // inference variant), as hub.Module(path) loads them for tensorflowjs_converter.
  std::string saved_model_tags = "serve";
  // As for SavedModels: replaces the signature outputs when given.
  std::vector<std::string> output_node_names;
  HubCacheOptions cache;
};

// Locates the module (see LocateHubModule), checks tfhub_module.pb when there is one (format
// FORMAT_V3, no required features), then reads its SavedModel as ReadSavedModel does. Variables
// the graph has no restore op for are looked up in the checkpoint by their node names, which is
// how TF1 Hub modules store them.
absl::StatusOr<FrozenModel> ReadTfHubModule(const std::string& handle,
                                            const HubModuleReadOptions& options);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_HUB_HUB_MODULE_READER_H_
