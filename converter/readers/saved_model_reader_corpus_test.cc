// Reads every SavedModel of the corpus with the tags and signature its case.json names.
#include <cstring>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "converter/passes/tensor_name.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/saved_model_reader.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

TEST(SavedModelReaderCorpusTest, ReadsEverySavedModel) {
  const std::vector<std::string> dirs = testing::CaseDirs("saved_model");
  ASSERT_GE(dirs.size(), 20u) << "corpus not found under " << testing::CorpusRoot();
  const absl::flat_hash_set<std::string> stateful_ops = {
      "VarHandleOp",  "VariableV2", "Variable",  "ReadVariableOp", "StatefulPartitionedCall",
      "PartitionedCall", "RestoreV2", "SaveV2", "AssignVariableOp", "Assign"};
  for (const std::string& dir : dirs) {
    SCOPED_TRACE(dir);
    absl::StatusOr<testing::CorpusCase> corpus_case = testing::ReadCase(dir);
    ASSERT_TRUE(corpus_case.ok()) << corpus_case.status();
    SavedModelReadOptions options;
    options.tags = corpus_case->tags;
    options.signature_name = corpus_case->signature;
    absl::StatusOr<FrozenModel> model = ReadSavedModel(dir + "/saved_model", options);
    ASSERT_TRUE(model.ok()) << model.status();

    absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes;
    for (const tensorflow::NodeDef& node : model->graph.node()) {
      EXPECT_FALSE(stateful_ops.contains(node.op())) << node.name() << " is " << node.op();
      nodes[node.name()] = &node;
    }
    ASSERT_EQ(model->signature.inputs_size(), corpus_case->inputs.size());
    for (const testing::CorpusTensor& input : corpus_case->inputs) {
      auto info = model->signature.inputs().find(input.key);
      ASSERT_NE(info, model->signature.inputs().end()) << input.key;
      EXPECT_EQ(info->second.name(), input.tensor);
      auto node = nodes.find(InputNodeName(info->second.name()));
      ASSERT_NE(node, nodes.end()) << info->second.name();
      EXPECT_EQ(node->second->op(), "Placeholder");
    }
    ASSERT_EQ(model->signature.outputs_size(), corpus_case->outputs.size());
    for (const testing::CorpusTensor& output : corpus_case->outputs) {
      auto info = model->signature.outputs().find(output.key);
      ASSERT_NE(info, model->signature.outputs().end()) << output.key;
      EXPECT_EQ(info->second.name(), output.tensor);
      EXPECT_TRUE(nodes.contains(InputNodeName(info->second.name()))) << info->second.name();
    }
  }
}

float ScalarFloat(const tensorflow::TensorProto& tensor) {
  if (tensor.float_val_size() > 0) return tensor.float_val(0);
  float value = 0;
  if (tensor.tensor_content().size() == sizeof(value)) {
    std::memcpy(&value, tensor.tensor_content().data(), sizeof(value));
  }
  return value;
}

// TF Serving's half_plus_two (y = a*x + b, a = 0.5, b = 2) in its TF1 (VariableV2) and TF2
// (VarHandleOp in functions) exports: the variables become Consts held by reference, whose
// materialised values are the checkpoint values.
TEST(SavedModelReaderCorpusTest, FreezesCheckpointValues) {
  for (const char* id : {"tfserving__saved_model_half_plus_two_cpu_00000123",
                         "tfserving__saved_model_half_plus_two_tf2_cpu"}) {
    SCOPED_TRACE(id);
    absl::StatusOr<FrozenModel> model = ReadSavedModel(
        testing::CorpusRoot() + "/saved_model/" + id + "/saved_model", SavedModelReadOptions());
    ASSERT_TRUE(model.ok()) << model.status();
    EXPECT_TRUE(model->external_weights.contains("a"));
    EXPECT_TRUE(model->external_weights.contains("b"));
    absl::flat_hash_map<std::string, float> consts;
    for (tensorflow::NodeDef& node : *model->graph.mutable_node()) {
      if (node.op() != "Const") continue;
      absl::Status status = MaterializeConst(&*model, &node);
      ASSERT_TRUE(status.ok()) << status;
      consts[node.name()] = ScalarFloat(node.attr().at("value").tensor());
    }
    EXPECT_TRUE(model->external_weights.empty());
    ASSERT_TRUE(consts.contains("a"));
    ASSERT_TRUE(consts.contains("b"));
    EXPECT_EQ(consts["a"], 0.5f);
    EXPECT_EQ(consts["b"], 2.0f);
  }
}

}  // namespace
}  // namespace tfjs::converter
