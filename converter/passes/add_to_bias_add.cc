#include "converter/passes/add_to_bias_add.h"

#include <optional>
#include <string>
#include <utility>

#include "converter/passes/float_const.h"
#include "converter/passes/graph_editor.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

// The last dim of the contraction's output, from its Const weights; -1 when `node` is no float
// contraction with Const weights of a known layout.
int64_t ContractionChannels(const GraphEditor& editor, const tensorflow::NodeDef& node) {
  const bool conv = node.op() == "Conv2D" || node.op() == "DepthwiseConv2dNative";
  if ((!conv && node.op() != "MatMul") || node.input_size() < 2) return -1;
  if (TypeAttr(node, "T") != tensorflow::DT_FLOAT || (conv && !IsChannelsLast(node))) return -1;
  const tensorflow::NodeDef* weights = editor.ConstProducer(node.input(1));
  if (weights == nullptr) return -1;
  std::optional<FloatConst> value = ReadFloatConst(*weights);
  if (!value) return -1;
  const std::vector<int64_t>& shape = value->shape;
  if (node.op() == "Conv2D") return shape.size() == 4 ? shape[3] : -1;
  if (node.op() == "DepthwiseConv2dNative") return shape.size() == 4 ? shape[2] * shape[3] : -1;
  if (shape.size() != 2) return -1;
  return BoolAttr(node, "transpose_b", false) ? shape[0] : shape[1];
}

bool IsChannelBias(const GraphEditor& editor, const std::string& input, int64_t channels) {
  const tensorflow::NodeDef* node = editor.ConstProducer(input);
  if (node == nullptr) return false;
  std::optional<FloatConst> value = ReadFloatConst(*node);
  return value && value->shape.size() == 1 && value->shape[0] == channels;
}

}  // namespace

int ConvertAddToBiasAdd(tensorflow::GraphDef* graph) {
  // Only Adds after a contraction (ContractionChannels) are rewritten.
  if (!HasAnyOp(*graph, {"Conv2D", "DepthwiseConv2dNative", "MatMul"})) return 0;
  GraphEditor editor(graph, {});
  int rewritten = 0;
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    if ((node.op() != "Add" && node.op() != "AddV2") ||
        TypeAttr(node, "T") != tensorflow::DT_FLOAT) {
      continue;
    }
    std::vector<std::string> data, control;
    for (const std::string& input : node.input()) {
      (IsControlInput(input) ? control : data).push_back(input);
    }
    if (data.size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      const tensorflow::NodeDef* x = editor.Producer(data[side]);
      if (x == nullptr || TensorName::Parse(data[side]).output_index != 0) continue;
      const int64_t channels = ContractionChannels(editor, *x);
      if (channels < 0 || !IsChannelBias(editor, data[1 - side], channels)) continue;
      node.set_op("BiasAdd");
      node.clear_input();
      node.add_input(data[side]);
      node.add_input(data[1 - side]);
      for (const std::string& input : control) node.add_input(input);
      SetStringAttr(&node, "data_format", "NHWC");
      ++rewritten;
      break;
    }
  }
  return rewritten;
}

}  // namespace tfjs::converter
