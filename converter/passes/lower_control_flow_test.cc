#include "converter/passes/lower_control_flow.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "converter/passes/graph_runner_testing.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::ParseGraph;

// `graph` (text ending inside its open library) with the library completed by "cond" and "body"
// of a loop over (i, acc, n) that runs while i < n, adding 1 to i, its next acc made by `step`
// (body nodes whose result is "step:output:0").
std::string WithCountingLoop(const std::string& graph, const std::string& step) {
  return absl::StrCat(graph, R"pb(
    function {
      signature { name: "cond" input_arg { name: "i" type: DT_INT32 }
                  input_arg { name: "acc" type: DT_FLOAT } input_arg { name: "n" type: DT_INT32 }
                  output_arg { name: "keep_going" type: DT_BOOL } }
      node_def { name: "less" op: "Less" input: "i" input: "n"
                 attr { key: "T" value { type: DT_INT32 } } }
      ret { key: "keep_going" value: "less:z:0" }
    }
    function {
      signature { name: "body" input_arg { name: "i" type: DT_INT32 }
                  input_arg { name: "acc" type: DT_FLOAT } input_arg { name: "n" type: DT_INT32 }
                  output_arg { name: "next_i" type: DT_INT32 }
                  output_arg { name: "next_acc" type: DT_FLOAT }
                  output_arg { name: "same_n" type: DT_INT32 } }
      node_def { name: "one" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
                 attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } } }
      node_def { name: "add" op: "AddV2" input: "i" input: "one:output:0"
                 attr { key: "T" value { type: DT_INT32 } } }
  )pb", step, R"pb(
      ret { key: "next_i" value: "add:z:0" }
      ret { key: "next_acc" value: "step:output:0" }
      ret { key: "same_n" value: "n" }
    }
  }
  )pb");
}

// y = (x > 0 ? x * 2 : x - 1) at the top level, and a loop
//   i = 0; while i < n: acc = (acc > 5 ? acc - 1 : acc * 2); i += 1
// whose body holds a StatelessIf (kWhileIfStep), so lowering the loop brings an If to the top
// level. WithCountingLoop completes its library.
constexpr char kGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "n" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "zero" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 0 } } } }
  node { name: "i0" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
  node { name: "positive" op: "Greater" input: "x" input: "zero"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "y" op: "If" input: "positive" input: "x"
         attr { key: "Tcond" value { type: DT_BOOL } }
         attr { key: "Tin" value { list { type: DT_FLOAT } } }
         attr { key: "Tout" value { list { type: DT_FLOAT } } }
         attr { key: "then_branch" value { func { name: "times_two" } } }
         attr { key: "else_branch" value { func { name: "minus_one" } } } }
  node { name: "loop" op: "While" input: "i0" input: "x" input: "n"
         attr { key: "T" value { list { type: DT_INT32 type: DT_FLOAT type: DT_INT32 } } }
         attr { key: "cond" value { func { name: "cond" } } }
         attr { key: "body" value { func { name: "body" } } }
         attr { key: "parallel_iterations" value { i: 10 } } }
  library {
    function {
      signature { name: "times_two" input_arg { name: "v" type: DT_FLOAT }
                  output_arg { name: "out" type: DT_FLOAT } }
      node_def { name: "two" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
      node_def { name: "mul" op: "Mul" input: "v" input: "two:output:0"
                 attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "out" value: "mul:z:0" }
    }
    function {
      signature { name: "minus_one" input_arg { name: "v" type: DT_FLOAT }
                  output_arg { name: "out" type: DT_FLOAT } }
      node_def { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } }
      node_def { name: "sub" op: "Sub" input: "v" input: "one:output:0"
                 attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "out" value: "sub:z:0" }
    }
)pb";

constexpr char kWhileIfStep[] = R"pb(
      node_def { name: "five" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 5 } } } }
      node_def { name: "big" op: "Greater" input: "acc" input: "five:output:0"
                 attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "step" op: "StatelessIf" input: "big:z:0" input: "acc"
                 attr { key: "Tcond" value { type: DT_BOOL } }
                 attr { key: "Tin" value { list { type: DT_FLOAT } } }
                 attr { key: "Tout" value { list { type: DT_FLOAT } } }
                 attr { key: "then_branch" value { func { name: "minus_one" } } }
                 attr { key: "else_branch" value { func { name: "times_two" } } } }
)pb";

runtime::Tensor FloatScalar(float value) {
  return runtime::Tensor::Scalar(tensorflow::DT_FLOAT, value);
}
runtime::Tensor IntScalar(int32_t value) {
  return runtime::Tensor::Scalar(tensorflow::DT_INT32, value);
}

TEST(LowerControlFlowTest, LowersWhileAndIfIncludingNestedOnes) {
  const tensorflow::GraphDef before = ParseGraph(WithCountingLoop(kGraph, kWhileIfStep));
  tensorflow::GraphDef graph = before;

  ASSERT_TRUE(LowerControlFlow(&graph).ok());

  std::set<std::string> ops;
  for (const tensorflow::NodeDef& node : graph.node()) ops.insert(node.op());
  for (const char* functional : {"If", "StatelessIf", "While", "PartitionedCall"}) {
    EXPECT_EQ(ops.count(functional), 0u) << functional;
  }
  for (const char* lowered : {"Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond"}) {
    EXPECT_EQ(ops.count(lowered), 1u) << lowered;
  }
  EXPECT_EQ(graph.library().function_size(), 0);
  EXPECT_EQ(FindNode(graph, "loop")->op(), "IdentityN");
  EXPECT_EQ(FindNode(graph, "y")->op(), "Identity");
  EXPECT_EQ(FindNode(graph, "loop/enter_1")->attr().at("frame_name").s(), "loop");

  for (float x : {-3.f, 0.5f, 4.f}) {
    for (int32_t n : {0, 1, 6}) {
      SCOPED_TRACE(absl::StrCat("x=", x, " n=", n));
      ExpectSameOutputs(before, graph, {{"x", FloatScalar(x)}, {"n", IntScalar(n)}},
                        {"y", "loop:0", "loop:1", "loop:2"});
    }
  }
}

// (y, id) = case(index, x) over the branches (2x, 0), (x - 1, 1), (-x, 2), and a loop
//   i = 0; while i < n: acc = case(i, acc)[0]; i += 1
// whose body holds the StatelessCase (kCaseStep), so its index runs past the branches.
// WithCountingLoop completes its library.
constexpr char kCaseGraph[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "index" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "n" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "i0" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
  node { name: "case" op: "Case" input: "index" input: "x"
         attr { key: "Tin" value { list { type: DT_FLOAT } } }
         attr { key: "Tout" value { list { type: DT_FLOAT type: DT_FLOAT } } }
         attr { key: "branches" value { list { func { name: "double" } func { name: "decrement" }
                                               func { name: "negate" } } } } }
  node { name: "loop" op: "StatelessWhile" input: "i0" input: "x" input: "n"
         attr { key: "T" value { list { type: DT_INT32 type: DT_FLOAT type: DT_INT32 } } }
         attr { key: "cond" value { func { name: "cond" } } }
         attr { key: "body" value { func { name: "body" } } } }
  library {
    function {
      signature { name: "double" input_arg { name: "v" type: DT_FLOAT }
                  output_arg { name: "out" type: DT_FLOAT } output_arg { name: "id" type: DT_FLOAT } }
      node_def { name: "add" op: "AddV2" input: "v" input: "v" attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "id" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 0 } } } }
      ret { key: "out" value: "add:z:0" }
      ret { key: "id" value: "id:output:0" }
    }
    function {
      signature { name: "decrement" input_arg { name: "v" type: DT_FLOAT }
                  output_arg { name: "out" type: DT_FLOAT } output_arg { name: "id" type: DT_FLOAT } }
      node_def { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } }
      node_def { name: "sub" op: "Sub" input: "v" input: "one:output:0"
                 attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "out" value: "sub:z:0" }
      ret { key: "id" value: "one:output:0" }
    }
    function {
      signature { name: "negate" input_arg { name: "v" type: DT_FLOAT }
                  output_arg { name: "out" type: DT_FLOAT } output_arg { name: "id" type: DT_FLOAT } }
      node_def { name: "neg" op: "Neg" input: "v" attr { key: "T" value { type: DT_FLOAT } } }
      node_def { name: "id" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
      ret { key: "out" value: "neg:y:0" }
      ret { key: "id" value: "id:output:0" }
    }
)pb";

constexpr char kCaseStep[] = R"pb(
      node_def { name: "step" op: "StatelessCase" input: "i" input: "acc"
                 attr { key: "Tin" value { list { type: DT_FLOAT } } }
                 attr { key: "Tout" value { list { type: DT_FLOAT type: DT_FLOAT } } }
                 attr { key: "branches" value { list { func { name: "double" }
                                                       func { name: "decrement" }
                                                       func { name: "negate" } } } } }
)pb";

// The branch TF's Case takes: `index`, or the last one when `index` is out of range.
int TakenBranch(int index) { return index < 0 || index > 2 ? 2 : index; }
float Branch(int branch, float x) { return branch == 0 ? 2 * x : branch == 1 ? x - 1 : -x; }

TEST(LowerControlFlowTest, LowersCaseTakingTheLastBranchOutOfRange) {
  tensorflow::GraphDef graph = ParseGraph(WithCountingLoop(kCaseGraph, kCaseStep));
  ASSERT_TRUE(LowerControlFlow(&graph).ok());
  std::set<std::string> ops;
  for (const tensorflow::NodeDef& node : graph.node()) ops.insert(node.op());
  for (const char* functional : {"Case", "StatelessCase", "StatelessWhile", "PartitionedCall"}) {
    EXPECT_EQ(ops.count(functional), 0u) << functional;
  }
  EXPECT_EQ(graph.library().function_size(), 0);
  EXPECT_EQ(FindNode(graph, "case")->op(), "IdentityN");
  EXPECT_EQ(FindNode(graph, "case/merge_0")->input_size(), 3);

  const float x = 1.5f;
  for (int index : {-7, -1, 0, 1, 2, 3, 100}) {
    for (int n : {0, 2, 5}) {
      SCOPED_TRACE(absl::StrCat("index=", index, " n=", n));
      absl::StatusOr<std::vector<runtime::Tensor>> outputs =
          testing::RunGraph(graph, {{"x", FloatScalar(x)}, {"index", IntScalar(index)}, {"n", IntScalar(n)}},
                            {"case:0", "case:1", "loop:1"});
      ASSERT_TRUE(outputs.ok()) << outputs.status();
      EXPECT_EQ((*outputs)[0].data<float>()[0], Branch(TakenBranch(index), x));
      EXPECT_EQ((*outputs)[1].data<float>()[0], TakenBranch(index));
      float acc = x;
      for (int i = 0; i < n; ++i) acc = Branch(TakenBranch(i), acc);
      EXPECT_EQ((*outputs)[2].data<float>()[0], acc);
    }
  }
}

TEST(LowerControlFlowTest, LeavesIfWithoutBoolPredicateFunctional) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
    node { name: "y" op: "If" input: "p" input: "p"
           attr { key: "Tcond" value { type: DT_INT32 } }
           attr { key: "Tin" value { list { type: DT_INT32 } } }
           attr { key: "Tout" value { list { type: DT_INT32 } } }
           attr { key: "then_branch" value { func { name: "f" } } }
           attr { key: "else_branch" value { func { name: "f" } } } }
    library { function { signature { name: "f" input_arg { name: "v" type: DT_INT32 }
                                     output_arg { name: "out" type: DT_INT32 } }
                         ret { key: "out" value: "v" } } }
  )pb");
  ASSERT_TRUE(LowerControlFlow(&graph).ok());
  EXPECT_EQ(FindNode(graph, "y")->op(), "If");
  EXPECT_EQ(graph.library().function_size(), 1);
}

TEST(LowerControlFlowTest, NamesTheMissingFunction) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_BOOL } } }
    node { name: "y" op: "If" input: "p" input: "p"
           attr { key: "Tin" value { list { type: DT_BOOL } } }
           attr { key: "Tout" value { list { type: DT_BOOL } } }
           attr { key: "then_branch" value { func { name: "nowhere" } } }
           attr { key: "else_branch" value { func { name: "nowhere" } } } }
  )pb");
  const absl::Status status = LowerControlFlow(&graph);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("'y'"), std::string::npos) << status;
}

}  // namespace
}  // namespace tfjs::converter
