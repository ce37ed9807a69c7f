// The op check: refuses graphs with ops the target runtime cannot run, naming every such op and
// the nodes that use it, as tensorflowjs_converter refuses ops outside TF.js's op lists.
#ifndef TFJS_NATIVE_CONVERTER_OP_CHECK_H_
#define TFJS_NATIVE_CONVERTER_OP_CHECK_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

enum class OpTarget {
  kTfjs,    // Only ops TF.js 4.22's graph executor runs (tfjs_supported in the op table).
  kNative,  // Any op in the op table: this project's runtime.
};

// Graph structure the runtime's Graph binds without kernels: Const, Placeholder, PlaceholderV2.
bool IsGraphStructure(absl::string_view op);

// "tfjs" or "native".
absl::StatusOr<OpTarget> ParseOpTarget(absl::string_view name);
absl::string_view OpTargetName(OpTarget target);

// Whether `target` runs `op` at all, from the op table (tfjs: TF.js 4.22's op lists; native: a
// kernel, or graph structure). A native kernel may still lack a node's dtype: UnsupportedOps says.
bool IsOpSupported(absl::string_view op, OpTarget target);

// What keeps nodes of `graph` (top-level and in library function bodies) from running on
// `target`: the op name, for a native kernel lacking the node's dtype "Op with attr T=uint8 ...",
// for TF.js a dtype it has no tensors of ("dtype int4 (...)"), mapped to the nodes in graph order ("node" top-level, "function/node" in functions).
std::map<std::string, std::vector<std::string>> UnsupportedOps(const tensorflow::GraphDef& graph,
                                                               OpTarget target);

// OK when every node, top-level and in library function bodies, uses an op the target runs.
// Otherwise one InvalidArgument error listing each unsupported op (sorted by name) with all its
// nodes in graph order ("node" top-level, "function/node" in function bodies).
absl::Status CheckOpsSupported(const tensorflow::GraphDef& graph,
                               OpTarget target = OpTarget::kTfjs);

// One line on `log` per op and dtype of `graph` (top-level and function bodies) that TF.js 4.22
// lists but computes wrong or refuses on our op examples (converter/tfjs_op_support.txt), with
// what TF.js did and the nodes: such a node may give other results in TF.js than in TensorFlow.
// A symptom of the op's output K > 0 is noted only for nodes whose output K the graph reads.
// Dtypes TF.js has no tensors of are left to CheckOpsSupported and the TF.js rewrites.
void NoteTfjsOpSupport(const tensorflow::GraphDef& graph, std::ostream& log);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_OP_CHECK_H_
