#include <string>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Bools;
using testing::Floats;

constexpr char kConditional[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "pred"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_BOOL }
    }
  }
  node { name: "switch" op: "Switch" input: "x" input: "pred" }
  node { name: "when_false" op: "Identity" input: "switch" }
  node { name: "when_true" op: "Identity" input: "switch:1" }
  node { name: "merge" op: "Merge" input: "when_false" input: "when_true" }
)pb";

std::unique_ptr<GraphModel> Load(const char* text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  auto model = GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  EXPECT_TRUE(model.ok()) << model.status();
  return *std::move(model);
}

TEST(ControlFlowTest, ConditionalTakesOneBranchAndMergeReportsWhich) {
  std::unique_ptr<GraphModel> model = Load(kConditional);
  for (bool predicate : {false, true}) {
    auto outputs = model->ExecuteAsync(
        {{"x", Floats({2}, {3.f, 4.f})}, {"pred", Bools({}, {predicate})}}, {"merge", "merge:1"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_THAT(testing::FloatValues((*outputs)[0]), ::testing::ElementsAre(3.f, 4.f));
    EXPECT_EQ((*outputs)[1].values<int32_t>()[0], predicate ? 1 : 0);
  }
}

TEST(ControlFlowTest, UntakenBranchCannotBeFetched) {
  std::unique_ptr<GraphModel> model = Load(kConditional);
  auto outputs =
      model->ExecuteAsync({{"x", Floats({1}, {1.f})}, {"pred", Bools({}, {false})}}, {"when_true"});
  ASSERT_FALSE(outputs.ok());
  EXPECT_NE(outputs.status().message().find("untaken branch"), std::string::npos)
      << outputs.status();
}

TEST(ControlFlowTest, ExecuteAsksForExecuteAsync) {
  std::unique_ptr<GraphModel> model = Load(kConditional);
  auto outputs =
      model->Execute({{"x", Floats({1}, {1.f})}, {"pred", Bools({}, {true})}}, {"merge"});
  ASSERT_FALSE(outputs.ok());
  EXPECT_NE(outputs.status().message().find("use ExecuteAsync"), std::string::npos)
      << outputs.status();
}

// i = start; while i < n: i += 1  (TF1 loop: Enter/Merge/LoopCond/Switch/NextIteration/Exit)
constexpr char kLoop[] = R"pb(
  node {
    name: "start"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "n"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "enter_i"
    op: "Enter"
    input: "start"
    attr {
      key: "frame_name"
      value { s: "loop" }
    }
  }
  node {
    name: "enter_n"
    op: "Enter"
    input: "n"
    attr {
      key: "frame_name"
      value { s: "loop" }
    }
    attr {
      key: "is_constant"
      value { b: true }
    }
  }
  node { name: "merge_i" op: "Merge" input: "enter_i" input: "next_i" }
  node { name: "less" op: "Less" input: "merge_i" input: "enter_n" }
  node { name: "cond" op: "LoopCond" input: "less" }
  node { name: "switch_i" op: "Switch" input: "merge_i" input: "cond" }
  node { name: "exit_i" op: "Exit" input: "switch_i" }
  node { name: "body_i" op: "Identity" input: "switch_i:1" }
  node {
    name: "one"
    op: "Const"
    input: "^body_i"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape {}
          int_val: 1
        }
      }
    }
  }
  node { name: "add" op: "AddV2" input: "body_i" input: "one" }
  node { name: "next_i" op: "NextIteration" input: "add" }
)pb";

TEST(ControlFlowTest, WhileLoopRunsToItsExit) {
  std::unique_ptr<GraphModel> model = Load(kLoop);
  for (auto [start, n, expected] : {std::tuple{0, 5, 5}, {7, 5, 7}, {-3, 0, 0}}) {
    auto outputs = model->ExecuteAsync(
        {{"start", testing::Ints({}, {start})}, {"n", testing::Ints({}, {n})}}, {"exit_i"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ((*outputs)[0].values<int32_t>()[0], expected) << start << " " << n;
  }
}

// acc = 0; for i in range(3): acc += i * k, where k is fed, so its loop-invariant Enter completes
// only after the counter (built from Consts) has run ahead through every iteration.
constexpr char kLoopWithLateInvariant[] = R"pb(
  node {
    name: "k"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "start"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape {}
          int_val: 0
        }
      }
    }
  }
  node {
    name: "n"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape {}
          int_val: 3
        }
      }
    }
  }
  node {
    name: "enter_i"
    op: "Enter"
    input: "start"
    attr {
      key: "frame_name"
      value { s: "loop" }
    }
  }
  node {
    name: "enter_acc"
    op: "Enter"
    input: "start"
    attr {
      key: "frame_name"
      value { s: "loop" }
    }
  }
  node {
    name: "enter_n"
    op: "Enter"
    input: "n"
    attr {
      key: "frame_name"
      value { s: "loop" }
    }
    attr {
      key: "is_constant"
      value { b: true }
    }
  }
  node {
    name: "enter_k"
    op: "Enter"
    input: "k"
    attr {
      key: "frame_name"
      value { s: "loop" }
    }
    attr {
      key: "is_constant"
      value { b: true }
    }
  }
  node { name: "merge_i" op: "Merge" input: "enter_i" input: "next_i" }
  node { name: "merge_acc" op: "Merge" input: "enter_acc" input: "next_acc" }
  node { name: "less" op: "Less" input: "merge_i" input: "enter_n" }
  node { name: "cond" op: "LoopCond" input: "less" }
  node { name: "switch_i" op: "Switch" input: "merge_i" input: "cond" }
  node { name: "switch_acc" op: "Switch" input: "merge_acc" input: "cond" }
  node { name: "exit_acc" op: "Exit" input: "switch_acc" }
  node { name: "body_i" op: "Identity" input: "switch_i:1" }
  node { name: "body_acc" op: "Identity" input: "switch_acc:1" }
  node {
    name: "one"
    op: "Const"
    input: "^body_i"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape {}
          int_val: 1
        }
      }
    }
  }
  node { name: "add_i" op: "AddV2" input: "body_i" input: "one" }
  node { name: "next_i" op: "NextIteration" input: "add_i" }
  node { name: "term" op: "Mul" input: "body_i" input: "enter_k" }
  node { name: "add_acc" op: "AddV2" input: "body_acc" input: "term" }
  node { name: "next_acc" op: "NextIteration" input: "add_acc" }
)pb";

TEST(ControlFlowTest, LateLoopInvariantReachesIterationsAlreadyStarted) {
  std::unique_ptr<GraphModel> model = Load(kLoopWithLateInvariant);
  auto outputs = model->ExecuteAsync({{"k", testing::Ints({}, {2})}}, {"exit_acc"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].values<int32_t>()[0], 0 * 2 + 1 * 2 + 2 * 2);
}

// acc = 0; for i in range(start, 3): for j in range(m): acc += k. k and m reach the inner loop
// through two loop-invariant Enters (outer frame, then inner), as tf.while_loop nests them; they
// complete before the outer loop's first iteration ends (the feeds run last-first), so every
// later outer iteration starts a new run of the inner loop that needs them again.
constexpr char kNestedLoops[] = R"pb(
  node { name: "start" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "k" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "m" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "zero" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
  node { name: "three" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 3 } } } }
  node { name: "enter_i" op: "Enter" input: "start"
         attr { key: "frame_name" value { s: "outer" } } }
  node { name: "enter_acc" op: "Enter" input: "zero"
         attr { key: "frame_name" value { s: "outer" } } }
  node { name: "enter_n" op: "Enter" input: "three"
         attr { key: "frame_name" value { s: "outer" } }
         attr { key: "is_constant" value { b: true } } }
  node { name: "enter_k" op: "Enter" input: "k"
         attr { key: "frame_name" value { s: "outer" } }
         attr { key: "is_constant" value { b: true } } }
  node { name: "enter_m" op: "Enter" input: "m"
         attr { key: "frame_name" value { s: "outer" } }
         attr { key: "is_constant" value { b: true } } }
  node { name: "merge_i" op: "Merge" input: "enter_i" input: "next_i" }
  node { name: "merge_acc" op: "Merge" input: "enter_acc" input: "next_acc" }
  node { name: "less" op: "Less" input: "merge_i" input: "enter_n" }
  node { name: "cond" op: "LoopCond" input: "less" }
  node { name: "switch_i" op: "Switch" input: "merge_i" input: "cond" }
  node { name: "switch_acc" op: "Switch" input: "merge_acc" input: "cond" }
  node { name: "exit_acc" op: "Exit" input: "switch_acc" }
  node { name: "body_i" op: "Identity" input: "switch_i:1" }
  node { name: "body_acc" op: "Identity" input: "switch_acc:1" }
  node { name: "one" op: "Const" input: "^body_i" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } } }
  node { name: "add_i" op: "AddV2" input: "body_i" input: "one" }
  node { name: "next_i" op: "NextIteration" input: "add_i" }
  node { name: "zero_j" op: "Const" input: "^body_i" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }
  node { name: "in_enter_j" op: "Enter" input: "zero_j"
         attr { key: "frame_name" value { s: "inner" } } }
  node { name: "in_enter_acc" op: "Enter" input: "body_acc"
         attr { key: "frame_name" value { s: "inner" } } }
  node { name: "in_enter_m" op: "Enter" input: "enter_m"
         attr { key: "frame_name" value { s: "inner" } }
         attr { key: "is_constant" value { b: true } } }
  node { name: "in_enter_k" op: "Enter" input: "enter_k"
         attr { key: "frame_name" value { s: "inner" } }
         attr { key: "is_constant" value { b: true } } }
  node { name: "in_merge_j" op: "Merge" input: "in_enter_j" input: "in_next_j" }
  node { name: "in_merge_acc" op: "Merge" input: "in_enter_acc" input: "in_next_acc" }
  node { name: "in_less" op: "Less" input: "in_merge_j" input: "in_enter_m" }
  node { name: "in_cond" op: "LoopCond" input: "in_less" }
  node { name: "in_switch_j" op: "Switch" input: "in_merge_j" input: "in_cond" }
  node { name: "in_switch_acc" op: "Switch" input: "in_merge_acc" input: "in_cond" }
  node { name: "in_exit_acc" op: "Exit" input: "in_switch_acc" }
  node { name: "in_body_j" op: "Identity" input: "in_switch_j:1" }
  node { name: "in_body_acc" op: "Identity" input: "in_switch_acc:1" }
  node { name: "in_one" op: "Const" input: "^in_body_j"
         attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } } }
  node { name: "in_add_j" op: "AddV2" input: "in_body_j" input: "in_one" }
  node { name: "in_next_j" op: "NextIteration" input: "in_add_j" }
  node { name: "in_add_acc" op: "AddV2" input: "in_body_acc" input: "in_enter_k" }
  node { name: "in_next_acc" op: "NextIteration" input: "in_add_acc" }
  node { name: "next_acc" op: "NextIteration" input: "in_exit_acc" }
)pb";

TEST(ControlFlowTest, NestedLoopGetsOuterInvariantsInEveryOuterIteration) {
  std::unique_ptr<GraphModel> model = Load(kNestedLoops);
  for (auto [k, m] : {std::pair{5, 2}, {7, 0}, {1, 4}}) {
    auto outputs = model->ExecuteAsync(
        {{"start", testing::Ints({}, {0})}, {"k", testing::Ints({}, {k})},
         {"m", testing::Ints({}, {m})}},
        {"exit_acc"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ((*outputs)[0].values<int32_t>()[0], 3 * m * k) << k << " " << m;
  }
}

// A cond whose "branch executed" Merge also waits on a node of the else branch, as TF2's lowered
// If writes it (the Merge of the pivots with control inputs from the branch's inputs).
constexpr char kMergeWaitingOnBranch[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "pred" op: "Placeholder" attr { key: "dtype" value { type: DT_BOOL } } }
  node { name: "switch" op: "Switch" input: "x" input: "pred" }
  node { name: "else_input" op: "Identity" input: "switch" }
  node { name: "then_input" op: "Identity" input: "switch:1" }
  node { name: "branch_executed" op: "Merge" input: "else_input" input: "then_input"
         input: "^else_input" }
)pb";

TEST(ControlFlowTest, MergeDoesNotWaitForControlInputsFromTheUntakenBranch) {
  std::unique_ptr<GraphModel> model = Load(kMergeWaitingOnBranch);
  for (bool predicate : {false, true}) {
    auto outputs = model->ExecuteAsync(
        {{"x", Floats({1}, {2.5f})}, {"pred", Bools({}, {predicate})}}, {"branch_executed:1"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ((*outputs)[0].values<int32_t>()[0], predicate ? 1 : 0);
  }
}

TEST(ControlFlowTest, SwitchRejectsNonScalarPredicate) {
  auto outputs = testing::RunOp("Switch", {Floats({1}, {1.f}), Bools({2}, {true, false})}, "", 1);
  ASSERT_FALSE(outputs.ok());
  EXPECT_NE(outputs.status().message().find("predicate must be a bool scalar"), std::string::npos)
      << outputs.status();
}

// The loop above written with the Ref forms TF1 graphs over reference variables hold, and a
// ControlTrigger ordering the exit.
TEST(ControlFlowTest, RefFormsRunTheSameLoop) {
  std::string text = kLoop;
  for (const char* op : {"Enter", "Merge", "Switch", "Exit", "NextIteration"}) {
    const std::string from = absl::StrCat("op: \"", op, "\"");
    const std::string to = absl::StrCat("op: \"Ref", op, "\"");
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
      text.replace(at, from.size(), to);
    }
  }
  text += R"pb(node { name: "trigger" op: "ControlTrigger" input: "^exit_i" }
               node { name: "done" op: "Identity" input: "exit_i" input: "^trigger" })pb";
  std::unique_ptr<GraphModel> model = Load(text.c_str());
  ASSERT_NE(text.find("RefNextIteration"), std::string::npos);
  auto outputs = model->ExecuteAsync(
      {{"start", testing::Ints({}, {1})}, {"n", testing::Ints({}, {4})}}, {"done"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].values<int32_t>()[0], 4);
}

TEST(ControlFlowTest, RefSelectChecksItsIndex) {
  for (int index : {-1, 2}) {
    auto outputs = testing::RunOp(
        "RefSelect", {testing::Ints({}, {index}), Floats({1}, {1.f}), Floats({1}, {2.f})},
        "attr { key: 'N' value { i: 2 } }");
    ASSERT_FALSE(outputs.ok());
    EXPECT_NE(outputs.status().message().find("Index must be in the range [0, 2)"),
              std::string::npos)
        << outputs.status();
  }
  auto vector_index = testing::RunOp("RefSelect", {testing::Ints({1}, {0}), Floats({1}, {1.f})},
                                     "attr { key: 'N' value { i: 1 } }");
  ASSERT_FALSE(vector_index.ok());
  EXPECT_NE(vector_index.status().message().find("Index must be a scalar"), std::string::npos);
}

}  // namespace
}  // namespace tfjs::runtime
