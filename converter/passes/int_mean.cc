#include "converter/passes/int_mean.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {

void RewriteIntMean(tensorflow::GraphDef* graph) {
  NodeBuilder builder(graph);
  const int original_nodes = graph->node_size();
  for (int i = 0; i < original_nodes; ++i) {
    tensorflow::NodeDef* node = graph->mutable_node(i);
    const tensorflow::DataType type = TypeAttr(*node, "T");
    if (node->op() != "Mean" || (type != tensorflow::DT_INT32 && type != tensorflow::DT_INT64)) {
      continue;
    }
    std::vector<std::string> data, controls;
    for (const std::string& input : node->input()) {
      (IsControlInput(input) ? controls : data).push_back(input);
    }
    if (data.size() != 2) continue;
    const std::string name = node->name();
    tensorflow::NodeDef* sum_node = builder.Add(absl::StrCat(name, "/sum"), "Sum", data, type);
    sum_node->mutable_attr()->insert(graph->node(i).attr().begin(), graph->node(i).attr().end());
    const std::string sum = sum_node->name();
    auto size = [&](const std::string& base, const std::string& of) {
      tensorflow::NodeDef* size_node = builder.Add(base, "Size", {of}, type);
      SetTypeAttr(size_node, "out_type", type);
      return size_node->name();
    };
    const std::string count =
        builder
            .Add(absl::StrCat(name, "/count"), "FloorDiv",
                 {size(absl::StrCat(name, "/input_size"), data[0]),
                  size(absl::StrCat(name, "/output_size"), sum)},
                 type)
            ->name();
    const std::string magnitude =
        builder.Add(absl::StrCat(name, "/abs"), "Abs", {sum}, type)->name();
    const std::string quotient =
        builder.Add(absl::StrCat(name, "/quotient"), "FloorDiv", {magnitude, count}, type)->name();
    const std::string sign = builder.Add(absl::StrCat(name, "/sign"), "Sign", {sum}, type)->name();
    node = graph->mutable_node(i);
    node->set_op("Mul");
    node->clear_input();
    node->add_input(quotient);
    node->add_input(sign);
    for (const std::string& control : controls) node->add_input(control);
    node->clear_attr();
    SetTypeAttr(node, "T", type);
  }
}

}  // namespace tfjs::converter
