#include "converter/passes/function_body_graph.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/op_kinds.h"
#include "converter/passes/tensor_name.h"
#include "ops/output_arg_index.h"

namespace tfjs::converter {
namespace {

using NodeMap = absl::flat_hash_map<std::string, const tensorflow::NodeDef*>;

// The output arg that holds output 0.. of ops the passes create or rename nodes into.
std::string DefaultOutputArg(const std::string& op) {
  if (op == "MatMul" || op == "_FusedMatMul" || op == "BatchMatMul" || op == "BatchMatMulV2") {
    return "product";
  }
  if (op == "Relu" || op == "Relu6" || op == "Elu" || op == "Selu" || op == "LeakyRelu") {
    return "activations";
  }
  return "output";
}

// The tensor `tensor` forwards through identities that wait on nothing, so that a returned
// Identity can go as it does in graphs. Bounded against identity cycles.
std::string ThroughIdentities(const NodeMap& nodes, const std::string& tensor) {
  TensorName name = TensorName::Parse(tensor);
  for (size_t hops = 0; hops <= nodes.size(); ++hops) {
    auto node = nodes.find(name.node);
    if (node == nodes.end() || !IsIdentityOp(node->second->op())) break;
    std::vector<std::string> data;
    for (const std::string& input : node->second->input()) {
      if (IsControlInput(input)) return name.ToInput();
      data.push_back(input);
    }
    if (name.output_index >= static_cast<int>(data.size())) break;
    name = TensorName::Parse(data[name.output_index]);
  }
  return name.ToInput();
}

}  // namespace

absl::StatusOr<FunctionBodyGraph> FunctionBodyGraph::FromFunction(
    const tensorflow::FunctionDef& function, const tensorflow::FunctionDefLibrary& library) {
  const std::string& name = function.signature().name();
  auto unsupported = [&](absl::string_view why) {
    return absl::UnimplementedError(absl::StrCat("function '", name, "': ", why));
  };
  FunctionBodyGraph body;
  NodeMap nodes;
  for (const tensorflow::NodeDef& node : function.node_def()) {
    nodes.emplace(node.name(), &node);
    body.original_ops_.emplace(node.name(), node.op());
  }
  for (const tensorflow::OpDef::ArgDef& arg : function.signature().input_arg()) {
    if (arg.type() == tensorflow::DT_INVALID || !arg.number_attr().empty() ||
        !arg.type_list_attr().empty()) {
      return unsupported(absl::StrCat("input '", arg.name(), "' is not a single typed tensor"));
    }
    if (nodes.contains(arg.name()) || !body.args_.insert(arg.name()).second) {
      return unsupported(absl::StrCat("input '", arg.name(), "' shares its name"));
    }
    tensorflow::NodeDef& placeholder = *body.graph_.add_node();
    placeholder.set_name(arg.name());
    placeholder.set_op("Placeholder");
    (*placeholder.mutable_attr())["dtype"].set_type(arg.type());
  }
  // Body syntax "arg", "node:out_arg:k" or "^node" to graph syntax.
  auto graph_input = [&](const std::string& input) -> absl::StatusOr<std::string> {
    if (IsControlInput(input) || !absl::StrContains(input, ':')) return input;
    absl::StatusOr<ops::BodyNodeOutput> output = ops::ResolveBodyOutput(input, nodes, library);
    if (!output.ok()) {
      return absl::Status(output.status().code(),
                          absl::StrCat("function '", name, "': ", output.status().message()));
    }
    body.output_names_.emplace(std::make_pair(output->node, output->index),
                               input.substr(output->node.size() + 1));
    return TensorName{output->node, output->index, false}.ToInput();
  };
  for (const tensorflow::NodeDef& node : function.node_def()) {
    tensorflow::NodeDef& copy = *body.graph_.add_node();
    copy = node;
    copy.clear_input();
    for (const std::string& input : node.input()) {
      absl::StatusOr<std::string> mapped = graph_input(input);
      if (!mapped.ok()) return mapped.status();
      copy.add_input(*std::move(mapped));
    }
  }
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> graph_nodes;
  for (const tensorflow::NodeDef& node : body.graph_.node()) graph_nodes.emplace(node.name(), &node);
  for (const tensorflow::OpDef::ArgDef& arg : function.signature().output_arg()) {
    auto ret = function.ret().find(arg.name());
    if (ret == function.ret().end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("function '", name, "': no return value for output '", arg.name(), "'"));
    }
    absl::StatusOr<std::string> mapped = graph_input(ret->second);
    if (!mapped.ok()) return mapped.status();
    body.returns_.emplace_back(arg.name(), ThroughIdentities(graph_nodes, *mapped));
  }
  for (const auto& [key, node] : function.control_ret()) body.control_returns_.push_back(node);
  return body;
}

std::vector<std::string> FunctionBodyGraph::Keep() const {
  std::vector<std::string> keep(args_.begin(), args_.end());
  for (const auto& [key, tensor] : returns_) keep.push_back(tensor);
  keep.insert(keep.end(), control_returns_.begin(), control_returns_.end());
  return keep;
}

std::string FunctionBodyGraph::OutputName(const tensorflow::NodeDef& node, int index) const {
  auto op = original_ops_.find(node.name());
  if (op != original_ops_.end() && op->second == node.op()) {
    auto known = output_names_.find(std::make_pair(node.name(), index));
    if (known != output_names_.end()) return known->second;
  }
  return absl::StrCat(DefaultOutputArg(node.op()), ":", index);
}

absl::StatusOr<std::string> FunctionBodyGraph::BodyInput(const std::string& input,
                                                         const NodeMap& nodes) const {
  const TensorName tensor = TensorName::Parse(input);
  if (tensor.is_control) return input;
  if (args_.contains(tensor.node)) return tensor.node;
  auto node = nodes.find(tensor.node);
  if (node == nodes.end()) {
    return absl::InvalidArgumentError(absl::StrCat("optimized body reads '", input,
                                                   "', which names no node"));
  }
  return absl::StrCat(tensor.node, ":", OutputName(*node->second, tensor.output_index));
}

absl::Status FunctionBodyGraph::WriteBack(tensorflow::FunctionDef* function) const {
  auto error = [&](const absl::Status& status) {
    return absl::Status(status.code(), absl::StrCat("function '", function->signature().name(),
                                                    "': ", status.message()));
  };
  NodeMap nodes;
  for (const tensorflow::NodeDef& node : graph_.node()) {
    if (!args_.contains(node.name())) nodes.emplace(node.name(), &node);
  }
  google::protobuf::RepeatedPtrField<tensorflow::NodeDef> body;
  for (const tensorflow::NodeDef& node : graph_.node()) {
    if (args_.contains(node.name())) continue;
    tensorflow::NodeDef& copy = *body.Add();
    copy = node;
    copy.clear_input();
    for (const std::string& input : node.input()) {
      if (IsControlInput(input) && args_.contains(input.substr(1))) continue;
      absl::StatusOr<std::string> mapped = BodyInput(input, nodes);
      if (!mapped.ok()) return error(mapped.status());
      copy.add_input(*std::move(mapped));
    }
  }
  google::protobuf::Map<std::string, std::string> returns;
  for (const auto& [key, tensor] : returns_) {
    absl::StatusOr<std::string> mapped = BodyInput(tensor, nodes);
    if (!mapped.ok()) return error(mapped.status());
    returns[key] = *std::move(mapped);
  }
  for (const std::string& node : control_returns_) {
    if (!nodes.contains(node)) {
      return error(absl::InvalidArgumentError(
          absl::StrCat("control output '", node, "' is gone from the optimized body")));
    }
  }
  function->mutable_node_def()->Swap(&body);
  *function->mutable_ret() = std::move(returns);
  return absl::OkStatus();
}

}  // namespace tfjs::converter
