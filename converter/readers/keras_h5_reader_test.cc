// Reads Keras HDF5 files of the corpus as tensorflowjs_converter's keras_h5_conversion does.
#include "converter/readers/keras_h5_reader.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/hdf5/hdf5_test_builder.h"
#include "gtest/gtest.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

std::string KerasFile(const std::string& case_id) {
  return testing::CorpusRoot() + "/keras/" + case_id + "/model.h5";
}

// (name, shape) of every weight, layer by layer.
std::vector<std::vector<std::pair<std::string, std::vector<int64_t>>>> WeightShapes(
    const LayersModel& model) {
  std::vector<std::vector<std::pair<std::string, std::vector<int64_t>>>> layers;
  for (const auto& layer : model.layers) {
    layers.emplace_back();
    for (const LayersModelWeight& weight : layer) {
      std::vector<int64_t> shape;
      for (const auto& dim : weight.value.tensor_shape().dim()) shape.push_back(dim.size());
      layers.back().emplace_back(weight.name, shape);
    }
  }
  return layers;
}

TEST(KerasH5ReaderTest, SavedModelGivesConfigAndWeightsWithoutTheirSlot) {
  absl::StatusOr<LayersModel> model = ReadKerasH5(KerasFile("keras__examples__activations__ELU_0"));
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->keras_version, "2.3.1");
  EXPECT_EQ(model->backend, "tensorflow");
  EXPECT_TRUE(absl::StartsWith(model->model_config, "{\"class_name\": \"Sequential\""))
      << model->model_config.substr(0, 80);
  // The ELU layer has no weights and is left out.
  EXPECT_EQ(WeightShapes(*model),
            (std::vector<std::vector<std::pair<std::string, std::vector<int64_t>>>>{
                {{"dense/kernel", {16, 32}}, {"dense/bias", {32}}}}));
  const LayersModelWeight& bias = model->layers[0][1];
  EXPECT_EQ(bias.value.dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ(bias.value.tensor_content().size(), 32 * sizeof(float));
}

TEST(KerasH5ReaderTest, LayersComeInNameOrderAsH5pyIteratesThem) {
  // Config order is batch_normalization_5, ..., dense_9, dense_10; h5py's (and so
  // tensorflowjs_converter's) is by name: dense_10 before dense_9.
  absl::StatusOr<LayersModel> model = ReadKerasH5(KerasFile("keras__tfkeras__GAPError"));
  ASSERT_TRUE(model.ok()) << model.status();
  std::vector<std::string> first_weights;
  for (const auto& layer : model->layers) first_weights.push_back(layer[0].name);
  EXPECT_EQ(first_weights,
            (std::vector<std::string>{"batch_normalization_5_1/gamma", "conv1d_11_1/kernel",
                                      "dense_10/kernel", "dense_9/kernel"}));
  EXPECT_EQ(model->layers[0].size(), 4u);  // gamma, beta, moving_mean, moving_variance.
}

// A save_weights() file: root attributes keras_version and layer_names (c_layer, a_layer,
// b_layer; a_layer has no weights, its weight_names an empty float64 array as numpy stores an
// empty list), one group per layer holding its float32 datasets.
std::string WeightsOnlyFile() {
  using namespace hdf5::testing;  // NOLINT: the builder's byte-level vocabulary.
  FileBuilder file;
  auto layer = [&](const std::string& weight, const std::vector<float>& values) {
    const uint64_t data = file.Append(
        std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float)));
    const uint64_t dataset = file.ObjectHeader(
        {{0x01, Dataspace({values.size()})},
         {0x03, FloatType(4, false)},
         {0x08, U8(3) + U8(1) + U64(data) + U64(values.size() * sizeof(float))}});
    return file.ObjectHeader(
        {{0x02, LinkInfoMessage()},
         {0x06, HardLinkMessage(weight, dataset)},
         {0x0C, AttributeMessage("weight_names", FixedStringType(weight.size(), 1), Dataspace({1}),
                                 weight)}});
  };
  const uint64_t c_layer = layer("c:0", {1.5f, -2.0f});
  const uint64_t b_layer = layer("b:0", {4.0f});
  const uint64_t a_layer = file.ObjectHeader(
      {{0x02, LinkInfoMessage()},
       {0x0C, AttributeMessage("weight_names", FloatType(8, false), Dataspace({0}), "")}});
  const uint64_t root = file.ObjectHeader(
      {{0x02, LinkInfoMessage()},
       {0x06, HardLinkMessage("a_layer", a_layer)},
       {0x06, HardLinkMessage("b_layer", b_layer)},
       {0x06, HardLinkMessage("c_layer", c_layer)},
       {0x0C, AttributeMessage("keras_version", FixedStringType(5, 1), Dataspace({}), "2.2.4")},
       {0x0C, AttributeMessage("layer_names", FixedStringType(7, 1), Dataspace({3}),
                               "c_layera_layerb_layer")}});
  return WriteTemp("weights_only.h5", file.Finish(root));
}

TEST(KerasH5ReaderTest, WeightsOnlyFileTakesLayersInLayerNamesOrder) {
  absl::StatusOr<LayersModel> model = ReadKerasH5(WeightsOnlyFile());
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->keras_version, "2.2.4");
  EXPECT_TRUE(model->model_config.empty());
  EXPECT_TRUE(model->backend.empty());
  EXPECT_EQ(WeightShapes(*model),
            (std::vector<std::vector<std::pair<std::string, std::vector<int64_t>>>>{
                {{"c", {2}}}, {{"b", {1}}}}));
  const std::string& bytes = model->layers[0][0].value.tensor_content();
  ASSERT_EQ(bytes.size(), 2 * sizeof(float));
  float values[2];
  std::memcpy(values, bytes.data(), sizeof(values));
  EXPECT_EQ(values[0], 1.5f);
  EXPECT_EQ(values[1], -2.0f);
}

TEST(KerasH5ReaderTest, Keras1FilesAreRefusedAsTensorflowjsConverterRefusesThem) {
  const std::string file = KerasFile("keras__weights__bidirectional_lstm_theano_1");
  absl::StatusOr<LayersModel> model = ReadKerasH5(file);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(model.status().message(),
                               file + ": Expected Keras version 2; got Keras version 1."))
      << model.status();
}

TEST(KerasH5ReaderTest, NotAnHdf5FileFailsNamingIt) {
  const std::string file = testing::CorpusRoot() + "/keras/keras__tfkeras__GAPError/case.json";
  absl::StatusOr<LayersModel> model = ReadKerasH5(file);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find(file), std::string::npos) << model.status();
}

TEST(KerasH5ReaderTest, CorruptFileErrorNamesTheFileOnce) {
  // A real model with its symbol-table heap address pointing past the end of the file.
  std::string bytes = test_files::ReadFile(KerasFile("keras__examples__activations__ELU_0"));
  for (size_t i = 4000; i < bytes.size(); i += 97) bytes[i] = '\xff';
  const std::string file = std::string(std::getenv("TEST_TMPDIR")) + "/corrupt.h5";
  std::ofstream(file, std::ios::binary) << bytes;
  absl::StatusOr<LayersModel> model = ReadKerasH5(file);
  ASSERT_FALSE(model.ok());
  EXPECT_TRUE(absl::StartsWith(model.status().message(), file + ": corrupt HDF5 file at byte"))
      << model.status();
}

}  // namespace
}  // namespace tfjs::converter
