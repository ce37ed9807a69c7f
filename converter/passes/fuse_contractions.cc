#include "converter/passes/fuse_contractions.h"

#include <utility>

#include "absl/strings/match.h"
#include "converter/passes/graph_editor.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

// The fused op for a contraction, or nullptr when `node` is none TF.js can fuse.
const char* FusedOpFor(const tensorflow::NodeDef& node) {
  if (TypeAttr(node, "T") != tensorflow::DT_FLOAT || node.input_size() < 2) return nullptr;
  if (node.op() == "MatMul") return "_FusedMatMul";
  if (!IsChannelsLast(node)) return nullptr;
  if (node.op() == "Conv2D") return "_FusedConv2D";
  if (node.op() == "DepthwiseConv2dNative") return "FusedDepthwiseConv2dNative";
  return nullptr;
}

// Activations TF.js's fused kernels apply (tanh is not among them).
bool IsFusableActivation(const tensorflow::NodeDef& node) {
  const std::string& op = node.op();
  if (op == "Prelu") return node.input_size() >= 2;
  return op == "Relu" || op == "Relu6" || op == "Elu" || op == "LeakyRelu" || op == "Sigmoid";
}

// The producer of data input 0 of `node` when it reads output 0 and can be folded away.
tensorflow::NodeDef* SoleInputProducer(const GraphEditor& editor, const tensorflow::NodeDef& node) {
  if (node.input_size() < 1 || IsControlInput(node.input(0))) return nullptr;
  if (TensorName::Parse(node.input(0)).output_index != 0) return nullptr;
  tensorflow::NodeDef* producer = editor.Producer(node.input(0));
  if (producer == nullptr || !editor.HasSoleConsumer(*producer)) return nullptr;
  return producer;
}

tensorflow::NodeDef FusedNode(const tensorflow::NodeDef& contraction, const char* fused_op,
                              const tensorflow::NodeDef& bias_add,
                              const tensorflow::NodeDef* activation) {
  const tensorflow::NodeDef& last = activation != nullptr ? *activation : bias_add;
  tensorflow::NodeDef fused;
  fused.set_name(last.name());
  fused.set_op(fused_op);
  fused.set_device(contraction.device());
  fused.add_input(contraction.input(0));
  fused.add_input(contraction.input(1));
  fused.add_input(bias_add.input(1));
  const bool prelu = activation != nullptr && activation->op() == "Prelu";
  if (prelu) fused.add_input(activation->input(1));
  MergeControlInputs(contraction, &fused);
  MergeControlInputs(bias_add, &fused);
  if (activation != nullptr) MergeControlInputs(*activation, &fused);

  auto& attrs = *fused.mutable_attr();
  for (const auto& [name, value] : contraction.attr()) {
    if (!absl::StartsWith(name, "_")) attrs[name] = value;
  }
  tensorflow::AttrValue::ListValue* ops = attrs["fused_ops"].mutable_list();
  ops->add_s("BiasAdd");
  if (activation != nullptr) ops->add_s(activation->op());
  attrs["num_args"].set_i(prelu ? 2 : 1);
  if (contraction.op() != "DepthwiseConv2dNative") attrs["epsilon"].set_f(0.f);
  if (activation != nullptr && activation->op() == "LeakyRelu") {
    attrs["leakyrelu_alpha"].set_f(FloatAttr(*activation, "alpha", 0.2f));
  }
  return fused;
}

// Fuses the chain ending at `last` (an activation when `with_activation`, else a BiasAdd).
bool FuseChain(GraphEditor& editor, tensorflow::NodeDef* last, bool with_activation) {
  tensorflow::NodeDef* activation = nullptr;
  tensorflow::NodeDef* bias_add = last;
  if (with_activation) {
    if (!IsFusableActivation(*last)) return false;
    activation = last;
    bias_add = SoleInputProducer(editor, *last);
    if (bias_add == nullptr) return false;
  }
  if (bias_add->op() != "BiasAdd" || bias_add->input_size() < 2 || !IsChannelsLast(*bias_add) ||
      IsControlInput(bias_add->input(1))) {
    return false;
  }
  tensorflow::NodeDef* contraction = SoleInputProducer(editor, *bias_add);
  if (contraction == nullptr) return false;
  const char* fused_op = FusedOpFor(*contraction);
  if (fused_op == nullptr) return false;
  tensorflow::NodeDef fused = FusedNode(*contraction, fused_op, *bias_add, activation);
  editor.Remove(*contraction);
  if (activation != nullptr) editor.Remove(*bias_add);
  *last = std::move(fused);
  return true;
}

}  // namespace

int FuseContractions(const std::vector<std::string>& outputs, tensorflow::GraphDef* graph) {
  // Only chains that start at a contraction (FusedOpFor) are fused.
  if (!HasAnyOp(*graph, {"Conv2D", "DepthwiseConv2dNative", "MatMul"})) return 0;
  GraphEditor editor(graph, outputs);
  std::vector<std::string> names;
  for (const tensorflow::NodeDef& node : graph->node()) names.push_back(node.name());
  int fused = 0;
  // Chains with an activation first, so that a BiasAdd is not fused without the activation.
  for (bool with_activation : {true, false}) {
    for (const std::string& name : names) {
      tensorflow::NodeDef* node = editor.Find(name);
      if (node != nullptr && FuseChain(editor, node, with_activation)) ++fused;
    }
  }
  editor.Commit();
  return fused;
}

}  // namespace tfjs::converter
