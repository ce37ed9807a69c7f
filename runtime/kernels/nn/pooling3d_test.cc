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
using ::tfjs::runtime::testing::RunOp;

struct Dim {
  int64_t kernel = 1, stride = 1, pad = 0, out = 0;
};

// Naive NDHWC pooling over real voxels only.
std::vector<double> ReferencePool3D(const Tensor& x, bool max, const Dim (&d)[3]) {
  const int64_t c = x.dim(4);
  std::vector<double> out;
  for (int64_t b = 0; b < x.dim(0); ++b)
    for (int64_t oz = 0; oz < d[0].out; ++oz)
      for (int64_t oy = 0; oy < d[1].out; ++oy)
        for (int64_t ox = 0; ox < d[2].out; ++ox)
          for (int64_t ch = 0; ch < c; ++ch) {
            double best = -std::numeric_limits<double>::infinity(), sum = 0;
            int count = 0;
            for (int64_t kz = 0; kz < d[0].kernel; ++kz)
              for (int64_t ky = 0; ky < d[1].kernel; ++ky)
                for (int64_t kx = 0; kx < d[2].kernel; ++kx) {
                  const int64_t iz = oz * d[0].stride - d[0].pad + kz;
                  const int64_t iy = oy * d[1].stride - d[1].pad + ky;
                  const int64_t ix = ox * d[2].stride - d[2].pad + kx;
                  if (iz < 0 || iz >= x.dim(1) || iy < 0 || iy >= x.dim(2) || ix < 0 ||
                      ix >= x.dim(3))
                    continue;
                  const double v = x.data<float>()[(((b * x.dim(1) + iz) * x.dim(2) + iy) *
                                                        x.dim(3) + ix) * c + ch];
                  best = std::max(best, v);
                  sum += v;
                  ++count;
                }
            out.push_back(max ? best : sum / count);
          }
  return out;
}

std::string Attrs(const std::string& padding, std::vector<int64_t> ksize,
                  std::vector<int64_t> strides) {
  return StringAttr("padding", padding) + IntListAttr("ksize", ksize) +
         IntListAttr("strides", strides);
}

TEST(Pool3DTest, ValidMaxAndAverage) {
  Tensor x = RandomFloats({2, 4, 5, 6, 3}, 1);
  Dim d[3] = {{2, 2, 0, 2}, {3, 1, 0, 3}, {2, 2, 0, 3}};
  for (bool max : {true, false}) {
    auto outputs = RunOp(max ? "MaxPool3D" : "AvgPool3D", {x},
                         Attrs("VALID", {1, 2, 3, 2, 1}, {1, 2, 1, 2, 1}));
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose((*outputs)[0], {2, 2, 3, 3, 3}, ReferencePool3D(x, max, d));
  }
}

TEST(Pool3DTest, SameAveragesOverRealVoxelsOnly) {
  Tensor x = RandomFloats({1, 5, 4, 3, 2}, 2);
  // depth 5, k3 s2: 3 out, pad 2 -> 1 before; height 4, k2 s1: 4 out, pad 1 -> 0 before;
  // width 3, k3 s3: 1 out, pad 0.
  Dim d[3] = {{3, 2, 1, 3}, {2, 1, 0, 4}, {3, 3, 0, 1}};
  for (bool max : {true, false}) {
    auto outputs = RunOp(max ? "MaxPool3D" : "AvgPool3D", {x},
                         Attrs("SAME", {1, 3, 2, 3, 1}, {1, 2, 1, 3, 1}));
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose((*outputs)[0], {1, 3, 4, 1, 2}, ReferencePool3D(x, max, d));
  }
}

TEST(Pool3DTest, Ncdhw) {
  Tensor x = RandomFloats({1, 2, 3, 4, 4}, 3);  // NCDHW
  auto outputs = RunOp("AvgPool3D", {x},
                       Attrs("VALID", {1, 1, 1, 2, 2}, {1, 1, 1, 2, 2}) +
                           StringAttr("data_format", "NCDHW"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<double> expected;
  const float* v = x.data<float>();
  for (int c = 0; c < 2; ++c)
    for (int z = 0; z < 3; ++z)
      for (int y = 0; y < 2; ++y)
        for (int w = 0; w < 2; ++w) {
          const float* base = v + ((c * 3 + z) * 4 + 2 * y) * 4 + 2 * w;
          expected.push_back((double(base[0]) + base[1] + base[4] + base[5]) / 4);
        }
  ExpectClose((*outputs)[0], {1, 2, 3, 2, 2}, expected);
}

TEST(Pool3DTest, BadAttrsAndInputsAreErrors) {
  Tensor x = RandomFloats({1, 2, 2, 2, 1}, 4);
  EXPECT_FALSE(RunOp("MaxPool3D", {x}, Attrs("VALID", {1, 1, 1, 1, 2}, {1, 1, 1, 1, 1})).ok());
  EXPECT_FALSE(RunOp("MaxPool3D", {x}, Attrs("VALID", {1, 1, 1, 1}, {1, 1, 1, 1})).ok());
  EXPECT_FALSE(RunOp("MaxPool3D", {x}, Attrs("EXPLICIT", {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1})).ok());
  EXPECT_FALSE(RunOp("AvgPool3D", {x}, Attrs("VALID", {1, 4, 1, 1, 1}, {1, 1, 1, 1, 1})).ok());
  EXPECT_FALSE(RunOp("AvgPool3D", {RandomFloats({2, 2, 2, 1}, 5)},
                     Attrs("VALID", {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}))
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
