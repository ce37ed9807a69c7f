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

bool KeepsItsName(const tensorflow::NodeDef& node) {
  return node.op() == "Const" || node.op() == "HashTable" || node.op() == "HashTableV2";
}

// Initializer node names as they are in the merged graph.
class Renames {
 public:
  void Add(const std::string& from, std::string to) { renamed_[from] = std::move(to); }

  // An input ("^node", "node:k", "node") with its node renamed.
  std::string Input(absl::string_view input) const {
    const absl::string_view node = NodeName(input);
    auto it = renamed_.find(node);
    if (it == renamed_.end()) return std::string(input);
    const bool control = !input.empty() && input[0] == '^';
    return absl::StrCat(control ? "^" : "", it->second,
                        input.substr(node.size() + (control ? 1 : 0)));
  }

 private:
  absl::flat_hash_map<std::string, std::string> renamed_;
};

absl::Status FeedResourceInputs(const io::ModelJson& model_json, const Renames& renames,
                                tensorflow::SignatureDef& signature, tensorflow::GraphDef& graph) {
  for (const auto& [input_key, resource_id] : model_json.input_resource_ids) {
    auto input = signature.inputs().find(input_key);
    if (input == signature.inputs().end()) continue;
    std::string source;
    for (const auto& [output_key, output_id] : model_json.initializer_output_resource_ids) {
      if (output_id != resource_id || !model_json.initializer_signature) continue;
      auto output = model_json.initializer_signature->outputs().find(output_key);
      if (output != model_json.initializer_signature->outputs().end()) {
        source = renames.Input(output->second.name());
      }
    }
    if (source.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("signature input '", input_key,
                                                     "' takes resourceId ", resource_id,
                                                     ", which no initializer output has"));
    }
    const absl::string_view placeholder = NodeName(input->second.name());
    for (tensorflow::NodeDef& node : *graph.mutable_node()) {
      if (node.name() != placeholder) continue;
      node.set_op("Identity");
      node.clear_input();
      node.clear_attr();
      node.add_input(source);
      (*node.mutable_attr())["T"].set_type(tensorflow::DT_RESOURCE);
    }
    signature.mutable_inputs()->erase(input_key);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status MergeModelInitializer(io::ModelJson& model_json) {
  if (!model_json.model_initializer.has_value() || !model_json.graph.has_value()) {
    return absl::OkStatus();
  }
  const tensorflow::GraphDef& initializer = *model_json.model_initializer;
  tensorflow::GraphDef& graph = *model_json.graph;
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> existing;
  for (const tensorflow::NodeDef& node : graph.node()) existing[node.name()] = &node;
  if (existing.contains(kModelInitializerNode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the graph already has a node named '", kModelInitializerNode, "'"));
  }
  Renames renames;
  std::vector<const tensorflow::NodeDef*> added;
  for (const tensorflow::NodeDef& node : initializer.node()) {
    if (!KeepsItsName(node)) {
      renames.Add(node.name(), absl::StrCat(kModelInitializerNode, "/", node.name()));
      added.push_back(&node);
      continue;
    }
    auto it = existing.find(node.name());
    if (it == existing.end()) {
      added.push_back(&node);
    } else if (it->second->op() != node.op()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "modelInitializer node '", node.name(), "' (", node.op(),
          ") has the name of a model node of op ", it->second->op()));
    }
  }
  for (const tensorflow::NodeDef* node : added) {
    tensorflow::NodeDef* copy = graph.add_node();
    *copy = *node;
    copy->set_name(renames.Input(node->name()));
    for (std::string& input : *copy->mutable_input()) input = renames.Input(input);
  }

  std::vector<std::string> targets;
  const tensorflow::SignatureDef* initializer_signature =
      model_json.initializer_signature ? &*model_json.initializer_signature : nullptr;
  if (initializer_signature != nullptr && !initializer_signature->outputs().empty()) {
    for (const auto& [key, info] : initializer_signature->outputs()) {
      targets.emplace_back(NodeName(renames.Input(info.name())));
    }
  } else {
    absl::flat_hash_set<absl::string_view> read;
    for (const tensorflow::NodeDef& node : initializer.node()) {
      for (const std::string& input : node.input()) read.insert(NodeName(input));
    }
    for (const tensorflow::NodeDef& node : initializer.node()) {
      if (!read.contains(node.name())) targets.push_back(renames.Input(node.name()));
    }
  }
  if (model_json.signature.has_value()) {
    absl::Status status = FeedResourceInputs(model_json, renames, *model_json.signature, graph);
    if (!status.ok()) return status;
  }

  tensorflow::NodeDef* done = graph.add_node();
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
