// make_checkpoint: writes a TF checkpoint (PREFIX.index + PREFIX.data-00000-of-00001) from text
// sources, for the test SavedModels' variables/ directories.
//
//   make_checkpoint --tensors=variables.pbtxt [--object_graph=object_graph.pbtxt] PREFIX
//
// variables.pbtxt is a text GraphDef of Const nodes: each node's name is a checkpoint key and
// its `value` attr the tensor stored under it. object_graph.pbtxt, a text TrackableObjectGraph,
// is stored serialized under "_CHECKPOINTABLE_OBJECT_GRAPH" as TF2 checkpoints do.

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/text_format.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"
#include "proto/trackable_object_graph.pb.h"
#include "testdata/tools/bundle_writer.h"

namespace {

constexpr absl::string_view kTensorsFlag = "--tensors=";
constexpr absl::string_view kObjectGraphFlag = "--object_graph=";
constexpr absl::string_view kObjectGraphKey = "_CHECKPOINTABLE_OBJECT_GRAPH";
constexpr absl::string_view kUsage =
    "usage: make_checkpoint --tensors=variables.pbtxt [--object_graph=object_graph.pbtxt] PREFIX";

absl::Status ParseTextFile(const std::string& path, google::protobuf::Message* message) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (!google::protobuf::TextFormat::ParseFromString(text.str(), message)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " is not a valid text ", message->GetTypeName()));
  }
  return absl::OkStatus();
}

absl::Status AddTensors(const std::string& tensors_path, tfjs::testdata::BundleWriter* writer) {
  tensorflow::GraphDef tensors;
  absl::Status parsed = ParseTextFile(tensors_path, &tensors);
  if (!parsed.ok()) return parsed;
  for (const tensorflow::NodeDef& node : tensors.node()) {
    auto value = node.attr().find("value");
    if (node.op() != "Const" || value == node.attr().end() || !value->second.has_tensor()) {
      return absl::InvalidArgumentError(absl::StrCat(
          tensors_path, ": node '", node.name(), "' is not a Const with a `value` tensor"));
    }
    absl::Status added = writer->Add(node.name(), value->second.tensor());
    if (!added.ok()) {
      return absl::Status(added.code(), absl::StrCat(tensors_path, ": ", added.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status AddObjectGraph(const std::string& object_graph_path,
                            tfjs::testdata::BundleWriter* writer) {
  tensorflow::TrackableObjectGraph object_graph;
  absl::Status parsed = ParseTextFile(object_graph_path, &object_graph);
  if (!parsed.ok()) return parsed;
  tensorflow::TensorProto serialized;
  serialized.set_dtype(tensorflow::DT_STRING);
  serialized.mutable_tensor_shape();  // a scalar
  object_graph.SerializeToString(serialized.add_string_val());
  return writer->Add(std::string(kObjectGraphKey), serialized);
}

absl::Status MakeCheckpoint(const std::string& tensors_path, const std::string& object_graph_path,
                            const std::string& prefix) {
  tfjs::testdata::BundleWriter writer(prefix);
  absl::Status status = AddTensors(tensors_path, &writer);
  if (status.ok() && !object_graph_path.empty()) status = AddObjectGraph(object_graph_path, &writer);
  if (status.ok()) status = writer.Finish();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::string tensors_path;
  std::string object_graph_path;
  std::string prefix;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::StartsWith(arg, kTensorsFlag)) {
      tensors_path = std::string(arg.substr(kTensorsFlag.size()));
    } else if (absl::StartsWith(arg, kObjectGraphFlag)) {
      object_graph_path = std::string(arg.substr(kObjectGraphFlag.size()));
    } else if (prefix.empty() && !absl::StartsWith(arg, "--")) {
      prefix = std::string(arg);
    } else {
      std::cerr << kUsage << "\n";
      return 2;
    }
  }
  if (tensors_path.empty() || prefix.empty()) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  absl::Status status = MakeCheckpoint(tensors_path, object_graph_path, prefix);
  if (!status.ok()) {
    std::cerr << "make_checkpoint: " << status.message() << "\n";
    return 1;
  }
  return 0;
}
