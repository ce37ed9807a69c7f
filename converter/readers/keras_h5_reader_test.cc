// Reads Keras HDF5 files of the corpus as tensorflowjs_converter's keras_h5_conversion does.
#include "converter/readers/keras_h5_reader.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "converter/readers/corpus_case.h"
#include "gtest/gtest.h"

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

}  // namespace
}  // namespace tfjs::converter
