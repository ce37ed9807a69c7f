#include "converter/passes/lower_control_flow.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "converter/passes/inline_functions.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/tensor_name.h"

namespace tfjs::converter {
namespace {

using FunctionMap = absl::flat_hash_map<std::string, const tensorflow::FunctionDef*>;
using tensorflow::DataType;

// Lowering never needs more rounds than the nesting depth of control flow; this bounds it.
constexpr int kMaxRounds = 1000;

bool IsIf(const tensorflow::NodeDef& node) {
  return node.op() == "If" || node.op() == "StatelessIf";
}
bool IsWhile(const tensorflow::NodeDef& node) {
  return node.op() == "While" || node.op() == "StatelessWhile";
}
bool IsCase(const tensorflow::NodeDef& node) {
  return node.op() == "Case" || node.op() == "StatelessCase";
}

std::vector<DataType> TypeList(const tensorflow::NodeDef& node, const std::string& name) {
  auto it = node.attr().find(name);
  if (it == node.attr().end()) return {};
  std::vector<DataType> types;
  for (int type : it->second.list().type()) types.push_back(static_cast<DataType>(type));
  return types;
}

tensorflow::AttrValue TypeListValue(const std::vector<DataType>& types) {
  tensorflow::AttrValue value;
  for (DataType type : types) value.mutable_list()->add_type(type);
  return value;
}

// Builds the nodes that replace one control-flow node.
class Lowering {
 public:
  Lowering(const tensorflow::NodeDef& node, const FunctionMap& functions,
           absl::flat_hash_set<std::string>& names, std::vector<tensorflow::NodeDef>& out)
      : node_(node), functions_(functions), names_(names), out_(out) {
    for (const std::string& input : node.input()) {
      (IsControlInput(input) ? control_inputs_ : data_inputs_).push_back(input);
    }
  }

  // False when the node has to stay functional.
  absl::StatusOr<bool> LowerIf() {
    const std::vector<DataType> in_types = TypeList(node_, "Tin");
    const std::vector<DataType> out_types = TypeList(node_, "Tout");
    auto cond_type = node_.attr().find("Tcond");
    if ((cond_type != node_.attr().end() && cond_type->second.type() != tensorflow::DT_BOOL) ||
        out_types.empty() || data_inputs_.empty() || in_types.size() + 1 != data_inputs_.size()) {
      return false;
    }
    const tensorflow::NameAttrList* then_branch = Function("then_branch");
    const tensorflow::NameAttrList* else_branch = Function("else_branch");
    if (then_branch == nullptr || else_branch == nullptr) return MissingFunction();
    const std::string& pred = data_inputs_[0];

    tensorflow::NodeDef& switch_pred = Add("switch_pred", "Switch", {pred, pred});
    SetType(switch_pred, "T", tensorflow::DT_BOOL);
    AddControlInputs(switch_pred);
    const std::string switch_pred_name = switch_pred.name();
    const std::string pivot_true =
        AddTyped("pivot_t", "Identity", {switch_pred_name + ":1"}, tensorflow::DT_BOOL).name();
    const std::string pivot_false =
        AddTyped("pivot_f", "Identity", {switch_pred_name}, tensorflow::DT_BOOL).name();

    std::vector<std::string> then_inputs, else_inputs;
    for (size_t i = 0; i < in_types.size(); ++i) {
      tensorflow::NodeDef& input_switch =
          AddTyped(absl::StrCat("switch_", i), "Switch", {data_inputs_[i + 1], pred}, in_types[i]);
      AddControlInputs(input_switch);
      then_inputs.push_back(input_switch.name() + ":1");
      else_inputs.push_back(input_switch.name());
    }
    then_inputs.push_back("^" + pivot_true);
    else_inputs.push_back("^" + pivot_false);
    const std::string then_call =
        AddCall("then", *then_branch, then_inputs, in_types, out_types).name();
    const std::string else_call =
        AddCall("else", *else_branch, else_inputs, in_types, out_types).name();

    std::vector<std::string> results;
    for (size_t k = 0; k < out_types.size(); ++k) {
      tensorflow::NodeDef& merge = AddTyped(absl::StrCat("merge_", k), "Merge",
                                            {TensorName{then_call, static_cast<int>(k)}.ToInput(),
                                             TensorName{else_call, static_cast<int>(k)}.ToInput()},
                                            out_types[k]);
      (*merge.mutable_attr())["N"].set_i(2);
      results.push_back(merge.name());
    }
    AddResult(results, out_types);
    return true;
  }

  absl::StatusOr<bool> LowerCase() {
    const std::vector<DataType> in_types = TypeList(node_, "Tin");
    const std::vector<DataType> out_types = TypeList(node_, "Tout");
    auto branches_attr = node_.attr().find("branches");
    if (out_types.empty() || data_inputs_.empty() || in_types.size() + 1 != data_inputs_.size() ||
        branches_attr == node_.attr().end() || branches_attr->second.list().func_size() == 0) {
      return false;
    }
    const auto& branches = branches_attr->second.list().func();
    for (const tensorflow::NameAttrList& branch : branches) {
      if (!functions_.contains(branch.name())) return MissingFunction();
    }
    const int last = branches.size() - 1;
    const std::string& index = data_inputs_[0];
    // Branch j < last runs when index == j; the last one also for an index out of range.
    std::vector<std::string> takes;
    for (int j = 0; j < last; ++j) {
      takes.push_back(
          AddTyped(absl::StrCat("is_", j), "Equal", {index, IndexConst(j)}, tensorflow::DT_INT32)
              .name());
    }
    const std::string below =
        AddTyped("below_range", "Less", {index, IndexConst(0)}, tensorflow::DT_INT32).name();
    const std::string above =
        AddTyped("above_range", "Greater", {index, IndexConst(last - 1)}, tensorflow::DT_INT32)
            .name();
    takes.push_back(Add(absl::StrCat("is_", last), "LogicalOr", {below, above}).name());

    std::vector<std::vector<std::string>> branch_outputs(out_types.size());
    for (int j = 0; j <= last; ++j) {
      std::vector<std::string> inputs =
          SwitchedInputs(absl::StrCat("branch_", j, "_"), takes[j], in_types, /*taken_output=*/1);
      const std::string call =
          AddCall(absl::StrCat("branch_", j), branches[j], inputs, in_types, out_types).name();
      for (size_t k = 0; k < out_types.size(); ++k) {
        branch_outputs[k].push_back(TensorName{call, static_cast<int>(k)}.ToInput());
      }
    }
    std::vector<std::string> results;
    for (size_t k = 0; k < out_types.size(); ++k) {
      tensorflow::NodeDef& merge =
          AddTyped(absl::StrCat("merge_", k), "Merge", branch_outputs[k], out_types[k]);
      (*merge.mutable_attr())["N"].set_i(last + 1);
      results.push_back(merge.name());
    }
    AddResult(results, out_types);
    return true;
  }

  absl::StatusOr<bool> LowerWhile() {
    const std::vector<DataType> types = TypeList(node_, "T");
    if (types.empty() || types.size() != data_inputs_.size()) return false;
    const tensorflow::NameAttrList* cond = Function("cond");
    const tensorflow::NameAttrList* body = Function("body");
    if (cond == nullptr || body == nullptr) return MissingFunction();
    const tensorflow::OpDef& cond_signature = functions_.at(cond->name())->signature();
    if (cond_signature.output_arg_size() != 1 ||
        cond_signature.output_arg(0).type() != tensorflow::DT_BOOL) {
      return false;
    }
    auto parallel = node_.attr().find("parallel_iterations");
    const int64_t parallel_iterations = parallel == node_.attr().end() ? 10 : parallel->second.i();

    const size_t n = types.size();
    std::vector<std::string> merges, next_iterations;
    for (size_t i = 0; i < n; ++i) {
      next_iterations.push_back(Reserve(absl::StrCat("next_iteration_", i)));
    }
    for (size_t i = 0; i < n; ++i) {
      tensorflow::NodeDef& enter =
          AddTyped(absl::StrCat("enter_", i), "Enter", {data_inputs_[i]}, types[i]);
      auto& attrs = *enter.mutable_attr();
      attrs["frame_name"].set_s(node_.name());
      attrs["is_constant"].set_b(false);
      attrs["parallel_iterations"].set_i(parallel_iterations);
      AddControlInputs(enter);
      const std::string enter_name = enter.name();
      tensorflow::NodeDef& merge =
          AddTyped(absl::StrCat("merge_", i), "Merge", {enter_name, next_iterations[i]}, types[i]);
      (*merge.mutable_attr())["N"].set_i(2);
      merges.push_back(merge.name());
    }
    std::vector<std::string> cond_inputs = merges;
    cond_inputs.push_back("^" + merges[0]);
    const std::string cond_call =
        AddCall("cond", *cond, cond_inputs, types, {tensorflow::DT_BOOL}).name();
    const std::string loop_cond = Add("loop_cond", "LoopCond", {cond_call}).name();

    std::vector<std::string> exits, body_inputs;
    for (size_t i = 0; i < n; ++i) {
      const std::string switch_name =
          AddTyped(absl::StrCat("switch_", i), "Switch", {merges[i], loop_cond}, types[i]).name();
      exits.push_back(AddTyped(absl::StrCat("exit_", i), "Exit", {switch_name}, types[i]).name());
      body_inputs.push_back(
          AddTyped(absl::StrCat("identity_", i), "Identity", {switch_name + ":1"}, types[i])
              .name());
    }
    body_inputs.push_back("^" + body_inputs[0]);
    const std::string body_call = AddCall("body", *body, body_inputs, types, types).name();
    for (size_t i = 0; i < n; ++i) {
      tensorflow::NodeDef& next = out_.emplace_back();
      next.set_name(next_iterations[i]);
      next.set_op("NextIteration");
      next.add_input(TensorName{body_call, static_cast<int>(i)}.ToInput());
      SetType(next, "T", types[i]);
    }
    AddResult(exits, types);
    return true;
  }

 private:
  const tensorflow::NameAttrList* Function(const std::string& attr) const {
    auto it = node_.attr().find(attr);
    if (it == node_.attr().end() || !it->second.has_func() ||
        !functions_.contains(it->second.func().name())) {
      return nullptr;
    }
    return &it->second.func();
  }

  absl::Status MissingFunction() const {
    return absl::NotFoundError(absl::StrCat(node_.op(), " node '", node_.name(),
                                            "' names a function the library does not have"));
  }

  // A fresh node name "<node>/<part>", with "_1", "_2"... appended if taken.
  std::string Reserve(const std::string& part) {
    const std::string base = absl::StrCat(node_.name(), "/", part);
    std::string name = base;
    for (int suffix = 1; names_.contains(name); ++suffix) name = absl::StrCat(base, "_", suffix);
    names_.insert(name);
    return name;
  }

  tensorflow::NodeDef& Add(const std::string& part, const std::string& op,
                           const std::vector<std::string>& inputs) {
    tensorflow::NodeDef& node = out_.emplace_back();
    node.set_name(Reserve(part));
    node.set_op(op);
    for (const std::string& input : inputs) node.add_input(input);
    return node;
  }

  tensorflow::NodeDef& AddTyped(const std::string& part, const std::string& op,
                                const std::vector<std::string>& inputs, DataType type) {
    tensorflow::NodeDef& node = Add(part, op, inputs);
    SetType(node, "T", type);
    return node;
  }

  tensorflow::NodeDef& AddCall(const std::string& part, const tensorflow::NameAttrList& function,
                               const std::vector<std::string>& inputs,
                               const std::vector<DataType>& in_types,
                               const std::vector<DataType>& out_types) {
    tensorflow::NodeDef& call = Add(part, "PartitionedCall", inputs);
    auto& attrs = *call.mutable_attr();
    *attrs["f"].mutable_func() = function;
    attrs["Tin"] = TypeListValue(in_types);
    attrs["Tout"] = TypeListValue(out_types);
    return call;
  }

  // The node itself, as the Identity/IdentityN of the lowered results.
  void AddResult(const std::vector<std::string>& results, const std::vector<DataType>& types) {
    tensorflow::NodeDef& result = out_.emplace_back();
    result.set_name(node_.name());
    for (const std::string& input : results) result.add_input(input);
    if (results.size() == 1) {
      result.set_op("Identity");
      SetType(result, "T", types[0]);
    } else {
      result.set_op("IdentityN");
      (*result.mutable_attr())["T"] = TypeListValue(types);
    }
  }

  // The branch's inputs for a case lowering: each data input after the branch index through a
  // Switch on `pred`, output `taken_output`, plus a control input on the pivot (an Identity of
  // that output of Switch(pred, pred)) that the branch's source nodes wait on once inlined.
  std::vector<std::string> SwitchedInputs(const std::string& prefix, const std::string& pred,
                                          const std::vector<DataType>& types, int taken_output) {
    tensorflow::NodeDef& switch_pred = Add(prefix + "switch_pred", "Switch", {pred, pred});
    SetType(switch_pred, "T", tensorflow::DT_BOOL);
    AddControlInputs(switch_pred);
    const std::string pivot =
        AddTyped(prefix + "pivot", "Identity",
                 {TensorName{switch_pred.name(), taken_output}.ToInput()}, tensorflow::DT_BOOL)
            .name();
    std::vector<std::string> inputs;
    for (size_t i = 0; i < types.size(); ++i) {
      tensorflow::NodeDef& input_switch = AddTyped(absl::StrCat(prefix, "switch_", i), "Switch",
                                                   {data_inputs_[i + 1], pred}, types[i]);
      AddControlInputs(input_switch);
      inputs.push_back(TensorName{input_switch.name(), taken_output}.ToInput());
    }
    inputs.push_back("^" + pivot);
    return inputs;
  }

  // An int32 scalar Const holding `value`, made once per lowering. It waits on the node of the
  // branch index so that it sits in the same frame when the case is inside a loop.
  std::string IndexConst(int value) {
    auto it = index_consts_.find(value);
    if (it != index_consts_.end()) return it->second;
    tensorflow::NodeDef& constant =
        Add(absl::StrCat("index_", value < 0 ? "minus_" : "", value < 0 ? -value : value), "Const",
            {"^" + InputNodeName(data_inputs_[0])});
    SetType(constant, "dtype", tensorflow::DT_INT32);
    tensorflow::TensorProto& tensor = *(*constant.mutable_attr())["value"].mutable_tensor();
    tensor.set_dtype(tensorflow::DT_INT32);
    tensor.mutable_tensor_shape();
    tensor.add_int_val(value);
    index_consts_.emplace(value, constant.name());
    return constant.name();
  }

  void AddControlInputs(tensorflow::NodeDef& node) const {
    for (const std::string& input : control_inputs_) node.add_input(input);
  }

  static void SetType(tensorflow::NodeDef& node, const std::string& attr, DataType type) {
    (*node.mutable_attr())[attr].set_type(type);
  }

  const tensorflow::NodeDef& node_;
  const FunctionMap& functions_;
  absl::flat_hash_set<std::string>& names_;
  std::vector<tensorflow::NodeDef>& out_;
  std::vector<std::string> data_inputs_;
  std::vector<std::string> control_inputs_;
  absl::flat_hash_map<int, std::string> index_consts_;
};

// Lowers the control-flow nodes at the top level once; false when there was none to lower.
absl::StatusOr<bool> LowerTopLevel(tensorflow::GraphDef* graph) {
  if (std::none_of(graph->node().begin(), graph->node().end(), [](const tensorflow::NodeDef& node) {
        return IsIf(node) || IsWhile(node) || IsCase(node);
      })) {
    return false;
  }
  FunctionMap functions;
  for (const tensorflow::FunctionDef& function : graph->library().function()) {
    functions.emplace(function.signature().name(), &function);
  }
  absl::flat_hash_set<std::string> names;
  for (const tensorflow::NodeDef& node : graph->node()) names.insert(node.name());
  std::vector<tensorflow::NodeDef> out;
  out.reserve(graph->node_size());
  bool lowered_any = false;
  // Lowering reads only `functions` and `names`, so nodes can move out as they are passed.
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    if (IsIf(node) || IsWhile(node) || IsCase(node)) {
      const size_t first_new = out.size();
      Lowering lowering(node, functions, names, out);
      absl::StatusOr<bool> lowered = IsIf(node)     ? lowering.LowerIf()
                                     : IsCase(node) ? lowering.LowerCase()
                                                    : lowering.LowerWhile();
      if (!lowered.ok()) return lowered.status();
      if (*lowered) {
        lowered_any = true;
        continue;
      }
      out.resize(first_new);
    }
    out.push_back(std::move(node));
  }
  // Every node moved to `out`, lowered or not.
  graph->clear_node();
  for (tensorflow::NodeDef& node : out) *graph->add_node() = std::move(node);
  return lowered_any;
}

}  // namespace

absl::Status LowerControlFlow(tensorflow::GraphDef* graph) {
  for (int round = 0; round < kMaxRounds; ++round) {
    absl::StatusOr<bool> lowered = LowerTopLevel(graph);
    if (!lowered.ok()) return lowered.status();
    if (!*lowered) {
      RemoveUnusedFunctions(graph);
      return absl::OkStatus();
    }
    if (absl::Status status = InlineFunctionCalls(graph); !status.ok()) return status;
  }
  return absl::InvalidArgumentError(absl::StrCat("control flow is nested more than ", kMaxRounds,
                                                 " levels deep; cannot lower it"));
}

}  // namespace tfjs::converter
