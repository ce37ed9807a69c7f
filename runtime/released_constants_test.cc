// Constants every reader packed (convolution filters) are released after load and read again
// from the weight shard, or the node's value attr, when a kernel repacks them or a run fetches
// them.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"

namespace tfjs::runtime {
namespace {

namespace fs = std::filesystem;

// x [1,2,2,1] convolved with the 2x2 filter w (VALID) gives one value; `reader_op` also reads w
// when set (then w must stay).
std::string ModelJson(const std::string& reader_op) {
  std::string nodes = R"(
    {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
      "shape": {"shape": {"dim": [{"size": "1"}, {"size": "2"}, {"size": "2"}, {"size": "1"}]}}}},
    {"name": "w", "op": "Const", "attr": {"dtype": {"type": "DT_FLOAT"}, "value": {"tensor": {
      "dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "2"}, {"size": "2"}, {"size": "1"},
      {"size": "1"}]}}}}},
    {"name": "conv", "op": "Conv2D", "input": ["x", "w"], "attr": {"T": {"type": "DT_FLOAT"},
      "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": "VkFMSUQ="},
      "data_format": {"s": "TkhXQw=="}, "dilations": {"list": {"i": ["1", "1", "1", "1"]}}}})";
  if (!reader_op.empty()) {
    nodes += R"(,
    {"name": "other", "op": ")" + reader_op + R"(", "input": ["w"], "attr": {"T": {"type": "DT_FLOAT"}}})";
  }
  return R"({"format": "graph-model", "modelTopology": {"node": [)" + nodes + R"(]},
    "weightsManifest": [{"paths": ["weights.bin"], "weights": [{"name": "w", "shape": [2, 2, 1, 1],
      "dtype": "float32", "quantization": {"dtype": "float16"}}]}]})";
}

// The filter's values as float16: 1, 2, -0.5, 0.25.
constexpr uint16_t kFilterHalves[] = {0x3C00, 0x4000, 0xB800, 0x3400};
const std::vector<float> kFilter = {1.f, 2.f, -0.5f, 0.25f};

std::string WriteModel(const std::string& name, const std::string& reader_op) {
  const fs::path dir = fs::path(std::getenv("TEST_TMPDIR")) / name;
  fs::create_directories(dir);
  std::ofstream(dir / "model.json") << ModelJson(reader_op);
  std::ofstream bin(dir / "weights.bin", std::ios::binary);
  bin.write(reinterpret_cast<const char*>(kFilterHalves), sizeof(kFilterHalves));
  return (dir / "model.json").string();
}

Tensor Image() {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2, 2, 1});
  const float values[] = {1.f, 2.f, 3.f, 4.f};
  std::memcpy(tensor.mutable_data<float>(), values, sizeof(values));
  return tensor;
}

std::vector<float> FloatsOf(const Tensor& tensor) {
  return std::vector<float>(tensor.data<float>(), tensor.data<float>() + tensor.num_elements());
}

// 1*1 + 2*2 + 3*-0.5 + 4*0.25
constexpr float kConvolved = 4.5f;

TEST(ReleasedConstantsTest, PackedFilterIsReleasedAndReadAgainFromTheShard) {
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::Load(WriteModel("packed_only", ""));
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ((*model)->weight_bytes(), 16);
  EXPECT_EQ((*model)->resident_weight_bytes(), 0);
  for (int run = 0; run < 2; ++run) {
    absl::StatusOr<std::vector<Tensor>> outputs =
        (*model)->Execute({{"x", Image()}}, {"conv", "w", "w:0"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ(FloatsOf((*outputs)[0]), std::vector<float>{kConvolved});
    EXPECT_EQ((*outputs)[1].shape(), Shape({2, 2, 1, 1}));
    EXPECT_EQ(FloatsOf((*outputs)[1]), kFilter);
    EXPECT_EQ(FloatsOf((*outputs)[2]), kFilter);
  }
  // The Const alone, without running the convolution, and through the control-flow executor.
  absl::StatusOr<std::vector<Tensor>> alone = (*model)->ExecuteAsync({}, {"w"});
  ASSERT_TRUE(alone.ok()) << alone.status();
  EXPECT_EQ(FloatsOf((*alone)[0]), kFilter);
  EXPECT_EQ((*model)->resident_weight_bytes(), 0);
}

TEST(ReleasedConstantsTest, ConcurrentRunsRepackAndFetchTheReleasedFilter) {
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::Load(WriteModel("concurrent", ""));
  ASSERT_TRUE(model.ok()) << model.status();
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int run = 0; run < 50; ++run) {
        absl::StatusOr<std::vector<Tensor>> outputs =
            (*model)->Execute({{"x", Image()}}, {"conv", "w"});
        if (!outputs.ok() || FloatsOf((*outputs)[0]) != std::vector<float>{kConvolved} ||
            FloatsOf((*outputs)[1]) != kFilter) {
          ++failures[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(ReleasedConstantsTest, ConstantAnotherKernelReadsIsKept) {
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::Load(WriteModel("also_read", "Relu"));
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ((*model)->resident_weight_bytes(), 16);
  absl::StatusOr<std::vector<Tensor>> outputs =
      (*model)->Execute({{"x", Image()}}, {"conv", "other", "w"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(FloatsOf((*outputs)[0]), std::vector<float>{kConvolved});
  EXPECT_EQ(FloatsOf((*outputs)[1]), (std::vector<float>{1.f, 2.f, 0.f, 0.25f}));
  EXPECT_EQ(FloatsOf((*outputs)[2]), kFilter);
}

TEST(ReleasedConstantsTest, ValueAttrConstantIsReleasedAndReadAgain) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr { key: "dtype" value { type: DT_FLOAT } }
    }
    node {
      name: "w"
      op: "Const"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } dim { size: 2 } dim { size: 1 } dim { size: 1 } }
            float_val: [ 1, 2, -0.5, 0.25 ]
          }
        }
      }
    }
    node {
      name: "conv"
      op: "Conv2D"
      input: [ "x", "w" ]
      attr { key: "T" value { type: DT_FLOAT } }
      attr { key: "strides" value { list { i: [ 1, 1, 1, 1 ] } } }
      attr { key: "padding" value { s: "VALID" } }
    }
  )pb", &graph));
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ((*model)->weight_bytes(), 16);
  EXPECT_EQ((*model)->resident_weight_bytes(), 0);
  absl::StatusOr<std::vector<Tensor>> outputs =
      (*model)->Execute({{"x", Image()}}, {"conv", "w"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(FloatsOf((*outputs)[0]), std::vector<float>{kConvolved});
  EXPECT_EQ(FloatsOf((*outputs)[1]), kFilter);
}

// x [1, 2] times the constant w = [[1, 2], [-0.5, 0.25]] (w2 holds it transposed, for
// transpose_b, and as a [1, 2, 2] batch) through MatMul and BatchMatMulV2.
TEST(ReleasedConstantsTest, MatMulWeightsAreReleasedAndReadAgain) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "w" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "value" value { tensor { dtype: DT_FLOAT
             tensor_shape { dim { size: 2 } dim { size: 2 } } float_val: [ 1, 2, -0.5, 0.25 ] } } } }
    node { name: "wt" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
           attr { key: "value" value { tensor { dtype: DT_FLOAT
             tensor_shape { dim { size: 1 } dim { size: 2 } dim { size: 2 } }
             float_val: [ 1, -0.5, 2, 0.25 ] } } } }
    node { name: "y" op: "MatMul" input: [ "x", "w" ] attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "yt" op: "BatchMatMulV2" input: [ "x", "wt" ]
           attr { key: "T" value { type: DT_FLOAT } } attr { key: "adj_y" value { b: true } } }
  )pb", &graph));
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ((*model)->weight_bytes(), 32);
  EXPECT_EQ((*model)->resident_weight_bytes(), 0);
  Tensor x = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2});
  x.mutable_data<float>()[0] = 2.f;
  x.mutable_data<float>()[1] = 4.f;
  for (int run = 0; run < 2; ++run) {
    absl::StatusOr<std::vector<Tensor>> outputs = (*model)->Execute({{"x", x}}, {"y", "yt", "w"});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    // [2*1 + 4*-0.5, 2*2 + 4*0.25]
    EXPECT_EQ(FloatsOf((*outputs)[0]), (std::vector<float>{0.f, 5.f}));
    EXPECT_EQ((*outputs)[1].shape(), Shape({1, 1, 2}));
    EXPECT_EQ(FloatsOf((*outputs)[1]), (std::vector<float>{0.f, 5.f}));
    EXPECT_EQ(FloatsOf((*outputs)[2]), (std::vector<float>{1.f, 2.f, -0.5f, 0.25f}));
  }
  // A NaN input takes the loop (XNNPACK would not keep NaN), which reads w again.
  x.mutable_data<float>()[1] = std::nanf("");
  absl::StatusOr<std::vector<Tensor>> nan = (*model)->Execute({{"x", x}}, {"y", "yt"});
  ASSERT_TRUE(nan.ok()) << nan.status();
  for (const Tensor& output : *nan) {
    EXPECT_TRUE(std::isnan(output.data<float>()[0]));
    EXPECT_TRUE(std::isnan(output.data<float>()[1]));
  }
  EXPECT_EQ((*model)->resident_weight_bytes(), 0);
}

}  // namespace
}  // namespace tfjs::runtime
