#include "runtime/model_initializer.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace tfjs::runtime {
namespace {

// "^node", "node:k" or "node" -> "node".
absl::string_view NodeName(absl::string_view input) {
  if (!input.empty() && input[0] == '^') input.remove_prefix(1);
  const size_t colon = input.find(':');
  return colon == absl::string_view::npos ? input : input.substr(0, colon);
}

}  // namespace

absl::Status MergeModelInitializer(const tensorflow::GraphDef& initializer,
                                   const tensorflow::SignatureDef* signature,
                                   tensorflow::GraphDef* graph) {
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> existing;
  for (const tensorflow::NodeDef& node : graph->node()) existing[node.name()] = &node;
  if (existing.contains(kModelInitializerNode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the graph already has a node named '", kModelInitializerNode, "'"));
  }
  std::vector<const tensorflow::NodeDef*> added;
  for (const tensorflow::NodeDef& node : initializer.node()) {
    auto it = existing.find(node.name());
    if (it == existing.end()) {
      added.push_back(&node);
    } else if (it->second->op() != node.op()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "modelInitializer node '", node.name(), "' (", node.op(),
          ") has the name of a model node of op ", it->second->op()));
    }
  }
  for (const tensorflow::NodeDef* node : added) *graph->add_node() = *node;

  std::vector<std::string> targets;
  if (signature != nullptr && !signature->outputs().empty()) {
    for (const auto& [key, info] : signature->outputs()) {
      targets.emplace_back(NodeName(info.name()));
    }
  } else {
    absl::flat_hash_set<absl::string_view> read;
    for (const tensorflow::NodeDef& node : initializer.node()) {
      for (const std::string& input : node.input()) read.insert(NodeName(input));
    }
    for (const tensorflow::NodeDef& node : initializer.node()) {
      if (!read.contains(node.name())) targets.push_back(node.name());
    }
  }

  tensorflow::NodeDef* done = graph->add_node();
  done->set_name(kModelInitializerNode);
  done->set_op("Const");
  (*done->mutable_attr())["dtype"].set_type(tensorflow::DT_BOOL);
  tensorflow::TensorProto* value = (*done->mutable_attr())["value"].mutable_tensor();
  value->set_dtype(tensorflow::DT_BOOL);
  value->mutable_tensor_shape();
  value->add_bool_val(true);
  for (const std::string& target : targets) done->add_input(absl::StrCat("^", target));
  return absl::OkStatus();
}

}  // namespace tfjs::runtime
