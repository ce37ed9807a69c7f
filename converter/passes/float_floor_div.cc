#include "converter/passes/float_floor_div.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

bool IsFloat(tensorflow::DataType type) {
  return type == tensorflow::DT_HALF || type == tensorflow::DT_BFLOAT16 ||
         type == tensorflow::DT_FLOAT || type == tensorflow::DT_DOUBLE;
}

}  // namespace

void RewriteFloatFloorDiv(tensorflow::GraphDef* graph) {
  NodeBuilder builder(graph);
  const int original_nodes = graph->node_size();
  for (int i = 0; i < original_nodes; ++i) {
    tensorflow::NodeDef* node = graph->mutable_node(i);
    if (node->op() != "FloorDiv" || !IsFloat(TypeAttr(*node, "T"))) continue;
    const tensorflow::DataType type = TypeAttr(*node, "T");
    std::vector<std::string> data, controls;
    for (const std::string& input : node->input()) {
      (IsControlInput(input) ? controls : data).push_back(input);
    }
    if (data.size() != 2) continue;
    const std::string quotient =
        builder.Add(absl::StrCat(node->name(), "/real_div"), "RealDiv", data, type)->name();
    node = graph->mutable_node(i);
    node->set_op("Floor");
    node->clear_input();
    node->add_input(quotient);
    for (const std::string& control : controls) node->add_input(control);
  }
}

}  // namespace tfjs::converter
