// Tests for the smaller nn kernels: BiasAddV1, BatchNormWithGlobalNormalization, InTopK(V2),
// TopK, IsotonicRegression, MaxPoolV2, MaxPoolGradWithArgmax, Dilation2DBackprop*,
// FusedBatchNormGradV3; expected values worked by hand or by loops written here.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using ::testing::Pointwise;
using testing::RunOp;

std::vector<bool> BoolValues(const Tensor& tensor) {
  return std::vector<bool>(tensor.data<bool>(), tensor.data<bool>() + tensor.num_elements());
}

TEST(BiasAddV1Test, AddsAlongTheLastDimAndChecksTheBias) {
  auto out = RunOp("BiasAddV1", {Floats({2, 1, 2}, {1, 2, 3, 4}), Floats({2}, {0.5f, -1})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(1.5f, 1, 3.5f, 3));
  auto bad = RunOp("BiasAddV1", {Floats({2, 2}, {1, 2, 3, 4}), Floats({3}, {1, 2, 3})}, "");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("as many biases"));
}

TEST(BatchNormWithGlobalNormalizationTest, GammaOnlyWhenScalingAfterNormalization) {
  // (4 - 2) / sqrt(3 + 1) + 1 = 2 without gamma; times gamma 3 with it: 4.
  const std::vector<Tensor> inputs = {Floats({1, 1, 1, 1}, {4}), Floats({1}, {2}), Floats({1}, {3}),
                                      Floats({1}, {1}), Floats({1}, {3})};
  for (bool scale : {false, true}) {
    auto out = RunOp("BatchNormWithGlobalNormalization", inputs,
                     "attr { key: 'variance_epsilon' value { f: 1 } } "
                     "attr { key: 'scale_after_normalization' value { b: " +
                         std::string(scale ? "true" : "false") + " } }");
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(scale ? 4 : 2));
  }
}

TEST(InTopKTest, OutOfRangeTargetsAndNonFiniteScoresAreFalse) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Tensor predictions = Floats({4, 3}, {0.1f, 0.5f, 0.4f, 1, 1, 1, 0.1f, nan, 0.3f, 0, 0, 1});
  // Row 1: ties do not count against the target (all equal): in top 1. Row 2: a NaN in the row.
  // Row 3: target 3 is out of range.
  auto out = RunOp("InTopKV2", {predictions, Ints({4}, {1, 2, 2, 3}), Ints({}, {1})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(BoolValues((*out)[0]), ElementsAre(true, true, false, false));
  EXPECT_FALSE(
      RunOp("InTopK", {predictions, Ints({3}, {0, 0, 0})}, "attr { key: 'k' value { i: 1 } }")
          .ok());
}

TEST(TopKTest, TiesTakeTheLowerIndexAndKIsChecked) {
  auto out = RunOp("TopK", {Floats({5}, {2, 7, 2, 7, 1})}, "attr { key: 'k' value { i: 3 } }", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(7, 7, 2));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(1, 3, 0));
  EXPECT_FALSE(RunOp("TopK", {Floats({2}, {1, 2})}, "attr { key: 'k' value { i: 3 } }", 2).ok());
}

TEST(IsotonicRegressionTest, PoolsViolatorsPerRow) {
  // Row 0 is increasing: one block at its mean. Row 1 already non-increasing.
  auto out = RunOp("IsotonicRegression", {Floats({2, 3}, {1, 2, 6, 5, 5, 1})}, "", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{3, 3, 3, 5, 5, 1}));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(0, 0, 0, 0, 1, 2));
}

TEST(MaxPoolV2Test, SamePaddingSkipsPaddedPixels) {
  // 3x3 of -1..-9, 2x2 windows, stride 2, SAME: pads one pixel after; maxima -1, -3, -7, -9.
  auto out = RunOp("MaxPoolV2",
                   {Floats({1, 3, 3, 1}, {-1, -2, -3, -4, -5, -6, -7, -8, -9}),
                    Ints({4}, {1, 2, 2, 1}), Ints({4}, {1, 2, 2, 1})},
                   "attr { key: 'padding' value { s: 'SAME' } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(-1, -3, -7, -9));
  EXPECT_FALSE(RunOp("MaxPoolV2",
                     {Floats({1, 2, 2, 1}, {}), Ints({4}, {2, 1, 1, 1}), Ints({4}, {1, 1, 1, 1})},
                     "attr { key: 'padding' value { s: 'VALID' } }")
                   .ok());
}

TEST(MaxPoolGradWithArgmaxTest, BatchInIndexOrPerImage) {
  Tensor input = Floats({2, 1, 2, 1}, {0, 0, 0, 0});
  Tensor grad = Floats({2, 1, 1, 1}, {5, 7});
  const std::string attrs =
      "attr { key: 'ksize' value { list { i: 1 i: 1 i: 2 i: 1 } } } "
      "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
      "attr { key: 'padding' value { s: 'VALID' } } "
      "attr { key: 'Targmax' value { type: DT_INT64 } } ";
  Tensor per_image = testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {2, 1, 1, 1}, {1, 0});
  auto out = RunOp("MaxPoolGradWithArgmax", {input, grad, per_image}, attrs);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(0, 5, 7, 0));
  Tensor flat = testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {2, 1, 1, 1}, {3, 3});
  out = RunOp("MaxPoolGradWithArgmax", {input, grad, flat},
              attrs + "attr { key: 'include_batch_in_index' value { b: true } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(0, 0, 0, 12));
  Tensor bad = testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {2, 1, 1, 1}, {9, 0});
  EXPECT_FALSE(RunOp("MaxPoolGradWithArgmax", {input, grad, bad}, attrs).ok());
}

TEST(Dilation2DBackpropTest, TheFirstMaximumWins) {
  // Every tap gives 1 + 0: the first (0, 0) wins the tie.
  const std::string attrs =
      "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
      "attr { key: 'rates' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
      "attr { key: 'padding' value { s: 'VALID' } }";
  const std::vector<Tensor> inputs = {Floats({1, 2, 2, 1}, {1, 1, 1, 1}),
                                      Floats({2, 2, 1}, {0, 0, 0, 0}), Floats({1, 1, 1, 1}, {2})};
  auto dx = RunOp("Dilation2DBackpropInput", inputs, attrs);
  auto df = RunOp("Dilation2DBackpropFilter", inputs, attrs);
  ASSERT_TRUE(dx.ok()) << dx.status();
  ASSERT_TRUE(df.ok()) << df.status();
  EXPECT_THAT(FloatValues((*dx)[0]), ElementsAre(2, 0, 0, 0));
  EXPECT_THAT(FloatValues((*df)[0]), ElementsAre(2, 0, 0, 0));
}

TEST(FusedBatchNormGradV3Test, InferenceAndChannelsFirst) {
  // Inference: dx = dy * scale / sqrt(var + eps) = dy * 2 / 2.
  const std::string attrs =
      "attr { key: 'epsilon' value { f: 0 } } "
      "attr { key: 'U' value { type: DT_FLOAT } } ";
  auto out = RunOp("FusedBatchNormGradV3",
                   {Floats({1, 1, 2, 1}, {3, 5}), Floats({1, 1, 2, 1}, {1, 2}), Floats({1}, {2}),
                    Floats({1}, {1}), Floats({1}, {4}), Floats({1}, {0})},
                   attrs + "attr { key: 'is_training' value { b: false } }", 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-6), std::vector<float>{3, 5}));
  // dscale = sum(dy (x - mean)) / sqrt(var) = (0 + 5) / 2; doffset = 8.
  EXPECT_THAT(FloatValues((*out)[1]), Pointwise(FloatNear(1e-6), std::vector<float>{2.5f}));
  EXPECT_THAT(FloatValues((*out)[2]), Pointwise(FloatNear(1e-6), std::vector<float>{8}));
  // Two channels: NCHW [1, 2, 1, 3] equals NHWC [1, 1, 3, 2] transposed.
  const std::vector<float> x = {1, 2, 4, 0, 3, 9}, dy = {1, -1, 2, 0.5f, 0, 1};
  std::vector<float> x_last(6), dy_last(6);
  for (int c = 0; c < 2; ++c) {
    for (int p = 0; p < 3; ++p) {
      x_last[p * 2 + c] = x[c * 3 + p];
      dy_last[p * 2 + c] = dy[c * 3 + p];
    }
  }
  const std::vector<Tensor> stats = {Floats({2}, {1, 2}), Floats({2}, {7.0f / 3, 4}),
                                     Floats({2}, {14.0f / 9, 14}), Floats({2}, {0, 0})};
  auto first = RunOp(
      "FusedBatchNormGradV3",
      {Floats({1, 2, 1, 3}, dy), Floats({1, 2, 1, 3}, x), stats[0], stats[1], stats[2], stats[3]},
      attrs + "attr { key: 'data_format' value { s: 'NCHW' } }");
  auto last = RunOp("FusedBatchNormGradV3",
                    {Floats({1, 1, 3, 2}, dy_last), Floats({1, 1, 3, 2}, x_last), stats[0],
                     stats[1], stats[2], stats[3]},
                    attrs);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(last.ok()) << last.status();
  const std::vector<float> a = FloatValues((*first)[0]), b = FloatValues((*last)[0]);
  for (int c = 0; c < 2; ++c) {
    for (int p = 0; p < 3; ++p) EXPECT_NEAR(a[c * 3 + p], b[p * 2 + c], 1e-5);
  }
  // Training gradients of a batch sum to zero per channel.
  EXPECT_NEAR(a[0] + a[1] + a[2], 0, 1e-5);
}

}  // namespace
}  // namespace tfjs::runtime
