#include "converter/passes/add_to_bias_add.h"

#include <string>

#include "converter/passes/graph_runner_testing.h"
#include "converter/passes/test_graphs.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::kFloatT;
using testing::ParseGraph;
using testing::RandomConst;
using runtime::nn::testing::RandomFloats;


TEST(AddToBiasAddTest, RewritesAddOfChannelConstAfterConvAndMatMul) {
  tensorflow::GraphDef graph = ParseGraph(std::string(R"pb(
    node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }
    node { name: 'm' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }
    node { name: 'conv' op: 'Conv2D' input: 'x' input: 'w' )pb") + kFloatT + R"pb(
           attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } }
           attr { key: 'padding' value { s: 'VALID' } } }
    node { name: 'conv_add' op: 'Add' input: 'conv' input: 'b' )pb" + kFloatT + R"pb( }
    node { name: 'matmul' op: 'MatMul' input: 'm' input: 'k' )pb" + kFloatT + R"pb(
           attr { key: 'transpose_b' value { b: true } } }
    node { name: 'matmul_add' op: 'AddV2' input: 'c' input: 'matmul' )pb" + kFloatT + R"pb( }
    node { name: 'scalar_add' op: 'AddV2' input: 'matmul' input: 's' )pb" + kFloatT + R"pb( }
  )pb");
  *graph.add_node() = RandomConst("w", {2, 2, 3, 4}, 1);
  *graph.add_node() = RandomConst("b", {4}, 2);
  *graph.add_node() = RandomConst("k", {5, 3}, 3);  // transposed: 5 output columns
  *graph.add_node() = RandomConst("c", {5}, 4);
  *graph.add_node() = RandomConst("s", {1}, 5);
  const tensorflow::GraphDef before = graph;

  EXPECT_EQ(ConvertAddToBiasAdd(&graph), 2);

  const tensorflow::NodeDef* conv_add = FindNode(graph, "conv_add");
  EXPECT_EQ(conv_add->op(), "BiasAdd");
  const tensorflow::NodeDef* matmul_add = FindNode(graph, "matmul_add");
  EXPECT_EQ(matmul_add->op(), "BiasAdd");
  EXPECT_EQ(matmul_add->input(0), "matmul");
  EXPECT_EQ(matmul_add->input(1), "c");
  // A 1-element constant broadcasts in Add but is no per-channel bias.
  EXPECT_EQ(FindNode(graph, "scalar_add")->op(), "AddV2");
  ExpectSameOutputs(before, graph,
                    {{"x", RandomFloats({1, 4, 4, 3}, 6)}, {"m", RandomFloats({2, 3}, 7)}},
                    {"conv_add", "matmul_add", "scalar_add"});
}

}  // namespace
}  // namespace tfjs::converter
