#include "converter/passes/restore_path.h"

#include "converter/passes/inline_functions.h"
#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::ParseGraph;

// TF1 Saver layout: save/restore_all waits on Assigns fed by RestoreV2 outputs.
constexpr char kTf1Restore[] = R"pb(
  node { name: "w" op: "VariableV2" }
  node { name: "b" op: "VariableV2" }
  node { name: "save/filename" op: "Const" }
  node {
    name: "save/RestoreV2/tensor_names"
    op: "Const"
    attr { key: "value" value { tensor { dtype: DT_STRING string_val: "bias" string_val: "weights" } } }
  }
  node { name: "save/RestoreV2/shape_and_slices" op: "Const" }
  node {
    name: "save/RestoreV2"
    op: "RestoreV2"
    input: "save/filename"
    input: "save/RestoreV2/tensor_names"
    input: "save/RestoreV2/shape_and_slices"
  }
  node { name: "save/Assign" op: "Assign" input: "b" input: "save/RestoreV2" }
  node { name: "w/read" op: "Identity" input: "w" }
  node { name: "save/Identity" op: "Identity" input: "save/RestoreV2:1" }
  node { name: "save/Assign_1" op: "Assign" input: "w" input: "save/Identity" }
  node { name: "init_value" op: "Const" }
  node { name: "w/Assign" op: "Assign" input: "w" input: "init_value" }
  node { name: "save/restore_all" op: "NoOp" input: "^save/Assign" input: "^save/Assign_1" }
)pb";

TEST(MapVariablesToCheckpointKeysTest, FollowsTf1Saver) {
  tensorflow::GraphDef graph = ParseGraph(kTf1Restore);
  auto keys = MapVariablesToCheckpointKeys(graph, "save/restore_all");
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(keys->size(), 2u);
  EXPECT_EQ(keys->at("b"), "bias");
  EXPECT_EQ(keys->at("w"), "weights");
}

// TF2 layout: the restore op calls __inference__traced_restore, whose AssignVariableOps write
// into resource arguments bound to the outer VarHandleOps.
TEST(MapVariablesToCheckpointKeysTest, FollowsTf2RestoreFunctionThroughArgs) {
  tensorflow::GraphDef graph = ParseGraph(R"pb(
    node { name: "saver_filename" op: "Placeholder" }
    node { name: "dense/kernel" op: "VarHandleOp" }
    node { name: "dense/bias" op: "VarHandleOp" }
    node {
      name: "StatefulPartitionedCall_2"
      op: "StatefulPartitionedCall"
      input: "saver_filename"
      input: "dense/kernel"
      input: "dense/bias"
      attr { key: "f" value { func { name: "__inference__traced_restore_42" } } }
      attr { key: "Tout" value { list { type: DT_STRING } } }
    }
    library {
      function {
        signature {
          name: "__inference__traced_restore_42"
          input_arg { name: "file_prefix" type: DT_STRING }
          input_arg { name: "assignvariableop_resource" type: DT_RESOURCE }
          input_arg { name: "assignvariableop_1_resource" type: DT_RESOURCE }
          output_arg { name: "identity_3" type: DT_STRING }
        }
        node_def {
          name: "RestoreV2/tensor_names"
          op: "Const"
          attr {
            key: "value"
            value {
              tensor {
                dtype: DT_STRING
                string_val: "layer/kernel/.ATTRIBUTES/VARIABLE_VALUE"
                string_val: "layer/bias/.ATTRIBUTES/VARIABLE_VALUE"
              }
            }
          }
        }
        node_def { name: "RestoreV2/shape_and_slices" op: "Const" }
        node_def {
          name: "RestoreV2"
          op: "RestoreV2"
          input: "file_prefix"
          input: "RestoreV2/tensor_names:output:0"
          input: "RestoreV2/shape_and_slices:output:0"
          attr { key: "dtypes" value { list { type: DT_FLOAT type: DT_FLOAT } } }
        }
        node_def { name: "Identity" op: "Identity" input: "RestoreV2:tensors:0" }
        node_def {
          name: "AssignVariableOp"
          op: "AssignVariableOp"
          input: "assignvariableop_resource"
          input: "Identity:output:0"
        }
        node_def { name: "Identity_1" op: "Identity" input: "RestoreV2:tensors:1" }
        node_def {
          name: "AssignVariableOp_1"
          op: "AssignVariableOp"
          input: "assignvariableop_1_resource"
          input: "Identity_1:output:0"
        }
        node_def { name: "NoOp" op: "NoOp" input: "^AssignVariableOp" input: "^AssignVariableOp_1" }
        node_def { name: "Identity_3" op: "Identity" input: "file_prefix" input: "^NoOp" }
        ret { key: "identity_3" value: "Identity_3:output:0" }
        control_ret { key: "AssignVariableOp" value: "AssignVariableOp" }
        control_ret { key: "AssignVariableOp_1" value: "AssignVariableOp_1" }
      }
    }
  )pb");
  ASSERT_TRUE(InlineFunctionCalls(&graph).ok());
  auto keys = MapVariablesToCheckpointKeys(graph, "StatefulPartitionedCall_2");
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(keys->size(), 2u);
  EXPECT_EQ(keys->at("dense/kernel"), "layer/kernel/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(keys->at("dense/bias"), "layer/bias/.ATTRIBUTES/VARIABLE_VALUE");
}

TEST(MapVariablesToCheckpointKeysTest, RejectsMissingRestoreOpAndBrokenRestore) {
  tensorflow::GraphDef graph = ParseGraph(kTf1Restore);
  auto missing = MapVariablesToCheckpointKeys(graph, "save/restore_everything");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("save/restore_everything"), std::string::npos);

  for (auto& node : *graph.mutable_node()) {
    if (node.name() == "save/RestoreV2/tensor_names") node.set_op("Placeholder");
  }
  auto broken = MapVariablesToCheckpointKeys(graph, "save/restore_all");
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(broken.status().message().find("tensor_names"), std::string::npos) << broken.status();
}

}  // namespace
}  // namespace tfjs::converter
