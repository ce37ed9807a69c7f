#include "converter/passes/sink_tensors.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/tensor_name.h"
#include "ops/op_table.h"
#include "ops/output_arg_index.h"

namespace tfjs::converter {

absl::StatusOr<std::vector<std::string>> SinkTensors(const tensorflow::GraphDef& graph) {
  absl::flat_hash_set<std::string> read;
  for (const tensorflow::NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) read.insert(InputNodeName(input));
  }
  std::vector<std::string> sinks;
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (read.contains(node.name()) || node.op() == "Const") continue;
    const ops::OpDef* def = ops::FindOp(node.op());
    if (def != nullptr && def->is_graph_input) continue;
    absl::StatusOr<int> outputs = ops::NumOutputs(node);
    if (!outputs.ok()) return outputs.status();
    for (int k = 0; k < *outputs; ++k) {
      sinks.push_back(k == 0 ? node.name() : absl::StrCat(node.name(), ":", k));
    }
  }
  return sinks;
}

}  // namespace tfjs::converter
