#include "ops/output_arg_index.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "ops/op_table.h"

namespace tfjs::ops {
namespace {

// One output arg: its name, and the attr holding its length when it is a list (an int attr for
// `number_attr`, a list(type) attr for `type_list_attr`); both empty means a single tensor.
struct OutputArg {
  std::string name;
  std::string number_attr;
  std::string type_list_attr;
};

// The output layout of `op`: TF's output args from its op-table row; for TF.js's own ops, the
// output names TF.js lists (each a single tensor); empty when the table knows neither.
std::vector<OutputArg> TableLayout(absl::string_view op) {
  std::vector<OutputArg> layout;
  const OpDef* def = FindOp(op);
  if (def == nullptr) return layout;
  for (const ArgDef& arg : def->output_args) {
    layout.push_back({arg.name, arg.number_attr, arg.type_list_attr});
  }
  if (layout.empty()) {
    for (const std::string& name : def->outputs) layout.push_back({name, "", ""});
  }
  return layout;
}

absl::StatusOr<int> ArgLength(const tensorflow::NodeDef& node, absl::string_view arg_name,
                              const std::string& number_attr, const std::string& type_list_attr) {
  if (number_attr.empty() && type_list_attr.empty()) return 1;
  const std::string& attr_name = number_attr.empty() ? type_list_attr : number_attr;
  auto it = node.attr().find(attr_name);
  if (it == node.attr().end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("node '", node.name(), "' (op ", node.op(), "): missing attr '", attr_name,
                     "' giving the length of output arg '", arg_name, "'"));
  }
  if (!number_attr.empty()) return static_cast<int>(it->second.i());
  return it->second.list().type_size();
}

absl::StatusOr<int> IndexInLayout(const tensorflow::NodeDef& node,
                                  const std::vector<OutputArg>& layout,
                                  absl::string_view output_arg, int index_in_arg) {
  int start = 0;
  for (const OutputArg& arg : layout) {
    absl::StatusOr<int> length = ArgLength(node, arg.name, arg.number_attr, arg.type_list_attr);
    if (!length.ok()) return length.status();
    if (arg.name == output_arg) {
      if (index_in_arg >= *length) break;
      return start + index_in_arg;
    }
    start += *length;
  }
  return absl::InvalidArgumentError(absl::StrCat("node '", node.name(), "' (op ", node.op(),
                                                 "): no output '", output_arg, ":", index_in_arg,
                                                 "'"));
}

}  // namespace

absl::StatusOr<int> FlatOutputIndex(const tensorflow::NodeDef& node,
                                    const tensorflow::OpDef* function_signature,
                                    absl::string_view output_arg, int index_in_arg) {
  std::vector<OutputArg> layout;
  if (function_signature != nullptr) {
    for (const auto& arg : function_signature->output_arg()) {
      layout.push_back({arg.name(), arg.number_attr(), arg.type_list_attr()});
    }
  } else {
    layout = TableLayout(node.op());
    // An op the table does not know is taken to have one output arg.
    if (layout.empty()) return index_in_arg;
  }
  return IndexInLayout(node, layout, output_arg, index_in_arg);
}

absl::StatusOr<int> NumOutputs(const tensorflow::NodeDef& node) {
  if (FindOp(node.op()) == nullptr) return 1;
  int count = 0;
  for (const OutputArg& arg : TableLayout(node.op())) {
    absl::StatusOr<int> length = ArgLength(node, arg.name, arg.number_attr, arg.type_list_attr);
    if (!length.ok()) return length.status();
    count += *length;
  }
  return count;
}

const tensorflow::FunctionDef* FindLibraryFunction(const tensorflow::FunctionDefLibrary& library,
                                                   absl::string_view name) {
  for (const tensorflow::FunctionDef& function : library.function()) {
    if (function.signature().name() == name) return &function;
  }
  return nullptr;
}

absl::StatusOr<BodyNodeOutput> ResolveBodyOutput(
    absl::string_view input,
    const absl::flat_hash_map<std::string, const tensorflow::NodeDef*>& body_nodes,
    const tensorflow::FunctionDefLibrary& library) {
  const std::vector<absl::string_view> parts = absl::StrSplit(input, ':');
  int index_in_arg = 0;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[2], &index_in_arg)) {
    return absl::InvalidArgumentError(absl::StrCat("malformed body input '", input, "'"));
  }
  auto node = body_nodes.find(parts[0]);
  if (node == body_nodes.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("body input '", input, "' names no node of the body"));
  }
  const tensorflow::FunctionDef* callee = FindLibraryFunction(library, node->second->op());
  absl::StatusOr<int> index = FlatOutputIndex(
      *node->second, callee == nullptr ? nullptr : &callee->signature(), parts[1], index_in_arg);
  if (!index.ok()) return index.status();
  return BodyNodeOutput{std::string(parts[0]), *index};
}

}  // namespace tfjs::ops
