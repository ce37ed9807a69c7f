// Test helper: runs GraphDefs in the native runtime, to check that a pass keeps a graph's values.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_GRAPH_RUNNER_TESTING_H_
#define TFJS_NATIVE_CONVERTER_PASSES_GRAPH_RUNNER_TESTING_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "runtime/tensor.h"

namespace tfjs::converter::testing {

using Feeds = std::vector<std::pair<std::string, runtime::Tensor>>;

// Runs `graph` (Const values in the nodes) with GraphModel::ExecuteAsync, which also runs
// control flow, feeding `inputs` and fetching `outputs` ("node" or "node:k").
absl::StatusOr<std::vector<runtime::Tensor>> RunGraph(const tensorflow::GraphDef& graph,
                                                      const Feeds& inputs,
                                                      const std::vector<std::string>& outputs);

// Expects `before` and `after` to run and to give the same dtypes, shapes and values (floats
// within `tolerance`, relative to max(1, |value|)).
void ExpectSameOutputs(const tensorflow::GraphDef& before, const tensorflow::GraphDef& after,
                       const Feeds& inputs, const std::vector<std::string>& outputs,
                       double tolerance = 1e-5);

// Expects `got` to have `want`'s dtype, shape and exact bytes (equal strings).
void ExpectSameTensor(const runtime::Tensor& want, const runtime::Tensor& got);

// A float Const node of pseudo-random values in [-1, 1), the same for the same seed.
tensorflow::NodeDef RandomConst(const std::string& name, runtime::Shape shape, unsigned seed);

}  // namespace tfjs::converter::testing

#endif  // TFJS_NATIVE_CONVERTER_PASSES_GRAPH_RUNNER_TESTING_H_
