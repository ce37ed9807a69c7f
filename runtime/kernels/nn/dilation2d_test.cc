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

std::string Attrs(const std::string& padding, std::vector<int64_t> strides,
                  std::vector<int64_t> rates) {
  return StringAttr("padding", padding) + IntListAttr("strides", strides) +
         IntListAttr("rates", rates);
}

std::vector<double> ReferenceDilation(const Tensor& x, const Tensor& f, int64_t sh, int64_t sw,
                                      int64_t rh, int64_t rw, int64_t pad_top, int64_t pad_left,
                                      int64_t out_h, int64_t out_w) {
  const int64_t h = x.dim(1), w = x.dim(2), c = x.dim(3);
  std::vector<double> out;
  for (int64_t b = 0; b < x.dim(0); ++b)
    for (int64_t oy = 0; oy < out_h; ++oy)
      for (int64_t ox = 0; ox < out_w; ++ox)
        for (int64_t ch = 0; ch < c; ++ch) {
          double best = std::numeric_limits<float>::lowest();
          for (int64_t ky = 0; ky < f.dim(0); ++ky)
            for (int64_t kx = 0; kx < f.dim(1); ++kx) {
              const int64_t iy = oy * sh - pad_top + ky * rh, ix = ox * sw - pad_left + kx * rw;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              best = std::max(best, double(x.data<float>()[((b * h + iy) * w + ix) * c + ch]) +
                                        f.data<float>()[(ky * f.dim(1) + kx) * c + ch]);
            }
          out.push_back(best);
        }
  return out;
}

TEST(Dilation2DTest, ValidMatchesReference) {
  Tensor x = RandomFloats({2, 5, 6, 3}, 1);
  Tensor f = RandomFloats({2, 3, 3}, 2);
  auto outputs = RunOp("Dilation2D", {x, f}, Attrs("VALID", {1, 1, 1, 1}, {1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {2, 4, 4, 3}, ReferenceDilation(x, f, 1, 1, 1, 1, 0, 0, 4, 4));
}

TEST(Dilation2DTest, SameWithStridesAndRates) {
  Tensor x = RandomFloats({1, 7, 6, 2}, 3);
  Tensor f = RandomFloats({3, 2, 2}, 4);
  auto outputs = RunOp("Dilation2D", {x, f}, Attrs("SAME", {1, 2, 3, 1}, {1, 2, 2, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // Effective filter 5x3. Height 7, stride 2: 4 outputs, padding (4-1)*2+5-7 = 4 -> 2 top.
  // Width 6, stride 3: 2 outputs, padding (2-1)*3+3-6 = 0.
  ExpectClose((*outputs)[0], {1, 4, 2, 2}, ReferenceDilation(x, f, 2, 3, 2, 2, 2, 0, 4, 2));
}

TEST(Dilation2DTest, AddsFilterBeforeTheMax) {
  Tensor x = Floats({1, 1, 3, 1}, {1, 5, 2});
  Tensor f = Floats({1, 2, 1}, {10, 0});
  auto outputs = RunOp("Dilation2D", {x, f}, Attrs("VALID", {1, 1, 1, 1}, {1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 2, 1}, {11, 15});
}

TEST(Dilation2DTest, BadInputsAreErrors) {
  Tensor x = RandomFloats({1, 4, 4, 2}, 5);
  EXPECT_FALSE(RunOp("Dilation2D", {x, RandomFloats({2, 2, 3}, 6)},
                     Attrs("VALID", {1, 1, 1, 1}, {1, 1, 1, 1}))
                   .ok());
  EXPECT_FALSE(RunOp("Dilation2D", {x, RandomFloats({2, 2, 2}, 6)},
                     Attrs("VALID", {1, 1, 1, 1}, {1, 1, 1, 2}))
                   .ok());
  EXPECT_FALSE(RunOp("Dilation2D", {x, RandomFloats({2, 2, 2}, 6)},
                     Attrs("EXPLICIT", {1, 1, 1, 1}, {1, 1, 1, 1}))
                   .ok());
  EXPECT_FALSE(RunOp("Dilation2D", {x, RandomFloats({6, 2, 2}, 6)},
                     Attrs("VALID", {1, 1, 1, 1}, {1, 1, 1, 1}))
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
