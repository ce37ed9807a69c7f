#include "converter/passes/table_inputs.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/graph_editor.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

// The table ops TF.js has.
bool IsHashTable(const tensorflow::NodeDef& node) {
  return node.op() == "HashTable" || node.op() == "HashTableV2";
}

tensorflow::TensorInfo ScalarResource(const std::string& node) {
  tensorflow::TensorInfo info;
  info.set_name(absl::StrCat(node, ":0"));
  info.set_dtype(tensorflow::DT_RESOURCE);
  info.mutable_tensor_shape();
  return info;
}

// Nodes no other node reads: what running the whole graph comes down to.
std::vector<std::string> UnreadNodes(const tensorflow::GraphDef& graph) {
  absl::flat_hash_set<std::string> read;
  for (const tensorflow::NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) read.insert(InputNodeName(input));
  }
  std::vector<std::string> unread;
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (!read.contains(node.name())) unread.push_back(node.name());
  }
  return unread;
}

}  // namespace

absl::Status FeedTablesFromInitializer(FrozenModel* model) {
  std::vector<tensorflow::NodeDef> tables;
  for (const tensorflow::NodeDef& node : model->graph.node()) {
    if (IsHashTable(node)) tables.push_back(node);
  }
  if (tables.empty()) return absl::OkStatus();
  if (!model->initializer_signature.outputs().empty()) {
    return absl::FailedPreconditionError(
        "the model initializer already has a signature; its tables cannot be fed again");
  }

  GraphEditor initializer(&model->initializer, {});
  for (const tensorflow::NodeDef& table : tables) {
    const tensorflow::NodeDef* same_name = initializer.Find(table.name());
    if (same_name == nullptr) {
      initializer.Add(table);
    } else if (same_name->op() != table.op()) {
      return absl::InvalidArgumentError(absl::StrCat("hash table '", table.name(), "' (",
                                                     table.op(), ") is a ", same_name->op(),
                                                     " node in the model initializer"));
    }
  }
  const std::vector<std::string> initialization = UnreadNodes(model->initializer);

  GraphEditor graph(&model->graph, {});
  absl::flat_hash_map<std::string, std::string> handle_of_table;
  int64_t resource_id = 0;
  for (const tensorflow::NodeDef& table : tables) {
    ++resource_id;
    tensorflow::NodeDef output;
    output.set_name(absl::StrCat(table.name(), "/handle"));
    output.set_op("Identity");
    output.add_input(table.name());
    for (const std::string& node : initialization) {
      if (node != table.name()) output.add_input(absl::StrCat("^", node));
    }
    (*output.mutable_attr())["T"].set_type(tensorflow::DT_RESOURCE);
    const std::string output_node = initializer.Add(std::move(output));
    const std::string output_key = absl::StrCat(output_node, ":0");
    (*model->initializer_signature.mutable_outputs())[output_key] = ScalarResource(output_node);
    model->initializer_output_resource_ids[output_key] = resource_id;

    tensorflow::NodeDef input;
    input.set_name(absl::StrCat(table.name(), "/handle"));
    input.set_op("Placeholder");
    (*input.mutable_attr())["dtype"].set_type(tensorflow::DT_RESOURCE);
    (*input.mutable_attr())["shape"].mutable_shape();
    const std::string input_node = graph.Add(std::move(input));
    graph.Remove(*graph.Find(table.name()));
    handle_of_table[table.name()] = input_node;
    const std::string input_key = absl::StrCat(input_node, ":0");
    (*model->signature.mutable_inputs())[input_key] = ScalarResource(input_node);
    model->input_resource_ids[input_key] = resource_id;
  }
  graph.Commit();

  for (tensorflow::NodeDef& node : *model->graph.mutable_node()) {
    for (std::string& input : *node.mutable_input()) {
      TensorName tensor = TensorName::Parse(input);
      auto handle = handle_of_table.find(tensor.node);
      if (handle == handle_of_table.end()) continue;
      tensor.node = handle->second;
      input = tensor.ToInput();
    }
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
