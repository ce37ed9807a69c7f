#include "converter/readers/frozen_graph_reader.h"

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "converter/passes/inline_functions.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/sink_tensors.h"
#include "converter/passes/validate_graph.h"
#include "converter/readers/binary_graph_def.h"
#include "converter/readers/proto_file.h"

namespace tfjs::converter {
namespace {

absl::Status WithPath(const std::string& path, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
}

// Text format through protobuf's parser; binary node by node, large Const values held by
// reference (any size, protobuf's 2 GiB limit included).
absl::Status ReadGraph(const std::string& path, FrozenModel* model) {
  absl::StatusOr<bool> text = IsTextProtoFile(path);
  if (!text.ok()) return text.status();
  // Empty files get ReadProtoFile's "file is empty" error.
  std::error_code error;
  if (*text || std::filesystem::is_empty(path, error)) return ReadProtoFile(path, &model->graph);
  return ReadBinaryGraphDef(path, kMinReferencedTensorBytes, &model->graph,
                            &model->external_weights);
}

}  // namespace

absl::StatusOr<tensorflow::GraphDef> ReadGraphDefFile(const std::string& path) {
  FrozenModel model;
  absl::Status status = ReadGraph(path, &model);
  if (status.ok()) status = MaterializeAllConsts(&model);
  if (!status.ok()) return status;
  return std::move(model.graph);
}

absl::StatusOr<FrozenModel> ReadFrozenModel(const std::string& path,
                                            const std::vector<std::string>& given_output_names) {
  FrozenModel model;
  if (absl::Status status = ReadGraph(path, &model); !status.ok()) return status;
  absl::Status status = ValidateGraph(model.graph);
  if (status.ok()) status = InlineFunctionCalls(&model.graph);
  if (!status.ok()) return WithPath(path, status);
  std::vector<std::string> output_node_names = given_output_names;
  if (output_node_names.empty()) {
    absl::StatusOr<std::vector<std::string>> sinks = SinkTensors(model.graph);
    if (!sinks.ok()) return WithPath(path, sinks.status());
    if (sinks->empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": the graph has no sink tensors (every computed tensor is read by another node); "
                "name its outputs with --output_node_names"));
    }
    output_node_names = *std::move(sinks);
  }
  status = PruneGraph(output_node_names, &model.graph);
  if (status.ok()) status = ValidateGraph(model.graph);
  if (!status.ok()) return WithPath(path, status);
  // As tensorflowjs_converter does for frozen graphs: each output is keyed and named by the
  // string the user gave ("logits", or "split:1"), with no dtype or shape.
  for (const std::string& output : output_node_names) {
    (*model.signature.mutable_outputs())[output].set_name(output);
    model.output_nodes.push_back(output);
  }
  return model;
}

}  // namespace tfjs::converter
