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
using ::tfjs::runtime::testing::Ints;
using ::tfjs::runtime::testing::RunOp;

struct Window {
  int64_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1, pad_top = 0, pad_left = 0;
};

// Scatters every out_backprop pixel through the filter into an NHWC input of `in_shape`.
std::vector<double> ReferenceBackprop(const Shape& in_shape, const Tensor& filter,
                                      const Tensor& dy, const Window& w) {
  const int64_t n = in_shape[0], h = in_shape[1], wd = in_shape[2], ci = in_shape[3];
  const int64_t kh = filter.dim(0), kw = filter.dim(1), co = filter.dim(3);
  const int64_t oh = dy.dim(1), ow = dy.dim(2);
  std::vector<double> dx(n * h * wd * ci, 0.0);
  for (int64_t b = 0; b < n; ++b)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox)
        for (int64_t ky = 0; ky < kh; ++ky)
          for (int64_t kx = 0; kx < kw; ++kx) {
            const int64_t iy = oy * w.stride_h - w.pad_top + ky * w.dilation_h;
            const int64_t ix = ox * w.stride_w - w.pad_left + kx * w.dilation_w;
            if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
            for (int64_t i = 0; i < ci; ++i)
              for (int64_t o = 0; o < co; ++o)
                dx[((b * h + iy) * wd + ix) * ci + i] +=
                    double(dy.data<float>()[((b * oh + oy) * ow + ox) * co + o]) *
                    filter.data<float>()[((ky * kw + kx) * ci + i) * co + o];
          }
  return dx;
}

std::string Attrs(const std::string& padding, std::vector<int64_t> strides,
                  std::vector<int64_t> dilations = {1, 1, 1, 1}) {
  return StringAttr("padding", padding) + IntListAttr("strides", strides) +
         IntListAttr("dilations", dilations);
}

// [N,H,W,C] values -> [N,C,H,W] order.
std::vector<double> NhwcToNchw(const std::vector<double>& v, const Shape& s) {
  std::vector<double> out(v.size());
  for (int64_t b = 0; b < s[0]; ++b)
    for (int64_t y = 0; y < s[1]; ++y)
      for (int64_t x = 0; x < s[2]; ++x)
        for (int64_t c = 0; c < s[3]; ++c)
          out[((b * s[3] + c) * s[1] + y) * s[2] + x] = v[((b * s[1] + y) * s[2] + x) * s[3] + c];
  return out;
}

Tensor NhwcTensorToNchw(const Tensor& t) {
  std::vector<double> values(t.data<float>(), t.data<float>() + t.num_elements());
  std::vector<double> moved = NhwcToNchw(values, t.shape());
  Tensor out = *Tensor::Allocate(tensorflow::DT_FLOAT, {t.dim(0), t.dim(3), t.dim(1), t.dim(2)});
  for (size_t i = 0; i < moved.size(); ++i) out.mutable_data<float>()[i] = float(moved[i]);
  return out;
}

TEST(Conv2DBackpropInputTest, ValidStrideOne) {
  Tensor filter = RandomFloats({3, 2, 3, 4}, 1);
  Tensor dy = RandomFloats({2, 3, 5, 4}, 2);
  auto outputs = RunOp("Conv2DBackpropInput", {Ints({4}, {2, 5, 6, 3}), filter, dy},
                       Attrs("VALID", {1, 1, 1, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {2, 5, 6, 3}, ReferenceBackprop({2, 5, 6, 3}, filter, dy, {}));
}

TEST(Conv2DBackpropInputTest, SameStrideTwoWithOddInput) {
  // 7x8 input, 3x3 kernel, stride 2: 4x4 outputs; height pads 2 (1 top), width pads 1 (0 left).
  Tensor filter = RandomFloats({3, 3, 2, 3}, 3);
  Tensor dy = RandomFloats({1, 4, 4, 3}, 4);
  auto outputs = RunOp("Conv2DBackpropInput", {Ints({4}, {1, 7, 8, 2}), filter, dy},
                       Attrs("SAME", {1, 2, 2, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Window w;
  w.stride_h = w.stride_w = 2;
  w.pad_top = 1;
  w.pad_left = 0;
  ExpectClose((*outputs)[0], {1, 7, 8, 2}, ReferenceBackprop({1, 7, 8, 2}, filter, dy, w));
}

TEST(Conv2DBackpropInputTest, ValidStrideLeavesUncoveredPixelsZero) {
  // 6 wide, kernel 2, stride 3, VALID: outputs at 0 and 3 cover columns 0,1,3,4; 2 and 5 are 0.
  Tensor filter = RandomFloats({1, 2, 1, 1}, 5);
  Tensor dy = RandomFloats({1, 1, 2, 1}, 6);
  auto outputs = RunOp("Conv2DBackpropInput", {Ints({4}, {1, 1, 6, 1}), filter, dy},
                       Attrs("VALID", {1, 1, 3, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float* f = filter.data<float>();
  const float* d = dy.data<float>();
  ExpectClose((*outputs)[0], {1, 1, 6, 1},
              {d[0] * f[0], d[0] * f[1], 0, d[1] * f[0], d[1] * f[1], 0});
}

TEST(Conv2DBackpropInputTest, DilationAndTwoSpatialSizes) {
  Tensor filter = RandomFloats({2, 3, 2, 2}, 7);
  Tensor dy = RandomFloats({2, 6, 5, 2}, 8);
  auto outputs = RunOp("Conv2DBackpropInput", {Ints({2}, {6, 5}), filter, dy},
                       Attrs("SAME", {1, 1, 1, 1}, {1, 2, 2, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Window w;
  w.dilation_h = w.dilation_w = 2;
  w.pad_top = 1;  // effective kernel 3 -> 2 rows of padding
  w.pad_left = 2;  // effective kernel 5 -> 4 columns of padding
  ExpectClose((*outputs)[0], {2, 6, 5, 2}, ReferenceBackprop({2, 6, 5, 2}, filter, dy, w));
}

TEST(Conv2DBackpropInputTest, ExplicitPadding) {
  Tensor filter = RandomFloats({2, 2, 1, 2}, 9);
  // 4x5 input padded (2,1) x (0,3): 6x7 outputs at stride 1.
  Tensor dy = RandomFloats({1, 6, 7, 2}, 10);
  const std::string attrs = Attrs("EXPLICIT", {1, 1, 1, 1}) +
                            IntListAttr("explicit_paddings", {0, 0, 2, 1, 0, 3, 0, 0});
  auto outputs = RunOp("Conv2DBackpropInput", {Ints({4}, {1, 4, 5, 1}), filter, dy}, attrs);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Window w;
  w.pad_top = 2;
  ExpectClose((*outputs)[0], {1, 4, 5, 1}, ReferenceBackprop({1, 4, 5, 1}, filter, dy, w));
}

TEST(Conv2DBackpropInputTest, Nchw) {
  Tensor filter = RandomFloats({3, 3, 2, 3}, 11);
  Tensor dy = RandomFloats({1, 3, 3, 3}, 12);  // NHWC
  auto outputs = RunOp("Conv2DBackpropInput", {Ints({4}, {1, 2, 5, 6}), filter, NhwcTensorToNchw(dy)},
                       Attrs("SAME", {1, 1, 2, 2}) + StringAttr("data_format", "NCHW"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Window w;
  w.stride_h = w.stride_w = 2;
  w.pad_top = 1;  // 5 rows: 3 outputs, padding 2
  w.pad_left = 0;  // 6 columns: 3 outputs, padding 1
  ExpectClose((*outputs)[0], {1, 2, 5, 6},
              NhwcToNchw(ReferenceBackprop({1, 5, 6, 2}, filter, dy, w), {1, 5, 6, 2}));
}

TEST(Conv2DBackpropInputTest, MismatchedOutBackpropIsAnError) {
  auto outputs = RunOp("Conv2DBackpropInput",
                       {Ints({4}, {1, 5, 5, 1}), RandomFloats({3, 3, 1, 1}, 1),
                        RandomFloats({1, 4, 4, 1}, 2)},
                       Attrs("VALID", {1, 1, 1, 1}));
  ASSERT_FALSE(outputs.ok());
  EXPECT_NE(outputs.status().message().find("does not match"), std::string::npos)
      << outputs.status();
}

TEST(Conv2DBackpropInputTest, BadInputSizesAndDepthsAreErrors) {
  const Tensor filter = RandomFloats({1, 1, 2, 3}, 1);
  const Tensor dy = RandomFloats({1, 2, 2, 3}, 2);
  EXPECT_FALSE(RunOp("Conv2DBackpropInput", {Ints({3}, {1, 2, 2}), filter, dy},
                     Attrs("VALID", {1, 1, 1, 1}))
                   .ok());
  EXPECT_FALSE(RunOp("Conv2DBackpropInput", {Ints({4}, {1, 2, 2, 5}), filter, dy},
                     Attrs("VALID", {1, 1, 1, 1}))
                   .ok());
  EXPECT_FALSE(RunOp("Conv2DBackpropInput", {Ints({4}, {1, -2, 2, 2}), filter, dy},
                     Attrs("VALID", {1, 1, 1, 1}))
                   .ok());
  EXPECT_FALSE(RunOp("Conv2DBackpropInput", {Ints({4}, {1, 2, 2, 2}), filter, dy},
                     Attrs("VALID", {1, 1, 1, 2}))
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
