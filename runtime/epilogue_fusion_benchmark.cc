// Epilogue fusion's gain on the chains it fuses, A/B in one binary: a 1x1 convolution of a
// [1,128,128,16] image followed by (a) bias, Relu, Minimum and (b) MobileNetV3's hard swish,
// run fused (fetching the chain's end) and node by node (also fetching the convolution, which
// keeps the executor from taking the fusion).
//   bazel run -c opt //runtime:epilogue_fusion_benchmark
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "runtime/executor.h"
#include "runtime/graph.h"

namespace tfjs::runtime {
namespace {

constexpr int kSize = 128;
constexpr int kChannels = 16;

tensorflow::NodeDef MakeNode(const std::string& name, const std::string& op,
                             std::vector<std::string> inputs) {
  tensorflow::NodeDef node;
  node.set_name(name);
  node.set_op(op);
  for (const std::string& input : inputs) node.add_input(input);
  auto& attrs = *node.mutable_attr();
  if (op == "Placeholder" || op == "Const") {
    attrs["dtype"].set_type(tensorflow::DT_FLOAT);
  } else {
    attrs["T"].set_type(tensorflow::DT_FLOAT);
  }
  return node;
}

tensorflow::NodeDef Constant(const std::string& name, std::vector<int64_t> shape, float value) {
  tensorflow::NodeDef node = MakeNode(name, "Const", {});
  tensorflow::TensorProto* tensor = (*node.mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tensorflow::DT_FLOAT);
  int64_t count = 1;
  for (int64_t dim : shape) {
    tensor->mutable_tensor_shape()->add_dim()->set_size(dim);
    count *= dim;
  }
  for (int64_t i = 0; i < count; ++i) tensor->add_float_val(value + 0.01f * (i % 7));
  return node;
}

// x -> 1x1 Conv2D "conv" -> `chain` (nodes reading "conv", the last named "out").
tensorflow::GraphDef ConvGraph(const std::vector<tensorflow::NodeDef>& chain) {
  tensorflow::GraphDef graph;
  *graph.add_node() = MakeNode("x", "Placeholder", {});
  *graph.add_node() = Constant("w", {1, 1, kChannels, kChannels}, 0.05f);
  tensorflow::NodeDef conv = MakeNode("conv", "Conv2D", {"x", "w"});
  for (int i = 0; i < 4; ++i) (*conv.mutable_attr())["strides"].mutable_list()->add_i(1);
  (*conv.mutable_attr())["padding"].set_s("VALID");
  *graph.add_node() = conv;
  for (const tensorflow::NodeDef& node : chain) *graph.add_node() = node;
  return graph;
}

tensorflow::GraphDef BiasReluMin() {
  return ConvGraph({Constant("b", {kChannels}, -0.1f), MakeNode("add", "AddV2", {"conv", "b"}),
                    MakeNode("relu", "Relu", {"add"}), Constant("limit", {}, 0.5f),
                    MakeNode("out", "Minimum", {"relu", "limit"})});
}

tensorflow::GraphDef HardSwish() {
  return ConvGraph({Constant("three", {}, 3.f), MakeNode("shifted", "AddV2", {"conv", "three"}),
                    MakeNode("gate", "Relu6", {"shifted"}), Constant("sixth", {}, 1.f / 6),
                    MakeNode("scaled", "Mul", {"sixth", "conv"}),
                    MakeNode("out", "Mul", {"scaled", "gate"})});
}

void Run(benchmark::State& state, const tensorflow::GraphDef& graph_def, bool fused) {
  absl::StatusOr<std::unique_ptr<Graph>> graph = Graph::Build(graph_def, {});
  if (!graph.ok()) {
    state.SkipWithError(std::string(graph.status().message()).c_str());
    return;
  }
  Tensor image = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, kSize, kSize, kChannels});
  for (int64_t i = 0; i < image.num_elements(); ++i) {
    image.mutable_data<float>()[i] = static_cast<float>(i % 13) - 6.f;
  }
  std::vector<Endpoint> fetches = {*(*graph)->Resolve("out")};
  if (!fused) fetches.push_back(*(*graph)->Resolve("conv"));
  Executor executor(**graph);
  for (auto _ : state) {
    absl::StatusOr<std::vector<Tensor>> outputs =
        executor.Run({{*(*graph)->Resolve("x"), image}}, fetches, nullptr);
    if (!outputs.ok()) {
      state.SkipWithError(std::string(outputs.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(outputs->front().data<float>());
  }
}

void BM_BiasReluMinFused(benchmark::State& state) { Run(state, BiasReluMin(), true); }
void BM_BiasReluMinApart(benchmark::State& state) { Run(state, BiasReluMin(), false); }
void BM_HardSwishFused(benchmark::State& state) { Run(state, HardSwish(), true); }
void BM_HardSwishApart(benchmark::State& state) { Run(state, HardSwish(), false); }
BENCHMARK(BM_BiasReluMinFused);
BENCHMARK(BM_BiasReluMinApart);
BENCHMARK(BM_HardSwishFused);
BENCHMARK(BM_HardSwishApart);

}  // namespace
}  // namespace tfjs::runtime

BENCHMARK_MAIN();
