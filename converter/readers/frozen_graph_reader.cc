#include "converter/readers/frozen_graph_reader.h"

#include "absl/strings/str_cat.h"
#include "converter/passes/inline_functions.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/validate_graph.h"
#include "converter/readers/proto_file.h"

namespace tfjs::converter {
namespace {

absl::Status WithPath(const std::string& path, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
}

}  // namespace

absl::StatusOr<tensorflow::GraphDef> ReadGraphDefFile(const std::string& path) {
  tensorflow::GraphDef graph;
  absl::Status status = ReadProtoFile(path, &graph);
  if (!status.ok()) return status;
  return graph;
}

absl::StatusOr<FrozenModel> ReadFrozenModel(const std::string& path,
                                            const std::vector<std::string>& output_node_names) {
  if (output_node_names.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no output node names given for the frozen graph"));
  }
  absl::StatusOr<tensorflow::GraphDef> graph = ReadGraphDefFile(path);
  if (!graph.ok()) return graph.status();
  FrozenModel model;
  model.graph = *std::move(graph);
  absl::Status status = ValidateGraph(model.graph);
  if (status.ok()) status = InlineFunctionCalls(&model.graph);
  if (status.ok()) status = PruneGraph(output_node_names, &model.graph);
  if (status.ok()) status = ValidateGraph(model.graph);
  if (!status.ok()) return WithPath(path, status);
  // As tensorflowjs_converter does for frozen graphs: each output is keyed and named by the
  // string the user gave ("logits", or "split:1"), with no dtype or shape.
  for (const std::string& output : output_node_names) {
    (*model.signature.mutable_outputs())[output].set_name(output);
  }
  return model;
}

}  // namespace tfjs::converter
