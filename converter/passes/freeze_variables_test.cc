#include "converter/passes/freeze_variables.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::FindNode;
using testing::ParseGraph;

tensorflow::TensorProto FloatTensor(std::vector<float> values) {
  tensorflow::TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_FLOAT);
  tensor.mutable_tensor_shape()->add_dim()->set_size(values.size());
  for (float value : values) tensor.add_float_val(value);
  return tensor;
}

// A checkpoint holding "kernel" = [1, 2, 3] and "w" = [4]; other keys are missing.
CheckpointValueReader FakeCheckpoint(std::vector<std::string>* reads) {
  return [reads](const std::string& key) -> absl::StatusOr<tensorflow::TensorProto> {
    reads->push_back(key);
    if (key == "kernel") return FloatTensor({1, 2, 3});
    if (key == "w") return FloatTensor({4});
    return absl::NotFoundError(absl::StrCat("no key '", key, "'"));
  };
}

std::vector<std::string> Inputs(const tensorflow::NodeDef* node) {
  return {node->input().begin(), node->input().end()};
}

TEST(FreezeVariablesTest, ResourceReadsAndGathersUseTheConst) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "v" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "call/arg" op: "Identity" input: "v" attr { key: "T" value { type: DT_RESOURCE } } }
    node {
      name: "call/read"
      op: "ReadVariableOp"
      input: "call/arg"
      input: "^gate"
      attr { key: "dtype" value { type: DT_FLOAT } }
    }
    node { name: "gate" op: "NoOp" }
    node { name: "ids" op: "Placeholder" }
    node {
      name: "lookup"
      op: "ResourceGather"
      input: "v"
      input: "ids"
      attr { key: "Tindices" value { type: DT_INT64 } }
    }
  )pb");
  std::vector<std::string> reads;
  absl::Status status = FreezeVariables({{"v", "kernel"}}, FakeCheckpoint(&reads), &graph);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(reads, std::vector<std::string>{"kernel"});

  const tensorflow::NodeDef* v = FindNode(graph, "v");
  EXPECT_EQ(v->op(), "Const");
  EXPECT_EQ(v->attr().at("dtype").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(v->attr().at("value").tensor().float_val_size(), 3);

  const tensorflow::NodeDef* read = FindNode(graph, "call/read");
  EXPECT_EQ(read->op(), "Identity");
  EXPECT_EQ(read->attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(Inputs(read), (std::vector<std::string>{"v", "^gate"}));

  const tensorflow::NodeDef* lookup = FindNode(graph, "lookup");
  EXPECT_EQ(lookup->op(), "GatherV2");
  EXPECT_EQ(Inputs(lookup), (std::vector<std::string>{"v", "ids", "lookup/axis"}));
  EXPECT_EQ(lookup->attr().at("Tindices").type(), tensorflow::DT_INT64);
  const tensorflow::NodeDef* axis = FindNode(graph, "lookup/axis");
  ASSERT_NE(axis, nullptr);
  EXPECT_EQ(axis->op(), "Const");
  EXPECT_EQ(axis->attr().at("value").tensor().int_val(0), 0);
}

TEST(FreezeVariablesTest, RefVariableFallsBackToItsName) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "w" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "w/read" op: "Identity" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
  )pb");
  std::vector<std::string> reads;
  ASSERT_TRUE(FreezeVariables({}, FakeCheckpoint(&reads), &graph).ok());
  EXPECT_EQ(reads, std::vector<std::string>{"w"});
  EXPECT_EQ(FindNode(graph, "w")->op(), "Const");
  EXPECT_EQ(FindNode(graph, "w")->attr().at("value").tensor().float_val(0), 4.0f);
  EXPECT_EQ(Inputs(FindNode(graph, "w/read")), std::vector<std::string>{"w"});
}

TEST(FreezeVariablesTest, NoVariablesReadsNothing) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(node { name: "c" op: "Const" })pb");
  std::vector<std::string> reads;
  ASSERT_TRUE(FreezeVariables({}, FakeCheckpoint(&reads), &graph).ok());
  EXPECT_TRUE(reads.empty());
}

TEST(FreezeVariablesTest, MissingKeyNamesVariableAndKey) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(node { name: "v" op: "VarHandleOp" })pb");
  std::vector<std::string> reads;
  absl::Status status = FreezeVariables({{"v", "gone"}}, FakeCheckpoint(&reads), &graph);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("'v'"), std::string::npos) << status;
  EXPECT_NE(status.message().find("'gone'"), std::string::npos) << status;
}

TEST(FreezeVariablesTest, RejectsResourceConsumersItCannotRewrite) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "v" op: "VarHandleOp" }
    node { name: "alias" op: "Identity" input: "v" attr { key: "T" value { type: DT_RESOURCE } } }
    node { name: "loop" op: "While" input: "alias" }
  )pb");
  std::vector<std::string> reads;
  absl::Status status = FreezeVariables({{"v", "kernel"}}, FakeCheckpoint(&reads), &graph);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented);
  EXPECT_NE(status.message().find("'loop'"), std::string::npos) << status;
}

}  // namespace
}  // namespace tfjs::converter
