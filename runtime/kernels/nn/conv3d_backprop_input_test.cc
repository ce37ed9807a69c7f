// Tests for Conv3DBackpropInputV2 / Conv3DBackpropInput against a scatter-form reference: every
// out_backprop value spread over the input pixels its window read, times the filter taps.
#include <array>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/half.h"
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
                        double(
                            dy.data<float>()
                                [(((n * dy.dim(1) + oz) * dy.dim(2) + oy) * dy.dim(3) + ox) * co +
                                 o]) *
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
  Tensor f =
      ::tfjs::runtime::testing::MakeTensor<double>(tensorflow::DT_DOUBLE, {1, 1, 1, 1, 1}, {2.5});
  Tensor dy =
      ::tfjs::runtime::testing::MakeTensor<double>(tensorflow::DT_DOUBLE, {1, 1, 1, 2, 1}, {1, -3});
  auto outputs = RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 1, 1, 2, 1}), f, dy},
                       Attrs("VALID", {1, 1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT((*outputs)[0].values<double>(), ::testing::ElementsAre(2.5, -7.5));
}

// [N, D, H, W, C] <-> [N, C, D, H, W] by plain index arithmetic, for building NCDHW cases from
// NDHWC ones.
std::vector<double> ToChannelsFirst(const std::vector<double>& values, const Shape& ndhwc) {
  std::vector<double> out(values.size());
  const int64_t n = ndhwc[0], d = ndhwc[1], h = ndhwc[2], w = ndhwc[3], c = ndhwc[4];
  for (int64_t b = 0; b < n; ++b)
    for (int64_t z = 0; z < d; ++z)
      for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x)
          for (int64_t k = 0; k < c; ++k)
            out[(((b * c + k) * d + z) * h + y) * w + x] =
                values[(((b * d + z) * h + y) * w + x) * c + k];
  return out;
}

Tensor FloatTensor(const Shape& shape, const std::vector<double>& values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, shape);
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<float>()[i] = values[i];
  return tensor;
}

std::vector<double> Doubles(const Tensor& floats) {
  return std::vector<double>(floats.data<float>(), floats.data<float>() + floats.num_elements());
}

// NCDHW: input_sizes, out_backprop and the result channels-first, strides in that order too; the
// values are the NDHWC reference's, moved.
TEST(Conv3DBackpropInputTest, ChannelsFirstMatchesTheTransposedReference) {
  const Shape input = {2, 5, 4, 6, 3};
  Tensor f = RandomFloats({3, 2, 3, 3, 2}, 10);
  Tensor dy = RandomFloats({2, 3, 4, 2, 2}, 11);  // SAME, strides 2, 1, 3: pads 2, 1, 0.
  const std::vector<double> expected = ScatterReference(dy, f, input, {2, 1, 3}, {1, 0, 0});
  Tensor dy_first = FloatTensor({2, 2, 3, 4, 2}, ToChannelsFirst(Doubles(dy), dy.shape()));
  auto outputs = RunOp("Conv3DBackpropInputV2", {Ints({5}, {2, 3, 5, 4, 6}), f, dy_first},
                       Attrs("SAME", {1, 1, 2, 1, 3}) + StringAttr("data_format", "NCDHW"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {2, 3, 5, 4, 6}, ToChannelsFirst(expected, input));
}

// float16 and bfloat16 compute in float32 and round once. Values are multiples of 0.5 in
// [-1, 1], so every product and sum (at most 16 terms) is exact in both: the result equals the
// float32 reference exactly.
TEST(Conv3DBackpropInputTest, HalfPrecisionFloatsRoundTheFloat32Result) {
  const Shape input = {1, 3, 4, 3, 2};
  Tensor f = RandomFloats({2, 2, 2, 2, 2}, 12);
  Tensor dy = RandomFloats({1, 2, 3, 2, 2}, 13);
  for (Tensor* t : {&f, &dy}) {
    for (int64_t i = 0; i < t->num_elements(); ++i) {
      t->mutable_data<float>()[i] = std::round(t->data<float>()[i] * 2) / 2;
    }
  }
  const std::vector<double> expected = ScatterReference(dy, f, input, {1, 1, 1}, {0, 0, 0});
  for (DataType dtype : {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16}) {
    SCOPED_TRACE(DataTypeName(dtype));
    auto narrow = [dtype](const Tensor& wide) {
      Tensor t = *Tensor::Allocate(dtype, wide.shape());
      for (int64_t i = 0; i < wide.num_elements(); ++i) {
        const float v = wide.data<float>()[i];
        t.mutable_data<uint16_t>()[i] =
            dtype == tensorflow::DT_HALF ? FloatToHalf(v) : FloatToBFloat16(v);
      }
      return t;
    };
    auto outputs =
        RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 3, 4, 3, 2}), narrow(f), narrow(dy)},
              Attrs("VALID", {1, 1, 1, 1, 1}));
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    const Tensor& result = (*outputs)[0];
    ASSERT_EQ(result.dtype(), dtype);
    ASSERT_EQ(result.num_elements(), static_cast<int64_t>(expected.size()));
    for (size_t i = 0; i < expected.size(); ++i) {
      const uint16_t bits = result.data<uint16_t>()[i];
      EXPECT_EQ(dtype == tensorflow::DT_HALF ? HalfToFloat(bits) : BFloat16ToFloat(bits),
                expected[i])
          << i;
    }
  }
}

TEST(Conv3DBackpropInputTest, RejectsWhatTfsCpuKernelRejects) {
  Tensor f = RandomFloats({1, 1, 1, 1, 1}, 8);
  Tensor dy = RandomFloats({1, 2, 2, 2, 1}, 9);
  Tensor sizes = Ints({5}, {1, 2, 2, 2, 1});
  const std::string valid = Attrs("VALID", {1, 1, 1, 1, 1});
  EXPECT_FALSE(RunOp("Conv3DBackpropInputV2", {sizes, f, dy},
                     valid + IntListAttr("dilations", {1, 2, 1, 1, 1}))
                   .ok());
  // out_backprop 2x2x2 cannot come from a 3x3x3 input with a 1x1x1 kernel.
  auto mismatch = RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 3, 3, 3, 1}), f, dy}, valid);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(std::string(mismatch.status().message()),
              ::testing::HasSubstr("Size of out_backprop doesn't match computed"));
  EXPECT_FALSE(RunOp("Conv3DBackpropInputV2", {Ints({4}, {1, 2, 2, 2}), f, dy}, valid).ok());
  EXPECT_FALSE(RunOp("Conv3DBackpropInputV2", {Ints({5}, {1, 2, 2, 2, 3}), f, dy}, valid).ok());
  auto ints = RunOp(
      "Conv3DBackpropInputV2",
      {sizes, Ints({1, 1, 1, 1, 1}, {1}), Ints({1, 2, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8})}, valid);
  ASSERT_FALSE(ints.ok());
  EXPECT_THAT(std::string(ints.status().message()), ::testing::HasSubstr("float16, bfloat16"));
}

}  // namespace
}  // namespace tfjs::runtime::nn
