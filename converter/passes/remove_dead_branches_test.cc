#include "converter/passes/remove_dead_branches.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "converter/passes/graph_runner_testing.h"
#include "runtime/kernels/testing/op_test_util.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::ExpectSameOutputs;
using testing::FindNode;
using testing::ParseGraph;

// y = pred ? x * 2 : 5, as tf.cond builds it in TF1 (branch Consts wait on the branch pivots).
// PRED is the predicate node's definition.
constexpr char kCond[] = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  PRED
  node { name: "pred/read" op: "Identity" input: "pred" attr { key: "T" value { type: DT_BOOL } } }
  node { name: "cond/Switch" op: "Switch" input: "x" input: "pred/read"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/switch_t" op: "Identity" input: "cond/Switch:1"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/switch_f" op: "Identity" input: "cond/Switch"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/two" op: "Const" input: "^cond/switch_t"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
  node { name: "cond/double" op: "Mul" input: "cond/Switch:1" input: "cond/two"
         attr { key: "T" value { type: DT_FLOAT } } }
  node { name: "cond/five" op: "Const" input: "^cond/switch_f"
         attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 5 } } } }
  node { name: "cond/Merge" op: "Merge" input: "cond/five" input: "cond/double"
         attr { key: "T" value { type: DT_FLOAT } } attr { key: "N" value { i: 2 } } }
  node { name: "taken" op: "Cast" input: "cond/Merge:1"
         attr { key: "SrcT" value { type: DT_INT32 } } attr { key: "DstT" value { type: DT_FLOAT } } }
  node { name: "y" op: "AddV2" input: "cond/Merge" input: "taken"
         attr { key: "T" value { type: DT_FLOAT } } }
)pb";

std::string ConstPredicate(bool value) {
  return absl::StrCat(R"(node { name: "pred" op: "Const"
      attr { key: "dtype" value { type: DT_BOOL } }
      attr { key: "value" value { tensor { dtype: DT_BOOL tensor_shape {} bool_val: )",
                      value ? "true" : "false", " } } } }");
}

tensorflow::GraphDef CondGraph(const std::string& predicate) {
  return ParseGraph(absl::StrReplaceAll(kCond, {{"PRED", predicate}}));
}

TEST(RemoveDeadBranchesTest, KeepsOnlyTheTakenBranch) {
  for (bool value : {true, false}) {
    SCOPED_TRACE(value);
    const tensorflow::GraphDef before = CondGraph(ConstPredicate(value));
    tensorflow::GraphDef after = before;
    absl::StatusOr<bool> changed = RemoveDeadBranches({"y:0", "x"}, &after);
    ASSERT_TRUE(changed.ok()) << changed.status();
    EXPECT_TRUE(*changed);
    for (const tensorflow::NodeDef& node : after.node()) {
      EXPECT_NE(node.op(), "Switch") << node.name();
      EXPECT_NE(node.op(), "Merge") << node.name();
    }
    const char* untaken = value ? "cond/five" : "cond/two";
    EXPECT_EQ(FindNode(after, untaken), nullptr);
    ASSERT_NE(FindNode(after, "cond/Merge"), nullptr);
    EXPECT_EQ(FindNode(after, "cond/Merge")->op(), "Identity");
    ExpectSameOutputs(before, after, {{"x", runtime::testing::Floats({2}, {1.5f, -4})}}, {"y:0"});
  }
}

TEST(RemoveDeadBranchesTest, LeavesCondsOnInputsAlone) {
  tensorflow::GraphDef graph = CondGraph(R"(node { name: "pred" op: "Placeholder"
      attr { key: "dtype" value { type: DT_BOOL } } })");
  absl::StatusOr<bool> changed = RemoveDeadBranches({"y:0"}, &graph);
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(*changed);
}

TEST(RemoveDeadBranchesTest, ChangesNothingWhenAKeptNodeWouldDie) {
  tensorflow::GraphDef graph = CondGraph(ConstPredicate(true));
  absl::StatusOr<bool> changed = RemoveDeadBranches({"y:0", "cond/five"}, &graph);
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(*changed);
  EXPECT_NE(FindNode(graph, "cond/Switch"), nullptr);
}

}  // namespace
}  // namespace tfjs::converter
