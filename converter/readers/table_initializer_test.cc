// A SavedModel's table initializers (TF1 collection, TF2 init op) become FrozenModel::initializer.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "converter/readers/proto_file.h"
#include "converter/readers/saved_model_reader.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

const std::string& LookupTableModel() {
  static const std::string* dir = new std::string(
      (fs::path(std::getenv("TEST_SRCDIR")) / "tfjs_native/testdata/saved_model/tf1_lookup_table/"
                                              "saved_model")
          .string());
  return *dir;
}

std::set<std::string> NodeNames(const tensorflow::GraphDef& graph) {
  std::set<std::string> names;
  for (const tensorflow::NodeDef& node : graph.node()) names.insert(node.name());
  return names;
}

TEST(TableInitializerTest, InitializerGraphHoldsTheTableAndWhatFillsIt) {
  absl::StatusOr<FrozenModel> model = ReadSavedModel(LookupTableModel(), {});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(NodeNames(model->initializer),
            (std::set<std::string>{"Const", "Const_1", "hash_table",
                                   "key_value_init/LookupTableImportV2"}));
  // The model reads the table under the same node name, and does not fill it itself.
  const std::set<std::string> graph = NodeNames(model->graph);
  EXPECT_TRUE(graph.count("hash_table"));
  EXPECT_TRUE(graph.count("hash_table_Lookup/LookupTableFindV2"));
  EXPECT_FALSE(graph.count("key_value_init/LookupTableImportV2"));
  EXPECT_FALSE(graph.count("init_all_tables"));
  // TF1 tables are shared by name, without resource ids.
  EXPECT_TRUE(model->initializer_signature.outputs().empty());
  EXPECT_TRUE(model->input_resource_ids.empty());
}

TEST(TableInitializerTest, InitializerNeedingAnInputIsRefused) {
  tensorflow::SavedModel saved_model;
  ASSERT_TRUE(ReadProtoFile(LookupTableModel() + "/saved_model.pb", &saved_model).ok());
  for (tensorflow::NodeDef& node : *saved_model.mutable_meta_graphs(0)->mutable_graph_def()
                                        ->mutable_node()) {
    // As a text-file table reads its file name: from an input.
    if (node.op() == "LookupTableImportV2") node.set_input(1, "id");
  }
  const fs::path dir = fs::path(std::getenv("TEST_TMPDIR")) / "fed_initializer";
  fs::create_directories(dir);
  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(saved_model, &text));
  std::ofstream(dir / "saved_model.pbtxt") << text;
  absl::StatusOr<FrozenModel> model = ReadSavedModel(dir.string(), {});
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_NE(model.status().message().find("table initializer needs input 'id'"), std::string::npos)
      << model.status();
}

TEST(TableInitializerTest, Tf2InitOpBecomesTheInitializerFeedingTheTable) {
  absl::StatusOr<FrozenModel> model = ReadSavedModel(
      (fs::path(std::getenv("TEST_SRCDIR")) / "tfjs_native/testdata/saved_model/tf2_lookup_table/"
                                              "saved_model")
          .string(),
      {});
  ASSERT_TRUE(model.ok()) << model.status();
  std::set<std::string> ops;
  for (const tensorflow::NodeDef& node : model->initializer.node()) ops.insert(node.op());
  EXPECT_TRUE(ops.count("HashTableV2"));
  EXPECT_TRUE(ops.count("LookupTableImportV2"));
  EXPECT_FALSE(ops.count("StatefulPartitionedCall"));  // Inlined.
  // TF.js's TF2 form: the model takes the table as a resource input, which the initializer's
  // output of the same resourceId feeds.
  EXPECT_FALSE(NodeNames(model->graph).count("hash_table"));
  EXPECT_TRUE(NodeNames(model->graph).count("hash_table/handle"));
  EXPECT_EQ(model->input_resource_ids, (std::map<std::string, int64_t>{{"hash_table/handle:0", 1}}));
  EXPECT_EQ(model->initializer_output_resource_ids,
            (std::map<std::string, int64_t>{{"hash_table/handle:0", 1}}));
  EXPECT_EQ(model->initializer_signature.outputs().at("hash_table/handle:0").dtype(),
            tensorflow::DT_RESOURCE);
}

TEST(TableInitializerTest, ModelsWithoutTablesHaveNoInitializer) {
  absl::StatusOr<FrozenModel> model = ReadSavedModel(
      (fs::path(std::getenv("TEST_SRCDIR")) / "tfjs_native/testdata/saved_model/tf1_variables/"
                                              "saved_model")
          .string(),
      {});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->initializer.node_size(), 0);
  // TF2's init op of a model without resources is a bare NoOp: nothing to initialize.
  model = ReadSavedModel(
      (fs::path(std::getenv("TEST_SRCDIR")) / "tfjs_native/testdata/saved_model/tf2_module/"
                                              "saved_model")
          .string(),
      {});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->initializer.node_size(), 0);
}

}  // namespace
}  // namespace tfjs::converter
