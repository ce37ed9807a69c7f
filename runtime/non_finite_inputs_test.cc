// NaN and infinite inputs flow through a GraphModel as they do in TensorFlow: IEEE arithmetic,
// NaN propagating through convolutions, fused and standalone Relu, reductions and Softmax, and
// +-Inf saturating Sigmoid and winning max pooling. Never a crash, never a silently finite NaN.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"

namespace tfjs::runtime {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// image [1,3,3,1] -> Conv2D, DepthwiseConv2dNative, _FusedConv2D(BiasAdd, Relu), Relu, MaxPool
// with a 2x2 all-ones filter and bias 0.5; rows [3,3] -> Softmax, Sigmoid, Mean over axis 1,
// MatMul with a [3,1] all-ones matrix, RealDiv by itself.
constexpr char kGraph[] = R"pb(
  node {
    name: "image"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: 1 } dim { size: 3 } dim { size: 3 } dim { size: 1 } } } }
  }
  node {
    name: "rows"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "shape" value { shape { dim { size: 3 } dim { size: 3 } } } }
  }
  node {
    name: "filter"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT
      tensor_shape { dim { size: 2 } dim { size: 2 } dim { size: 1 } dim { size: 1 } }
      float_val: 1 } } }
  }
  node {
    name: "bias"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 1 } }
      float_val: 0.5 } } }
  }
  node {
    name: "ones"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT
      tensor_shape { dim { size: 3 } dim { size: 1 } } float_val: 1 } } }
  }
  node {
    name: "axis"
    op: "Const"
    attr { key: "dtype" value { type: DT_INT32 } }
    attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 1 } } }
  }
  node {
    name: "conv"
    op: "Conv2D"
    input: "image"
    input: "filter"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "strides" value { list { i: 1 i: 1 i: 1 i: 1 } } }
    attr { key: "padding" value { s: "VALID" } }
  }
  node {
    name: "depthwise"
    op: "DepthwiseConv2dNative"
    input: "image"
    input: "filter"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "strides" value { list { i: 1 i: 1 i: 1 i: 1 } } }
    attr { key: "padding" value { s: "VALID" } }
  }
  node {
    name: "fused"
    op: "_FusedConv2D"
    input: "image"
    input: "filter"
    input: "bias"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "strides" value { list { i: 1 i: 1 i: 1 i: 1 } } }
    attr { key: "padding" value { s: "VALID" } }
    attr { key: "num_args" value { i: 1 } }
    attr { key: "fused_ops" value { list { s: "BiasAdd" s: "Relu" } } }
  }
  node {
    name: "relu"
    op: "Relu"
    input: "image"
    attr { key: "T" value { type: DT_FLOAT } }
  }
  node {
    name: "pool"
    op: "MaxPool"
    input: "image"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "ksize" value { list { i: 1 i: 2 i: 2 i: 1 } } }
    attr { key: "strides" value { list { i: 1 i: 1 i: 1 i: 1 } } }
    attr { key: "padding" value { s: "VALID" } }
  }
  node {
    name: "softmax"
    op: "Softmax"
    input: "rows"
    attr { key: "T" value { type: DT_FLOAT } }
  }
  node {
    name: "sigmoid"
    op: "Sigmoid"
    input: "rows"
    attr { key: "T" value { type: DT_FLOAT } }
  }
  node {
    name: "mean"
    op: "Mean"
    input: "rows"
    input: "axis"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "Tidx" value { type: DT_INT32 } }
    attr { key: "keep_dims" value { b: false } }
  }
  node {
    name: "matmul"
    op: "MatMul"
    input: "rows"
    input: "ones"
    attr { key: "T" value { type: DT_FLOAT } }
    attr { key: "transpose_a" value { b: false } }
    attr { key: "transpose_b" value { b: false } }
  }
  node {
    name: "ratio"
    op: "RealDiv"
    input: "rows"
    input: "rows"
    attr { key: "T" value { type: DT_FLOAT } }
  }
)pb";

std::unique_ptr<GraphModel> LoadGraph(int threads) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &graph));
  GraphModelOptions options;
  options.num_threads = threads;
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(std::move(graph), {}, {}, options);
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *std::move(model) : nullptr;
}

Tensor Floats(Shape shape, const std::vector<float>& values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, std::move(shape));
  std::copy(values.begin(), values.end(), tensor.mutable_data<float>());
  return tensor;
}

// NaN expects NaN; infinities expect the same infinity; finite values agree to 1e-6.
void ExpectValues(const std::string& label, const Tensor& actual,
                  const std::vector<float>& expected) {
  ASSERT_EQ(actual.num_elements(), static_cast<int64_t>(expected.size())) << label;
  for (size_t i = 0; i < expected.size(); ++i) {
    const float value = actual.data<float>()[i];
    if (std::isnan(expected[i])) {
      EXPECT_TRUE(std::isnan(value)) << label << "[" << i << "] = " << value << ", want NaN";
    } else if (std::isinf(expected[i])) {
      EXPECT_EQ(value, expected[i]) << label << "[" << i << "]";
    } else {
      EXPECT_NEAR(value, expected[i], 1e-6) << label << "[" << i << "]";
    }
  }
}

class NonFiniteInputsTest : public ::testing::TestWithParam<int> {};

TEST_P(NonFiniteInputsTest, NaNPropagatesThroughConvolutionsReluAndReductions) {
  std::unique_ptr<GraphModel> model = LoadGraph(GetParam());
  ASSERT_NE(model, nullptr);
  // NaN at (0,1): every 2x2 window over the top row holds it.
  const Tensor image = Floats({1, 3, 3, 1}, {1, kNaN, 1, 1, 1, 1, 1, 1, 1});
  const Tensor rows = Floats({3, 3}, {1, kNaN, 2, kNaN, 0, 1, 0, 1, 2});
  absl::StatusOr<std::vector<Tensor>> outputs =
      model->Execute({{"image", image}, {"rows", rows}},
                     {"conv", "depthwise", "fused", "relu", "softmax", "mean", "matmul"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectValues("conv", (*outputs)[0], {kNaN, kNaN, 4, 4});
  ExpectValues("depthwise", (*outputs)[1], {kNaN, kNaN, 4, 4});
  // TF's fused Relu is max(x, 0), which keeps NaN.
  ExpectValues("fused", (*outputs)[2], {kNaN, kNaN, 4.5, 4.5});
  ExpectValues("relu", (*outputs)[3], {1, kNaN, 1, 1, 1, 1, 1, 1, 1});
  const float e0 = 1 / (1 + std::exp(1.f) + std::exp(2.f));
  ExpectValues("softmax", (*outputs)[4],
               {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, e0, e0 * std::exp(1.f), e0 * std::exp(2.f)});
  ExpectValues("mean", (*outputs)[5], {kNaN, kNaN, 1});
  ExpectValues("matmul", (*outputs)[6], {kNaN, kNaN, 3});
}

TEST_P(NonFiniteInputsTest, InfinitiesFollowIeeeArithmetic) {
  std::unique_ptr<GraphModel> model = LoadGraph(GetParam());
  ASSERT_NE(model, nullptr);
  // Windows: top-left holds +Inf and -Inf (NaN), top-right +Inf, bottom-left -Inf.
  const Tensor image = Floats({1, 3, 3, 1}, {1, kInf, 1, -kInf, 2, 1, 1, 1, 1});
  const Tensor rows = Floats({3, 3}, {kInf, 0, 1, -kInf, 0, 1, 0, 0, 0});
  absl::StatusOr<std::vector<Tensor>> outputs = model->Execute(
      {{"image", image}, {"rows", rows}},
      {"conv", "fused", "pool", "softmax", "sigmoid", "mean", "matmul", "ratio"});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectValues("conv", (*outputs)[0], {kNaN, kInf, -kInf, 5});
  ExpectValues("fused", (*outputs)[1], {kNaN, kInf, 0, 5.5});
  ExpectValues("pool", (*outputs)[2], {kInf, kInf, 2, 2});
  // Softmax subtracts the row max: Inf - Inf is NaN for the whole row, as in TF.
  const float e = 1 / (1 + std::exp(1.f));
  ExpectValues("softmax", (*outputs)[3], {kNaN, kNaN, kNaN, 0, e, e * std::exp(1.f),
                                          1 / 3.f, 1 / 3.f, 1 / 3.f});
  const float s1 = 1 / (1 + std::exp(-1.f));
  ExpectValues("sigmoid", (*outputs)[4], {1, 0.5, s1, 0, 0.5, s1, 0.5, 0.5, 0.5});
  ExpectValues("mean", (*outputs)[5], {kInf, -kInf, 0});
  ExpectValues("matmul", (*outputs)[6], {kInf, -kInf, 0});
  // Inf / Inf and 0 / 0 are NaN; 1 / 1 is 1.
  ExpectValues("ratio", (*outputs)[7], {kNaN, kNaN, 1, kNaN, kNaN, 1, kNaN, kNaN, kNaN});
}

INSTANTIATE_TEST_SUITE_P(Threads, NonFiniteInputsTest, ::testing::Values(1, 2));

}  // namespace
}  // namespace tfjs::runtime
