#include "converter/keras/function_builder.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "ops/op_table.h"

namespace tfjs::converter::keras {
namespace {

// How many tensors output arg `arg` of `node` stands for.
int ArgCount(const ops::ArgDef& arg, const tensorflow::NodeDef& node) {
  const std::string& attr = !arg.number_attr.empty() ? arg.number_attr : arg.type_list_attr;
  if (attr.empty()) return 1;
  auto it = node.attr().find(attr);
  if (it == node.attr().end()) return 1;
  return arg.number_attr.empty() ? it->second.list().type_size() : static_cast<int>(it->second.i());
}

absl::StatusOr<std::string> BodyInput(
    const std::string& input, const absl::flat_hash_set<std::string>& args,
    const absl::flat_hash_map<std::string, const tensorflow::NodeDef*>& nodes) {
  if (!input.empty() && input[0] == '^') return input;
  std::string node_name = input;
  int index = 0;
  if (const size_t colon = input.rfind(':'); colon != std::string::npos) {
    node_name = input.substr(0, colon);
    if (!absl::SimpleAtoi(input.substr(colon + 1), &index)) {
      return absl::InvalidArgumentError(absl::StrCat("malformed input '", input, "'"));
    }
  }
  if (args.contains(node_name)) return node_name;
  auto it = nodes.find(node_name);
  if (it == nodes.end()) {
    return absl::InvalidArgumentError(absl::StrCat("input '", input, "' names no node"));
  }
  const ops::OpDef* op = ops::FindOp(it->second->op());
  if (op == nullptr || op->output_args.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("op ", it->second->op(), " of node '", node_name, "' has no output args"));
  }
  for (const ops::ArgDef& arg : op->output_args) {
    const int count = ArgCount(arg, *it->second);
    if (index < count) return absl::StrCat(node_name, ":", arg.name, ":", index);
    index -= count;
  }
  return absl::InvalidArgumentError(absl::StrCat("input '", input, "' is out of range"));
}

}  // namespace

absl::StatusOr<tensorflow::FunctionDef> BuildFunction(
    const std::string& name, const std::vector<FunctionArg>& args, const tensorflow::GraphDef& body,
    const std::vector<std::pair<FunctionArg, std::string>>& returns) {
  tensorflow::FunctionDef function;
  function.mutable_signature()->set_name(name);
  absl::flat_hash_set<std::string> arg_names;
  for (const FunctionArg& arg : args) {
    auto* def = function.mutable_signature()->add_input_arg();
    def->set_name(arg.name);
    def->set_type(arg.dtype);
    arg_names.insert(arg.name);
  }
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes;
  for (const tensorflow::NodeDef& node : body.node()) nodes[node.name()] = &node;
  for (const tensorflow::NodeDef& node : body.node()) {
    tensorflow::NodeDef* copy = function.add_node_def();
    *copy = node;
    copy->clear_input();
    for (const std::string& input : node.input()) {
      absl::StatusOr<std::string> converted = BodyInput(input, arg_names, nodes);
      if (!converted.ok()) return converted.status();
      copy->add_input(*converted);
    }
  }
  for (const auto& [arg, tensor] : returns) {
    auto* def = function.mutable_signature()->add_output_arg();
    def->set_name(arg.name);
    def->set_type(arg.dtype);
    absl::StatusOr<std::string> converted = BodyInput(tensor, arg_names, nodes);
    if (!converted.ok()) return converted.status();
    (*function.mutable_ret())[arg.name] = *converted;
  }
  return function;
}

}  // namespace tfjs::converter::keras
