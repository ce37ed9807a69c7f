// Tests for Case/StatelessCase: the branch index selects a library function, out of range
// selects the last one.
#include "absl/strings/str_replace.h"
#include "google/protobuf/text_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Floats;
using testing::Ints;

// Three branches on (x, y): x + y, x * y, -x (which ignores y).
constexpr char kCaseGraph[] = R"pb(
  node { name: "i" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "y" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node {
    name: "switch" op: "%s" input: "i" input: "x" input: "y"
    attr { key: "branches" value { list { func { name: "add" } func { name: "mul" }
                                          func { name: "neg" } } } }
  }
  library {
    function {
      signature { name: "add" input_arg { name: "a" type: DT_FLOAT }
                  input_arg { name: "b" type: DT_FLOAT } output_arg { name: "out" type: DT_FLOAT } }
      node_def { name: "sum" op: "AddV2" input: "a" input: "b" }
      ret { key: "out" value: "sum:z:0" }
    }
    function {
      signature { name: "mul" input_arg { name: "a" type: DT_FLOAT }
                  input_arg { name: "b" type: DT_FLOAT } output_arg { name: "out" type: DT_FLOAT } }
      node_def { name: "product" op: "Mul" input: "a" input: "b" }
      ret { key: "out" value: "product:z:0" }
    }
    function {
      signature { name: "neg" input_arg { name: "a" type: DT_FLOAT }
                  input_arg { name: "b" type: DT_FLOAT } output_arg { name: "out" type: DT_FLOAT } }
      node_def { name: "negated" op: "Neg" input: "a" }
      ret { key: "out" value: "negated:y:0" }
    }
  }
)pb";

absl::StatusOr<std::unique_ptr<GraphModel>> Load(const std::string& op) {
  tensorflow::GraphDef graph;
  const std::string text = absl::StrReplaceAll(kCaseGraph, {{"%s", op}});
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  return GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
}

float RunBranch(GraphModel& model, int index) {
  auto outputs = model.Execute(
      {{"i", Ints({}, {index})}, {"x", Floats({1}, {3.f})}, {"y", Floats({1}, {4.f})}},
      {"switch"});
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0].values<float>()[0] : 0.f;
}

TEST(CaseTest, TheIndexSelectsTheBranchAndOutOfRangeTakesTheLast) {
  for (const char* op : {"Case", "StatelessCase"}) {
    auto model = Load(op);
    ASSERT_TRUE(model.ok()) << model.status();
    EXPECT_EQ(RunBranch(**model, 0), 7.f) << op;
    EXPECT_EQ(RunBranch(**model, 1), 12.f) << op;
    EXPECT_EQ(RunBranch(**model, 2), -3.f) << op;
    EXPECT_EQ(RunBranch(**model, 3), -3.f) << op;
    EXPECT_EQ(RunBranch(**model, -1), -3.f) << op;
    EXPECT_EQ(RunBranch(**model, 1 << 30), -3.f) << op;
  }
}

TEST(CaseTest, RejectsANonScalarIndex) {
  auto model = Load("Case");
  ASSERT_TRUE(model.ok()) << model.status();
  auto outputs = (*model)->Execute(
      {{"i", Ints({1}, {0})}, {"x", Floats({1}, {3.f})}, {"y", Floats({1}, {4.f})}}, {"switch"});
  ASSERT_FALSE(outputs.ok());
  EXPECT_THAT(std::string(outputs.status().message()),
              ::testing::HasSubstr("branch_index must be scalar"));
}

TEST(CaseTest, AMissingBranchFailsAtLoad) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "i" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
    node { name: "c" op: "Case" input: "i"
           attr { key: "branches" value { list { func { name: "nowhere" } } } } }
  )pb", &graph));
  auto model = GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), ::testing::HasSubstr("nowhere"));
}

}  // namespace
}  // namespace tfjs::runtime
