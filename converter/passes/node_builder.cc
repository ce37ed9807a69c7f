#include "converter/passes/node_builder.h"

#include "absl/strings/str_cat.h"

namespace tfjs::converter {

NodeBuilder::NodeBuilder(tensorflow::GraphDef* graph) : graph_(graph) {
  for (const tensorflow::NodeDef& node : graph->node()) names_.insert(node.name());
}

std::string NodeBuilder::Reserve(const std::string& base) {
  std::string name = base;
  for (int k = 1; names_.contains(name); ++k) name = absl::StrCat(base, "_", k);
  names_.insert(name);
  return name;
}

tensorflow::NodeDef* NodeBuilder::Add(const std::string& base, const std::string& op,
                                      const std::vector<std::string>& inputs,
                                      tensorflow::DataType type) {
  return AddNamed(Reserve(base), op, inputs, type);
}

tensorflow::NodeDef* NodeBuilder::AddNamed(const std::string& name, const std::string& op,
                                           const std::vector<std::string>& inputs,
                                           tensorflow::DataType type) {
  names_.insert(name);
  tensorflow::NodeDef* node = graph_->add_node();
  node->set_name(name);
  node->set_op(op);
  for (const std::string& input : inputs) node->add_input(input);
  if (type != tensorflow::DT_INVALID) (*node->mutable_attr())["T"].set_type(type);
  return node;
}

std::string NodeBuilder::IntConst(const std::string& base, const std::vector<int32_t>& values,
                                  const std::vector<int64_t>& shape) {
  tensorflow::NodeDef* node = Add(base, "Const", {});
  (*node->mutable_attr())["dtype"].set_type(tensorflow::DT_INT32);
  tensorflow::TensorProto* tensor = (*node->mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tensorflow::DT_INT32);
  for (int64_t dim : shape) tensor->mutable_tensor_shape()->add_dim()->set_size(dim);
  if (shape.empty()) tensor->mutable_tensor_shape();
  for (int32_t value : values) tensor->add_int_val(value);
  return node->name();
}

std::string NodeBuilder::FloatScalar(const std::string& base, float value) {
  tensorflow::NodeDef* node = Add(base, "Const", {});
  (*node->mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  tensorflow::TensorProto* tensor = (*node->mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tensorflow::DT_FLOAT);
  tensor->mutable_tensor_shape();
  tensor->add_float_val(value);
  return node->name();
}

}  // namespace tfjs::converter
