#include "converter/passes/fold_constants.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "runtime/kernels/testing/op_test_util.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"
#include "runtime/tensor_proto.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::InputsOf;
using testing::ParseGraph;

// Text-format Const nodes.
std::string FloatConst(const std::string& name, const std::string& shape,
                       const std::string& values) {
  return absl::StrCat(R"(node { name: ")", name, R"(" op: "Const"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { )", shape, " } ",
                      values, R"( } } } })");
}
std::string IntConst(const std::string& name, const std::string& shape,
                     const std::string& values) {
  return absl::StrCat(R"(node { name: ")", name, R"(" op: "Const"
      attr { key: "dtype" value { type: DT_INT32 } }
      attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { )", shape, " } ",
                      values, R"( } } } })");
}
std::string Placeholder(const std::string& name, const std::string& shape) {
  return absl::StrCat(R"(node { name: ")", name, R"(" op: "Placeholder"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "shape" value { shape { )", shape, R"( } } } })");
}
std::string FloatOp(const std::string& name, const std::string& op,
                    const std::vector<std::string>& inputs) {
  std::string text = absl::StrCat(R"(node { name: ")", name, R"(" op: ")", op, R"(")");
  for (const std::string& input : inputs) absl::StrAppend(&text, R"( input: ")", input, R"(")");
  absl::StrAppend(&text, R"( attr { key: "T" value { type: DT_FLOAT } } })");
  return text;
}

std::vector<float> FloatValues(const tensorflow::NodeDef& node) {
  absl::StatusOr<runtime::Tensor> tensor =
      runtime::TensorFromProto(node.attr().at("value").tensor());
  if (!tensor.ok()) return {};
  auto values = tensor->values<float>();
  return std::vector<float>(values.begin(), values.end());
}

TEST(FoldConstantsTest, FoldsArithmeticOnConstantsKeepingTheName) {
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: 2 }"), FloatConst("a", "dim { size: 2 }", "float_val: 1 float_val: 2"),
      FloatConst("b", "", "float_val: 3"), FloatOp("sum", "AddV2", {"a", "b"}),
      FloatOp("scaled", "Mul", {"sum", "b"}), FloatOp("y", "Mul", {"x", "scaled"})));
  tensorflow::GraphDef after = before;
  absl::StatusOr<bool> changed = FoldConstants({"y:0", "x:0"}, &after);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_TRUE(*changed);
  ASSERT_EQ(after.node_size(), 3);
  const tensorflow::NodeDef* scaled = FindNode(after, "scaled");
  ASSERT_NE(scaled, nullptr);
  EXPECT_EQ(scaled->op(), "Const");
  EXPECT_EQ(FloatValues(*scaled), (std::vector<float>{12, 15}));
  EXPECT_EQ(InputsOf(*FindNode(after, "y")), (std::vector<std::string>{"x", "scaled"}));
  ExpectSameOutputs(before, after, {{"x", runtime::testing::Floats({2}, {0.5f, -1})}}, {"y:0"});
}

TEST(FoldConstantsTest, FoldsShapeSizeAndRankOfAStaticallyKnownShape) {
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: 2 } dim { size: 3 }"), FloatOp("r", "Relu", {"x"}),
      FloatOp("shape", "Shape", {"r"}), FloatOp("size", "Size", {"r"}),
      FloatOp("rank", "Rank", {"r"}), IntConst("one", "", "int_val: 1"),
      R"(node { name: "flat" op: "Reshape" input: "r" input: "size"
             attr { key: "T" value { type: DT_FLOAT } } }
         node { name: "same" op: "Reshape" input: "r" input: "shape"
             attr { key: "T" value { type: DT_FLOAT } } }
         node { name: "rank_plus_one" op: "AddV2" input: "rank" input: "one"
             attr { key: "T" value { type: DT_INT32 } } }
         node { name: "factor" op: "Cast" input: "rank_plus_one"
             attr { key: "SrcT" value { type: DT_INT32 } }
             attr { key: "DstT" value { type: DT_FLOAT } } })",
      FloatOp("scaled", "Mul", {"r", "factor"})));
  tensorflow::GraphDef after = before;
  ASSERT_TRUE(FoldConstants({"flat:0", "same:0", "scaled:0"}, &after).ok());
  for (const char* name : {"shape", "size", "factor"}) {
    ASSERT_NE(FindNode(after, name), nullptr) << name;
    EXPECT_EQ(FindNode(after, name)->op(), "Const") << name;
  }
  EXPECT_EQ(FloatValues(*FindNode(after, "factor")), (std::vector<float>{3}));
  EXPECT_EQ(FindNode(after, "rank"), nullptr);
  EXPECT_EQ(FindNode(after, "flat")->op(), "Reshape");
  ExpectSameOutputs(before, after, {{"x", runtime::testing::Floats({2, 3}, {1, -2, 3, -4, 5, -6})}},
                    {"flat:0", "same:0", "scaled:0"});
}

TEST(FoldConstantsTest, LeavesNodesToPreserveUnfolded) {
  tensorflow::GraphDef graph = ParseGraph(absl::StrCat(
      FloatConst("a", "", "float_val: 1"), FloatOp("neg", "Neg", {"a"}),
      FloatOp("out", "Exp", {"neg"})));
  ASSERT_TRUE(FoldConstants({"out:0"}, &graph).ok());
  EXPECT_EQ(FindNode(graph, "out")->op(), "Exp");
  EXPECT_EQ(FindNode(graph, "neg")->op(), "Const");
}

TEST(FoldConstantsTest, LeavesShapesOfUnknownDimsAndRandomOpsAlone) {
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: -1 } dim { size: 3 }"), FloatOp("shape", "Shape", {"x"}),
      IntConst("dims", "dim { size: 1 }", "int_val: 4"),
      R"(node { name: "noise" op: "RandomUniform" input: "dims"
             attr { key: "T" value { type: DT_INT32 } }
             attr { key: "dtype" value { type: DT_FLOAT } } })",
      FloatOp("rank", "Rank", {"x"}), FloatOp("shape_out", "Identity", {"shape"}),
      FloatOp("noise_out", "Identity", {"noise"}), FloatOp("rank_out", "Identity", {"rank"})));
  tensorflow::GraphDef after = before;
  ASSERT_TRUE(FoldConstants({"shape_out:0", "noise_out:0", "rank_out:0"}, &after).ok());
  EXPECT_EQ(FindNode(after, "shape")->op(), "Shape");
  EXPECT_EQ(FindNode(after, "noise")->op(), "RandomUniform");
  // The rank is known even though a dim is not.
  EXPECT_EQ(FindNode(after, "rank")->op(), "Const");
}

TEST(FoldConstantsTest, GivesEachReadOutputOfAMultiOutputNodeItsOwnConst) {
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: 2 }"),
      FloatConst("c", "dim { size: 4 }", "float_val: 1 float_val: 2 float_val: 3 float_val: 4"),
      IntConst("axis", "", "int_val: 0"),
      R"(node { name: "split" op: "Split" input: "axis" input: "c"
             attr { key: "T" value { type: DT_FLOAT } } attr { key: "num_split" value { i: 2 } } })",
      FloatOp("y0", "Mul", {"x", "split"}), FloatOp("y1", "Mul", {"x", "split:1"})));
  tensorflow::GraphDef after = before;
  ASSERT_TRUE(FoldConstants({"y0:0", "y1:0"}, &after).ok());
  EXPECT_EQ(FindNode(after, "split"), nullptr);
  EXPECT_EQ(InputsOf(*FindNode(after, "y0")), (std::vector<std::string>{"x", "split/folded_0"}));
  EXPECT_EQ(InputsOf(*FindNode(after, "y1")), (std::vector<std::string>{"x", "split/folded_1"}));
  EXPECT_EQ(FloatValues(*FindNode(after, "split/folded_1")), (std::vector<float>{3, 4}));
  ExpectSameOutputs(before, after, {{"x", runtime::testing::Floats({2}, {2, 3})}}, {"y0:0", "y1:0"});
}

TEST(FoldConstantsTest, KeepsIdentitiesOfConstsInsteadOfCopyingWeights) {
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: 2 }"), FloatConst("w", "dim { size: 2 }", "float_val: 1 float_val: 2"),
      FloatOp("w/read", "Identity", {"w"}), FloatOp("y", "Mul", {"x", "w/read"})));
  tensorflow::GraphDef after = before;
  absl::StatusOr<bool> changed = FoldConstants({"y:0"}, &after);
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(*changed);
  EXPECT_EQ(after.node_size(), 4);
}

TEST(FoldConstantsTest, DropsControlEdgesFromFoldedNodes) {
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: 1 }"), FloatConst("a", "", "float_val: 2"),
      FloatOp("neg", "Neg", {"a"}), FloatOp("y", "Mul", {"x", "neg", "^a", "^neg"})));
  tensorflow::GraphDef after = before;
  ASSERT_TRUE(FoldConstants({"y:0"}, &after).ok());
  EXPECT_EQ(InputsOf(*FindNode(after, "y")), (std::vector<std::string>{"x", "neg"}));
  EXPECT_EQ(FindNode(after, "a"), nullptr);
  ExpectSameOutputs(before, after, {{"x", runtime::testing::Floats({1}, {4})}}, {"y:0"});
}

TEST(FoldConstantsTest, DoesNotFoldThroughConstsWaitingOnInputs) {
  // A Const with a control input from the model's input (as in a cond branch) is not known
  // before the model runs.
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: 1 }"),
      R"(node { name: "c" op: "Const" input: "^x"
             attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } })",
      FloatOp("neg", "Neg", {"c"}), FloatOp("y", "Mul", {"x", "neg"})));
  tensorflow::GraphDef after = before;
  ASSERT_TRUE(FoldConstants({"y:0"}, &after).ok());
  EXPECT_EQ(FindNode(after, "neg")->op(), "Neg");
}

TEST(FoldConstantsTest, LeavesLargeResultsAndFailingNodesUnfolded) {
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      Placeholder("x", "dim { size: 1 }"), IntConst("dims", "dim { size: 1 }", "int_val: 100"),
      FloatConst("one", "", "float_val: 1"),
      R"(node { name: "big" op: "Fill" input: "dims" input: "one"
             attr { key: "T" value { type: DT_FLOAT } } })",
      FloatOp("y", "Mul", {"x", "big"}),
      IntConst("bad_shape", "dim { size: 1 }", "int_val: 3"),
      R"(node { name: "bad" op: "Reshape" input: "one" input: "bad_shape"
             attr { key: "T" value { type: DT_FLOAT } } })",
      FloatOp("bad_out", "Identity", {"bad"}), FloatOp("neg", "Neg", {"one"}),
      FloatOp("z", "Mul", {"x", "neg"})));
  tensorflow::GraphDef after = before;
  FoldConstantsOptions options;
  options.max_constant_bytes = 64;
  ASSERT_TRUE(FoldConstants({"y:0", "bad_out:0", "z:0"}, &after, options).ok());
  EXPECT_EQ(FindNode(after, "big")->op(), "Fill");
  EXPECT_EQ(FindNode(after, "bad")->op(), "Reshape");
  EXPECT_EQ(FindNode(after, "neg")->op(), "Const");
  ExpectSameOutputs(before, after, {{"x", runtime::testing::Floats({1}, {3})}}, {"y:0", "z:0"});
}

TEST(FoldConstantsTest, MakesNoConstsOfDtypesTfjsCannotHold) {
  // uint8 -> float32 Casts fold as a whole; a uint8 tensor read by a node that stays does not.
  const tensorflow::GraphDef before = ParseGraph(absl::StrCat(
      FloatConst("c", "dim { size: 2 }", "float_val: 3.7 float_val: 300"),
      R"(node { name: "bytes" op: "Cast" input: "c"
             attr { key: "SrcT" value { type: DT_FLOAT } } attr { key: "DstT" value { type: DT_UINT8 } } }
         node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_UINT8 } } }
         node { name: "x_or_bytes" op: "Maximum" input: "x" input: "bytes"
             attr { key: "T" value { type: DT_UINT8 } } }
         node { name: "back" op: "Cast" input: "bytes"
             attr { key: "SrcT" value { type: DT_UINT8 } } attr { key: "DstT" value { type: DT_FLOAT } } })",
      Placeholder("y", "dim { size: 2 }"), FloatOp("sum", "AddV2", {"y", "back"})));
  tensorflow::GraphDef after = before;
  ASSERT_TRUE(FoldConstants({"x_or_bytes:0", "sum:0"}, &after).ok());
  EXPECT_EQ(FindNode(after, "bytes")->op(), "Cast");
  EXPECT_EQ(FindNode(after, "back")->op(), "Const");
  EXPECT_EQ(FloatValues(*FindNode(after, "back")), (std::vector<float>{3, 44}));
}

}  // namespace
}  // namespace tfjs::converter
