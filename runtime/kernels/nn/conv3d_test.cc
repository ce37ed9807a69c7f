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
  int64_t stride = 1, dilation = 1, pad = 0, out = 0;
};

// Naive NDHWC convolution with a DHWIO filter.
std::vector<double> ReferenceConv3D(const Tensor& x, const Tensor& f, const Dim (&d)[3]) {
  const int64_t n = x.dim(0), ci = x.dim(4), co = f.dim(4);
  std::vector<double> out;
  for (int64_t b = 0; b < n; ++b)
    for (int64_t oz = 0; oz < d[0].out; ++oz)
      for (int64_t oy = 0; oy < d[1].out; ++oy)
        for (int64_t ox = 0; ox < d[2].out; ++ox)
          for (int64_t o = 0; o < co; ++o) {
            double sum = 0;
            for (int64_t kz = 0; kz < f.dim(0); ++kz)
              for (int64_t ky = 0; ky < f.dim(1); ++ky)
                for (int64_t kx = 0; kx < f.dim(2); ++kx) {
                  const int64_t iz = oz * d[0].stride - d[0].pad + kz * d[0].dilation;
                  const int64_t iy = oy * d[1].stride - d[1].pad + ky * d[1].dilation;
                  const int64_t ix = ox * d[2].stride - d[2].pad + kx * d[2].dilation;
                  if (iz < 0 || iz >= x.dim(1) || iy < 0 || iy >= x.dim(2) || ix < 0 ||
                      ix >= x.dim(3))
                    continue;
                  for (int64_t i = 0; i < ci; ++i)
                    sum += double(x.data<float>()[(((b * x.dim(1) + iz) * x.dim(2) + iy) *
                                                       x.dim(3) + ix) * ci + i]) *
                           f.data<float>()[(((kz * f.dim(1) + ky) * f.dim(2) + kx) * ci + i) *
                                               co + o];
                }
            out.push_back(sum);
          }
  return out;
}

std::string Attrs(const std::string& padding, std::vector<int64_t> strides,
                  std::vector<int64_t> dilations = {1, 1, 1, 1, 1}) {
  return StringAttr("padding", padding) + IntListAttr("strides", strides) +
         IntListAttr("dilations", dilations);
}

TEST(Conv3DTest, ValidMatchesReference) {
  Tensor x = RandomFloats({2, 4, 5, 3, 2}, 1);
  Tensor f = RandomFloats({2, 3, 2, 2, 3}, 2);
  auto outputs = RunOp("Conv3D", {x, f}, Attrs("VALID", {1, 1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Dim d[3];
  d[0].out = 3;
  d[1].out = 3;
  d[2].out = 2;
  ExpectClose((*outputs)[0], {2, 3, 3, 2, 3}, ReferenceConv3D(x, f, d));
}

TEST(Conv3DTest, SameWithStridesAndDilations) {
  Tensor x = RandomFloats({1, 5, 6, 7, 2}, 3);
  Tensor f = RandomFloats({3, 2, 3, 2, 2}, 4);
  auto outputs =
      RunOp("Conv3D", {x, f}, Attrs("SAME", {1, 2, 1, 3, 1}, {1, 1, 2, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Dim d[3];
  d[0] = {2, 1, 1, 3};  // 5 deep, stride 2: 3 outputs, padding (3-1)*2+3-5 = 2 -> 1 before
  d[1] = {1, 2, 1, 6};  // effective kernel 3: padding 2 -> 1 before
  d[2] = {3, 1, 0, 3};  // 7 wide, stride 3: 3 outputs, padding (3-1)*3+3-7 = 2 -> 1 before
  d[2].pad = 1;
  ExpectClose((*outputs)[0], {1, 3, 6, 3, 2}, ReferenceConv3D(x, f, d));
}

TEST(Conv3DTest, Ncdhw) {
  Tensor x = RandomFloats({1, 3, 3, 4, 2}, 5);  // NDHWC values
  Tensor f = RandomFloats({2, 2, 2, 2, 3}, 6);
  Tensor x_first = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2, 3, 3, 4});
  const int64_t spatial = 3 * 3 * 4;
  for (int64_t s = 0; s < spatial; ++s)
    for (int64_t c = 0; c < 2; ++c)
      x_first.mutable_data<float>()[c * spatial + s] = x.data<float>()[s * 2 + c];
  auto outputs = RunOp("Conv3D", {x_first, f},
                       Attrs("VALID", {1, 1, 1, 1, 1}) + StringAttr("data_format", "NCDHW"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Dim d[3];
  d[0].out = 2;
  d[1].out = 2;
  d[2].out = 3;
  std::vector<double> last = ReferenceConv3D(x, f, d);
  std::vector<double> first(last.size());
  const int64_t out_spatial = 2 * 2 * 3;
  for (int64_t s = 0; s < out_spatial; ++s)
    for (int64_t o = 0; o < 3; ++o) first[o * out_spatial + s] = last[s * 3 + o];
  ExpectClose((*outputs)[0], {1, 3, 2, 2, 3}, first);
}

TEST(Conv3DTest, BadInputsAreErrors) {
  const std::string attrs = Attrs("VALID", {1, 1, 1, 1, 1});
  EXPECT_FALSE(RunOp("Conv3D", {RandomFloats({1, 3, 3, 3, 2}, 1), RandomFloats({1, 1, 1, 3, 1}, 2)},
                     attrs)
                   .ok());
  EXPECT_FALSE(
      RunOp("Conv3D", {RandomFloats({1, 3, 3, 2}, 1), RandomFloats({1, 1, 1, 2, 1}, 2)}, attrs)
          .ok());
  EXPECT_FALSE(RunOp("Conv3D", {RandomFloats({1, 2, 2, 2, 1}, 1), RandomFloats({4, 1, 1, 1, 1}, 2)},
                     attrs)
                   .ok());
  EXPECT_FALSE(RunOp("Conv3D", {RandomFloats({1, 3, 3, 3, 2}, 1), RandomFloats({1, 1, 1, 2, 1}, 2)},
                     Attrs("VALID", {1, 1, 1, 1, 2}))
                   .ok());
  EXPECT_FALSE(RunOp("Conv3D", {RandomFloats({1, 3, 3, 3, 2}, 1), RandomFloats({1, 1, 1, 2, 1}, 2)},
                     Attrs("VALID", {1, 1, 1, 1}))
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
