// Tests for the convolution gradients (conv_backprop.cc), the generic Conv (conv_nd.cc) and the
// pad/resize fusions (fused_pad_conv.cc), against plain loops written here from the definitions.
#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::DoubleNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using ::testing::Pointwise;
using testing::RunOp;

std::vector<float> Ramp(int64_t n, float scale) {
  std::vector<float> values(n);
  for (int64_t i = 0; i < n; ++i) values[i] = std::sin(scale * (i + 1));
  return values;
}

std::string Attrs(int stride, const std::string& padding, const std::string& format = "NHWC") {
  const bool nchw = format == "NCHW";
  const std::string s = std::to_string(stride);
  return "attr { key: 'strides' value { list { i: 1 i: " + std::string(nchw ? "1 i: " : "") + s +
         " i: " + s + (nchw ? "" : " i: 1") + " } } } attr { key: 'padding' value { s: '" +
         padding + "' } } attr { key: 'data_format' value { s: '" + format + "' } }";
}

// x [1, 5, 5, 2], stride 2, SAME: 3x3 outputs, padding 1 before and after; filter 3x3x2x3.
constexpr int kH = 5, kC = 2, kK = 3, kO = 3, kCo = 3;

std::vector<double> FilterGradient(const std::vector<float>& x, const std::vector<float>& dy) {
  std::vector<double> dw(kK * kK * kC * kCo, 0.0);
  for (int oh = 0; oh < kO; ++oh) {
    for (int ow = 0; ow < kO; ++ow) {
      for (int kh = 0; kh < kK; ++kh) {
        for (int kw = 0; kw < kK; ++kw) {
          const int ih = oh * 2 + kh - 1, iw = ow * 2 + kw - 1;
          if (ih < 0 || ih >= kH || iw < 0 || iw >= kH) continue;
          for (int ci = 0; ci < kC; ++ci) {
            for (int co = 0; co < kCo; ++co) {
              dw[((kh * kK + kw) * kC + ci) * kCo + co] +=
                  x[(ih * kH + iw) * kC + ci] * dy[(oh * kO + ow) * kCo + co];
            }
          }
        }
      }
    }
  }
  return dw;
}

std::vector<double> AsDoubles(const std::vector<float>& values) {
  return std::vector<double>(values.begin(), values.end());
}

TEST(Conv2DBackpropFilterTest, StridedSamePaddingMatchesTheDefinition) {
  const std::vector<float> x = Ramp(kH * kH * kC, 0.7f), dy = Ramp(kO * kO * kCo, 1.3f);
  auto out = RunOp(
      "Conv2DBackpropFilter",
      {Floats({1, kH, kH, kC}, x), Ints({4}, {kK, kK, kC, kCo}), Floats({1, kO, kO, kCo}, dy)},
      Attrs(2, "SAME"));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(AsDoubles(FloatValues((*out)[0])),
              Pointwise(DoubleNear(1e-5), FilterGradient(x, dy)));
}

TEST(Conv2DBackpropFilterTest, NchwGivesTheNhwcResult) {
  const std::vector<float> x = Ramp(kH * kH * kC, 0.7f), dy = Ramp(kO * kO * kCo, 1.3f);
  std::vector<float> x_nchw(x.size()), dy_nchw(dy.size());
  for (int p = 0; p < kH * kH; ++p) {
    for (int c = 0; c < kC; ++c) x_nchw[c * kH * kH + p] = x[p * kC + c];
  }
  for (int p = 0; p < kO * kO; ++p) {
    for (int c = 0; c < kCo; ++c) dy_nchw[c * kO * kO + p] = dy[p * kCo + c];
  }
  auto out = RunOp("Conv2DBackpropFilter",
                   {Floats({1, kC, kH, kH}, x_nchw), Ints({4}, {kK, kK, kC, kCo}),
                    Floats({1, kCo, kO, kO}, dy_nchw)},
                   Attrs(2, "SAME", "NCHW"));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(AsDoubles(FloatValues((*out)[0])),
              Pointwise(DoubleNear(1e-5), FilterGradient(x, dy)));
}

TEST(Conv2DBackpropFilterTest, RejectsAnOutBackpropOfTheWrongSize) {
  auto out =
      RunOp("Conv2DBackpropFilter",
            {Floats({1, kH, kH, kC}, {}), Ints({4}, {kK, kK, kC, kCo}), Floats({1, 2, 2, kCo}, {})},
            Attrs(2, "SAME"));
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("doesn't match computed"));
}

TEST(DepthwiseBackpropTest, InputGradientWithMultiplierMatchesTheDefinition) {
  // x [1, 3, 3, 2], filter [2, 2, 2, 2] (multiplier 2), VALID: dy [1, 2, 2, 4].
  const std::vector<float> f = Ramp(16, 0.9f), dy = Ramp(16, 0.4f);
  std::vector<double> dx(18, 0.0);
  for (int oh = 0; oh < 2; ++oh) {
    for (int ow = 0; ow < 2; ++ow) {
      for (int kh = 0; kh < 2; ++kh) {
        for (int kw = 0; kw < 2; ++kw) {
          for (int c = 0; c < 2; ++c) {
            for (int m = 0; m < 2; ++m) {
              dx[((oh + kh) * 3 + ow + kw) * 2 + c] +=
                  f[((kh * 2 + kw) * 2 + c) * 2 + m] * dy[(oh * 2 + ow) * 4 + c * 2 + m];
            }
          }
        }
      }
    }
  }
  auto out = RunOp("DepthwiseConv2dNativeBackpropInput",
                   {Ints({4}, {1, 3, 3, 2}), Floats({2, 2, 2, 2}, f), Floats({1, 2, 2, 4}, dy)},
                   Attrs(1, "VALID"));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(AsDoubles(FloatValues((*out)[0])), Pointwise(DoubleNear(1e-5), dx));
}

TEST(ConvTest, FlattensBatchDimsAndComputesInt32Exactly) {
  // batch_dims 2: x [2, 1, 2, 2, 1]; a 1x1 filter of 3 scales every pixel.
  Tensor x =
      testing::MakeTensor<int32_t>(tensorflow::DT_INT32, {2, 1, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor f = testing::MakeTensor<int32_t>(tensorflow::DT_INT32, {1, 1, 1, 1}, {3});
  auto out = RunOp("Conv", {x, f},
                   "attr { key: 'T' value { type: DT_INT32 } } "
                   "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                   "attr { key: 'padding' value { s: 'VALID' } } "
                   "attr { key: 'batch_dims' value { i: 2 } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,1,2,2,1]");
  EXPECT_THAT(testing::IntValues((*out)[0]), ::testing::ElementsAre(3, 6, 9, 12, 15, 18, 21, 24));
  // A filter depth other than the input's is refused (no groups on CPU).
  EXPECT_FALSE(RunOp("Conv", {Floats({1, 2, 2, 2}, {}), Floats({1, 1, 1, 1}, {1})},
                     "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                     "attr { key: 'padding' value { s: 'VALID' } }")
                   .ok());
}

TEST(Conv3DBackpropFilterTest, V2AgreesWithTheDeprecatedForm) {
  const std::vector<float> x = Ramp(2 * 3 * 3 * 3, 0.3f), dy = Ramp(2 * 2 * 2 * 2, 0.8f);
  const std::string attrs =
      "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 i: 1 } } } "
      "attr { key: 'padding' value { s: 'VALID' } }";
  auto v1 =
      RunOp("Conv3DBackpropFilter",
            {Floats({1, 3, 3, 3, 2}, x), Floats({2, 2, 2, 2, 2}, {}), Floats({1, 2, 2, 2, 2}, dy)},
            attrs);
  auto v2 = RunOp(
      "Conv3DBackpropFilterV2",
      {Floats({1, 3, 3, 3, 2}, x), Ints({5}, {2, 2, 2, 2, 2}), Floats({1, 2, 2, 2, 2}, dy)}, attrs);
  ASSERT_TRUE(v1.ok()) << v1.status();
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(FloatValues((*v1)[0]), FloatValues((*v2)[0]));
  // Tap (0,0,0) of channel 0 -> 0: sum of x[d,h,w,0] * dy[d,h,w,0] over the 2x2x2 outputs.
  double expected = 0;
  for (int d = 0; d < 2; ++d) {
    for (int h = 0; h < 2; ++h) {
      for (int w = 0; w < 2; ++w) {
        expected += x[((d * 3 + h) * 3 + w) * 2] * dy[((d * 2 + h) * 2 + w) * 2];
      }
    }
  }
  EXPECT_NEAR(FloatValues((*v1)[0])[0], expected, 1e-5);
}

TEST(FusedPadConv2DTest, SymmetricPaddingOfRowsAndColumns) {
  // [[1, 2], [3, 4]] padded SYMMETRIC by one row above: [[1, 2], [1, 2], [3, 4]]; a 1x1 filter
  // of 2 doubles it.
  auto out = RunOp("FusedPadConv2D",
                   {Floats({1, 2, 2, 1}, {1, 2, 3, 4}), Ints({4, 2}, {0, 0, 1, 0, 0, 0, 0, 0}),
                    Floats({1, 1, 1, 1}, {2})},
                   "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                   "attr { key: 'padding' value { s: 'VALID' } } "
                   "attr { key: 'mode' value { s: 'SYMMETRIC' } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ::testing::ElementsAre(2, 4, 2, 4, 6, 8));
  // REFLECT cannot pad by the whole dim.
  EXPECT_FALSE(RunOp("FusedPadConv2D",
                     {Floats({1, 2, 2, 1}, {1, 2, 3, 4}), Ints({4, 2}, {0, 0, 2, 0, 0, 0, 0, 0}),
                      Floats({1, 1, 1, 1}, {2})},
                     "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                     "attr { key: 'padding' value { s: 'VALID' } } "
                     "attr { key: 'mode' value { s: 'REFLECT' } }")
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
