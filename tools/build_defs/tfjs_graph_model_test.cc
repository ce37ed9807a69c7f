// tfjs_graph_model's output directories, taken as data deps: model.json plus shards that the
// runtime loads and runs to the outputs the testdata stores (computed by TF.js when it was made).
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "tools/npy/npy.h"
#include "tools/npy/tensor_npy.h"
#include "tools/testing/test_files.h"

namespace tfjs::tools {
namespace {

namespace fs = std::filesystem;

const fs::path kPackage = "tools/build_defs";
const fs::path kConvNet = "testdata/frozen/conv_net";

runtime::Tensor ReadNpy(const fs::path& path) {
  absl::StatusOr<NpyArray> array = DecodeNpy(test_files::ReadFile(path), path.string());
  EXPECT_TRUE(array.ok()) << array.status();
  absl::StatusOr<runtime::Tensor> tensor = TensorFromNpy(*array);
  EXPECT_TRUE(tensor.ok()) << tensor.status();
  return *std::move(tensor);
}

std::vector<std::string> FileNames(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Runs conv_net's converted model on the stored input; the largest |difference| from `output`.
float LargestError(const fs::path& model_dir, const std::string& output, int output_index) {
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load((model_dir / "model.json").string());
  EXPECT_TRUE(model.ok()) << model.status();
  if (!model.ok()) return INFINITY;
  absl::StatusOr<std::vector<runtime::Tensor>> outputs =
      (*model)->Execute({{"image", ReadNpy(kConvNet / "inputs/0.npy")}}, {output});
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  if (!outputs.ok()) return INFINITY;
  const runtime::Tensor expected =
      ReadNpy(kConvNet / "outputs" / (std::to_string(output_index) + ".npy"));
  EXPECT_EQ((*outputs)[0].num_elements(), expected.num_elements());
  float largest = 0;
  for (int64_t i = 0; i < expected.num_elements(); ++i) {
    largest = std::max(largest, std::fabs((*outputs)[0].data<float>()[i] - expected.data<float>()[i]));
  }
  return largest;
}

TEST(TfjsGraphModelRuleTest, OutputIsAModelDirectoryTheRuntimeRuns) {
  const fs::path dir = kPackage / "conv_net_web";
  ASSERT_TRUE(fs::is_directory(dir));
  EXPECT_EQ(FileNames(dir), (std::vector<std::string>{"group1-shard1of1.bin", "model.json"}));
  EXPECT_LT(LargestError(dir, "logits", 0), 1e-5f);
  EXPECT_LT(LargestError(dir, "probs", 1), 1e-5f);
}

// 47 float32 weights as uint8 plus the int32 shape: 55 bytes; in 64-byte shards, one shard.
// The quantization step bounds the error: the weights span at most [-0.5, 0.5].
TEST(TfjsGraphModelRuleTest, QuantizedAndShardedAsAsked) {
  const fs::path dir = kPackage / "conv_net_uint8_web";
  ASSERT_TRUE(fs::is_directory(dir));
  const std::string model_json = test_files::ReadFile(dir / "model.json");
  EXPECT_TRUE(absl::StrContains(model_json, "\"dtype\": \"uint8\"")) << model_json;
  uint64_t shard_bytes = 0;
  for (const std::string& name : FileNames(dir)) {
    if (name != "model.json") shard_bytes += fs::file_size(dir / name);
  }
  EXPECT_EQ(shard_bytes, 47u + 2 * 4);
  EXPECT_LT(LargestError(dir, "probs", 1), 0.05f);
}

TEST(TfjsGraphModelRuleTest, HubModuleDirectoryConverts) {
  const fs::path dir = kPackage / "hub_module_web";
  ASSERT_TRUE(fs::is_directory(dir));
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load((dir / "model.json").string());
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ((*model)->inputs().size(), 1u);
}

}  // namespace
}  // namespace tfjs::tools
