#include "converter/writer/layers_model_writer.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "converter/writer/converter_version.h"
#include "gtest/gtest.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;
using ::tfjs::test_files::ReadFile;

LayersModelWeight FloatWeight(const std::string& name, std::vector<int64_t> shape,
                              std::vector<float> values) {
  LayersModelWeight weight;
  weight.name = name;
  weight.value.set_dtype(tensorflow::DT_FLOAT);
  for (int64_t dim : shape) weight.value.mutable_tensor_shape()->add_dim()->set_size(dim);
  weight.value.set_tensor_content(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
  return weight;
}

// A Dense layer (kernel, bias) and a BatchNormalizationV1 layer (gamma) as TF 1.13 named it.
LayersModel Model() {
  LayersModel model;
  model.keras_version = "2.2.4-tf";
  model.backend = "tensorflow";
  model.model_config =
      R"({"class_name":"Sequential","config":{"name":"s","layers":[)"
      R"({"class_name":"Dense","config":{"units":2,"alpha":0.30000001192092896}},)"
      R"({"class_name":"BatchNormalizationV1","config":{"note":"\"class_name\": \"UnifiedGRU\""}}]}})";
  model.training_config = R"({"loss":"mse","optimizer_config":{"lr":1e-3}})";
  model.layers = {{FloatWeight("dense/kernel", {1, 2}, {1, 2}), FloatWeight("dense/bias", {2}, {3, 4})},
                  {FloatWeight("bn/gamma", {2}, {5, 6})}};
  return model;
}

class LayersModelWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    out_ = root_ / "model";
    options_.log = &log_;
  }

  fs::path root_;
  fs::path out_;
  std::ostringstream log_;
  ModelWriterOptions options_;
};

TEST_F(LayersModelWriterTest, WritesModelJsonAsTensorflowjsConverterDoes) {
  ASSERT_TRUE(WriteLayersModel(Model(), out_.string(), options_).ok());
  const std::string expected =
      std::string(R"({"format": "layers-model", "generatedBy": "keras v2.2.4-tf", )") +
      R"("convertedBy": "tfjs_native converter v)" + kConverterVersion +
      " (TensorFlow.js Converter v" + kCompatibleTfjsConverterVersion + R"js( format)", )js" +
      R"("modelTopology": {"keras_version": "2.2.4-tf", "backend": "tensorflow", )"
      R"("model_config": {"class_name": "Sequential", "config": {"name": "s", "layers": [)"
      R"({"class_name": "Dense", "config": {"units": 2, "alpha": 0.30000001192092896}}, )"
      // The class name is translated; the same text inside a string stays.
      R"({"class_name": "BatchNormalization", "config": )"
      R"({"note": "\"class_name\": \"UnifiedGRU\""}}]}}, )"
      R"("training_config": {"loss": "mse", "optimizer_config": {"lr": 0.001}}}, )"
      R"("weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [)"
      R"({"name": "dense/kernel", "shape": [1, 2], "dtype": "float32"}, )"
      R"({"name": "dense/bias", "shape": [2], "dtype": "float32"}, )"
      R"({"name": "bn/gamma", "shape": [2], "dtype": "float32"}]}]})";
  EXPECT_EQ(ReadFile(out_ / "model.json"), expected);
  const std::string shard = ReadFile(out_ / "group1-shard1of1.bin");
  ASSERT_EQ(shard.size(), 6 * sizeof(float));
  const float* values = reinterpret_cast<const float*>(shard.data());
  EXPECT_EQ(std::vector<float>(values, values + 6), (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST_F(LayersModelWriterTest, SplitByLayerMakesAGroupPerLayerAndMetadataPrecedesTheTopology) {
  options_.split_weights_by_layer = true;
  options_.user_metadata = {{"origin", R"({"a":[1,2]})"}};
  LayersModel model = Model();
  model.training_config.clear();
  ASSERT_TRUE(WriteLayersModel(model, out_.string(), options_).ok());
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_NE(json.find(R"js( format)", "userDefinedMetadata": {"origin": {"a": [1, 2]}}, )js"
                      R"("modelTopology": {)"),
            std::string::npos)
      << json;
  EXPECT_EQ(json.find("training_config"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [)"
                      R"({"name": "dense/kernel", "shape": [1, 2], "dtype": "float32"}, )"
                      R"({"name": "dense/bias", "shape": [2], "dtype": "float32"}]}, )"
                      R"({"paths": ["group2-shard1of1.bin"], "weights": [)"
                      R"({"name": "bn/gamma", "shape": [2], "dtype": "float32"}]}]})"),
            std::string::npos)
      << json;
  EXPECT_EQ(ReadFile(out_ / "group1-shard1of1.bin").size(), 4 * sizeof(float));
  EXPECT_EQ(ReadFile(out_ / "group2-shard1of1.bin").size(), 2 * sizeof(float));
}

TEST_F(LayersModelWriterTest, WeightsOnlyModelHasNullTopologyAndGenerator) {
  LayersModel model = Model();
  model.model_config.clear();
  model.training_config.clear();
  model.backend.clear();
  ASSERT_TRUE(WriteLayersModel(model, out_.string(), options_).ok());
  const std::string json = ReadFile(out_ / "model.json");
  EXPECT_EQ(json.rfind(R"({"format": "layers-model", "generatedBy": null, "convertedBy": )", 0), 0u)
      << json;
  EXPECT_NE(json.find(R"js( format)", "modelTopology": null, "weightsManifest": [)js"),
            std::string::npos)
      << json;
}

TEST_F(LayersModelWriterTest, ConfigThatIsNotJsonFailsAndLeavesNothing) {
  LayersModel model = Model();
  model.model_config = "{\"class_name\": ";
  const absl::Status status = WriteLayersModel(model, out_.string(), options_);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message().rfind("model_config: ", 0), 0u) << status;
  EXPECT_FALSE(fs::exists(out_));
}

}  // namespace
}  // namespace tfjs::converter
