#include "converter/passes/fuse_contractions.h"

#include <string>
#include <vector>

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

constexpr char kConvAttrs[] =
    "attr { key: 'T' value { type: DT_FLOAT } } "
    "attr { key: 'strides' value { list { i: 1 i: 2 i: 2 i: 1 } } } "
    "attr { key: 'padding' value { s: 'SAME' } } "
    "attr { key: 'dilations' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'data_format' value { s: 'NHWC' } } ";

std::vector<std::string> FusedOps(const tensorflow::NodeDef& node) {
  const auto& list = node.attr().at("fused_ops").list().s();
  return std::vector<std::string>(list.begin(), list.end());
}

tensorflow::GraphDef ThreeChains() {
  tensorflow::GraphDef graph = ParseGraph(std::string(R"pb(
    node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }
    node { name: 'm' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }
    node { name: 'conv' op: 'Conv2D' input: 'x' input: 'w' )pb") + kConvAttrs + R"pb( }
    node { name: 'conv/bias' op: 'BiasAdd' input: 'conv' input: 'b' )pb" + kFloatT + R"pb( }
    node { name: 'conv/relu6' op: 'Relu6' input: 'conv/bias' )pb" + kFloatT + R"pb( }
    node { name: 'dw' op: 'DepthwiseConv2dNative' input: 'conv/relu6' input: 'dw_w' )pb" +
                                          kConvAttrs + R"pb( }
    node { name: 'dw/bias' op: 'BiasAdd' input: 'dw' input: 'dw_b' )pb" + kFloatT + R"pb( }
    node { name: 'dw/prelu' op: 'Prelu' input: 'dw/bias' input: 'alpha' }
    node { name: 'fc' op: 'MatMul' input: 'm' input: 'k' )pb" + kFloatT + R"pb(
           attr { key: 'transpose_a' value { b: false } }
           attr { key: 'transpose_b' value { b: false } } }
    node { name: 'fc/bias' op: 'BiasAdd' input: 'fc' input: 'fc_b' )pb" + kFloatT + R"pb( }
    node { name: 'fc/leaky' op: 'LeakyRelu' input: 'fc/bias' )pb" + kFloatT + R"pb(
           attr { key: 'alpha' value { f: 0.3 } } }
    node { name: 'fc/tanh' op: 'Tanh' input: 'fc/leaky' )pb" + kFloatT + R"pb( }
  )pb");
  *graph.add_node() = RandomConst("w", {3, 3, 2, 4}, 1);
  *graph.add_node() = RandomConst("b", {4}, 2);
  *graph.add_node() = RandomConst("dw_w", {3, 3, 4, 2}, 3);
  *graph.add_node() = RandomConst("dw_b", {8}, 4);
  *graph.add_node() = RandomConst("alpha", {8}, 5);
  *graph.add_node() = RandomConst("k", {3, 5}, 6);
  *graph.add_node() = RandomConst("fc_b", {5}, 7);
  return graph;
}

TEST(FuseContractionsTest, FusesBiasAndActivationsAsTfjsReadsThem) {
  tensorflow::GraphDef graph = ThreeChains();
  const tensorflow::GraphDef before = graph;
  const std::vector<std::string> outputs = {"dw/prelu", "fc/tanh"};

  EXPECT_EQ(FuseContractions(outputs, &graph), 3);

  for (const char* gone : {"conv", "conv/bias", "dw", "dw/bias", "fc", "fc/bias"}) {
    EXPECT_EQ(FindNode(graph, gone), nullptr) << gone;
  }
  const tensorflow::NodeDef* conv = FindNode(graph, "conv/relu6");
  EXPECT_EQ(conv->op(), "_FusedConv2D");
  EXPECT_EQ(FusedOps(*conv), (std::vector<std::string>{"BiasAdd", "Relu6"}));
  EXPECT_EQ(conv->attr().at("num_args").i(), 1);
  EXPECT_EQ(conv->attr().at("epsilon").f(), 0.f);
  EXPECT_EQ(conv->attr().at("padding").s(), "SAME");
  EXPECT_EQ(conv->attr().at("strides").list().i(1), 2);
  EXPECT_EQ(conv->attr().at("data_format").s(), "NHWC");
  EXPECT_EQ(std::vector<std::string>(conv->input().begin(), conv->input().end()),
            (std::vector<std::string>{"x", "w", "b"}));

  const tensorflow::NodeDef* dw = FindNode(graph, "dw/prelu");
  EXPECT_EQ(dw->op(), "FusedDepthwiseConv2dNative");
  EXPECT_EQ(FusedOps(*dw), (std::vector<std::string>{"BiasAdd", "Prelu"}));
  EXPECT_EQ(dw->attr().at("num_args").i(), 2);
  EXPECT_EQ(std::vector<std::string>(dw->input().begin(), dw->input().end()),
            (std::vector<std::string>{"conv/relu6", "dw_w", "dw_b", "alpha"}));
  EXPECT_EQ(dw->attr().count("epsilon"), 0u);

  const tensorflow::NodeDef* fc = FindNode(graph, "fc/leaky");
  EXPECT_EQ(fc->op(), "_FusedMatMul");
  EXPECT_EQ(FusedOps(*fc), (std::vector<std::string>{"BiasAdd", "LeakyRelu"}));
  EXPECT_FLOAT_EQ(fc->attr().at("leakyrelu_alpha").f(), 0.3f);
  EXPECT_FALSE(fc->attr().at("transpose_b").b());
  // TF.js has no fused tanh.
  EXPECT_EQ(FindNode(graph, "fc/tanh")->op(), "Tanh");

  ExpectSameOutputs(before, graph,
                    {{"x", RandomFloats({1, 8, 8, 2}, 8)}, {"m", RandomFloats({4, 3}, 9)}},
                    outputs);
}

TEST(FuseContractionsTest, FusesOnlyTheBiasWhenTheActivationCannotJoin) {
  tensorflow::GraphDef graph = ThreeChains();
  const tensorflow::GraphDef before = graph;
  // conv/bias is read as an output, so Relu6 stays apart; the other chains fuse whole.
  const std::vector<std::string> outputs = {"conv/bias", "dw/prelu", "fc/tanh"};

  EXPECT_EQ(FuseContractions(outputs, &graph), 3);

  const tensorflow::NodeDef* conv = FindNode(graph, "conv/bias");
  EXPECT_EQ(conv->op(), "_FusedConv2D");
  EXPECT_EQ(FusedOps(*conv), (std::vector<std::string>{"BiasAdd"}));
  EXPECT_EQ(FindNode(graph, "conv/relu6")->op(), "Relu6");
  ExpectSameOutputs(before, graph,
                    {{"x", RandomFloats({1, 8, 8, 2}, 8)}, {"m", RandomFloats({4, 3}, 9)}},
                    outputs);
}

TEST(FuseContractionsTest, LeavesContractionsReadElsewhereAlone) {
  tensorflow::GraphDef graph = ThreeChains();
  EXPECT_EQ(FuseContractions({"dw/prelu", "fc/tanh", "conv", "dw", "fc"}, &graph), 0);
  EXPECT_EQ(FindNode(graph, "conv")->op(), "Conv2D");
}

}  // namespace
}  // namespace tfjs::converter
