#include "runtime/model_initializer.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/graph_model.h"

namespace tfjs::runtime {
namespace {

namespace fs = std::filesystem;

// A TF2-style model as tensorflowjs_converter writes one for a hash table: the model reads the
// table through a DT_RESOURCE input with a resourceId, which the initializer's output of the same
// id feeds. Both graphs have a node named "Identity".
constexpr char kResourceIdModel[] = R"json({
  "format": "graph-model",
  "signature": {
    "inputs": {
      "input": {"name": "input:0", "dtype": "DT_INT32", "tensorShape": {"dim": [{"size": "-1"}]}},
      "unknown:0": {"name": "unknown:0", "dtype": "DT_RESOURCE", "tensorShape": {}, "resourceId": 7}
    },
    "outputs": {"output_0": {"name": "Identity:0", "dtype": "DT_FLOAT"}}
  },
  "modelTopology": {"node": [
    {"name": "default", "op": "Const", "attr": {"dtype": {"type": "DT_FLOAT"},
     "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {}}}}},
    {"name": "input", "op": "Placeholder",
     "attr": {"dtype": {"type": "DT_INT32"}, "shape": {"shape": {"dim": [{"size": "-1"}]}}}},
    {"name": "unknown", "op": "Placeholder",
     "attr": {"dtype": {"type": "DT_RESOURCE"}, "shape": {"shape": {}}}},
    {"name": "lookup", "op": "LookupTableFindV2", "input": ["unknown", "input", "default"],
     "attr": {"Tin": {"type": "DT_INT32"}, "Tout": {"type": "DT_FLOAT"}}},
    {"name": "Identity", "op": "Identity", "input": ["lookup"], "attr": {"T": {"type": "DT_FLOAT"}}}
  ], "versions": {}},
  "modelInitializer": {"node": [
    {"name": "keys", "op": "Const", "attr": {"dtype": {"type": "DT_INT32"},
     "value": {"tensor": {"dtype": "DT_INT32", "tensorShape": {"dim": [{"size": "2"}]}}}}},
    {"name": "values", "op": "Const", "attr": {"dtype": {"type": "DT_FLOAT"},
     "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "2"}]}}}}},
    {"name": "hash_table", "op": "HashTableV2",
     "attr": {"key_dtype": {"type": "DT_INT32"}, "value_dtype": {"type": "DT_FLOAT"}}},
    {"name": "import", "op": "LookupTableImportV2", "input": ["hash_table", "keys", "values"],
     "attr": {"Tin": {"type": "DT_INT32"}, "Tout": {"type": "DT_FLOAT"}}},
    {"name": "Identity", "op": "Identity", "input": ["hash_table", "^import"],
     "attr": {"T": {"type": "DT_RESOURCE"}}}
  ], "versions": {}},
  "initializerSignature": {"outputs": {"Identity:0": {"name": "Identity:0", "dtype": "DT_RESOURCE",
                                                      "resourceId": 7}}},
  "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
    {"name": "default", "shape": [], "dtype": "float32"},
    {"name": "keys", "shape": [2], "dtype": "int32"},
    {"name": "values", "shape": [2], "dtype": "float32"}]}]
})json";

template <typename T>
void Append(std::string* bytes, std::vector<T> values) {
  bytes->append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

TEST(ModelInitializerTest, ResourceIdInputIsFedByTheInitializer) {
  const fs::path dir = fs::path(std::getenv("TEST_TMPDIR")) / "resource_id_model";
  fs::create_directories(dir);
  std::ofstream(dir / "model.json") << kResourceIdModel;
  std::string weights;
  Append<float>(&weights, {-1});
  Append<int32_t>(&weights, {1, 2});
  Append<float>(&weights, {10, 20});
  std::ofstream(dir / "group1-shard1of1.bin", std::ios::binary) << weights;

  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::Load((dir / "model.json").string());
  ASSERT_TRUE(model.ok()) << model.status();
  // The resource input is no input the caller feeds.
  ASSERT_EQ((*model)->inputs().size(), 1u);
  EXPECT_EQ((*model)->inputs()[0].name, "input:0");

  Tensor ids = *Tensor::Allocate(tensorflow::DT_INT32, {3});
  ids.mutable_data<int32_t>()[0] = 2;
  ids.mutable_data<int32_t>()[1] = 5;
  ids.mutable_data<int32_t>()[2] = 1;
  for (int run = 0; run < 2; ++run) {
    absl::StatusOr<std::vector<Tensor>> outputs = (*model)->Execute({{"input", ids}}, {});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    const float* values = (*outputs)[0].data<float>();
    EXPECT_EQ(std::vector<float>(values, values + 3), (std::vector<float>{20, -1, 10}));
  }
}

TEST(ModelInitializerTest, UnknownResourceIdFails) {
  io::ModelJson model_json;
  model_json.graph.emplace();
  model_json.model_initializer.emplace();
  model_json.model_initializer->add_node()->set_name("t");
  model_json.signature.emplace();
  (*model_json.signature->mutable_inputs())["r"].set_name("r:0");
  model_json.input_resource_ids["r"] = 3;
  absl::Status status = MergeModelInitializer(model_json);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("resourceId 3"), std::string::npos) << status;
}

TEST(ModelInitializerTest, SharedNameOfAnotherOpFails) {
  io::ModelJson model_json;
  model_json.graph.emplace();
  tensorflow::NodeDef* node = model_json.graph->add_node();
  node->set_name("table");
  node->set_op("Placeholder");
  model_json.model_initializer.emplace();
  node = model_json.model_initializer->add_node();
  node->set_name("table");
  node->set_op("HashTableV2");
  EXPECT_FALSE(MergeModelInitializer(model_json).ok());
}

}  // namespace
}  // namespace tfjs::runtime
