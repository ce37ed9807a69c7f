#include "converter/writer/tf_model_writers.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/tensor_name.h"
#include "converter/writer/staged_output_dir.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

absl::Status WriteMessage(const google::protobuf::Message& message, const std::string& path) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return absl::PermissionDeniedError(absl::StrCat(path, ": cannot create file"));
  if (!message.SerializeToOstream(&file) || !file.flush()) {
    return absl::DataLossError(absl::StrCat(path, ": write failed"));
  }
  return absl::OkStatus();
}

// Tables a TF.js model initializes have no place in the GraphDef these writers produce.
absl::Status CheckNoInitializer(const FrozenModel& model, const std::string& output) {
  if (model.initializer.node_size() == 0) return absl::OkStatus();
  return absl::UnimplementedError(absl::StrCat(
      output, ": the model has a model initializer (hash tables), which is not written to "
              "TensorFlow formats; convert it to a TF.js graph model instead"));
}

// Fills in dtype and shape of signature inputs that lack them from their Placeholders.
void CompleteInputInfos(const tensorflow::GraphDef& graph, tensorflow::SignatureDef* signature) {
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes;
  for (const tensorflow::NodeDef& node : graph.node()) nodes[node.name()] = &node;
  for (auto& [key, info] : *signature->mutable_inputs()) {
    auto node = nodes.find(TensorName::Parse(info.name()).node);
    if (node == nodes.end() || node->second->op() != "Placeholder") continue;
    const auto& attrs = node->second->attr();
    if (auto it = attrs.find("dtype"); it != attrs.end() && info.dtype() == 0) {
      info.set_dtype(it->second.type());
    }
    if (auto it = attrs.find("shape"); it != attrs.end() && !info.has_tensor_shape()) {
      *info.mutable_tensor_shape() = it->second.shape();
    }
  }
}

}  // namespace

absl::Status WriteFrozenGraph(const FrozenModel& model, const std::string& output_file) {
  if (absl::Status status = CheckNoInitializer(model, output_file); !status.ok()) return status;
  const fs::path destination(output_file);
  std::error_code error;
  if (destination.has_parent_path()) fs::create_directories(destination.parent_path(), error);
  if (error) {
    return absl::PermissionDeniedError(absl::StrCat(
        destination.parent_path().string(), ": cannot create directory: ", error.message()));
  }
  // Created by this process alone, with the usual permissions (umask applies).
  const std::string staging = absl::StrCat(output_file, ".tmp-", getpid());
  absl::Status status = WriteMessage(model.graph, staging);
  if (status.ok() && std::rename(staging.c_str(), output_file.c_str()) != 0) {
    status = absl::PermissionDeniedError(absl::StrCat(output_file, ": cannot move ", staging,
                                                      " into place: ", std::strerror(errno)));
  }
  if (!status.ok()) std::remove(staging.c_str());
  return status;
}

absl::Status WriteSavedModel(const FrozenModel& model, const std::string& output_dir) {
  if (absl::Status status = CheckNoInitializer(model, output_dir); !status.ok()) return status;
  tensorflow::SavedModel saved_model;
  saved_model.set_saved_model_schema_version(1);
  tensorflow::MetaGraphDef& meta_graph = *saved_model.add_meta_graphs();
  meta_graph.mutable_meta_info_def()->add_tags("serve");
  meta_graph.mutable_meta_info_def()->set_tensorflow_version(model.tensorflow_version);
  *meta_graph.mutable_graph_def() = model.graph;
  tensorflow::SignatureDef& signature = (*meta_graph.mutable_signature_def())["serving_default"];
  signature = model.signature;
  signature.set_method_name("tensorflow/serving/predict");
  CompleteInputInfos(model.graph, &signature);

  absl::StatusOr<StagedOutputDir> staged = StagedOutputDir::Create(output_dir);
  if (!staged.ok()) return staged.status();
  absl::Status status =
      WriteMessage(saved_model, (fs::path(staged->path()) / "saved_model.pb").string());
  if (!status.ok()) return status;
  return staged->Commit();
}

}  // namespace tfjs::converter
