#include "converter/passes/fold_batch_norms.h"

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

constexpr char kConvAttrs[] =
    "attr { key: 'T' value { type: DT_FLOAT } } "
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'SAME' } } "
    "attr { key: 'data_format' value { s: 'NHWC' } } ";

std::string Placeholder() {
  return "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }";
}

// Positive variances, as batch norms have.
tensorflow::NodeDef VarianceConst(const std::string& name, int64_t channels, unsigned seed) {
  tensorflow::NodeDef node = RandomConst(name, {channels}, seed);
  std::string* content = (*node.mutable_attr())["value"].mutable_tensor()->mutable_tensor_content();
  float* values = reinterpret_cast<float*>(content->data());
  for (int64_t c = 0; c < channels; ++c) values[c] = values[c] * values[c] + 0.1f;
  return node;
}

void AddStatistics(tensorflow::GraphDef* graph, int64_t channels) {
  *graph->add_node() = RandomConst("scale", {channels}, 11);
  *graph->add_node() = RandomConst("offset", {channels}, 12);
  *graph->add_node() = RandomConst("mean", {channels}, 13);
  *graph->add_node() = VarianceConst("variance", channels, 14);
}

TEST(FoldBatchNormsTest, FoldsConvBiasAddFusedBatchNormV3) {
  tensorflow::GraphDef graph = ParseGraph(Placeholder() + std::string(R"pb(
    node { name: 'w_read' op: 'Identity' input: 'w' )pb") + kFloatT + R"pb( }
    node { name: 'conv' op: 'Conv2D' input: 'x' input: 'w_read' )pb" + kConvAttrs + R"pb( }
    node { name: 'bias_add' op: 'BiasAdd' input: 'conv' input: 'b' )pb" + kFloatT + R"pb( }
    node { name: 'bn' op: 'FusedBatchNormV3' input: 'bias_add' input: 'scale' input: 'offset'
           input: 'mean' input: 'variance' )pb" + kFloatT + R"pb(
           attr { key: 'epsilon' value { f: 0.001 } }
           attr { key: 'is_training' value { b: false } } }
    node { name: 'y' op: 'Relu' input: 'bn' )pb" + kFloatT + "}");
  *graph.add_node() = RandomConst("w", {3, 3, 2, 4}, 1);
  *graph.add_node() = RandomConst("b", {4}, 2);
  AddStatistics(&graph, 4);
  const tensorflow::GraphDef before = graph;

  EXPECT_EQ(FoldBatchNorms({"y"}, &graph), 1);

  const tensorflow::NodeDef* bn = FindNode(graph, "bn");
  ASSERT_NE(bn, nullptr);
  EXPECT_EQ(bn->op(), "BiasAdd");
  ASSERT_EQ(bn->input_size(), 2);
  EXPECT_EQ(bn->input(0), "conv");
  EXPECT_EQ(bn->input(1), "conv_bn_offset");
  EXPECT_EQ(FindNode(graph, "bias_add"), nullptr);
  EXPECT_EQ(FindNode(graph, "conv")->input(1), "conv_weights");
  ExpectSameOutputs(before, graph, {{"x", RandomFloats({1, 5, 5, 2}, 3)}}, {"y"});
}

// Depthwise convolution, Add of a per-channel bias, then `norm`; 3 input channels with
// multiplier 2 give 6 output channels.
tensorflow::GraphDef DepthwiseGraph(const std::string& norm) {
  tensorflow::GraphDef graph = ParseGraph(Placeholder() + std::string(R"pb(
    node { name: 'dw' op: 'DepthwiseConv2dNative' input: 'x' input: 'w' )pb") + kConvAttrs +
                                          R"pb( }
    node { name: 'add' op: 'AddV2' input: 'b' input: 'dw' )pb" + kFloatT + R"pb( }
  )pb" + norm);
  *graph.add_node() = RandomConst("w", {3, 3, 3, 2}, 4);
  *graph.add_node() = RandomConst("b", {6}, 5);
  AddStatistics(&graph, 6);
  return graph;
}

TEST(FoldBatchNormsTest, FoldsDepthwiseAddFusedBatchNormV2) {
  tensorflow::GraphDef graph = DepthwiseGraph(R"pb(
    node { name: 'bn' op: 'FusedBatchNormV2' input: 'add' input: 'scale' input: 'offset'
           input: 'mean' input: 'variance' )pb" + std::string(kFloatT) + R"pb(
           attr { key: 'epsilon' value { f: 0.01 } }
           attr { key: 'is_training' value { b: false } } }
  )pb");
  const tensorflow::GraphDef before = graph;

  EXPECT_EQ(FoldBatchNorms({"bn"}, &graph), 1);

  EXPECT_EQ(FindNode(graph, "bn")->op(), "BiasAdd");
  EXPECT_EQ(FindNode(graph, "add"), nullptr);
  ExpectSameOutputs(before, graph, {{"x", RandomFloats({2, 4, 4, 3}, 6)}}, {"bn"});
}

// The runtime has no BatchNormWithGlobalNormalization kernel (TF.js has none either), so the
// folded graph is compared with the same statistics in a FusedBatchNormV2.
TEST(FoldBatchNormsTest, FoldsBatchNormWithGlobalNormalization) {
  const tensorflow::GraphDef reference = DepthwiseGraph(R"pb(
    node { name: 'bn' op: 'FusedBatchNormV2' input: 'add' input: 'scale' input: 'offset'
           input: 'mean' input: 'variance' )pb" + std::string(kFloatT) + R"pb(
           attr { key: 'epsilon' value { f: 0.01 } }
           attr { key: 'is_training' value { b: false } } }
  )pb");
  tensorflow::GraphDef graph = DepthwiseGraph(R"pb(
    node { name: 'bn' op: 'BatchNormWithGlobalNormalization' input: 'add' input: 'mean'
           input: 'variance' input: 'offset' input: 'scale' )pb" + std::string(kFloatT) + R"pb(
           attr { key: 'variance_epsilon' value { f: 0.01 } }
           attr { key: 'scale_after_normalization' value { b: true } } }
  )pb");

  EXPECT_EQ(FoldBatchNorms({"bn"}, &graph), 1);

  EXPECT_EQ(FindNode(graph, "bn")->op(), "BiasAdd");
  ExpectSameOutputs(reference, graph, {{"x", RandomFloats({1, 5, 5, 3}, 8)}}, {"bn"});
}

TEST(FoldBatchNormsTest, LeavesTrainingNormsSharedConvsAndOutputsAlone) {
  const std::string body = R"pb(
    node { name: 'conv' op: 'Conv2D' input: 'x' input: 'w' )pb" + std::string(kConvAttrs) + R"pb( }
    node { name: 'bn' op: 'FusedBatchNorm' input: 'conv' input: 'scale' input: 'offset'
           input: 'mean' input: 'variance' )pb" + kFloatT + R"pb(
           attr { key: 'is_training' value { b: %s } } }
  )pb";
  auto make = [&](const char* training, bool conv_read_twice) {
    std::string text = body;
    text.replace(text.find("%s"), 2, training);
    if (conv_read_twice) text += "node { name: 'other' op: 'Relu' input: 'conv' " +
                                 std::string(kFloatT) + "}";
    tensorflow::GraphDef graph = ParseGraph(Placeholder() + text);
    *graph.add_node() = RandomConst("w", {1, 1, 2, 3}, 7);
    AddStatistics(&graph, 3);
    return graph;
  };
  tensorflow::GraphDef training = make("true", false);
  EXPECT_EQ(FoldBatchNorms({"bn"}, &training), 0);
  tensorflow::GraphDef shared = make("false", true);
  EXPECT_EQ(FoldBatchNorms({"bn", "other"}, &shared), 0);
  tensorflow::GraphDef conv_is_output = make("false", false);
  EXPECT_EQ(FoldBatchNorms({"bn", "conv"}, &conv_is_output), 0);
  tensorflow::GraphDef batch_mean_read = make("false", false);
  EXPECT_EQ(FoldBatchNorms({"bn", "bn:1"}, &batch_mean_read), 0);
  tensorflow::GraphDef folded = make("false", false);
  EXPECT_EQ(FoldBatchNorms({"bn"}, &folded), 1);
}

}  // namespace
}  // namespace tfjs::converter
