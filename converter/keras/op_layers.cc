// TensorFlowOpLayer (TF 2.x Keras's wrapper of a raw TF op in a Functional model): the op its
// node_def names, with the layer's inputs in its non-constant input slots and its `constants`
// as Consts. Static output shapes come from the op table's shape rule (input 0's shape), or for
// Reshape from its constant shape; other ops are refused.
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"
#include "google/protobuf/util/json_util.h"
#include "ops/op_table.h"

namespace tfjs::converter::keras {
namespace {

using google::protobuf::Value;

// Flattens a nested list of numbers, recording its dimensions.
bool Flatten(const Value& value, size_t depth, Shape* shape, std::vector<double>* values) {
  if (value.has_number_value()) {
    values->push_back(value.number_value());
    return depth == shape->size();
  }
  if (!value.has_list_value()) return false;
  const int64_t size = value.list_value().values_size();
  if (depth == shape->size()) shape->push_back(size);
  if ((*shape)[depth] != size) return false;
  for (const Value& element : value.list_value().values()) {
    if (!Flatten(element, depth + 1, shape, values)) return false;
  }
  return true;
}

// The dtype of input `index` of `node` by its op's input args (single-tensor args only).
tensorflow::DataType InputDtype(const ops::OpDef& op, const tensorflow::NodeDef& node,
                                size_t index) {
  if (index >= op.input_args.size()) return tensorflow::DT_INVALID;
  const ops::ArgDef& arg = op.input_args[index];
  if (!arg.type_attr.empty()) {
    auto it = node.attr().find(arg.type_attr);
    return it == node.attr().end() ? tensorflow::DT_INVALID : it->second.type();
  }
  if (arg.type == "int32") return tensorflow::DT_INT32;
  if (arg.type == "int64") return tensorflow::DT_INT64;
  if (arg.type == "float32") return tensorflow::DT_FLOAT;
  if (arg.type == "bool") return tensorflow::DT_BOOL;
  return tensorflow::DT_INVALID;
}

std::vector<KTensor> TensorFlowOpLayer(LayerCall& call) {
  const Value* node_value = call.Get("node_def");
  if (node_value == nullptr || !node_value->has_struct_value()) {
    call.Fail("has no node_def");
    return {};
  }
  std::string json;
  tensorflow::NodeDef node;
  if (!google::protobuf::util::MessageToJsonString(*node_value, &json).ok() ||
      !google::protobuf::util::JsonStringToMessage(json, &node).ok()) {
    call.Fail("node_def is not a NodeDef");
    return {};
  }
  const ops::OpDef* op = ops::FindOp(node.op());
  if (op == nullptr) {
    call.Fail(absl::StrCat("node_def op ", node.op(), " is no TF op"));
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  std::map<int, const Value*> constants;
  if (const Value* given = call.Get("constants"); given != nullptr) {
    for (const auto& [key, value] : given->struct_value().fields()) {
      int index;
      if (!absl::SimpleAtoi(key, &index)) {
        call.Fail(absl::StrCat("constants key '", key, "' is not an input index"));
        return {};
      }
      constants[index] = &value;
    }
  }
  std::vector<std::string> inputs;
  std::vector<const KTensor*> tensor_inputs;
  size_t next = 0;
  std::vector<std::vector<double>> constant_values(node.input_size());
  for (int i = 0; i < node.input_size(); ++i) {
    if (!node.input(i).empty() && node.input(i)[0] == '^') continue;
    auto it = constants.find(i);
    if (it == constants.end()) {
      if (next >= call.inputs().size()) {
        call.Fail("node_def reads more tensors than the layer is given");
        return {};
      }
      tensor_inputs.push_back(&call.inputs()[next]);
      inputs.push_back(call.inputs()[next++].name);
      continue;
    }
    Shape shape;
    std::vector<double>& values = constant_values[i];
    const tensorflow::DataType dtype = InputDtype(*op, node, i);
    if (!Flatten(*it->second, 0, &shape, &values) ||
        (dtype != tensorflow::DT_INT32 && dtype != tensorflow::DT_FLOAT)) {
      call.Fail(absl::StrCat("constant input ", i, " is not an int32 or float32 array"));
      return {};
    }
    if (dtype == tensorflow::DT_INT32) {
      inputs.push_back(b.IntConst(s, shape, std::vector<int32_t>(values.begin(), values.end())));
    } else {
      inputs.push_back(b.FloatConst(s, shape, std::vector<float>(values.begin(), values.end())));
    }
  }
  tensorflow::NodeDef* added = b.Add(node.op(), s, inputs, /*typed=*/false);
  *added->mutable_attr() = node.attr();
  if (tensor_inputs.empty()) {
    call.Fail("node_def reads no layer input");
    return {};
  }
  Shape shape;
  if (node.op() == "Reshape" && constants.count(1)) {
    // -1 stays unknown (it is the batch in Keras's use).
    for (double d : constant_values[1]) shape.push_back(d >= 0 ? static_cast<int64_t>(d) : -1);
  } else if (op->shape_rule == ops::ShapeRule::kUnchanged ||
             op->shape_rule == ops::ShapeRule::kBroadcastBinary) {
    shape = tensor_inputs[0]->shape;
  } else {
    call.Fail(absl::StrCat("op ", node.op(), " has no static shape rule here"));
    return {};
  }
  return {{added->name(), shape, tensor_inputs[0]->dtype}};
}

}  // namespace

void RegisterOpLayers(Registry& registry) { registry["TensorFlowOpLayer"] = TensorFlowOpLayer; }

}  // namespace tfjs::converter::keras
