#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/half.h"
#include "runtime/kernels/nn/half.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::BoolAttr;
using testing::ExpectClose;
using testing::FloatAttr;
using testing::RandomFloats;
using testing::StringAttr;
using ::tfjs::runtime::testing::Floats;
using ::tfjs::runtime::testing::FloatValues;
using ::tfjs::runtime::testing::RunOp;

TEST(FusedBatchNormTest, NormalizesEachChannelByHand) {
  // Channel 0: (x - 1) / sqrt(4 + 0) * 2 + 1; channel 1: (x - 0) / sqrt(1) * 1 - 1.
  const Tensor x = Floats({1, 1, 2, 2}, {3, 5, -1, 2});
  auto outputs = RunOp(
      "FusedBatchNormV3",
      {x, Floats({2}, {2, 1}), Floats({2}, {1, -1}), Floats({2}, {1, 0}), Floats({2}, {4, 1})},
      FloatAttr("epsilon", 0) + BoolAttr("is_training", false), 6);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 2, 2}, {3, 4, -1, 1});
  EXPECT_EQ(FloatValues((*outputs)[1]), (std::vector<float>{1, 0}));
  EXPECT_EQ(FloatValues((*outputs)[2]), (std::vector<float>{4, 1}));
  EXPECT_EQ((*outputs)[5].num_elements(), 0);
}

TEST(FusedBatchNormTest, NchwMatchesReference) {
  const Tensor x = RandomFloats({2, 3, 4, 5}, 1);
  const Tensor scale = RandomFloats({3}, 2), offset = RandomFloats({3}, 3);
  const Tensor mean = RandomFloats({3}, 4), variance = RandomFloats({3}, 5, 0.1f, 2.f);
  auto outputs = RunOp("FusedBatchNorm", {x, scale, offset, mean, variance},
                       FloatAttr("epsilon", 0.001f) + StringAttr("data_format", "NCHW"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<double> expected;
  for (int64_t i = 0; i < x.num_elements(); ++i) {
    const int64_t c = (i / 20) % 3;
    expected.push_back((x.data<float>()[i] - mean.data<float>()[c]) /
                           std::sqrt(double(variance.data<float>()[c]) + 0.001) *
                           scale.data<float>()[c] +
                       offset.data<float>()[c]);
  }
  ExpectClose((*outputs)[0], {2, 3, 4, 5}, expected);
}

TEST(FusedBatchNormTest, TrainingUsesBatchStatistics) {
  // Channel 0 holds {3, -1}: mean 1, variance 4; channel 1 holds {5, 2}: mean 3.5, variance 2.25.
  const Tensor x = Floats({1, 1, 2, 2}, {3, 5, -1, 2});
  const std::string attrs = FloatAttr("epsilon", 0) + BoolAttr("is_training", true);
  auto outputs = RunOp(
      "FusedBatchNormV3",
      {x, Floats({2}, {2, 1}), Floats({2}, {1, -1}), Floats({0}, {}), Floats({0}, {})}, attrs, 5);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 2, 2}, {3, 0, -1, -2});
  ExpectClose((*outputs)[1], {2}, {1, 3.5});
  ExpectClose((*outputs)[2], {2}, {8, 4.5});  // Bessel-corrected: 2 values per channel
  ExpectClose((*outputs)[3], {2}, {1, 3.5});
  ExpectClose((*outputs)[4], {2}, {4, 2.25});

  // A factor below 1 blends the batch statistics into the given running ones.
  auto blended = RunOp(
      "FusedBatchNormV3",
      {x, Floats({2}, {2, 1}), Floats({2}, {1, -1}), Floats({2}, {0, 0}), Floats({2}, {1, 1})},
      attrs + FloatAttr("exponential_avg_factor", 0.5f), 3);
  ASSERT_TRUE(blended.ok()) << blended.status();
  ExpectClose((*blended)[0], {1, 1, 2, 2}, {3, 0, -1, -2});
  ExpectClose((*blended)[1], {2}, {0.5, 1.75});
  ExpectClose((*blended)[2], {2}, {4.5, 2.75});
}

TEST(FusedBatchNormTest, RejectsBadInputs) {
  const Tensor vector = Floats({2}, {1, 1});
  auto channels = RunOp("FusedBatchNormV3",
                        {RandomFloats({1, 2, 2, 3}, 6), vector, vector, vector, vector}, "");
  EXPECT_NE(channels.status().message().find("scale must be a float32 vector of 3"),
            std::string::npos)
      << channels.status();
  auto rank =
      RunOp("FusedBatchNormV3", {RandomFloats({2, 2}, 7), vector, vector, vector, vector}, "");
  EXPECT_NE(rank.status().message().find("x must be 4-D"), std::string::npos) << rank.status();
}

TEST(FusedBatchNormTest, Float16ComputesInFloat32AndOutputsFloat16) {
  const Tensor x_float = Floats({1, 1, 2, 2}, {3, 5, -1, 2.1f});
  Tensor x_exact = *WidenToFloat(*NarrowedFromFloat(x_float, tensorflow::DT_HALF));  // float16-exact values
  Tensor x = *NarrowedFromFloat(x_exact, tensorflow::DT_HALF);
  const std::vector<Tensor> statistics = {Floats({2}, {2, 1}), Floats({2}, {1, -1}),
                                          Floats({2}, {0.5f, 1}), Floats({2}, {4, 0.25f})};
  const std::string attrs = FloatAttr("epsilon", 0.001f);
  auto outputs = RunOp("FusedBatchNormV3",
                       {x, statistics[0], statistics[1], statistics[2], statistics[3]}, attrs, 5);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const Tensor& y = (*outputs)[0];
  ASSERT_EQ(y.dtype(), tensorflow::DT_HALF);
  ASSERT_EQ(ShapeString(y.shape()), "[1,1,2,2]");
  EXPECT_EQ((*outputs)[1].dtype(), tensorflow::DT_FLOAT);
  const float scale[] = {2, 1}, offset[] = {1, -1}, mean[] = {0.5f, 1}, variance[] = {4, 0.25f};
  for (int i = 0; i < 4; ++i) {
    const int c = i % 2;
    const float multiplier = scale[c] / std::sqrt(variance[c] + 0.001f);
    const float expected =
        x_exact.data<float>()[i] * multiplier + (offset[c] - mean[c] * multiplier);
    EXPECT_EQ(y.data<uint16_t>()[i], FloatToHalf(expected)) << "at " << i;
  }
  auto v1 = RunOp("FusedBatchNorm",
                  {x, statistics[0], statistics[1], statistics[2], statistics[3]}, attrs, 5);
  ASSERT_FALSE(v1.ok());
  EXPECT_NE(v1.status().message().find("x must be float32, got float16"), std::string::npos)
      << v1.status();
}

}  // namespace
}  // namespace tfjs::runtime::nn
