#include "converter/op_check.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/tfjs_op_support.h"
#include "ops/op_table.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

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

// Why TF.js 4.22 cannot hold a dtype that no TF.js rewrite widens exactly; empty for dtypes it
// holds (float64, int64, uint32 and uint64 are narrowed to 32 bits as tensorflowjs_converter
// narrows them, int8/int16/uint8/uint16 widened by WidenNarrowInts).
absl::string_view TfjsLacks(tensorflow::DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_INT4:
    case tensorflow::DT_UINT4:
      return "no 4-bit integer tensors";
    case tensorflow::DT_BFLOAT16:
      return "no bfloat16 tensors";
    case tensorflow::DT_FLOAT8_E5M2:
    case tensorflow::DT_FLOAT8_E4M3FN:
      return "no float8 tensors";
    case tensorflow::DT_QINT8:
    case tensorflow::DT_QUINT8:
    case tensorflow::DT_QINT16:
    case tensorflow::DT_QUINT16:
    case tensorflow::DT_QINT32:
      return "no quantized tensors";
    default:
      return "";
  }
}

// For the TF.js target, the first dtype among `node`'s type attrs (by name) that TF.js lacks, as
// "dtype int4 (TF.js 4.22 has no 4-bit integer tensors)"; else empty.
std::string TfjsLackedDtype(const tensorflow::NodeDef& node) {
  std::map<std::string, tensorflow::DataType> dtypes;
  for (const auto& [name, value] : node.attr()) {
    if (value.value_case() == tensorflow::AttrValue::kType) dtypes[name] = value.type();
    for (int dtype : value.list().type()) {
      if (!TfjsLacks(static_cast<tensorflow::DataType>(dtype)).empty()) {
        dtypes[name] = static_cast<tensorflow::DataType>(dtype);
      }
    }
  }
  for (const auto& [name, dtype] : dtypes) {
    if (absl::string_view why = TfjsLacks(dtype); !why.empty()) {
      return absl::StrCat("dtype ", runtime::DataTypeName(dtype), " (TF.js 4.22 has ", why, ")");
    }
  }
  return "";
}

// Why `node` cannot run on `target`, as the key its nodes are listed under: the op's name, for a
// native kernel that lacks the node's dtype "Op with attr T=uint8 ...", for TF.js a dtype it
// lacks; empty when it can.
std::string Unsupported(const tensorflow::NodeDef& node, OpTarget target) {
  if (!IsOpSupported(node.op(), target)) return node.op();
  if (target == OpTarget::kTfjs) return TfjsLackedDtype(node);
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
  // Keys are op names, or "dtype x (why)" for a dtype TF.js lacks.
  const bool dtypes_only = absl::c_all_of(
      unsupported, [](const auto& entry) { return absl::StartsWith(entry.first, "dtype "); });
  const bool with_dtypes = absl::c_any_of(
      unsupported, [](const auto& entry) { return absl::StartsWith(entry.first, "dtype "); });
  const char* noun = dtypes_only   ? (unsupported.size() == 1 ? " dtype is" : " dtypes are")
                     : with_dtypes ? " ops or dtypes are"
                                   : (unsupported.size() == 1 ? " op is" : " ops are");
  return absl::InvalidArgumentError(absl::StrCat(
      unsupported.size(), noun, " not supported by ",
      target == OpTarget::kTfjs ? "TF.js 4.22" : "this project's runtime",
      " (--op_target=", OpTargetName(target), "): ", absl::StrJoin(entries, "; "),
      target == OpTarget::kTfjs ? "; --op_target=native accepts ops only our runtime has, "
                                  "--skip_op_check skips the check"
                                : "; --skip_op_check skips the check"));
}


void NoteTfjsOpSupport(const tensorflow::GraphDef& graph, std::ostream& log) {
  // Measured row -> the nodes it concerns, in graph order; rows by op, attr and dtype.
  std::map<std::tuple<std::string, std::string, int>, std::pair<const TfjsOpSupport*,
                                                                std::vector<std::string>>>
      noted;
  // Tensors of later outputs ("node:1") the graph reads: a symptom of output K > 0 matters only
  // where it is read (Merge's value_index rarely is). Function bodies read outputs by name.
  absl::flat_hash_set<std::string> read;
  for (const tensorflow::NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) read.insert(input);
  }
  auto note = [&](const tensorflow::NodeDef& node, const std::string& name) {
    for (const TfjsOpSupport* row : TfjsOpSupportFor(node)) {
      if (row->verdict == TfjsVerdict::kRight || absl::StartsWith(row->symptom, "TF.js has no ") ||
          (row->output > 0 && !read.contains(absl::StrCat(node.name(), ":", row->output)))) {
        continue;
      }
      auto& entry = noted[{row->op, row->attr, row->dtype}];
      entry.first = row;
      entry.second.push_back(name);
    }
  };
  for (const tensorflow::NodeDef& node : graph.node()) note(node, node.name());
  for (const tensorflow::FunctionDef& function : graph.library().function()) {
    for (const tensorflow::NodeDef& node : function.node_def()) {
      note(node, absl::StrCat(function.signature().name(), "/", node.name()));
    }
  }
  for (const auto& [key, entry] : noted) {
    const TfjsOpSupport& row = *entry.first;
    log << "note: TF.js 4.22 " << (row.verdict == TfjsVerdict::kWrong ? "computes " : "refuses ")
        << row.op;
    if (row.attr != "-") log << " with " << row.attr << "=" << runtime::DataTypeName(row.dtype);
    log << (row.verdict == TfjsVerdict::kWrong ? " wrong" : "")
        << " on an op example (" << row.symptom << "; converter/tfjs_op_support.txt): "
        << (entry.second.size() == 1 ? "node " : "nodes ") << absl::StrJoin(entry.second, ", ")
        << "\n";
  }
}

}  // namespace tfjs::converter
