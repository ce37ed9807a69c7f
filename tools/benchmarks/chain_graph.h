// A long chain of elementwise nodes with small Consts as a binary frozen GraphDef, for the
// graph-size benchmark (converter and runtime time and memory against the number of nodes).
#ifndef TFJS_NATIVE_TOOLS_BENCHMARKS_CHAIN_GRAPH_H_
#define TFJS_NATIVE_TOOLS_BENCHMARKS_CHAIN_GRAPH_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace tfjs::benchmarks {

// The chain's input: a float32 Placeholder of shape [1, 4].
inline constexpr char kChainInput[] = "x";
// The chain's last node, the output to convert.
inline constexpr char kChainOutput[] = "output";

// The chain's ops repeat with this period: AddV2, Mul, Sub, Maximum, Minimum, RealDiv.
inline constexpr int kChainCycleLength = 6;

// Element `i` (of 4) of the Const operand of chain node `step` (from 0).
float ChainConstValue(int64_t step, int i);

// Writes to `path` a GraphDef of 2 * `length` + 1 nodes: Placeholder `x`, then `length`
// elementwise nodes, each taking the previous node and a Const of shape [4] of its own (a cycle of
// AddV2, Mul, Sub, Maximum, Minimum and RealDiv whose values stay within [-8, 8]). The last node
// is named `output`, the others `op<i>`, their Consts `op<i>/y` (and `output/y`). Nodes are
// written one by one, so memory does not grow with `length`.
absl::Status WriteChainGraph(const std::string& path, int64_t length);

}  // namespace tfjs::benchmarks

#endif  // TFJS_NATIVE_TOOLS_BENCHMARKS_CHAIN_GRAPH_H_
