#include "converter/passes/split_fused_ops.h"

#include <string>
#include <vector>

#include "converter/passes/fuse_contractions.h"
#include "converter/passes/fuse_prelu.h"
#include "converter/passes/graph_runner_testing.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"
#include "ops/op_table.h"
#include "runtime/kernels/nn/nn_test_util.h"

namespace tfjs::converter {
namespace {

using runtime::nn::testing::RandomFloats;
using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::kFloatT;
using testing::ParseGraph;
using testing::RandomConst;

constexpr char kConvAttrs[] =
    "attr { key: 'T' value { type: DT_FLOAT } } "
    "attr { key: 'strides' value { list { i: 1 i: 2 i: 2 i: 1 } } } "
    "attr { key: 'padding' value { s: 'SAME' } } "
    "attr { key: 'dilations' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'data_format' value { s: 'NHWC' } } ";

// Chains FuseContractions fuses: conv+bias+relu6, depthwise+bias+prelu, matmul+bias+leaky relu,
// conv+bias; and a Prelu on its own.
tensorflow::GraphDef Chains() {
  tensorflow::GraphDef graph = ParseGraph(
      std::string(R"pb(
        node {
          name: 'x'
          op: 'Placeholder'
          attr {
            key: 'dtype'
            value { type: DT_FLOAT }
          }
        }
        node {
          name: 'm'
          op: 'Placeholder'
          attr {
            key: 'dtype'
            value { type: DT_FLOAT }
          }
        }
        node { name: 'conv' op: 'Conv2D' input: 'x' input: 'w')pb") +
      kConvAttrs + R"pb(}
                        node { name: 'conv/bias' op: 'BiasAdd' input: 'conv' input: 'b' )pb" +
      kFloatT + R"pb(}
                     node { name: 'conv/relu6' op: 'Relu6' input: 'conv/bias' )pb" +
      kFloatT +
      R"pb(}
           node { name: 'dw' op: 'DepthwiseConv2dNative' input: 'conv/relu6' input: 'dw_w' )pb" +
      kConvAttrs + R"pb(}
                        node { name: 'dw/bias' op: 'BiasAdd' input: 'dw' input: 'dw_b' )pb" +
      kFloatT + R"pb(}
                     node { name: 'dw/prelu' op: 'Prelu' input: 'dw/bias' input: 'alpha' }
    node { name: 'conv2' op: 'Conv2D' input: 'x' input: 'w' )pb" +
      kConvAttrs + R"pb(}
                        node { name: 'conv2/bias' op: 'BiasAdd' input: 'conv2' input: 'b' )pb" +
      kFloatT + R"pb(}
                     node { name: 'fc' op: 'MatMul' input: 'm' input: 'k' )pb" +
      kFloatT + R"pb(
           attr { key: 'transpose_a' value { b: false } }
           attr { key: 'transpose_b' value { b: false } } }
                   node { name: 'fc/bias' op: 'BiasAdd' input: 'fc' input: 'fc_b' )pb" +
      kFloatT + R"pb(}
                     node { name: 'fc/leaky' op: 'LeakyRelu' input: 'fc/bias' )pb" +
      kFloatT + R"pb(
           attr { key: 'alpha' value { f: 0.3 } } }
                   node { name: 'fc/prelu' op: 'Prelu' input: 'fc/leaky' input: 'fc_alpha' }
  )pb");
  *graph.add_node() = RandomConst("w", {3, 3, 2, 4}, 1);
  *graph.add_node() = RandomConst("b", {4}, 2);
  *graph.add_node() = RandomConst("dw_w", {3, 3, 4, 2}, 3);
  *graph.add_node() = RandomConst("dw_b", {8}, 4);
  *graph.add_node() = RandomConst("alpha", {8}, 5);
  *graph.add_node() = RandomConst("k", {3, 5}, 6);
  *graph.add_node() = RandomConst("fc_b", {5}, 7);
  *graph.add_node() = RandomConst("fc_alpha", {5}, 8);
  return graph;
}

const std::vector<std::string> kOutputs = {"dw/prelu", "conv2/bias", "fc/prelu"};

TEST(SplitFusedOpsTest, FusedGraphBecomesPublicOpsComputingTheSame) {
  const tensorflow::GraphDef unfused = Chains();
  tensorflow::GraphDef graph = unfused;
  ASSERT_EQ(FuseContractions(kOutputs, &graph), 4);

  ASSERT_TRUE(SplitFusedOps(&graph).ok());

  for (const tensorflow::NodeDef& node : graph.node()) {
    const ops::OpDef* op = ops::FindOp(node.op());
    ASSERT_NE(op, nullptr) << node.op();
    EXPECT_TRUE(op->in_tf_registry && node.op()[0] != '_') << node.name() << ": " << node.op();
    for (const auto& [name, value] : node.attr()) {
      EXPECT_NE(ops::FindAttr(*op, name), nullptr) << node.name() << " has attr " << name;
    }
  }
  EXPECT_EQ(FindNode(graph, "conv/relu6")->op(), "Relu6");
  EXPECT_EQ(FindNode(graph, "conv2/bias")->op(), "BiasAdd");
  EXPECT_EQ(FindNode(graph, "dw/prelu")->op(), "Add");
  EXPECT_EQ(FindNode(graph, "fc/prelu")->op(), "Add");
  const tensorflow::NodeDef* leaky = FindNode(graph, "fc/leaky");
  ASSERT_NE(leaky, nullptr);
  EXPECT_EQ(leaky->op(), "LeakyRelu");
  EXPECT_FLOAT_EQ(leaky->attr().at("alpha").f(), 0.3f);
  const tensorflow::NodeDef* conv = FindNode(graph, "conv/relu6/Conv2D");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->attr().at("strides").list().i(1), 2);
  EXPECT_EQ(conv->attr().at("padding").s(), "SAME");

  // The Prelu graphs are Keras's, which FusePrelu makes Prelu again.
  tensorflow::GraphDef refused = graph;
  EXPECT_EQ(FusePrelu(kOutputs, &refused), 2);

  ExpectSameOutputs(unfused, graph,
                    {{"x", RandomFloats({1, 8, 8, 2}, 9)}, {"m", RandomFloats({4, 3}, 10)}},
                    kOutputs);
}

TEST(SplitFusedOpsTest, RefusesFusedOpsItCannotSplit) {
  tensorflow::GraphDef graph = ParseGraph(
      std::string(R"pb(
        node {
          name: 'x'
          op: 'Placeholder'
          attr {
            key: 'dtype'
            value { type: DT_FLOAT }
          }
        }
        node { name: 'bn' op: '_FusedConv2D' input: 'x' input: 'x' input: 'x' input: 'x')pb") +
      kConvAttrs + R"pb(
           attr { key: 'fused_ops' value { list { s: 'FusedBatchNorm' } } } }
      )pb");
  const absl::Status status = SplitFusedOps(&graph);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented);
  EXPECT_NE(
      status.message().find("node bn (_FusedConv2D): cannot split fused_ops [FusedBatchNorm]"),
      std::string::npos)
      << status;
}

}  // namespace
}  // namespace tfjs::converter
