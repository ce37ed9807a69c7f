#include "converter/passes/split_fused_ops.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/passes/node_attr.h"
#include "converter/passes/node_builder.h"
#include "ops/op_table.h"

namespace tfjs::converter {
namespace {

// The public op of each fused contraction.
const absl::flat_hash_map<std::string, std::string>& PublicContractions() {
  static const auto* ops = new absl::flat_hash_map<std::string, std::string>{
      {"_FusedConv2D", "Conv2D"},
      {"FusedDepthwiseConv2dNative", "DepthwiseConv2dNative"},
      {"_FusedMatMul", "MatMul"},
  };
  return *ops;
}

// Activations a fused contraction may end with, all public TF ops but Prelu.
bool IsSplittableActivation(const std::string& op) {
  return op == "Relu" || op == "Relu6" || op == "Elu" || op == "LeakyRelu" || op == "Sigmoid" ||
         op == "Tanh" || op == "Prelu";
}

std::vector<std::string> DataInputs(const tensorflow::NodeDef& node) {
  std::vector<std::string> inputs;
  for (const std::string& input : node.input()) {
    if (input.empty() || input[0] != '^') inputs.push_back(input);
  }
  return inputs;
}

void CopyControlInputs(const tensorflow::NodeDef& from, tensorflow::NodeDef* to) {
  for (const std::string& input : from.input()) {
    if (!input.empty() && input[0] == '^') to->add_input(input);
  }
}

// The dtype of the public ops replacing `fused`: its T; float32 for a Prelu, which has no T (TF.js
// runs it on float32 only).
tensorflow::DataType ChainType(const tensorflow::NodeDef& fused) {
  const tensorflow::DataType type = TypeAttr(fused, "T");
  return type == tensorflow::DT_INVALID ? tensorflow::DT_FLOAT : type;
}

// Adds the public ops replacing one fused node, on its device, with its dtype as T.
class ChainBuilder {
 public:
  ChainBuilder(NodeBuilder& builder, const tensorflow::NodeDef& fused)
      : builder_(builder), type_(ChainType(fused)), device_(fused.device()) {}

  // A node named Reserve(`base`); returns it (valid until the next node is added).
  tensorflow::NodeDef* Add(const std::string& base, const std::string& op,
                           const std::vector<std::string>& inputs) {
    return Placed(builder_.Add(base, op, inputs, type_));
  }
  // A node named exactly `name` (the fused node's, which its readers read).
  tensorflow::NodeDef* AddNamed(const std::string& name, const std::string& op,
                                const std::vector<std::string>& inputs) {
    return Placed(builder_.AddNamed(name, op, inputs, type_));
  }
  // Add(Relu(x), Mul(Neg(alpha), Relu(Neg(x)))), the Add named `name`; returns it.
  tensorflow::NodeDef* AddPrelu(const std::string& name, const std::string& x,
                                const std::string& alpha) {
    const std::string positive = Add(name + "/Relu", "Relu", {x})->name();
    const std::string negated = Add(name + "/Neg", "Neg", {x})->name();
    const std::string negative = Add(name + "/Relu_1", "Relu", {negated})->name();
    const std::string scale = Add(name + "/Neg_1", "Neg", {alpha})->name();
    const std::string scaled = Add(name + "/mul", "Mul", {scale, negative})->name();
    return AddNamed(name, "Add", {positive, scaled});
  }

 private:
  tensorflow::NodeDef* Placed(tensorflow::NodeDef* node) {
    node->set_device(device_);
    return node;
  }

  NodeBuilder& builder_;
  const tensorflow::DataType type_;
  const std::string device_;
};

// Adds the public ops of the fused contraction `node`; `public_op` is its contraction's.
absl::Status SplitContraction(const tensorflow::NodeDef& node, const std::string& public_op,
                              NodeBuilder& builder) {
  const std::vector<std::string> inputs = DataInputs(node);
  std::vector<std::string> fused_ops;
  if (auto it = node.attr().find("fused_ops"); it != node.attr().end()) {
    fused_ops.assign(it->second.list().s().begin(), it->second.list().s().end());
  }
  const bool with_activation = fused_ops.size() == 2 && IsSplittableActivation(fused_ops[1]);
  const bool prelu = with_activation && fused_ops[1] == "Prelu";
  const bool splittable =
      !fused_ops.empty() && fused_ops[0] == "BiasAdd" && (fused_ops.size() == 1 || with_activation);
  if (!splittable || inputs.size() != (prelu ? 4u : 3u)) {
    return absl::UnimplementedError(
        absl::StrCat("node ", node.name(), " (", node.op(), "): cannot split fused_ops [",
                     absl::StrJoin(fused_ops, ", "), "] with ", inputs.size(),
                     " inputs into public TF ops (only BiasAdd and an activation)"));
  }
  ChainBuilder chain(builder, node);
  tensorflow::NodeDef* contraction =
      chain.Add(absl::StrCat(node.name(), "/", public_op), public_op, {inputs[0], inputs[1]});
  CopyControlInputs(node, contraction);
  const ops::OpDef* op_def = ops::FindOp(public_op);
  for (const auto& [name, value] : node.attr()) {
    if (op_def != nullptr && ops::FindAttr(*op_def, name) != nullptr) {
      (*contraction->mutable_attr())[name] = value;
    }
  }
  const std::string contraction_name = contraction->name();
  const std::vector<std::string> bias_inputs = {contraction_name, inputs[2]};
  tensorflow::NodeDef* bias = with_activation
                                  ? chain.Add(node.name() + "/BiasAdd", "BiasAdd", bias_inputs)
                                  : chain.AddNamed(node.name(), "BiasAdd", bias_inputs);
  if (public_op != "MatMul") {
    SetStringAttr(bias, "data_format", StringAttr(node, "data_format", "NHWC"));
  }
  if (!with_activation) return absl::OkStatus();
  const std::string bias_name = bias->name();
  if (prelu) {
    chain.AddPrelu(node.name(), bias_name, inputs[3]);
    return absl::OkStatus();
  }
  tensorflow::NodeDef* activation = chain.AddNamed(node.name(), fused_ops[1], {bias_name});
  if (fused_ops[1] == "LeakyRelu") {
    (*activation->mutable_attr())["alpha"].set_f(FloatAttr(node, "leakyrelu_alpha", 0.2f));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SplitFusedOps(tensorflow::GraphDef* graph) {
  for (const tensorflow::FunctionDef& function : graph->library().function()) {
    for (const tensorflow::NodeDef& node : function.node_def()) {
      if (PublicContractions().contains(node.op()) || node.op() == "Prelu") {
        return absl::UnimplementedError(
            absl::StrCat("function ", function.signature().name(), ": node ", node.name(), " (",
                         node.op(), "): fused ops in functions are not split into public TF ops"));
      }
    }
  }
  tensorflow::GraphDef split;
  NodeBuilder builder(&split);
  for (const tensorflow::NodeDef& node : graph->node()) builder.Reserve(node.name());
  for (const tensorflow::NodeDef& node : graph->node()) {
    if (node.op() == "Prelu") {
      const std::vector<std::string> inputs = DataInputs(node);
      if (inputs.size() != 2) {
        return absl::InvalidArgumentError(
            absl::StrCat("node ", node.name(), " (Prelu): has ", inputs.size(), " inputs, not 2"));
      }
      CopyControlInputs(node,
                        ChainBuilder(builder, node).AddPrelu(node.name(), inputs[0], inputs[1]));
      continue;
    }
    const auto contraction = PublicContractions().find(node.op());
    if (contraction == PublicContractions().end()) {
      *split.add_node() = node;
      continue;
    }
    if (absl::Status status = SplitContraction(node, contraction->second, builder); !status.ok()) {
      return status;
    }
  }
  graph->mutable_node()->Swap(split.mutable_node());
  return absl::OkStatus();
}

}  // namespace tfjs::converter
