#include "converter/passes/optimize.h"

#include <algorithm>

#include "converter/passes/graph_runner_testing.h"
#include "runtime/kernels/testing/op_test_util.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::ParseGraph;

// y = (size(x) < 3 ? x * 2 : x) read through identities, with an unused input `spare`: the
// predicate folds (x's shape is static), then the cond, then the identities go.
constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "shape" value { shape { dim { size: 2 } } } } }
  node { name: "spare" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "size" op: "Size" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "three" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 3 } } } }
  node { name: "small" op: "Less" input: "size" input: "three"
         attr { key: "T" value { type: DT_INT32 } } }
  node { name: "cond/Switch" op: "Switch" input: "x" input: "small"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/switch_t" op: "Identity" input: "cond/Switch:1"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/two" op: "Const" input: "^cond/switch_t"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
  node { name: "cond/double" op: "Mul" input: "cond/Switch:1" input: "cond/two"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/same" op: "Identity" input: "cond/Switch"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/Merge" op: "Merge" input: "cond/same" input: "cond/double"
         attr { key: "T" value { type: DT_FLOAT } } attr { key: "N" value { i: 2 } } }
  node { name: "read" op: "Identity" input: "cond/Merge" attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "y" op: "Identity" input: "read" attr { key: "T" value { type: DT_FLOAT } } }
)pb";

TEST(OptimizeTest, FoldsTheCondAndRemovesIdentitiesKeepingNames) {
  FrozenModel model;
  model.graph = ParseGraph(kGraph);
  (*model.signature.mutable_outputs())["y"].set_name("y:0");
  const tensorflow::GraphDef before = model.graph;
  ASSERT_TRUE(RunOptimizationPasses(model).ok());
  std::vector<std::string> names;
  for (const tensorflow::NodeDef& node : model.graph.node()) names.push_back(node.name());
  // x * 2 with the Const folded into the cond's branch; both inputs keep their names.
  EXPECT_EQ(names, (std::vector<std::string>{"x", "spare", "cond/two", "cond/double", "y"}));
  EXPECT_EQ(FindNode(model.graph, "cond/two")->input_size(), 0);
  ExpectSameOutputs(before, model.graph, {{"x", runtime::testing::Floats({2}, {1.5f, -3})}}, {"y:0"});
}

// --control_flow_v2 keeps loops functional: x = relu(conv(x, w) + b) repeated n times, with w a
// Const of the body and b a loop variable, and i counted through an Identity.
constexpr char kLoopGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "b" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "n" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "i0" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
  node { name: "loop" op: "While" input: "i0" input: "x" input: "b" input: "n"
         attr { key: "T" value { list { type: DT_INT32 type: DT_FLOAT type: DT_FLOAT type: DT_INT32 } } }
         attr { key: "cond" value { func { name: "cond" } } }
         attr { key: "body" value { func { name: "body" } } } }
  library {
    function {
      signature { name: "cond" input_arg { name: "i" type: DT_INT32 }
                  input_arg { name: "x" type: DT_FLOAT } input_arg { name: "b" type: DT_FLOAT }
                  input_arg { name: "n" type: DT_INT32 } output_arg { name: "more" type: DT_BOOL } }
      node_def { name: "less" op: "Less" input: "i" input: "n"
                 attr { key: "T" value { type: DT_INT32 } } }
      ret { key: "more" value: "less:z:0" }
    }
    function {
      signature { name: "body" input_arg { name: "i" type: DT_INT32 }
                  input_arg { name: "x" type: DT_FLOAT } input_arg { name: "b" type: DT_FLOAT }
                  input_arg { name: "n" type: DT_INT32 }
                  output_arg { name: "next_i" type: DT_INT32 } output_arg { name: "next_x" type: DT_FLOAT }
                  output_arg { name: "same_b" type: DT_FLOAT } output_arg { name: "same_n" type: DT_INT32 } }
      node_def { name: "one" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
                 attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } } }
      node_def { name: "add" op: "AddV2" input: "i" input: "one:output:0"
                 attr { key: "T" value { type: DT_INT32 } } }
      node_def { name: "counted" op: "Identity" input: "add:z:0"
                 attr { key: "T" value { type: DT_INT32 } } }
      node_def { name: "conv" op: "Conv2D" input: "x" input: "w:output:0"
                 attr { key: "T" value { type: DT_FLOAT } }
                 attr { key: "strides" value { list { i: 1 i: 1 i: 1 i: 1 } } }
                 attr { key: "padding" value { s: "SAME" } }
                 attr { key: "data_format" value { s: "NHWC" } } }
      node_def { name: "bias_add" op: "BiasAdd" input: "conv:output:0" input: "b"
                 attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "relu" op: "Relu" input: "bias_add:output:0"
                 attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "next_i" value: "counted:output:0" }
      ret { key: "next_x" value: "relu:activations:0" }
      ret { key: "same_b" value: "b" }
      ret { key: "same_n" value: "n" }
    }
  }
)pb";

TEST(OptimizeTest, FusesInsideFunctionBodiesKeepingTheirSignature) {
  FrozenModel model;
  model.graph = ParseGraph(kLoopGraph);
  tensorflow::FunctionDef& body = *model.graph.mutable_library()->mutable_function(1);
  *body.add_node_def() = testing::RandomConst("w", {3, 3, 2, 2}, 7);
  (*model.signature.mutable_outputs())["y"].set_name("loop:1");
  (*model.signature.mutable_outputs())["steps"].set_name("loop:0");
  const tensorflow::GraphDef before = model.graph;
  ASSERT_TRUE(RunOptimizationPasses(model).ok());

  const tensorflow::FunctionDef& optimized = model.graph.library().function(1);
  std::vector<std::string> ops;
  for (const tensorflow::NodeDef& node : optimized.node_def()) ops.push_back(node.op());
  std::sort(ops.begin(), ops.end());
  EXPECT_EQ(ops, (std::vector<std::string>{"AddV2", "Const", "Const", "_FusedConv2D"}));
  EXPECT_EQ(optimized.ret().at("next_x"), "relu:output:0");
  EXPECT_EQ(optimized.ret().at("next_i"), "add:z:0");
  EXPECT_EQ(optimized.ret().at("same_b"), "b");
  EXPECT_EQ(optimized.signature().DebugString(), before.library().function(1).signature().DebugString());

  std::vector<float> x(1 * 4 * 4 * 2);
  for (size_t k = 0; k < x.size(); ++k) x[k] = 0.25f * static_cast<float>(k % 7) - 0.5f;
  for (int n : {0, 1, 3}) {
    ExpectSameOutputs(before, model.graph,
                      {{"x", runtime::testing::Floats({1, 4, 4, 2}, x)},
                       {"b", runtime::testing::Floats({2}, {0.125f, -0.25f})},
                       {"n", runtime::Tensor::Scalar(tensorflow::DT_INT32, n)}},
                      {"loop:0", "loop:1"});
  }
}

}  // namespace
}  // namespace tfjs::converter
