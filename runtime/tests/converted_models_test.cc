// The native runtime on models the converter writes from testdata: a TF1 hash table filled by the
// modelInitializer (TF1 and TF2 SavedModels), and quantized weights dequantized at load.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/graph_model.h"

namespace tfjs::runtime {
namespace {

namespace fs = std::filesystem;

fs::path Runfile(const std::string& path) {
  return fs::path(std::getenv("TEST_SRCDIR")) / "tfjs_native" / path;
}

// Runs //converter with `args` into a fresh directory; returns the model.json path.
std::string Convert(const std::string& name, const std::string& args) {
  const fs::path out = fs::path(std::getenv("TEST_TMPDIR")) / name;
  fs::remove_all(out);
  const std::string command =
      Runfile("converter/converter").string() + " " + args + " " + out.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return (out / "model.json").string();
}

Tensor Int32s(std::vector<int32_t> values) {
  Tensor tensor =
      *Tensor::Allocate(tensorflow::DT_INT32, {static_cast<int64_t>(values.size())});
  std::copy(values.begin(), values.end(), tensor.mutable_data<int32_t>());
  return tensor;
}

std::vector<float> FloatsOf(const Tensor& tensor) {
  const float* data = tensor.data<float>();
  return std::vector<float>(data, data + tensor.num_elements());
}

TEST(ConvertedModelsTest, HashTableIsFilledByTheModelInitializerOnce) {
  const std::string model_json = Convert(
      "lookup", Runfile("testdata/saved_model/tf1_lookup_table/saved_model").string());
  absl::StatusOr<std::unique_ptr<GraphModel>> model = GraphModel::Load(model_json);
  ASSERT_TRUE(model.ok()) << model.status();
  // Table {3: 0.5, 7: -1.25, 11: 2, -2: 8}, default -1.
  const std::vector<float> expected = {-1.25f, 0.5f, -1.0f, 8.0f, 2.0f};
  for (int run = 0; run < 2; ++run) {
    absl::StatusOr<std::vector<Tensor>> outputs =
        (*model)->Execute({{"id", Int32s({7, 3, 5, -2, 11})}}, {"score", "doubled"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ(FloatsOf((*outputs)[0]), expected);
    EXPECT_EQ(FloatsOf((*outputs)[1]), (std::vector<float>{-2.5f, 1.0f, -2.0f, 16.0f, 4.0f}));
  }
  // The initializer's node is no model output.
  for (const TensorSpec& output : (*model)->outputs()) {
    EXPECT_EQ(output.name.find("initializer"), std::string::npos) << output.name;
  }
}

TEST(ConvertedModelsTest, Tf2HashTableIsFilledByTheModelInitializer) {
  const std::string model_json = Convert(
      "lookup2", Runfile("testdata/saved_model/tf2_lookup_table/saved_model").string());
  absl::StatusOr<std::unique_ptr<GraphModel>> model = GraphModel::Load(model_json);
  ASSERT_TRUE(model.ok()) << model.status();
  // Table {4: 1.5, 9: -0.5, -1: 4}, default 0.25.
  absl::StatusOr<std::vector<Tensor>> outputs =
      (*model)->Execute({{"id", Int32s({9, 0, -1, 4})}}, {"score", "doubled"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(FloatsOf((*outputs)[0]), (std::vector<float>{-0.5f, 0.25f, 4.0f, 1.5f}));
  EXPECT_EQ(FloatsOf((*outputs)[1]), (std::vector<float>{-1.0f, 0.5f, 8.0f, 3.0f}));
  // The table input (resourceId form) is fed by the initializer, not by the caller.
  ASSERT_EQ((*model)->inputs().size(), 1u);
  EXPECT_EQ((*model)->inputs()[0].name, "serving_default_id:0");
}

TEST(ConvertedModelsTest, QuantizedWeightsRunCloseToFloat32Ones) {
  const std::string args = "--input_format=tf_frozen_model --output_node_names=dense_1/Relu " +
                           Runfile("testdata/frozen/dense_net/frozen_model.pb").string();
  absl::StatusOr<std::unique_ptr<GraphModel>> reference =
      GraphModel::Load(Convert("dense_float32", args));
  ASSERT_TRUE(reference.ok()) << reference.status();
  for (const std::string dtype : {"uint8", "uint16", "float16"}) {
    absl::StatusOr<std::unique_ptr<GraphModel>> quantized =
        GraphModel::Load(Convert("dense_" + dtype, "--quantize_" + dtype + " " + args));
    ASSERT_TRUE(quantized.ok()) << quantized.status();
    Tensor x = *Tensor::Allocate(tensorflow::DT_FLOAT, {2, 4});  // dense_net's "features".
    for (int64_t i = 0; i < x.num_elements(); ++i) {
      x.mutable_data<float>()[i] = 0.125f * (i % 7) - 0.25f;
    }
    absl::StatusOr<std::vector<Tensor>> want = (*reference)->Execute({{"features", x}}, {});
    absl::StatusOr<std::vector<Tensor>> got = (*quantized)->Execute({{"features", x}}, {});
    ASSERT_TRUE(want.ok()) << want.status();
    ASSERT_TRUE(got.ok()) << got.status();
    const std::vector<float> want_values = FloatsOf((*want)[0]);
    const std::vector<float> got_values = FloatsOf((*got)[0]);
    ASSERT_EQ(want_values.size(), got_values.size());
    const double tolerance = dtype == "uint8" ? 5e-2 : 1e-2;
    for (size_t i = 0; i < want_values.size(); ++i) {
      EXPECT_NEAR(got_values[i], want_values[i], tolerance) << dtype << " [" << i << "]";
    }
  }
}

}  // namespace
}  // namespace tfjs::runtime
