// GraphDef text for op examples that run a small graph (testing/op_examples.h's `graph`): nodes
// in text format from a name, an op, inputs and attrs, placeholders input_0, input_1, ... and
// small constants, so an example's graph reads as a list of nodes.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_GRAPH_TEXT_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_GRAPH_TEXT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace tfjs::runtime::graph_text {

// Attr entries: name and AttrValue text, e.g. {"dtype", Type("$T")}, {"limit", "i: 3"}.
using Attrs = std::vector<std::pair<std::string, std::string>>;

inline std::string Type(absl::string_view dtype) { return absl::StrCat("type: ", dtype); }
inline std::string Types(const std::vector<std::string>& dtypes) {
  std::string text = "list {";
  for (const std::string& dtype : dtypes) absl::StrAppend(&text, " type: ", dtype);
  return text + " }";
}
inline std::string Int(int64_t value) { return absl::StrCat("i: ", value); }
inline std::string Str(absl::string_view value) { return absl::StrCat("s: \"", value, "\""); }
inline std::string Bool(bool value) { return value ? "b: true" : "b: false"; }
// A shape attr; {} is a scalar, {-1} one unknown dim.
inline std::string ShapeAttr(const std::vector<int64_t>& dims) {
  std::string text = "shape {";
  for (int64_t dim : dims) absl::StrAppend(&text, " dim { size: ", dim, " }");
  return text + " }";
}
inline std::string UnknownShape() { return "shape { unknown_rank: true }"; }

// One node; inputs are "node", "node:k" or "^node".
inline std::string Node(absl::string_view name, absl::string_view op,
                        const std::vector<std::string>& inputs = {}, const Attrs& attrs = {}) {
  std::string text = absl::StrCat("node { name: \"", name, "\" op: \"", op, "\"");
  for (const std::string& input : inputs) absl::StrAppend(&text, " input: \"", input, "\"");
  for (const auto& [key, value] : attrs) {
    absl::StrAppend(&text, " attr { key: \"", key, "\" value { ", value, " } }");
  }
  return text + " }\n";
}

// Placeholder input_<index>, which the example's inputs[index] feeds.
inline std::string Input(int index, absl::string_view dtype) {
  return Node(absl::StrCat("input_", index), "Placeholder", {}, {{"dtype", Type(dtype)}});
}

// A DT_INT32, DT_INT64 or DT_FLOAT constant of shape `dims` ({} for a scalar).
inline std::string Const(absl::string_view name, absl::string_view dtype,
                         const std::vector<int64_t>& dims, const std::vector<double>& values) {
  const absl::string_view field = dtype == "DT_INT64"   ? "int64_val"
                                  : dtype == "DT_FLOAT" ? "float_val"
                                                        : "int_val";
  std::string tensor = absl::StrCat("tensor { dtype: ", dtype, " tensor_shape {");
  for (int64_t dim : dims) absl::StrAppend(&tensor, " dim { size: ", dim, " }");
  absl::StrAppend(&tensor, " }");
  for (double value : values) absl::StrAppend(&tensor, " ", field, ": ", value);
  return Node(name, "Const", {}, {{"dtype", Type(dtype)}, {"value", tensor + " }"}});
}

// The graph of `nodes`.
inline std::string Graph(const std::vector<std::string>& nodes) { return absl::StrJoin(nodes, ""); }

}  // namespace tfjs::runtime::graph_text

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_CONTROL_GRAPH_TEXT_H_
