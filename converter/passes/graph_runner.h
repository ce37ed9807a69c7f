// Test helper: runs a GraphDef in the native runtime, to check that a pass keeps a graph's values.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_GRAPH_RUNNER_H_
#define TFJS_NATIVE_CONVERTER_PASSES_GRAPH_RUNNER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "runtime/tensor.h"

namespace tfjs::converter::testing {

using Feeds = std::vector<std::pair<std::string, runtime::Tensor>>;

// The `fetches` ("node:k") of `graph` for `feeds`, computed with GraphModel::ExecuteAsync.
absl::StatusOr<std::vector<runtime::Tensor>> RunGraph(const tensorflow::GraphDef& graph,
                                                      const Feeds& feeds,
                                                      const std::vector<std::string>& fetches);

// Adds a gtest failure naming the fetch unless both graphs run and give the same dtypes,
// shapes and bytes (equal strings) for every fetch.
void ExpectSameOutputs(const tensorflow::GraphDef& before, const tensorflow::GraphDef& after,
                       const Feeds& feeds, const std::vector<std::string>& fetches);

// Adds a gtest failure unless the tensors have the same dtype, shape and bytes (equal strings).
void ExpectSameTensor(const runtime::Tensor& want, const runtime::Tensor& got);

// A float32 tensor of `shape` holding `values`.
runtime::Tensor FloatTensor(runtime::Shape shape, const std::vector<float>& values);

}  // namespace tfjs::converter::testing

#endif  // TFJS_NATIVE_CONVERTER_PASSES_GRAPH_RUNNER_H_
