#include "converter/passes/freeze_variables.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/passes/handled_ops.h"
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
  return [reads](const std::string& key) -> absl::StatusOr<CheckpointValue> {
    reads->push_back(key);
    if (key == "kernel") return CheckpointValue{FloatTensor({1, 2, 3}), std::nullopt};
    if (key == "w") return CheckpointValue{FloatTensor({4}), std::nullopt};
    return absl::NotFoundError(absl::StrCat("no key '", key, "'"));
  };
}

std::vector<std::string> Inputs(const tensorflow::NodeDef* node) {
  return {node->input().begin(), node->input().end()};
}

TEST(FreezeVariablesTest, ResourceReadsAndGathersUseTheConst) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node {
      name: "v"
      op: "VarHandleOp"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "call/arg"
      op: "Identity"
      input: "v"
      attr {
        key: "T"
        value { type: DT_RESOURCE }
      }
    }
    node {
      name: "call/read"
      op: "ReadVariableOp"
      input: "call/arg"
      input: "^gate"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node { name: "gate" op: "NoOp" }
    node { name: "ids" op: "Placeholder" }
    node {
      name: "lookup"
      op: "ResourceGather"
      input: "v"
      input: "ids"
      attr {
        key: "Tindices"
        value { type: DT_INT64 }
      }
    }
  )pb");
  std::vector<std::string> reads;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  absl::Status status =
      FreezeVariables({{"v", "kernel"}}, FakeCheckpoint(&reads), &graph, &external_weights);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(reads, std::vector<std::string>{"kernel"});

  const tensorflow::NodeDef* v = FindNode(graph, "v");
  EXPECT_EQ(v->op(), "Const");
  EXPECT_EQ(v->attr().at("dtype").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(v->attr().at("value").tensor().float_val_size(), 3);

  const tensorflow::NodeDef* read = FindNode(graph, "call/read");
  EXPECT_EQ(read->op(), "Identity");
  EXPECT_EQ(read->attr().at("T").type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(Inputs(read), (std::vector<std::string>{"call/arg", "^gate"}));
  // The handle's Identity now forwards the value.
  EXPECT_EQ(FindNode(graph, "call/arg")->attr().at("T").type(), tensorflow::DT_FLOAT);

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
    node {
      name: "w"
      op: "VariableV2"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "w/read"
      op: "Identity"
      input: "w"
      attr {
        key: "T"
        value { type: DT_FLOAT }
      }
    }
  )pb");
  std::vector<std::string> reads;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  ASSERT_TRUE(FreezeVariables({}, FakeCheckpoint(&reads), &graph, &external_weights).ok());
  EXPECT_EQ(reads, std::vector<std::string>{"w"});
  EXPECT_EQ(FindNode(graph, "w")->op(), "Const");
  EXPECT_EQ(FindNode(graph, "w")->attr().at("value").tensor().float_val(0), 4.0f);
  EXPECT_EQ(Inputs(FindNode(graph, "w/read")), std::vector<std::string>{"w"});
}

TEST(FreezeVariablesTest, NoVariablesReadsNothing) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(node { name: "c" op: "Const" })pb");
  std::vector<std::string> reads;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  ASSERT_TRUE(FreezeVariables({}, FakeCheckpoint(&reads), &graph, &external_weights).ok());
  EXPECT_TRUE(reads.empty());
}

TEST(FreezeVariablesTest, MissingKeyNamesVariableAndKey) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(node { name: "v" op: "VarHandleOp" })pb");
  std::vector<std::string> reads;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  absl::Status status =
      FreezeVariables({{"v", "gone"}}, FakeCheckpoint(&reads), &graph, &external_weights);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("'v'"), std::string::npos) << status;
  EXPECT_NE(status.message().find("'gone'"), std::string::npos) << status;
}

TEST(FreezeVariablesTest, RejectsResourceConsumersItCannotRewrite) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "v" op: "VarHandleOp" }
    node {
      name: "alias"
      op: "Identity"
      input: "v"
      attr {
        key: "T"
        value { type: DT_RESOURCE }
      }
    }
    node { name: "bump" op: "AssignAddVariableOp" input: "alias" input: "alias" }
  )pb");
  std::vector<std::string> reads;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  absl::Status status =
      FreezeVariables({{"v", "kernel"}}, FakeCheckpoint(&reads), &graph, &external_weights);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented);
  EXPECT_NE(status.message().find("'bump'"), std::string::npos) << status;
}

// A TF2 loop reading a captured variable: the While takes the value, and cloned cond/body
// functions take it as a float argument that the body reads through Identity.
TEST(FreezeVariablesTest, LoopFunctionsTakeTheValue) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "v" op: "VarHandleOp" }
    node { name: "x" op: "Placeholder" }
    node {
      name: "loop"
      op: "While"
      input: "x"
      input: "v"
      attr {
        key: "T"
        value { list { type: DT_FLOAT type: DT_RESOURCE } }
      }
      attr {
        key: "cond"
        value { func { name: "cond" } }
      }
      attr {
        key: "body"
        value { func { name: "body" } }
      }
      attr {
        key: "_read_only_resource_inputs"
        value { list { i: 1 } }
      }
    }
    library {
      function {
        signature {
          name: "cond"
          input_arg { name: "c_x" type: DT_FLOAT }
          input_arg { name: "c_v" type: DT_RESOURCE }
          output_arg { name: "p" type: DT_BOOL }
        }
        node_def { name: "t" op: "Const" }
        ret { key: "p" value: "t:output:0" }
      }
      function {
        signature {
          name: "body"
          input_arg { name: "b_x" type: DT_FLOAT }
          input_arg { name: "b_v" type: DT_RESOURCE }
          output_arg { name: "y" type: DT_FLOAT }
          output_arg { name: "v_out" type: DT_RESOURCE }
        }
        node_def {
          name: "read"
          op: "ReadVariableOp"
          input: "b_v"
          attr {
            key: "dtype"
            value { type: DT_FLOAT }
          }
        }
        node_def { name: "ids" op: "Const" }
        node_def { name: "rows" op: "ResourceGather" input: "b_v" input: "ids:output:0" }
        node_def { name: "add" op: "AddV2" input: "b_x" input: "read:value:0" }
        ret { key: "y" value: "add:z:0" }
        ret { key: "v_out" value: "b_v" }
      }
    }
  )pb");
  std::vector<std::string> reads;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  absl::Status status =
      FreezeVariables({{"v", "kernel"}}, FakeCheckpoint(&reads), &graph, &external_weights);
  ASSERT_TRUE(status.ok()) << status;
  const tensorflow::NodeDef* loop = FindNode(graph, "loop");
  EXPECT_EQ(loop->attr().at("T").list().type(1), tensorflow::DT_FLOAT);
  EXPECT_FALSE(loop->attr().contains("_read_only_resource_inputs"));
  const std::string body_name = loop->attr().at("body").func().name();
  const std::string cond_name = loop->attr().at("cond").func().name();
  EXPECT_NE(body_name, "body");
  EXPECT_NE(cond_name, "cond");
  const tensorflow::FunctionDef* body = nullptr;
  for (const auto& function : graph.library().function()) {
    if (function.signature().name() == body_name) body = &function;
    if (function.signature().name() == cond_name) {
      EXPECT_EQ(function.signature().input_arg(1).type(), tensorflow::DT_FLOAT);
    }
  }
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->signature().input_arg(1).type(), tensorflow::DT_FLOAT);
  EXPECT_EQ(body->signature().output_arg(1).type(), tensorflow::DT_FLOAT);
  for (const auto& node : body->node_def()) {
    if (node.name() == "read") {
      EXPECT_EQ(node.op(), "Identity");
      EXPECT_EQ(node.attr().at("T").type(), tensorflow::DT_FLOAT);
    }
    if (node.name() == "rows") {
      EXPECT_EQ(node.op(), "GatherV2");
      EXPECT_EQ(Inputs(&node),
                (std::vector<std::string>{"b_v", "ids:output:0", "rows/axis:output:0"}));
    }
  }
}

TEST(FreezeVariablesTest, ValueDataIsMovedIntoTheConstNotCopied) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node {
      name: "w"
      op: "VariableV2"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
  )pb");
  const char* read_data = nullptr;
  CheckpointValueReader read =
      [&read_data](const std::string& key) -> absl::StatusOr<CheckpointValue> {
    tensorflow::TensorProto tensor;
    tensor.set_dtype(tensorflow::DT_FLOAT);
    tensor.mutable_tensor_shape()->add_dim()->set_size(1024);
    tensor.mutable_tensor_content()->resize(1024 * sizeof(float));
    read_data = tensor.tensor_content().data();
    return CheckpointValue{std::move(tensor), std::nullopt};
  };
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  absl::Status status = FreezeVariables({}, read, &graph, &external_weights);
  ASSERT_TRUE(status.ok()) << status;
  const tensorflow::TensorProto& value = FindNode(graph, "w")->attr().at("value").tensor();
  EXPECT_EQ(value.tensor_content().size(), 1024 * sizeof(float));
  EXPECT_EQ(value.tensor_content().data(), read_data);
}

TEST(FreezeVariablesTest, ValueGivenBySourceIsRecordedNotRead) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node {
      name: "v"
      op: "VarHandleOp"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "read"
      op: "ReadVariableOp"
      input: "v"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
  )pb");
  CheckpointValueReader read = [](const std::string& key) -> absl::StatusOr<CheckpointValue> {
    CheckpointValue value;
    value.tensor.set_dtype(tensorflow::DT_FLOAT);
    value.tensor.mutable_tensor_shape()->add_dim()->set_size(2);
    value.source = WeightSource{
        "data-file", 16, 8, 0x1234, tensorflow::DT_FLOAT, value.tensor.tensor_shape(), key};
    return value;
  };
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  absl::Status status = FreezeVariables({{"v", "layer/kernel"}}, read, &graph, &external_weights);
  ASSERT_TRUE(status.ok()) << status;
  const tensorflow::NodeDef* v = FindNode(graph, "v");
  EXPECT_EQ(v->op(), "Const");
  const tensorflow::TensorProto& value = v->attr().at("value").tensor();
  EXPECT_EQ(value.dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(value.tensor_shape().dim(0).size(), 2);
  EXPECT_TRUE(value.tensor_content().empty());
  ASSERT_TRUE(external_weights.contains("v"));
  EXPECT_EQ(external_weights.at("v").checkpoint_key, "layer/kernel");
  EXPECT_EQ(external_weights.at("v").offset, 16u);
  EXPECT_EQ(FindNode(graph, "read")->op(), "Identity");
}

// The ops `pass` registered as consumed (handled_ops.h).
std::set<std::string> RegisteredOps(const std::string& pass) {
  std::set<std::string> ops;
  for (const auto& [op, by] : HandledOps()) {
    if (by == pass) ops.insert(op);
  }
  return ops;
}

// The ops of `graph`'s nodes that are among `ops`.
std::set<std::string> Remaining(const tensorflow::GraphDef& graph,
                                const std::set<std::string>& ops) {
  std::set<std::string> found;
  for (const auto& node : graph.node()) {
    if (ops.count(node.op())) found.insert(node.op());
  }
  return found;
}

// The variables and the reads of the resource ones (resource_consumers.cc) all go.
TEST(FreezeVariablesTest, EveryRegisteredOpIsGone) {
  EXPECT_EQ(RegisteredOps("freeze_variables"),
            (std::set<std::string>{"VarHandleOp", "Variable", "VariableV2"}));
  EXPECT_EQ(RegisteredOps("resource_consumers"),
            (std::set<std::string>{"ReadVariableOp", "ResourceGather"}));
  std::set<std::string> ops = RegisteredOps("freeze_variables");
  ops.insert({"ReadVariableOp", "ResourceGather"});
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node {
      name: "v"
      op: "VarHandleOp"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "read"
      op: "ReadVariableOp"
      input: "v"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node { name: "ids" op: "Placeholder" }
    node { name: "gather" op: "ResourceGather" input: "v" input: "ids" }
    node {
      name: "w"
      op: "VariableV2"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "kernel"
      op: "Variable"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
  )pb");
  std::vector<std::string> reads;
  absl::flat_hash_map<std::string, WeightSource> external_weights;
  ASSERT_TRUE(
      FreezeVariables({{"v", "kernel"}}, FakeCheckpoint(&reads), &graph, &external_weights).ok());
  EXPECT_TRUE(Remaining(graph, ops).empty());
}

}  // namespace
}  // namespace tfjs::converter
