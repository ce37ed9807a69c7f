#include "converter/passes/remove_control_edges.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {

bool RemoveNeedlessControlEdges(tensorflow::GraphDef* graph) {
  absl::flat_hash_set<std::string> always_ready;
  for (const tensorflow::NodeDef& node : graph->node()) {
    const bool source_op =
        node.op() == "Const" || node.op() == "Placeholder" || node.op() == "NoOp";
    if (source_op && node.input_size() == 0) always_ready.insert(node.name());
  }
  bool changed = false;
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    absl::flat_hash_set<std::string> waited;
    for (const std::string& input : node.input()) {
      if (!IsControlInput(input)) waited.insert(InputNodeName(input));
    }
    google::protobuf::RepeatedPtrField<std::string> inputs;
    for (const std::string& input : node.input()) {
      if (IsControlInput(input)) {
        const std::string source = InputNodeName(input);
        if (always_ready.contains(source) || !waited.insert(source).second) {
          changed = true;
          continue;
        }
      }
      *inputs.Add() = input;
    }
    node.mutable_input()->Swap(&inputs);
  }
  return changed;
}

}  // namespace tfjs::converter
