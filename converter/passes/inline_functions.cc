#include "converter/passes/inline_functions.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "converter/passes/handled_ops.h"
#include "converter/passes/tensor_name.h"
#include "ops/output_arg_index.h"

namespace tfjs::converter {
namespace {

using FunctionMap = absl::flat_hash_map<std::string, const tensorflow::FunctionDef*>;

constexpr char kPass[] = "inline_functions";

// The calls, replaced by the bodies of the functions they call.
REGISTER_HANDLED_OPS(kPass, {"PartitionedCall", "StatefulPartitionedCall"});

// The function a node calls, or nullptr when it is not an inlinable call.
const tensorflow::FunctionDef* CalledFunction(const tensorflow::NodeDef& node,
                                              const FunctionMap& functions) {
  if (IsHandledBy(kPass, node.op())) {
    auto attr = node.attr().find("f");
    if (attr == node.attr().end()) return nullptr;
    auto it = functions.find(attr->second.func().name());
    return it == functions.end() ? nullptr : it->second;
  }
  auto it = functions.find(node.op());
  return it == functions.end() ? nullptr : it->second;
}

bool IsCallOp(const tensorflow::NodeDef& node) { return IsHandledBy(kPass, node.op()); }

std::string CalleeName(const tensorflow::NodeDef& node) {
  if (!IsCallOp(node)) return node.op();
  auto attr = node.attr().find("f");
  return attr == node.attr().end() ? "" : attr->second.func().name();
}

// Type of input arg `index` of `function` as called by `call`.
tensorflow::DataType ArgType(const tensorflow::NodeDef& call, const tensorflow::OpDef::ArgDef& arg,
                             int index, const char* list_attr) {
  if (arg.type() != tensorflow::DT_INVALID) return arg.type();
  auto list = call.attr().find(list_attr);
  if (list != call.attr().end() && index < list->second.list().type_size()) {
    return list->second.list().type(index);
  }
  auto typed = call.attr().find(arg.type_attr());
  if (!arg.type_attr().empty() && typed != call.attr().end()) return typed->second.type();
  return tensorflow::DT_INVALID;
}

class CallInliner {
 public:
  // `into_function_body`: the call sits in a function body, so the inlined nodes must use body
  // input syntax ("node:out_arg:k") instead of graph syntax ("node:k").
  CallInliner(const tensorflow::NodeDef& call, const tensorflow::FunctionDef& function,
              const FunctionMap& functions, bool into_function_body)
      : call_(call),
        function_(function),
        functions_(functions),
        into_function_body_(into_function_body) {}

  // Appends the nodes replacing the call to `out`.
  absl::Status Inline(std::vector<tensorflow::NodeDef>* out) {
    const tensorflow::OpDef& signature = function_.signature();
    std::vector<std::string> data_inputs;
    for (const std::string& input : call_.input()) {
      if (IsControlInput(input)) {
        control_inputs_.push_back(input);
      } else {
        data_inputs.push_back(input);
      }
    }
    if (static_cast<int>(data_inputs.size()) != signature.input_arg_size()) {
      return Error(absl::StrCat("passes ", data_inputs.size(), " inputs to a function taking ",
                                signature.input_arg_size()));
    }
    for (int i = 0; i < signature.input_arg_size(); ++i) {
      const auto& arg = signature.input_arg(i);
      arg_names_.insert(arg.name());
      tensorflow::NodeDef& identity = out->emplace_back();
      identity.set_name(Prefixed(arg.name()));
      identity.set_op("Identity");
      identity.add_input(data_inputs[i]);
      for (const std::string& control : control_inputs_) identity.add_input(control);
      identity.mutable_attr()->insert({"T", TypeAttr(ArgType(call_, arg, i, "Tin"))});
    }
    for (const tensorflow::NodeDef& body_node : function_.node_def()) {
      body_nodes_.emplace(body_node.name(), &body_node);
    }
    for (const tensorflow::NodeDef& body_node : function_.node_def()) {
      tensorflow::NodeDef& node = out->emplace_back(body_node);
      node.set_name(Prefixed(body_node.name()));
      node.clear_input();
      for (const std::string& input : body_node.input()) {
        absl::StatusOr<std::string> mapped = MapBodyInput(input);
        if (!mapped.ok()) return mapped.status();
        node.add_input(*std::move(mapped));
      }
      if (body_node.input_size() == 0) {
        for (const std::string& control : control_inputs_) node.add_input(control);
      }
    }
    return AddOutputNode(out);
  }

 private:
  absl::Status Error(absl::string_view problem) const {
    return absl::InvalidArgumentError(absl::StrCat("function call '", call_.name(), "' to '",
                                                   function_.signature().name(), "' ", problem));
  }

  std::string Prefixed(absl::string_view name) const {
    return absl::StrCat(call_.name(), "/", name);
  }

  static tensorflow::AttrValue TypeAttr(tensorflow::DataType type) {
    tensorflow::AttrValue value;
    value.set_type(type);
    return value;
  }

  // Body input syntax: "arg", "node:out_arg:k" or "^node".
  absl::StatusOr<std::string> MapBodyInput(absl::string_view input) const {
    if (IsControlInput(input)) return absl::StrCat("^", Prefixed(input.substr(1)));
    std::vector<absl::string_view> parts = absl::StrSplit(input, ':');
    if (arg_names_.contains(parts[0]) && parts.size() <= 2) {
      // Arguments became Identity nodes.
      return into_function_body_ ? absl::StrCat(Prefixed(parts[0]), ":output:0")
                                 : Prefixed(parts[0]);
    }
    if (parts.size() == 1) {
      if (body_nodes_.contains(parts[0])) return Prefixed(input);
      return Error(absl::StrCat("has a body input '", input, "' naming no arg or node"));
    }
    auto body_node = body_nodes_.find(parts[0]);
    if (body_node == body_nodes_.end()) {
      return Error(absl::StrCat("has a body input '", input, "' naming no node"));
    }
    int index_in_arg = 0;
    if (parts.size() != 3 || !absl::SimpleAtoi(parts[2], &index_in_arg)) {
      return Error(absl::StrCat("has a malformed body input '", input, "'"));
    }
    if (into_function_body_) return Prefixed(input);
    const tensorflow::FunctionDef* callee = CalledFunctionOf(*body_node->second);
    absl::StatusOr<int> index =
        ops::FlatOutputIndex(*body_node->second, callee == nullptr ? nullptr : &callee->signature(),
                             parts[1], index_in_arg);
    if (!index.ok()) return Error(index.status().message());
    return TensorName{Prefixed(parts[0]), *index, false}.ToInput();
  }

  // Only a node whose op is a library function has an output layout given by a signature;
  // (Stateful)PartitionedCall has the single list output "output".
  const tensorflow::FunctionDef* CalledFunctionOf(const tensorflow::NodeDef& node) const {
    auto it = functions_.find(node.op());
    return it == functions_.end() ? nullptr : it->second;
  }

  absl::Status AddOutputNode(std::vector<tensorflow::NodeDef>* out) const {
    const tensorflow::OpDef& signature = function_.signature();
    tensorflow::NodeDef output;
    output.set_name(call_.name());
    std::vector<tensorflow::DataType> types;
    for (int i = 0; i < signature.output_arg_size(); ++i) {
      const auto& arg = signature.output_arg(i);
      auto ret = function_.ret().find(arg.name());
      if (ret == function_.ret().end()) {
        return Error(absl::StrCat("has no return value for output '", arg.name(), "'"));
      }
      absl::StatusOr<std::string> mapped = MapBodyInput(ret->second);
      if (!mapped.ok()) return mapped.status();
      output.add_input(*mapped);
      types.push_back(ArgType(call_, arg, i, "Tout"));
    }
    // Sorted so that the result does not depend on map iteration order.
    std::vector<std::string> control_rets;
    for (const auto& [name, node] : function_.control_ret()) control_rets.push_back(node);
    std::sort(control_rets.begin(), control_rets.end());
    for (const std::string& node : control_rets) {
      output.add_input(absl::StrCat("^", Prefixed(node)));
    }
    if (types.empty()) {
      output.set_op("NoOp");
      for (const std::string& control : control_inputs_) output.add_input(control);
    } else if (types.size() == 1) {
      output.set_op("Identity");
      output.mutable_attr()->insert({"T", TypeAttr(types[0])});
    } else {
      output.set_op("IdentityN");
      tensorflow::AttrValue list;
      for (tensorflow::DataType type : types) list.mutable_list()->add_type(type);
      output.mutable_attr()->insert({"T", list});
    }
    out->push_back(std::move(output));
    return absl::OkStatus();
  }

  const tensorflow::NodeDef& call_;
  const tensorflow::FunctionDef& function_;
  const FunctionMap& functions_;
  const bool into_function_body_;
  std::vector<std::string> control_inputs_;
  absl::flat_hash_set<std::string> arg_names_;
  absl::flat_hash_map<std::string, const tensorflow::NodeDef*> body_nodes_;
};

// In a function body, consumers of a call whose op is a library function name its outputs by
// the function's output args; once inlined, the call is an Identity/IdentityN whose outputs are
// "output:k". Rewrites `input` accordingly when it names one of `inlined_function_ops`.
absl::StatusOr<std::string> RenameInlinedOutput(
    const std::string& input,
    const absl::flat_hash_map<std::string, const tensorflow::NodeDef*>& inlined_function_ops,
    const FunctionMap& functions) {
  if (IsControlInput(input)) return input;
  std::vector<std::string> parts = absl::StrSplit(input, ':');
  if (parts.size() != 3) return input;
  auto call = inlined_function_ops.find(parts[0]);
  if (call == inlined_function_ops.end()) return input;
  int index_in_arg = 0;
  if (!absl::SimpleAtoi(parts[2], &index_in_arg)) return input;
  const tensorflow::FunctionDef* callee = functions.at(call->second->op());
  absl::StatusOr<int> index =
      ops::FlatOutputIndex(*call->second, &callee->signature(), parts[1], index_in_arg);
  if (!index.ok()) return index.status();
  return absl::StrCat(parts[0], ":output:", *index);
}

// Inlines calls among `nodes` until none is left. `chain` lists the functions `nodes` already
// sit in (for a function body, that function), to detect recursion. For a function body, `ret`
// holds its return values, renamed along with node inputs.
absl::Status InlineCallsIn(google::protobuf::RepeatedPtrField<tensorflow::NodeDef>* nodes,
                           const FunctionMap& functions, bool into_function_body,
                           const std::vector<std::string>& chain,
                           google::protobuf::Map<std::string, std::string>* ret) {
  // Most graphs call no function: their nodes stay where they are (the loop below moves every
  // node out and back).
  if (std::none_of(nodes->begin(), nodes->end(), [&](const tensorflow::NodeDef& node) {
        return IsCallOp(node) || CalledFunction(node, functions) != nullptr;
      })) {
    return absl::OkStatus();
  }
  // The functions each node was inlined from, outermost first.
  absl::flat_hash_map<std::string, std::vector<std::string>> call_chains;
  bool inlined_any = true;
  while (inlined_any) {
    inlined_any = false;
    std::vector<tensorflow::NodeDef> expanded;
    expanded.reserve(nodes->size());
    std::vector<tensorflow::NodeDef> inlined_calls;
    for (tensorflow::NodeDef& node : *nodes) {
      const tensorflow::FunctionDef* function = CalledFunction(node, functions);
      if (function == nullptr && IsCallOp(node)) {
        return absl::NotFoundError(absl::StrCat("function call '", node.name(), "' (op ", node.op(),
                                                ") calls unknown function '", CalleeName(node),
                                                "'"));
      }
      if (function == nullptr) {
        expanded.push_back(std::move(node));
        continue;
      }
      auto known_chain = call_chains.find(node.name());
      std::vector<std::string> node_chain =
          known_chain == call_chains.end() ? chain : known_chain->second;
      const std::string& callee = function->signature().name();
      if (std::find(node_chain.begin(), node_chain.end(), callee) != node_chain.end()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "function call '", node.name(), "' is recursive: ", absl::StrJoin(node_chain, " -> "),
            node_chain.empty() ? "" : " -> ", callee));
      }
      node_chain.push_back(callee);
      const size_t first_new = expanded.size();
      CallInliner inliner(node, *function, functions, into_function_body);
      absl::Status status = inliner.Inline(&expanded);
      if (!status.ok()) return status;
      for (size_t i = first_new; i < expanded.size(); ++i) {
        if (CalledFunction(expanded[i], functions) != nullptr || IsCallOp(expanded[i])) {
          call_chains[expanded[i].name()] = node_chain;
        }
      }
      if (!IsCallOp(node)) inlined_calls.push_back(std::move(node));
      inlined_any = true;
    }
    if (into_function_body && !inlined_calls.empty()) {
      absl::flat_hash_map<std::string, const tensorflow::NodeDef*> renamed;
      for (const tensorflow::NodeDef& call : inlined_calls) renamed[call.name()] = &call;
      for (tensorflow::NodeDef& node : expanded) {
        for (std::string& input : *node.mutable_input()) {
          absl::StatusOr<std::string> mapped = RenameInlinedOutput(input, renamed, functions);
          if (!mapped.ok()) return mapped.status();
          input = *std::move(mapped);
        }
      }
      for (auto& [name, value] : *ret) {
        absl::StatusOr<std::string> mapped = RenameInlinedOutput(value, renamed, functions);
        if (!mapped.ok()) return mapped.status();
        value = *std::move(mapped);
      }
    }
    nodes->Clear();
    absl::flat_hash_set<std::string> names;
    for (tensorflow::NodeDef& node : expanded) {
      if (!names.insert(node.name()).second) {
        return absl::InvalidArgumentError(absl::StrCat("inlining a function call produced node '",
                                                       node.name(), "', which already exists"));
      }
      *nodes->Add() = std::move(node);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InlineFunctionCalls(tensorflow::GraphDef* graph) {
  FunctionMap functions;
  for (const tensorflow::FunctionDef& function : graph->library().function()) {
    functions.emplace(function.signature().name(), &function);
  }
  absl::Status status =
      InlineCallsIn(graph->mutable_node(), functions, /*into_function_body=*/false, {}, nullptr);
  if (!status.ok()) return status;
  // Control flow keeps its functions; calls inside them are inlined there.
  for (tensorflow::FunctionDef& function : *graph->mutable_library()->mutable_function()) {
    status = InlineCallsIn(function.mutable_node_def(), functions, /*into_function_body=*/true,
                           {function.signature().name()}, function.mutable_ret());
    if (!status.ok()) {
      return absl::Status(status.code(), absl::StrCat("in function '", function.signature().name(),
                                                      "': ", status.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
