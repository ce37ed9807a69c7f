#include "converter/passes/nms_valid_outputs.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {

constexpr int kSelectedIndices = 0;
constexpr int kSelectedScores = 1;
constexpr int kValidOutputs = 2;

void RewriteNmsValidOutputs(FrozenModel* model) {
  tensorflow::GraphDef* graph = &model->graph;
  // Nodes whose output 2 something may read.
  absl::flat_hash_set<std::string> read;
  auto note_read = [&](const std::string& input) {
    const TensorName tensor = TensorName::Parse(input);
    if (!tensor.is_control && tensor.output_index == kValidOutputs) read.insert(tensor.node);
  };
  for (const tensorflow::NodeDef& node : graph->node()) {
    for (const std::string& input : node.input()) note_read(input);
  }
  // A model output names a node whose every output the user may fetch (TF.js's "node:2").
  for (const std::string& output : model->output_nodes) read.insert(TensorName::Parse(output).node);

  NodeBuilder builder(graph);
  const int original_nodes = graph->node_size();
  for (int i = 0; i < original_nodes; ++i) {
    tensorflow::NodeDef* node = graph->mutable_node(i);
    if (node->op() != "NonMaxSuppressionV5" || !read.contains(node->name())) continue;
    const std::string name = node->name();
    const tensorflow::DataType type = TypeAttr(*node, "T");
    const std::string renamed = builder.Reserve(absl::StrCat(name, "/nms"));
    node->set_name(renamed);
    auto output = [&](int index) { return TensorName{renamed, index, false}.ToInput(); };
    tensorflow::NodeDef* count = builder.Add(absl::StrCat(name, "/valid_outputs"), "Size",
                                             {output(kSelectedIndices)}, tensorflow::DT_INT32);
    SetTypeAttr(count, "out_type", tensorflow::DT_INT32);
    const std::string count_name = count->name();
    tensorflow::NodeDef* outputs = builder.AddNamed(
        name, "IdentityN", {output(kSelectedIndices), output(kSelectedScores), count_name});
    tensorflow::AttrValue::ListValue* types = (*outputs->mutable_attr())["T"].mutable_list();
    types->add_type(tensorflow::DT_INT32);
    types->add_type(type);
    types->add_type(tensorflow::DT_INT32);
  }
}

}  // namespace tfjs::converter
