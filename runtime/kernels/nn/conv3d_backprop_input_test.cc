// Tests for Conv3DBackpropInputV2 / Conv3DBackpropInput against a scatter-form reference: every
// out_backprop value spread over the input pixels its window read, times the filter taps.
#include <array>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::ExpectClose;
using testing::IntListAttr;
using testing::RandomFloats;
using testing::StringAttr;
using ::tfjs::runtime::testing::Ints;
using ::tfjs::runtime::testing::RunOp;

// dy: [N, D', H', W', O], filter [KD, KH, KW, I, O], input shape [N, D, H, W, I]; pad_before
// per spatial dim.
std::vector<double> ScatterReference(const Tensor& dy, const Tensor& f, const Shape& input,
                                     std::array<int64_t, 3> stride,
                                     std::array<int64_t, 3> pad_before) {
  std::vector<double> dx(NumElements(input), 0.0);
  const int64_t ci = input[4], co = f.dim(4);
  for (int64_t n = 0; n < dy.dim(0); ++n)
    for (int64_t oz = 0; oz < dy.dim(1); ++oz)
      for (int64_t oy = 0; oy < dy.dim(2); ++oy)
        for (int64_t ox = 0; ox < dy.dim(3); ++ox)
          for (int64_t kz = 0; kz < f.dim(0); ++kz)
            for (int64_t ky = 0; ky < f.dim(1); ++ky)
              for (int64_t kx = 0; kx < f.dim(2); ++kx) {
                const int64_t z = oz * stride[0] - pad_before[0] + kz;
                const int64_t y = oy * stride[1] - pad_before[1] + ky;
                const int64_t x = ox * stride[2] - pad_before[2] + kx;
                if (z < 0 || z >= input[1] || y < 0 || y >= input[2] || x < 0 || x >= input[3])
                  continue;
                for (int64_t i = 0; i < ci; ++i)
                  for (int64_t o = 0; o < co; ++o)
                    dx[(((n * input[1] + z) * input[2] + y) * input[3] + x) * ci + i] +=
                        double(dy.data<float>()[(((n * dy.dim(1) + oz) * dy.dim(2) + oy) *
                                                     dy.dim(3) + ox) * co + o]) *
                        f.data<float>()[(((kz * f.dim(1) + ky) * f.dim(2) + kx) * ci + i) * co + o];
              }
  return dx;
}

std::string Attrs(const std::string& padding, std::vector<int64_t> strides) {
  return StringAttr("padding", padding) + IntListAttr("strides", strides);
}

TEST(Conv3DBackpropInputTest, ValidMatchesScatterReference) {
  const Shape input = {2, 4, 5, 3, 2};
  Tensor f = RandomFloats({2, 3, 2, 2, 3}, 1);
  Tensor dy = RandomFloats({2, 3, 3, 2, 3}, 2);
  auto outputs = RunOp("Conv3DBackpropInputV2", {Ints({5}, {2, 4, 5, 3, 2}), f, dy},
                       Attrs("VALID", {1, 1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], input, ScatterReference(dy, f, input, {1, 1, 1}, {0, 0, 0}));
}

TEST(Conv3DBackpropInputTest, SameWithStridesMatchesScatterReference) {
  // Depth 5, stride 2, kernel 3: 3 outputs, padding (3-1)*2+3-5 = 2, 1 before. Height 6,
  // stride 1, kernel 2: padding 1, 0 before. Width 7, stride 3, kernel 3: 3 outputs, padding
  // (3-1)*3+3-7 = 2, 1 before.
  const Shape input = {1, 5, 6, 7, 2};
  Tensor f = RandomFloats({3, 2, 3, 2, 2}, 3);
  Tensor dy = RandomFloats({1, 3, 6, 3, 2}, 4);
  auto outputs = RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 5, 6, 7, 2}), f, dy},
                       Attrs("SAME", {1, 2, 1, 3, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], input, ScatterReference(dy, f, input, {2, 1, 3}, {1, 0, 1}));
}

TEST(Conv3DBackpropInputTest, V1TakesTheInputsShape) {
  const Shape input = {1, 3, 3, 3, 1};
  Tensor f = RandomFloats({2, 2, 2, 1, 2}, 5);
  Tensor dy = RandomFloats({1, 2, 2, 2, 2}, 6);
  auto outputs = RunOp("Conv3DBackpropInput", {RandomFloats(input, 7), f, dy},
                       Attrs("VALID", {1, 1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], input, ScatterReference(dy, f, input, {1, 1, 1}, {0, 0, 0}));
}

TEST(Conv3DBackpropInputTest, Float64) {
  // A 1x1x1 kernel with stride 1 scales each channel: dx = dy * w.
  Tensor f = ::tfjs::runtime::testing::MakeTensor<double>(tensorflow::DT_DOUBLE, {1, 1, 1, 1, 1},
                                                          {2.5});
  Tensor dy = ::tfjs::runtime::testing::MakeTensor<double>(tensorflow::DT_DOUBLE,
                                                           {1, 1, 1, 2, 1}, {1, -3});
  auto outputs = RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 1, 1, 2, 1}), f, dy},
                       Attrs("VALID", {1, 1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT((*outputs)[0].values<double>(), ::testing::ElementsAre(2.5, -7.5));
}

TEST(Conv3DBackpropInputTest, RejectsWhatTfsCpuKernelRejects) {
  Tensor f = RandomFloats({1, 1, 1, 1, 1}, 8);
  Tensor dy = RandomFloats({1, 2, 2, 2, 1}, 9);
  Tensor sizes = Ints({5}, {1, 2, 2, 2, 1});
  const std::string valid = Attrs("VALID", {1, 1, 1, 1, 1});
  auto ncdhw = RunOp("Conv3DBackpropInputV2", {sizes, f, dy},
                     valid + StringAttr("data_format", "NCDHW"));
  ASSERT_FALSE(ncdhw.ok());
  EXPECT_THAT(std::string(ncdhw.status().message()), ::testing::HasSubstr("NDHWC"));
  EXPECT_FALSE(RunOp("Conv3DBackpropInputV2", {sizes, f, dy},
                     valid + IntListAttr("dilations", {1, 2, 1, 1, 1}))
                   .ok());
  // out_backprop 2x2x2 cannot come from a 3x3x3 input with a 1x1x1 kernel.
  auto mismatch =
      RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 3, 3, 3, 1}), f, dy}, valid);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(std::string(mismatch.status().message()),
              ::testing::HasSubstr("Size of out_backprop doesn't match computed"));
  EXPECT_FALSE(RunOp("Conv3DBackpropInputV2", {Ints({4}, {1, 2, 2, 2}), f, dy}, valid).ok());
  EXPECT_FALSE(RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 2, 2, 2, 3}), f, dy}, valid).ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
