#include "converter/passes/float_const.h"

#include <cstring>

namespace tfjs::converter {

std::optional<FloatConst> ReadFloatConst(const tensorflow::NodeDef& node) {
  if (node.op() != "Const") return std::nullopt;
  auto value = node.attr().find("value");
  if (value == node.attr().end() || !value->second.has_tensor()) return std::nullopt;
  const tensorflow::TensorProto& tensor = value->second.tensor();
  if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.tensor_shape().unknown_rank()) {
    return std::nullopt;
  }
  FloatConst result;
  int64_t count = 1;
  for (const auto& dim : tensor.tensor_shape().dim()) {
    if (dim.size() < 0) return std::nullopt;
    result.shape.push_back(dim.size());
    count *= dim.size();
  }
  result.values.resize(count);
  if (!tensor.tensor_content().empty()) {
    if (tensor.tensor_content().size() != static_cast<size_t>(count) * sizeof(float)) {
      return std::nullopt;
    }
    std::memcpy(result.values.data(), tensor.tensor_content().data(), count * sizeof(float));
    return result;
  }
  const int given = tensor.float_val_size();
  if (given > count) return std::nullopt;
  for (int64_t i = 0; i < count && given > 0; ++i) {
    result.values[i] = tensor.float_val(i < given ? static_cast<int>(i) : given - 1);
  }
  return result;
}

tensorflow::NodeDef MakeFloatConst(const std::string& name, const FloatConst& value) {
  tensorflow::NodeDef node;
  node.set_name(name);
  node.set_op("Const");
  (*node.mutable_attr())["dtype"].set_type(tensorflow::DT_FLOAT);
  tensorflow::TensorProto* tensor = (*node.mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tensorflow::DT_FLOAT);
  for (int64_t dim : value.shape) tensor->mutable_tensor_shape()->add_dim()->set_size(dim);
  tensor->set_tensor_content(std::string(reinterpret_cast<const char*>(value.values.data()),
                                         value.values.size() * sizeof(float)));
  return node;
}

}  // namespace tfjs::converter
