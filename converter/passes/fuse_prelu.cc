#include "converter/passes/fuse_prelu.h"

#include <optional>
#include <utility>

#include "converter/passes/float_const.h"
#include "converter/passes/graph_editor.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

bool SameTensor(const std::string& a, const std::string& b) {
  const TensorName x = TensorName::Parse(a), y = TensorName::Parse(b);
  return !x.is_control && !y.is_control && x.node == y.node && x.output_index == y.output_index;
}

// The node `input` reads when it has op `op` and can be folded away, else nullptr.
tensorflow::NodeDef* FoldableProducer(const GraphEditor& editor, const std::string& input,
                                      const char* op) {
  tensorflow::NodeDef* node = editor.Producer(input);
  if (node == nullptr || node->op() != op || node->input_size() < 1 ||
      !editor.HasSoleConsumer(*node) || TensorName::Parse(input).output_index != 0) {
    return nullptr;
  }
  return node;
}

// The constant factor of the Mul: its Const and whether a Neg sits between (k = -Const).
struct Factor {
  const tensorflow::NodeDef* constant = nullptr;
  bool negated = false;
};

std::optional<Factor> ConstFactor(const GraphEditor& editor, const std::string& input) {
  if (const tensorflow::NodeDef* constant = editor.ConstProducer(input)) {
    if (!ReadFloatConst(*constant)) return std::nullopt;
    return Factor{constant, false};
  }
  const tensorflow::NodeDef* neg = editor.Producer(input);
  if (neg == nullptr || neg->op() != "Neg" || neg->input_size() < 1) return std::nullopt;
  const tensorflow::NodeDef* constant = editor.ConstProducer(neg->input(0));
  if (constant == nullptr || !ReadFloatConst(*constant)) return std::nullopt;
  return Factor{constant, true};
}

struct PreluMatch {
  std::string x;
  Factor factor;
  std::vector<const tensorflow::NodeDef*> folded;
};

// Matches Relu(x) at `relu_input` and Mul(k, Relu(Neg(x))) at `mul_input`.
std::optional<PreluMatch> Match(const GraphEditor& editor, const std::string& relu_input,
                                const std::string& mul_input) {
  tensorflow::NodeDef* relu = FoldableProducer(editor, relu_input, "Relu");
  tensorflow::NodeDef* mul = FoldableProducer(editor, mul_input, "Mul");
  if (relu == nullptr || mul == nullptr || mul->input_size() < 2) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    std::optional<Factor> factor = ConstFactor(editor, mul->input(side));
    tensorflow::NodeDef* relu_neg = FoldableProducer(editor, mul->input(1 - side), "Relu");
    if (!factor || relu_neg == nullptr) continue;
    tensorflow::NodeDef* neg = FoldableProducer(editor, relu_neg->input(0), "Neg");
    if (neg == nullptr || !SameTensor(neg->input(0), relu->input(0))) continue;
    return PreluMatch{relu->input(0), *factor, {relu, mul, relu_neg, neg}};
  }
  return std::nullopt;
}

}  // namespace

int FusePrelu(const std::vector<std::string>& outputs, tensorflow::GraphDef* graph) {
  // The pattern (Match) needs a Relu, a Mul and a Neg.
  if (!HasAnyOp(*graph, {"Relu"}) || !HasAnyOp(*graph, {"Mul"}) || !HasAnyOp(*graph, {"Neg"})) {
    return 0;
  }
  GraphEditor editor(graph, outputs);
  std::vector<std::string> names;
  for (const tensorflow::NodeDef& node : graph->node()) names.push_back(node.name());
  int fused = 0;
  for (const std::string& name : names) {
    tensorflow::NodeDef* node = editor.Find(name);
    if (node == nullptr || node->input_size() != 2) continue;
    const bool add = node->op() == "Add" || node->op() == "AddV2";
    if ((!add && node->op() != "Sub") || TypeAttr(*node, "T") != tensorflow::DT_FLOAT) continue;
    std::optional<PreluMatch> match = Match(editor, node->input(0), node->input(1));
    if (!match && add) match = Match(editor, node->input(1), node->input(0));
    if (!match) continue;
    // Add: alpha = -k; Sub: alpha = k; k is the Const, or its negation through Neg.
    const bool alpha_is_const = add == match->factor.negated;
    std::string alpha = match->factor.constant->name();
    if (!alpha_is_const) {
      FloatConst value = *ReadFloatConst(*match->factor.constant);
      for (float& v : value.values) v = -v;
      alpha = editor.Add(MakeFloatConst(name + "/alpha", value));
    }
    tensorflow::NodeDef prelu;
    prelu.set_name(name);
    prelu.set_op("Prelu");
    prelu.set_device(node->device());
    prelu.add_input(match->x);
    prelu.add_input(alpha);
    MergeControlInputs(*node, &prelu);
    for (const tensorflow::NodeDef* folded : match->folded) {
      MergeControlInputs(*folded, &prelu);
      editor.Remove(*folded);
    }
    *node = std::move(prelu);
    ++fused;
  }
  editor.Commit();
  return fused;
}

}  // namespace tfjs::converter
