// Cross-checks weights read from a corpus Keras model against TensorFlow's reference outputs:
// a Dense layer followed by ReLU(negative_slope=0.5) recomputed from the read kernel and bias.
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/hdf5/hdf5_file.h"
#include "gtest/gtest.h"
#include "tools/npy/npy.h"

namespace tfjs::converter::hdf5 {
namespace {

using ::tfjs::converter::testing::CorpusRoot;

// Sequential([Dense(32, linear, input 16), ReLU(negative_slope=0.5)]).
constexpr char kCase[] = "/keras/keras__examples__activations__ReLU_3";
constexpr float kNegativeSlope = 0.5f;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<float> Floats(const std::string& bytes) {
  std::vector<float> values(bytes.size() / sizeof(float));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}

// The dataset named by the layer's weight_names entry ending in `suffix`.
Dataset ReadWeight(const Group& layer, absl::string_view suffix) {
  absl::StatusOr<Attribute> names = layer.ReadAttribute("weight_names");
  EXPECT_TRUE(names.ok()) << names.status();
  for (const std::string& name : names->strings) {
    if (!absl::EndsWith(name, suffix)) continue;
    absl::StatusOr<Dataset> weight = layer.ReadDataset(name);
    EXPECT_TRUE(weight.ok()) << weight.status();
    return *weight;
  }
  ADD_FAILURE() << "no weight ending in " << suffix;
  return {};
}

TEST(Hdf5ValuesTest, DenseWeightsReproduceReferenceOutputs) {
  const std::string dir = CorpusRoot() + kCase;
  absl::StatusOr<File> file = File::Open(dir + "/model.h5");
  ASSERT_TRUE(file.ok()) << file.status();
  absl::StatusOr<Group> dense = file->root().OpenGroup("model_weights/dense");
  ASSERT_TRUE(dense.ok()) << dense.status();
  const Dataset kernel = ReadWeight(*dense, "kernel:0");
  const Dataset bias = ReadWeight(*dense, "bias:0");
  ASSERT_EQ(kernel.kind, ElementKind::kFloat);
  ASSERT_EQ(kernel.element_size, 4u);
  ASSERT_EQ(kernel.shape, (std::vector<uint64_t>{16, 32}));
  ASSERT_EQ(bias.shape, (std::vector<uint64_t>{32}));

  // Contiguous weights lie verbatim in the file.
  const std::string raw = ReadBytes(dir + "/model.h5");
  EXPECT_NE(raw.find(kernel.bytes), std::string::npos);
  EXPECT_NE(raw.find(bias.bytes), std::string::npos);

  absl::StatusOr<tools::NpyArray> input =
      tools::DecodeNpy(ReadBytes(dir + "/inputs/0.npy"), "inputs/0.npy");
  ASSERT_TRUE(input.ok()) << input.status();
  absl::StatusOr<tools::NpyArray> output =
      tools::DecodeNpy(ReadBytes(dir + "/outputs/0.npy"), "outputs/0.npy");
  ASSERT_TRUE(output.ok()) << output.status();
  ASSERT_EQ(input->shape, (std::vector<int64_t>{2, 16}));
  ASSERT_EQ(output->shape, (std::vector<int64_t>{2, 32}));
  const std::vector<float> x = Floats(input->data), w = Floats(kernel.bytes),
                           b = Floats(bias.bytes), expected = Floats(output->data);
  for (int row = 0; row < 2; ++row) {
    for (int unit = 0; unit < 32; ++unit) {
      float sum = b[unit];
      for (int k = 0; k < 16; ++k) sum += x[row * 16 + k] * w[k * 32 + unit];
      const float y = sum > 0 ? sum : kNegativeSlope * sum;
      EXPECT_NEAR(y, expected[row * 32 + unit], 1e-5) << "row " << row << " unit " << unit;
    }
  }
}

TEST(Hdf5ValuesTest, RootAttributesAreStrings) {
  absl::StatusOr<File> file = File::Open(CorpusRoot() + kCase + "/model.h5");
  ASSERT_TRUE(file.ok()) << file.status();
  const Group& root = file->root();
  EXPECT_EQ(root.child_names(), std::vector<std::string>{"model_weights"});
  EXPECT_TRUE(root.HasAttribute("training_config"));
  absl::StatusOr<Attribute> version = root.ReadAttribute("keras_version");
  ASSERT_TRUE(version.ok()) << version.status();
  ASSERT_EQ(version->kind, ElementKind::kString);
  EXPECT_EQ(version->strings, std::vector<std::string>{"2.3.1"});
  EXPECT_TRUE(version->shape.empty());
  absl::StatusOr<Attribute> backend = root.ReadAttribute("backend");
  ASSERT_TRUE(backend.ok()) << backend.status();
  EXPECT_EQ(backend->strings, std::vector<std::string>{"tensorflow"});
  absl::StatusOr<ObjectKind> kind = root.ChildKind("model_weights/dense/dense/kernel:0");
  ASSERT_TRUE(kind.ok()) << kind.status();
  EXPECT_EQ(*kind, ObjectKind::kDataset);
  kind = root.ChildKind("model_weights/dense");
  ASSERT_TRUE(kind.ok()) << kind.status();
  EXPECT_EQ(*kind, ObjectKind::kGroup);
}

}  // namespace
}  // namespace tfjs::converter::hdf5
