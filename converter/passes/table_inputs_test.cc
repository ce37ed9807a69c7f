#include "converter/passes/table_inputs.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "converter/passes/test_graphs.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

using testing::FindNode;
using testing::InputsOf;
using testing::ParseGraph;

// A model reading the table "table", which the initializer creates and fills (as a TF2
// SavedModel's init op does once its _initialize call is inlined).
constexpr char kGraph[] = R"pb(
  node { name: "table" op: "HashTableV2"
         attr { key: "key_dtype" value { type: DT_INT32 } }
         attr { key: "value_dtype" value { type: DT_FLOAT } } }
  node { name: "id" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
  node { name: "default" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: -1 } } } }
  node { name: "find" op: "LookupTableFindV2" input: "table" input: "id" input: "default"
         attr { key: "Tin" value { type: DT_INT32 } } attr { key: "Tout" value { type: DT_FLOAT } } }
  node { name: "size" op: "LookupTableSizeV2" input: "table:0" input: "^table" }
)pb";

constexpr char kInitializer[] = R"pb(
  node { name: "table" op: "HashTableV2"
         attr { key: "key_dtype" value { type: DT_INT32 } }
         attr { key: "value_dtype" value { type: DT_FLOAT } } }
  node { name: "keys" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 1 } }
                                              int_val: 7 } } } }
  node { name: "values" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 1 } }
                                              float_val: 0.5 } } } }
  node { name: "import" op: "LookupTableImportV2" input: "table" input: "keys" input: "values"
         attr { key: "Tin" value { type: DT_INT32 } } attr { key: "Tout" value { type: DT_FLOAT } } }
  node { name: "init" op: "NoOp" input: "^import" }
)pb";

FrozenModel TableModel(const std::string& graph, const std::string& initializer) {
  FrozenModel model;
  model.graph = ParseGraph(graph);
  model.initializer = ParseGraph(initializer);
  (*model.signature.mutable_inputs())["id"].set_name("id:0");
  (*model.signature.mutable_outputs())["value"].set_name("find:0");
  return model;
}

int CountOp(const tensorflow::GraphDef& graph, const std::string& op) {
  int count = 0;
  for (const tensorflow::NodeDef& node : graph.node()) count += node.op() == op;
  return count;
}

TEST(FeedTablesFromInitializerTest, TheModelTakesTheTableTheInitializerOutputs) {
  FrozenModel model = TableModel(kGraph, kInitializer);
  ASSERT_TRUE(FeedTablesFromInitializer(&model).ok());

  EXPECT_EQ(CountOp(model.graph, "HashTableV2"), 0);
  const tensorflow::NodeDef* input = FindNode(model.graph, "table/handle");
  ASSERT_NE(input, nullptr);
  EXPECT_EQ(input->op(), "Placeholder");
  EXPECT_EQ(input->attr().at("dtype").type(), tensorflow::DT_RESOURCE);
  EXPECT_TRUE(input->attr().at("shape").has_shape());
  EXPECT_EQ(input->attr().at("shape").shape().dim_size(), 0);
  EXPECT_EQ(InputsOf(*FindNode(model.graph, "find")),
            (std::vector<std::string>{"table/handle", "id", "default"}));
  EXPECT_EQ(InputsOf(*FindNode(model.graph, "size")),
            (std::vector<std::string>{"table/handle", "^table/handle"}));
  const tensorflow::TensorInfo& fed = model.signature.inputs().at("table/handle:0");
  EXPECT_EQ(fed.name(), "table/handle:0");
  EXPECT_EQ(fed.dtype(), tensorflow::DT_RESOURCE);
  EXPECT_TRUE(fed.has_tensor_shape());
  EXPECT_EQ(model.signature.inputs().size(), 2);
  EXPECT_EQ(model.input_resource_ids, (std::map<std::string, int64_t>{{"table/handle:0", 1}}));

  // Fetching the output runs the import first: the output waits on the initializer's NoOp.
  const tensorflow::NodeDef* output = FindNode(model.initializer, "table/handle");
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(output->op(), "Identity");
  EXPECT_EQ(output->attr().at("T").type(), tensorflow::DT_RESOURCE);
  EXPECT_EQ(InputsOf(*output), (std::vector<std::string>{"table", "^init"}));
  EXPECT_EQ(CountOp(model.initializer, "HashTableV2"), 1);
  ASSERT_EQ(model.initializer_signature.outputs().size(), 1);
  EXPECT_EQ(model.initializer_signature.outputs().at("table/handle:0").dtype(),
            tensorflow::DT_RESOURCE);
  EXPECT_EQ(model.initializer_output_resource_ids,
            (std::map<std::string, int64_t>{{"table/handle:0", 1}}));
}

TEST(FeedTablesFromInitializerTest, TablesNumberedInGraphOrderUnderFreeNames) {
  // "b" is read first in graph order; a node named "b/handle" already exists.
  FrozenModel model = TableModel(R"pb(
    node { name: "b" op: "HashTable" }
    node { name: "b/handle" op: "NoOp" }
    node { name: "a" op: "HashTableV2" }
    node { name: "id" op: "Placeholder" }
    node { name: "find" op: "LookupTableFindV2" input: "a" input: "id" input: "b" }
  )pb", "");
  ASSERT_TRUE(FeedTablesFromInitializer(&model).ok());
  EXPECT_EQ(model.input_resource_ids,
            (std::map<std::string, int64_t>{{"b/handle_1:0", 1}, {"a/handle:0", 2}}));
  EXPECT_EQ(model.initializer_output_resource_ids,
            (std::map<std::string, int64_t>{{"b/handle:0", 1}, {"a/handle:0", 2}}));
  EXPECT_EQ(InputsOf(*FindNode(model.graph, "find")),
            (std::vector<std::string>{"a/handle", "id", "b/handle_1"}));
  EXPECT_EQ(FindNode(model.graph, "b/handle")->op(), "NoOp");
  // Tables the initializer lacked are created there; nothing fills them.
  EXPECT_EQ(FindNode(model.initializer, "b")->op(), "HashTable");
  EXPECT_EQ(FindNode(model.initializer, "a")->op(), "HashTableV2");
  EXPECT_EQ(InputsOf(*FindNode(model.initializer, "b/handle")),
            (std::vector<std::string>{"b", "^a"}));
}

TEST(FeedTablesFromInitializerTest, ModelWithoutTablesIsLeftAlone) {
  FrozenModel model = TableModel(R"pb(
    node { name: "id" op: "Placeholder" }
    node { name: "find" op: "Neg" input: "id" }
  )pb", "");
  const std::string before = model.graph.SerializeAsString();
  ASSERT_TRUE(FeedTablesFromInitializer(&model).ok());
  EXPECT_EQ(model.graph.SerializeAsString(), before);
  EXPECT_EQ(model.initializer.node_size(), 0);
  EXPECT_TRUE(model.initializer_signature.outputs().empty());
  EXPECT_TRUE(model.input_resource_ids.empty());
}

TEST(FeedTablesFromInitializerTest, InitializerNodeOfTheTablesNameButAnotherOpFails) {
  FrozenModel model = TableModel(kGraph, R"pb(node { name: "table" op: "NoOp" })pb");
  const absl::Status status = FeedTablesFromInitializer(&model);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "hash table 'table' (HashTableV2) is a NoOp node in the model initializer");
}

TEST(FeedTablesFromInitializerTest, InitializerWithASignatureAlreadyFails) {
  FrozenModel model = TableModel(kGraph, kInitializer);
  (*model.initializer_signature.mutable_outputs())["x:0"].set_name("x:0");
  EXPECT_EQ(FeedTablesFromInitializer(&model).code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace tfjs::converter
