#include "converter/readers/hub/hub_module_reader.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/readers/proto_file.h"
#include "converter/readers/saved_model_reader.h"
#include "proto/module_def.pb.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

constexpr char kModuleDefFile[] = "tfhub_module.pb";

absl::Status CheckModuleDef(const std::string& file) {
  tensorflow_hub::ModuleDef module_def;
  if (absl::Status status = ReadProtoFile(file, &module_def); !status.ok()) return status;
  if (module_def.format() != tensorflow_hub::ModuleDef::FORMAT_V3) {
    return absl::UnimplementedError(absl::StrCat(file, ": unsupported TF-Hub module format ",
                                                 module_def.format(), " (expected 3)"));
  }
  if (module_def.required_features_size() > 0) {
    return absl::UnimplementedError(
        absl::StrCat(file, ": the module requires unsupported features: ",
                     absl::StrJoin(module_def.required_features(), ", ")));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FrozenModel> ReadTfHubModule(const std::string& handle,
                                            const HubModuleReadOptions& options) {
  absl::StatusOr<LocalHubModule> module = LocateHubModule(handle, options.cache);
  if (!module.ok()) return module.status();
  SavedModelReadOptions read;
  read.signature_name = options.signature_name;
  read.output_node_names = options.output_node_names;
  read.tags = options.saved_model_tags;
  const fs::path module_def = fs::path(module->dir()) / kModuleDefFile;
  std::error_code error;
  if (fs::exists(module_def, error)) {
    if (absl::Status status = CheckModuleDef(module_def.string()); !status.ok()) return status;
    read.tags = "";
  }
  absl::StatusOr<FrozenModel> model = ReadSavedModel(module->dir(), read);
  // Weights held by reference point into the module's files: read them before a temporary
  // (unpacked) module directory goes away.
  if (model.ok() && module->temporary()) {
    if (absl::Status status = MaterializeAllConsts(&*model); !status.ok()) model = status;
  }
  if (!model.ok() && module->dir() != handle) {
    return absl::Status(model.status().code(),
                        absl::StrCat("TF-Hub module ", handle, ": ", model.status().message()));
  }
  return model;
}

}  // namespace tfjs::converter
