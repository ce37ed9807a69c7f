#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::ExpectClose;
using testing::IntListAttr;
using testing::RandomFloats;
using testing::StringAttr;
using ::tfjs::runtime::testing::Floats;
using ::tfjs::runtime::testing::RunOp;

// Naive NHWC pooling; windows skip padding (average over real pixels only).
std::vector<double> ReferencePool(const Tensor& input, bool max, int64_t kh, int64_t kw, int64_t sh,
                                  int64_t sw, int64_t pad_top, int64_t pad_left, int64_t out_h,
                                  int64_t out_w) {
  const int64_t n = input.dim(0), h = input.dim(1), w = input.dim(2), c = input.dim(3);
  const float* x = input.data<float>();
  std::vector<double> out;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t oy = 0; oy < out_h; ++oy)
      for (int64_t ox = 0; ox < out_w; ++ox)
        for (int64_t ch = 0; ch < c; ++ch) {
          double best = -std::numeric_limits<double>::infinity(), sum = 0;
          int count = 0;
          for (int64_t ky = 0; ky < kh; ++ky)
            for (int64_t kx = 0; kx < kw; ++kx) {
              const int64_t iy = oy * sh - pad_top + ky, ix = ox * sw - pad_left + kx;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              const double v = x[((b * h + iy) * w + ix) * c + ch];
              best = std::max(best, v);
              sum += v;
              ++count;
            }
          out.push_back(max ? best : sum / count);
        }
  return out;
}

std::string PoolAttrs(const std::string& padding, std::vector<int64_t> ksize,
                      std::vector<int64_t> strides) {
  return StringAttr("padding", padding) + IntListAttr("ksize", ksize) +
         IntListAttr("strides", strides);
}

TEST(AvgPoolTest, SameExcludesPaddingFromTheAverage) {
  // 2x2 input, 2x2 window, stride 1, SAME: the last row and column average fewer pixels.
  auto outputs = RunOp("AvgPool", {Floats({1, 2, 2, 1}, {1, 2, 3, 4})},
                       PoolAttrs("SAME", {1, 2, 2, 1}, {1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 2, 2, 1}, {2.5, 3, 3.5, 4});
}

TEST(PoolTest, MatchReferenceAcrossGeometries) {
  struct Case {
    std::string padding;
    int64_t kh, kw, sh, sw, h, w, pad_top, pad_left, out_h, out_w;
  };
  const Case cases[] = {
      {"VALID", 3, 3, 2, 2, 7, 8, 0, 0, 3, 3},
      {"SAME", 3, 3, 2, 2, 7, 8, 1, 0, 4, 4},   // height pad 2 (1 top), width pad 1 (0 left)
      {"SAME", 2, 3, 1, 2, 5, 6, 0, 0, 5, 3},   // pads of 1, all at the bottom and right
      {"SAME", 2, 2, 3, 3, 7, 7, 0, 0, 3, 3},   // stride larger than the window
      {"VALID", 1, 1, 2, 2, 5, 5, 0, 0, 3, 3},  // 1x1 window subsamples
  };
  for (const Case& c : cases) {
    for (bool max : {true, false}) {
      Tensor input = RandomFloats({2, c.h, c.w, 3}, static_cast<uint32_t>(c.h * 10 + c.kw));
      auto outputs = RunOp(max ? "MaxPool" : "AvgPool", {input},
                           PoolAttrs(c.padding, {1, c.kh, c.kw, 1}, {1, c.sh, c.sw, 1}));
      ASSERT_TRUE(outputs.ok()) << outputs.status();
      SCOPED_TRACE(c.padding + " " + std::to_string(c.kh) + "x" + std::to_string(c.kw) +
                   (max ? " max" : " avg"));
      ExpectClose((*outputs)[0], {2, c.out_h, c.out_w, 3},
                  ReferencePool(input, max, c.kh, c.kw, c.sh, c.sw, c.pad_top, c.pad_left, c.out_h,
                                c.out_w));
    }
  }
}

TEST(MaxPoolTest, ExplicitPaddingAndNchw) {
  Tensor input = RandomFloats({1, 4, 4, 2}, 7);
  auto outputs = RunOp("MaxPool", {input},
                       PoolAttrs("EXPLICIT", {1, 2, 2, 1}, {1, 2, 2, 1}) +
                           IntListAttr("explicit_paddings", {0, 0, 1, 1, 1, 1, 0, 0}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 3, 3, 2}, ReferencePool(input, true, 2, 2, 2, 2, 1, 1, 3, 3));

  Tensor nchw = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2, 4, 4});
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < 16; ++i)
      nchw.mutable_data<float>()[c * 16 + i] = input.data<float>()[i * 2 + c];
  auto nchw_outputs =
      RunOp("AvgPool", {nchw},
            StringAttr("data_format", "NCHW") + PoolAttrs("VALID", {1, 1, 2, 2}, {1, 1, 2, 2}));
  ASSERT_TRUE(nchw_outputs.ok()) << nchw_outputs.status();
  const std::vector<double> nhwc = ReferencePool(input, false, 2, 2, 2, 2, 0, 0, 2, 2);
  std::vector<double> expected(8);
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < 4; ++i) expected[c * 4 + i] = nhwc[i * 2 + c];
  ExpectClose((*nchw_outputs)[0], {1, 2, 2, 2}, expected);
}

TEST(PoolTest, RejectsBadInputs) {
  auto rank = RunOp("MaxPool", {RandomFloats({4, 4, 2}, 8)},
                    PoolAttrs("VALID", {1, 2, 2, 1}, {1, 1, 1, 1}));
  EXPECT_NE(rank.status().message().find("input must be 4-D"), std::string::npos) << rank.status();
  auto depth = RunOp("AvgPool", {RandomFloats({1, 4, 4, 2}, 9)},
                     PoolAttrs("VALID", {1, 2, 2, 2}, {1, 1, 1, 1}));
  EXPECT_NE(depth.status().message().find("pooling over the batch or channel dim"),
            std::string::npos)
      << depth.status();
  auto ksize = RunOp("AvgPool", {RandomFloats({1, 4, 4, 2}, 10)},
                     PoolAttrs("VALID", {1, 2, 2}, {1, 1, 1, 1}));
  EXPECT_NE(ksize.status().message().find("ksize must have 4 entries"), std::string::npos)
      << ksize.status();
}

TEST(AvgPoolTest, ExplicitPaddingIsRejectedClearly) {
  auto outputs = RunOp("AvgPool", {RandomFloats({1, 4, 4, 1}, 8)},
                       PoolAttrs("EXPLICIT", {1, 2, 2, 1}, {1, 2, 2, 1}) +
                           IntListAttr("explicit_paddings", {0, 0, 1, 1, 1, 1, 0, 0}));
  ASSERT_FALSE(outputs.ok());
  EXPECT_NE(outputs.status().message().find("AvgPool takes SAME or VALID padding, got EXPLICIT"),
            std::string::npos)
      << outputs.status();
}

}  // namespace
}  // namespace tfjs::runtime::nn
