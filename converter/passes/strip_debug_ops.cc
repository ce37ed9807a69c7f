#include "converter/passes/strip_debug_ops.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "converter/passes/handled_ops.h"
#include "google/protobuf/repeated_field.h"
#include "ops/op_table.h"

namespace tfjs::converter {
namespace {

constexpr char kPass[] = "strip_debug_ops";

// The ops Grappler's debug stripper removes: those without outputs go, the others become
// Identity of their first input.
REGISTER_HANDLED_OPS(kPass, {"Assert", "CheckNumerics", "Print", "PrintV2"});

bool HasOutputs(absl::string_view op) {
  const ops::OpDef* def = ops::FindOp(op);
  return def != nullptr && !def->output_args.empty();
}
bool IsRemovedOp(absl::string_view op) { return IsHandledBy(kPass, op) && !HasOutputs(op); }
bool IsPassThroughOp(absl::string_view op) { return IsHandledBy(kPass, op) && HasOutputs(op); }

// Strips one node list (the graph's, or a function body's) and returns the removed names.
absl::flat_hash_set<std::string> StripNodes(
    google::protobuf::RepeatedPtrField<tensorflow::NodeDef>* nodes) {
  absl::flat_hash_set<std::string> removed;
  google::protobuf::RepeatedPtrField<tensorflow::NodeDef> kept;
  for (tensorflow::NodeDef& node : *nodes) {
    if (IsRemovedOp(node.op())) {
      removed.insert(node.name());
      continue;
    }
    if (IsPassThroughOp(node.op())) {
      node.set_op("Identity");
      // Keep the data input and any control inputs; drop the printed extras.
      google::protobuf::RepeatedPtrField<std::string> inputs;
      bool kept_data = false;
      for (const std::string& input : node.input()) {
        if (absl::StartsWith(input, "^")) {
          *inputs.Add() = input;
        } else if (!kept_data) {
          *inputs.Add() = input;
          kept_data = true;
        }
      }
      node.mutable_input()->Swap(&inputs);
      auto type = node.attr().find("T");
      google::protobuf::Map<std::string, tensorflow::AttrValue> attrs;
      if (type != node.attr().end()) attrs["T"] = type->second;
      node.mutable_attr()->swap(attrs);
    }
    *kept.Add() = std::move(node);
  }
  nodes->Swap(&kept);
  for (tensorflow::NodeDef& node : *nodes) {
    google::protobuf::RepeatedPtrField<std::string> inputs;
    for (std::string& input : *node.mutable_input()) {
      if (absl::StartsWith(input, "^") && removed.contains(absl::string_view(input).substr(1))) {
        continue;
      }
      *inputs.Add() = std::move(input);
    }
    node.mutable_input()->Swap(&inputs);
  }
  return removed;
}

}  // namespace

void StripDebugOps(tensorflow::GraphDef* graph) {
  StripNodes(graph->mutable_node());
  for (tensorflow::FunctionDef& function : *graph->mutable_library()->mutable_function()) {
    const absl::flat_hash_set<std::string> removed = StripNodes(function.mutable_node_def());
    if (removed.empty()) continue;
    // Control returns naming removed nodes go, with their control outputs.
    std::vector<std::string> dropped;
    for (const auto& [name, node] : function.control_ret()) {
      if (removed.contains(node)) dropped.push_back(name);
    }
    for (const std::string& name : dropped) function.mutable_control_ret()->erase(name);
    auto* outputs = function.mutable_signature()->mutable_control_output();
    google::protobuf::RepeatedPtrField<std::string> kept_outputs;
    for (const std::string& output : *outputs) {
      if (function.control_ret().contains(output)) *kept_outputs.Add() = output;
    }
    outputs->Swap(&kept_outputs);
  }
}

}  // namespace tfjs::converter
