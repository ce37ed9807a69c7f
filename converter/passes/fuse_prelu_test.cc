#include "converter/passes/fuse_prelu.h"

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


// Keras's PReLU: relu(x) + k * relu(-x), with k given by `factor` and the sum by `sum_op`.
tensorflow::GraphDef KerasPrelu(const std::string& sum_op, const std::string& factor,
                                bool mul_factor_first) {
  const std::string mul_inputs = mul_factor_first ? "input: '" + factor + "' input: 'relu_neg'"
                                                  : "input: 'relu_neg' input: '" + factor + "'";
  tensorflow::GraphDef graph = ParseGraph(std::string(R"pb(
    node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }
    node { name: 'relu' op: 'Relu' input: 'x' )pb") + kFloatT + R"pb( }
    node { name: 'neg' op: 'Neg' input: 'x' )pb" + kFloatT + R"pb( }
    node { name: 'relu_neg' op: 'Relu' input: 'neg' )pb" + kFloatT + R"pb( }
    node { name: 'neg_alpha' op: 'Neg' input: 'alpha' )pb" + kFloatT + R"pb( }
    node { name: 'mul' op: 'Mul' )pb" + mul_inputs + " " + kFloatT + R"pb( }
    node { name: 'y' op: ')pb" + sum_op + "' input: 'relu' input: 'mul' " + kFloatT + R"pb( }
  )pb");
  *graph.add_node() = RandomConst("alpha", {3}, 1);
  return graph;
}

TEST(FusePreluTest, FusesTheKerasPatternAndItsVariants) {
  struct Variant {
    const char* sum_op;
    const char* factor;
    bool factor_first;
    // The alpha input of the Prelu.
    const char* alpha;
  };
  for (const Variant& v : {Variant{"AddV2", "neg_alpha", true, "alpha"},
                           Variant{"Add", "neg_alpha", false, "alpha"},
                           Variant{"AddV2", "alpha", true, "y/alpha"},
                           Variant{"Sub", "alpha", false, "alpha"}}) {
    SCOPED_TRACE(std::string(v.sum_op) + " with factor " + v.factor);
    tensorflow::GraphDef graph = KerasPrelu(v.sum_op, v.factor, v.factor_first);
    const tensorflow::GraphDef before = graph;

    EXPECT_EQ(FusePrelu({"y"}, &graph), 1);

    const tensorflow::NodeDef* prelu = FindNode(graph, "y");
    ASSERT_NE(prelu, nullptr);
    EXPECT_EQ(prelu->op(), "Prelu");
    ASSERT_EQ(prelu->input_size(), 2);
    EXPECT_EQ(prelu->input(0), "x");
    EXPECT_EQ(prelu->input(1), v.alpha);
    for (const char* gone : {"relu", "neg", "relu_neg", "mul"}) {
      EXPECT_EQ(FindNode(graph, gone), nullptr) << gone;
    }
    ExpectSameOutputs(before, graph, {{"x", RandomFloats({2, 4, 3}, 2)}}, {"y"});
  }
}

TEST(FusePreluTest, KeepsThePatternWhenAPartIsReadElsewhere) {
  tensorflow::GraphDef graph = KerasPrelu("AddV2", "neg_alpha", true);
  EXPECT_EQ(FusePrelu({"y", "relu_neg"}, &graph), 0);
  EXPECT_EQ(FindNode(graph, "y")->op(), "AddV2");
}

}  // namespace
}  // namespace tfjs::converter
