#include "converter/op_check.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ops/op_table.h"
#include "runtime/kernel.h"

namespace tfjs::converter {
bool IsOpSupported(absl::string_view op, OpTarget target) {
  const ops::OpDef* def = ops::FindOp(op);
  if (def == nullptr) return false;
  if (target == OpTarget::kTfjs) return def->tfjs_supported;
  return IsGraphStructure(op) || runtime::FindKernel(op) != nullptr;
}

bool IsGraphStructure(absl::string_view op) {
  return op == "Const" || op == "Placeholder" || op == "PlaceholderV2";
}

absl::StatusOr<OpTarget> ParseOpTarget(absl::string_view name) {
  if (name == "tfjs") return OpTarget::kTfjs;
  if (name == "native") return OpTarget::kNative;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown op target '", name, "' (choose from tfjs, native)"));
}

absl::string_view OpTargetName(OpTarget target) {
  return target == OpTarget::kTfjs ? "tfjs" : "native";
}

namespace {

// Why `node` cannot run on `target`, as the key its nodes are listed under: the op's name, or
// for a native kernel that lacks the node's dtype, "Op with attr T=uint8 ..."; empty when it can.
std::string Unsupported(const tensorflow::NodeDef& node, OpTarget target) {
  if (!IsOpSupported(node.op(), target)) return node.op();
  if (target != OpTarget::kNative) return "";
  const ops::OpDef* def = ops::FindOp(node.op());
  const std::string mismatch = runtime::KernelDtypeMismatch(node, *def);
  return mismatch.empty() ? "" : absl::StrCat(node.op(), " with ", mismatch);
}

}  // namespace

std::map<std::string, std::vector<std::string>> UnsupportedOps(const tensorflow::GraphDef& graph,
                                                               OpTarget target) {
  std::map<std::string, std::vector<std::string>> unsupported;
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (std::string why = Unsupported(node, target); !why.empty()) {
      unsupported[why].push_back(node.name());
    }
  }
  for (const tensorflow::FunctionDef& function : graph.library().function()) {
    for (const tensorflow::NodeDef& node : function.node_def()) {
      if (std::string why = Unsupported(node, target); !why.empty()) {
        unsupported[why].push_back(absl::StrCat(function.signature().name(), "/", node.name()));
      }
    }
  }
  return unsupported;
}

absl::Status CheckOpsSupported(const tensorflow::GraphDef& graph, OpTarget target) {
  const std::map<std::string, std::vector<std::string>> unsupported =
      UnsupportedOps(graph, target);
  if (unsupported.empty()) return absl::OkStatus();
  std::vector<std::string> entries;
  for (const auto& [op, nodes] : unsupported) {
    entries.push_back(absl::StrCat(op, " (", nodes.size() == 1 ? "node " : "nodes ",
                                   absl::StrJoin(nodes, ", "), ")"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      unsupported.size(), unsupported.size() == 1 ? " op is" : " ops are", " not supported by ",
      target == OpTarget::kTfjs ? "TF.js 4.22" : "this project's runtime",
      " (--op_target=", OpTargetName(target), "): ", absl::StrJoin(entries, "; "),
      target == OpTarget::kTfjs ? "; --op_target=native accepts ops only our runtime has, "
                                  "--skip_op_check skips the check"
                                : "; --skip_op_check skips the check"));
}

}  // namespace tfjs::converter
