#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::ExpectClose;
using testing::FloatAttr;
using testing::IntAttr;
using testing::IntListAttr;
using testing::RandomFloats;
using testing::StringAttr;
using testing::StringListAttr;
using ::tfjs::runtime::testing::RunOp;

// Geometry of one reference convolution, in NHWC terms.
struct Geometry {
  int64_t stride_h = 1, stride_w = 1;
  int64_t dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0;
  int64_t out_h = 0, out_w = 0;
};

// Naive convolution in double: input NHWC, filter HWIO (grouped when C is a multiple of I) or,
// for depthwise, HWCM.
std::vector<double> ReferenceConv(const Tensor& input, const Tensor& filter, bool depthwise,
                                  const Geometry& g) {
  const int64_t n = input.dim(0), h = input.dim(1), w = input.dim(2), c = input.dim(3);
  const int64_t kh = filter.dim(0), kw = filter.dim(1), fi = filter.dim(2), fo = filter.dim(3);
  const int64_t out_c = depthwise ? fi * fo : fo;
  const int64_t groups = depthwise ? c : c / fi;
  const int64_t group_out = out_c / groups;
  const float* x = input.data<float>();
  const float* f = filter.data<float>();
  std::vector<double> out;
  for (int64_t b = 0; b < n; ++b) {
    for (int64_t oy = 0; oy < g.out_h; ++oy) {
      for (int64_t ox = 0; ox < g.out_w; ++ox) {
        for (int64_t oc = 0; oc < out_c; ++oc) {
          double sum = 0;
          for (int64_t ky = 0; ky < kh; ++ky) {
            for (int64_t kx = 0; kx < kw; ++kx) {
              const int64_t iy = oy * g.stride_h - g.pad_top + ky * g.dilation_h;
              const int64_t ix = ox * g.stride_w - g.pad_left + kx * g.dilation_w;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              const float* pixel = x + ((b * h + iy) * w + ix) * c;
              if (depthwise) {
                const int64_t ic = oc / fo, m = oc % fo;
                sum += double(pixel[ic]) * f[((ky * kw + kx) * fi + ic) * fo + m];
              } else {
                const int64_t group = oc / group_out;
                for (int64_t i = 0; i < fi; ++i) {
                  sum += double(pixel[group * fi + i]) * f[((ky * kw + kx) * fi + i) * fo + oc];
                }
              }
            }
          }
          out.push_back(sum);
        }
      }
    }
  }
  return out;
}

std::string ConvAttrs(const std::string& padding, std::vector<int64_t> strides,
                      std::vector<int64_t> dilations = {1, 1, 1, 1}) {
  return StringAttr("padding", padding) + IntListAttr("strides", strides) +
         IntListAttr("dilations", dilations) + "attr { key: \"T\" value { type: DT_FLOAT } } ";
}

TEST(Conv2DTest, ValidStrideOneMatchesReference) {
  Tensor input = RandomFloats({2, 5, 6, 3}, 1);
  Tensor filter = RandomFloats({3, 2, 3, 4}, 2);
  auto outputs =
      RunOp("Conv2D", {input, filter}, ConvAttrs("VALID", {1, 1, 1, 1}), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.out_h = 3;
  g.out_w = 5;
  ExpectClose((*outputs)[0], {2, 3, 5, 4}, ReferenceConv(input, filter, false, g));
}

TEST(Conv2DTest, SameStrideTwoPadsTheOddPixelAtBottomRight) {
  // Kernel 3x3 on 6x6 with stride 2: 3x3 outputs, padding (3-1)*2+3-6 = 1 in each dim.
  Tensor input = RandomFloats({1, 6, 6, 2}, 3);
  Tensor filter = RandomFloats({3, 3, 2, 3}, 4);
  auto outputs =
      RunOp("Conv2D", {input, filter}, ConvAttrs("SAME", {1, 2, 2, 1}), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.stride_h = g.stride_w = 2;
  g.pad_top = g.pad_left = 0;  // total padding 1: all of it at the bottom and right
  g.out_h = g.out_w = 3;
  ExpectClose((*outputs)[0], {1, 3, 3, 3}, ReferenceConv(input, filter, false, g));
}

TEST(Conv2DTest, SameWithUnevenKernelAndStride) {
  Tensor input = RandomFloats({1, 7, 8, 2}, 5);
  Tensor filter = RandomFloats({4, 3, 2, 2}, 6);
  auto outputs =
      RunOp("Conv2D", {input, filter}, ConvAttrs("SAME", {1, 2, 3, 1}), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.stride_h = 2;
  g.stride_w = 3;
  g.out_h = 4;  // ceil(7/2); padding (4-1)*2+4-7 = 3 -> 1 top, 2 bottom
  g.out_w = 3;  // ceil(8/3); padding (3-1)*3+3-8 = 1 -> 0 left, 1 right
  g.pad_top = 1;
  g.pad_left = 0;
  ExpectClose((*outputs)[0], {1, 4, 3, 2}, ReferenceConv(input, filter, false, g));
}

TEST(Conv2DTest, DilationTwo) {
  Tensor input = RandomFloats({1, 7, 7, 3}, 7);
  Tensor filter = RandomFloats({3, 3, 3, 2}, 8);
  auto outputs = RunOp("Conv2D", {input, filter}, ConvAttrs("SAME", {1, 1, 1, 1}, {1, 2, 2, 1}), 1,
                       {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.dilation_h = g.dilation_w = 2;
  g.out_h = g.out_w = 7;
  g.pad_top = g.pad_left = 2;  // effective kernel 5
  ExpectClose((*outputs)[0], {1, 7, 7, 2}, ReferenceConv(input, filter, false, g));
}

TEST(Conv2DTest, ExplicitPadding) {
  Tensor input = RandomFloats({1, 4, 5, 2}, 9);
  Tensor filter = RandomFloats({2, 2, 2, 3}, 10);
  const std::string attrs = ConvAttrs("EXPLICIT", {1, 1, 1, 1}) +
                            IntListAttr("explicit_paddings", {0, 0, 2, 1, 0, 3, 0, 0});
  auto outputs = RunOp("Conv2D", {input, filter}, attrs, 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.pad_top = 2;
  g.pad_left = 0;
  g.out_h = 4 + 3 - 2 + 1;
  g.out_w = 5 + 3 - 2 + 1;
  ExpectClose((*outputs)[0], {1, 6, 7, 3}, ReferenceConv(input, filter, false, g));
}

TEST(Conv2DTest, NonConstantFilterMatchesConstant) {
  Tensor input = RandomFloats({2, 5, 5, 3}, 11);
  Tensor filter = RandomFloats({3, 3, 3, 4}, 12);
  auto outputs = RunOp("Conv2D", {input, filter}, ConvAttrs("SAME", {1, 2, 2, 1}));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.stride_h = g.stride_w = 2;
  g.pad_top = g.pad_left = 1;
  g.out_h = g.out_w = 3;
  ExpectClose((*outputs)[0], {2, 3, 3, 4}, ReferenceConv(input, filter, false, g));
}

TEST(Conv2DTest, GroupedWhenInputChannelsAreAMultiple) {
  Tensor input = RandomFloats({1, 4, 4, 6}, 13);
  Tensor filter = RandomFloats({2, 2, 2, 6}, 14);  // 3 groups of 2 in, 2 out
  auto outputs =
      RunOp("Conv2D", {input, filter}, ConvAttrs("VALID", {1, 1, 1, 1}), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.out_h = g.out_w = 3;
  ExpectClose((*outputs)[0], {1, 3, 3, 6}, ReferenceConv(input, filter, false, g));
}

TEST(Conv2DTest, NchwTransposesAround) {
  Tensor nhwc = RandomFloats({1, 4, 5, 2}, 15);
  Tensor nchw = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2, 4, 5});
  for (int c = 0; c < 2; ++c)
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 5; ++x)
        nchw.mutable_data<float>()[(c * 4 + y) * 5 + x] = nhwc.data<float>()[(y * 5 + x) * 2 + c];
  Tensor filter = RandomFloats({3, 3, 2, 3}, 16);
  auto outputs =
      RunOp("Conv2D", {nchw, filter},
            ConvAttrs("SAME", {1, 1, 2, 1}) + StringAttr("data_format", "NCHW"), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.stride_h = 2;
  g.out_h = 2;  // ceil(4/2), padding (2-1)*2+3-4 = 1 -> 0 top
  g.out_w = 5;
  g.pad_left = 1;
  std::vector<double> reference = ReferenceConv(nhwc, filter, false, g);
  std::vector<double> expected(reference.size());
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 5; ++x)
      for (int c = 0; c < 3; ++c) expected[(c * 2 + y) * 5 + x] = reference[(y * 5 + x) * 3 + c];
  ExpectClose((*outputs)[0], {1, 3, 2, 5}, expected);
}

TEST(DepthwiseConv2dNativeTest, MultiplierTwoStrideTwo) {
  Tensor input = RandomFloats({2, 7, 6, 3}, 17);
  Tensor filter = RandomFloats({3, 3, 3, 2}, 18);
  for (bool constant : {true, false}) {
    auto outputs = RunOp("DepthwiseConv2dNative", {input, filter}, ConvAttrs("SAME", {1, 2, 2, 1}),
                         1, {false, constant});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    Geometry g;
    g.stride_h = g.stride_w = 2;
    g.out_h = 4;  // padding (4-1)*2+3-7 = 2 -> 1 top
    g.out_w = 3;  // padding (3-1)*2+3-6 = 1 -> 0 left
    g.pad_top = 1;
    ExpectClose((*outputs)[0], {2, 4, 3, 6}, ReferenceConv(input, filter, true, g));
  }
}

TEST(DepthwiseConv2dNativeTest, DilationTwoValid) {
  Tensor input = RandomFloats({1, 6, 6, 2}, 19);
  Tensor filter = RandomFloats({2, 2, 2, 1}, 20);
  auto outputs = RunOp("DepthwiseConv2dNative", {input, filter},
                       ConvAttrs("VALID", {1, 1, 1, 1}, {1, 2, 2, 1}), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.dilation_h = g.dilation_w = 2;
  g.out_h = g.out_w = 4;
  ExpectClose((*outputs)[0], {1, 4, 4, 2}, ReferenceConv(input, filter, true, g));
}

// Expected fused output: reference conv, then bias, then the activation.
std::vector<double> Activate(std::vector<double> values, const std::vector<float>& bias,
                             const std::string& activation, const std::vector<float>& alpha,
                             float leaky_alpha) {
  const size_t channels = bias.size();
  for (size_t i = 0; i < values.size(); ++i) {
    double v = values[i] + bias[i % channels];
    if (activation == "Relu") v = std::max(v, 0.0);
    if (activation == "Relu6") v = std::min(std::max(v, 0.0), 6.0);
    if (activation == "Elu" && v < 0) v = std::expm1(v);
    if (activation == "LeakyRelu" && v < 0) v *= leaky_alpha;
    if (activation == "Prelu" && v < 0) v *= alpha[i % channels];
    if (activation == "Sigmoid") v = 1 / (1 + std::exp(-v));
    if (activation == "Tanh") v = std::tanh(v);
    values[i] = v;
  }
  return values;
}

std::vector<float> FloatsOf(const Tensor& tensor) {
  return std::vector<float>(tensor.data<float>(), tensor.data<float>() + tensor.num_elements());
}

class FusedConvTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FusedConvTest, MatchesReferenceForEachActivation) {
  const std::string activation = GetParam();
  Tensor input = RandomFloats({1, 5, 5, 3}, 21, -3.f, 3.f);
  Tensor filter = RandomFloats({3, 3, 3, 4}, 22);
  Tensor bias = RandomFloats({4}, 23);
  Tensor alpha = RandomFloats({4}, 24, 0.f, 0.5f);
  std::vector<std::string> ops = {"BiasAdd"};
  if (!activation.empty()) ops.push_back(activation);
  std::vector<Tensor> inputs = {input, filter, bias};
  if (activation == "Prelu") inputs.push_back(alpha);
  const std::string attrs = ConvAttrs("SAME", {1, 1, 1, 1}) + StringListAttr("fused_ops", ops) +
                            IntAttr("num_args", inputs.size() - 2) +
                            FloatAttr("leakyrelu_alpha", 0.3f);
  Geometry g;
  g.out_h = g.out_w = 5;
  g.pad_top = g.pad_left = 1;
  const std::vector<double> expected = Activate(ReferenceConv(input, filter, false, g),
                                                FloatsOf(bias), activation, FloatsOf(alpha), 0.3f);
  for (bool constant : {true, false}) {
    auto outputs = RunOp("_FusedConv2D", inputs, attrs, 1, {false, constant, constant, constant});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose((*outputs)[0], {1, 5, 5, 4}, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Activations, FusedConvTest,
                         ::testing::Values("", "Relu", "Relu6", "Elu", "LeakyRelu", "Prelu",
                                           "Sigmoid", "Tanh"));

TEST(FusedConv2DTest, PreluAlphaPerPixelBroadcasts) {
  // Keras PReLU without shared axes has one alpha per output element: [H, W, C].
  Tensor input = RandomFloats({2, 3, 3, 2}, 50, -3.f, 3.f);
  Tensor filter = RandomFloats({1, 1, 2, 2}, 51);
  Tensor bias = RandomFloats({2}, 52);
  Tensor alpha = RandomFloats({3, 3, 2}, 53, 0.f, 0.5f);
  const std::string attrs = ConvAttrs("VALID", {1, 1, 1, 1}) +
                            StringListAttr("fused_ops", {"BiasAdd", "Prelu"}) +
                            IntAttr("num_args", 2);
  auto outputs =
      RunOp("_FusedConv2D", {input, filter, bias, alpha}, attrs, 1, {false, true, true, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.out_h = g.out_w = 3;
  std::vector<double> expected = ReferenceConv(input, filter, false, g);
  for (size_t i = 0; i < expected.size(); ++i) {
    const double v = expected[i] + bias.data<float>()[i % 2];
    expected[i] = v < 0 ? v * alpha.data<float>()[i % 18] : v;
  }
  ExpectClose((*outputs)[0], {2, 3, 3, 2}, expected);

  auto mismatch = RunOp("_FusedConv2D", {input, filter, bias, RandomFloats({3}, 54)}, attrs, 1,
                        {false, true, true, true});
  EXPECT_NE(mismatch.status().message().find("does not broadcast to the output shape [2,3,3,2]"),
            std::string::npos)
      << mismatch.status();
}

TEST(FusedConv2DTest, FusedBatchNormFoldsIntoTheFilter) {
  Tensor input = RandomFloats({1, 4, 4, 2}, 25);
  Tensor filter = RandomFloats({2, 2, 2, 3}, 26);
  Tensor scale = RandomFloats({3}, 27, 0.5f, 2.f);
  Tensor offset = RandomFloats({3}, 28);
  Tensor mean = RandomFloats({3}, 29);
  Tensor variance = RandomFloats({3}, 30, 0.1f, 1.f);
  const std::string attrs = ConvAttrs("VALID", {1, 1, 1, 1}) +
                            StringListAttr("fused_ops", {"FusedBatchNorm", "Relu"}) +
                            IntAttr("num_args", 4) + FloatAttr("epsilon", 0.001f);
  Geometry g;
  g.out_h = g.out_w = 3;
  std::vector<double> expected = ReferenceConv(input, filter, false, g);
  for (size_t i = 0; i < expected.size(); ++i) {
    const size_t c = i % 3;
    const double normalized = (expected[i] - mean.data<float>()[c]) /
                              std::sqrt(double(variance.data<float>()[c]) + 0.001);
    expected[i] = std::max(0.0, normalized * scale.data<float>()[c] + offset.data<float>()[c]);
  }
  for (bool constant : {true, false}) {
    auto outputs = RunOp("_FusedConv2D", {input, filter, scale, offset, mean, variance}, attrs, 1,
                         {false, constant, constant, constant, constant, constant});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose((*outputs)[0], {1, 3, 3, 3}, expected);
  }
}

TEST(FusedDepthwiseConv2dNativeTest, BiasAddRelu6) {
  Tensor input = RandomFloats({1, 5, 5, 2}, 31, -4.f, 4.f);
  Tensor filter = RandomFloats({3, 3, 2, 2}, 32, -2.f, 2.f);
  Tensor bias = RandomFloats({4}, 33);
  const std::string attrs = ConvAttrs("SAME", {1, 2, 2, 1}) +
                            StringListAttr("fused_ops", {"BiasAdd", "Relu6"}) +
                            IntAttr("num_args", 1);
  auto outputs =
      RunOp("FusedDepthwiseConv2dNative", {input, filter, bias}, attrs, 1, {false, true, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.stride_h = g.stride_w = 2;
  g.out_h = g.out_w = 3;
  g.pad_top = g.pad_left = 1;
  ExpectClose((*outputs)[0], {1, 3, 3, 4},
              Activate(ReferenceConv(input, filter, true, g), FloatsOf(bias), "Relu6", {}, 0));
}

TEST(Conv2DTest, ConcurrentExecuteCallsAgree) {
  std::vector<Tensor> inputs;
  // Different heights too, so the threads need operators with different padding at once.
  for (int t = 0; t < 4; ++t) inputs.push_back(RandomFloats({1, 8 + t, 9, 4}, 100 + t));
  testing::ExpectConcurrentRunsAgree("Conv2D", ConvAttrs("SAME", {1, 2, 2, 1}),
                                     RandomFloats({3, 3, 4, 8}, 34), inputs);
}

TEST(DepthwiseConv2dNativeTest, ConcurrentExecuteCallsAgree) {
  std::vector<Tensor> inputs;
  for (int t = 0; t < 4; ++t) inputs.push_back(RandomFloats({2, 7, 6 + t, 3}, 110 + t));
  testing::ExpectConcurrentRunsAgree("DepthwiseConv2dNative", ConvAttrs("SAME", {1, 2, 2, 1}),
                                     RandomFloats({3, 3, 3, 2}, 35), inputs);
}

TEST(Conv2DTest, RejectsBadInputs) {
  Tensor filter = RandomFloats({2, 2, 3, 4}, 35);
  const std::string attrs = ConvAttrs("VALID", {1, 1, 1, 1});
  auto rank3 = RunOp("Conv2D", {RandomFloats({4, 4, 3}, 36), filter}, attrs, 1, {false, true});
  EXPECT_NE(rank3.status().message().find("input must be 4-D"), std::string::npos)
      << rank3.status();
  auto channels = RunOp("Conv2D", {RandomFloats({1, 4, 4, 2}, 37), filter}, attrs);
  EXPECT_NE(channels.status().message().find("not a multiple of the filter's 3 input channels"),
            std::string::npos)
      << channels.status();
  auto depthwise = RunOp("DepthwiseConv2dNative", {RandomFloats({1, 4, 4, 2}, 38), filter}, attrs,
                         1, {false, true});
  EXPECT_NE(depthwise.status().message().find("depthwise filter expects 3"), std::string::npos)
      << depthwise.status();
  auto too_small = RunOp("Conv2D", {RandomFloats({1, 1, 1, 3}, 39), RandomFloats({5, 5, 3, 1}, 40)},
                         ConvAttrs("VALID", {1, 2, 2, 1}), 1, {false, true});
  EXPECT_NE(too_small.status().message().find("output size would be negative"), std::string::npos)
      << too_small.status();
  auto padding = RunOp("Conv2D", {RandomFloats({1, 4, 4, 3}, 41), filter},
                       ConvAttrs("FULL", {1, 1, 1, 1}), 1, {false, true});
  EXPECT_NE(padding.status().message().find("padding must be SAME, VALID or EXPLICIT"),
            std::string::npos)
      << padding.status();
  auto strides = RunOp("Conv2D", {RandomFloats({1, 4, 4, 3}, 42), filter},
                       ConvAttrs("VALID", {2, 1, 1, 1}), 1, {false, true});
  EXPECT_NE(strides.status().message().find("batch and channel dims must be 1"), std::string::npos)
      << strides.status();
  auto num_args =
      RunOp("_FusedConv2D", {RandomFloats({1, 4, 4, 3}, 43), filter, RandomFloats({4}, 44)},
            attrs + StringListAttr("fused_ops", {"BiasAdd", "Prelu"}) + IntAttr("num_args", 1), 1,
            {false, true, true});
  EXPECT_NE(num_args.status().message().find("take 2 extra inputs, but num_args is 1"),
            std::string::npos)
      << num_args.status();
  auto bias = RunOp("_FusedConv2D", {RandomFloats({1, 4, 4, 3}, 45), filter, RandomFloats({3}, 46)},
                    attrs + StringListAttr("fused_ops", {"BiasAdd"}) + IntAttr("num_args", 1), 1,
                    {false, true, true});
  EXPECT_NE(bias.status().message().find("bias must have shape [4]"), std::string::npos)
      << bias.status();
  auto filter_rank = RunOp("Conv2D", {RandomFloats({1, 4, 4, 3}, 49), RandomFloats({2, 2, 3}, 50)},
                           attrs, 1, {false, true});
  EXPECT_NE(filter_rank.status().message().find("filter must be 4-D"), std::string::npos)
      << filter_rank.status();
  auto ints = RunOp("Conv2D", {::tfjs::runtime::testing::Ints({1, 2, 2, 3}, {}), filter}, attrs, 1,
                    {false, true});
  EXPECT_NE(ints.status().message().find("input must be float32"), std::string::npos)
      << ints.status();
}

TEST(Conv2DTest, EmptyBatchGivesEmptyOutput) {
  auto outputs = RunOp("Conv2D", {RandomFloats({0, 4, 4, 3}, 47), RandomFloats({2, 2, 3, 4}, 48)},
                       ConvAttrs("VALID", {1, 1, 1, 1}), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[0,3,3,4]");
}

std::string Conv1DAttrs(const std::string& padding, int64_t stride, int64_t dilation,
                        const std::string& format = "NWC") {
  return StringAttr("padding", padding) + IntAttr("stride", stride) +
         IntAttr("dilation", dilation) + StringAttr("data_format", format);
}

// Conv1D's [N,W,C] input as a [N,1,W,C] image.
Tensor AddUnitDim(const Tensor& t) { return *t.Reshaped({t.dim(0), 1, t.dim(1), t.dim(2)}); }
// Conv1D's [W,I,O] filter as [1,W,I,O].
Tensor AddUnitHeight(const Tensor& t) { return *t.Reshaped({1, t.dim(0), t.dim(1), t.dim(2)}); }

TEST(Conv1DTest, SameStrideAndDilationMatchReference) {
  Tensor input = RandomFloats({2, 9, 3}, 60);
  Tensor filter = RandomFloats({3, 3, 4}, 61);
  for (bool constant_filter : {false, true}) {
    auto outputs = RunOp("Conv1D", {input, filter}, Conv1DAttrs("SAME", 2, 2), 1,
                         {false, constant_filter});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    Geometry g;
    g.stride_w = 2;
    g.dilation_w = 2;
    g.out_h = 1;
    g.out_w = 5;     // ceil(9/2); effective kernel 5: padding (5-1)*2+5-9 = 4 -> 2 left
    g.pad_left = 2;
    ExpectClose((*outputs)[0], {2, 5, 4},
                ReferenceConv(AddUnitDim(input), AddUnitHeight(filter), false, g));
  }
}

TEST(Conv1DTest, ValidNcw) {
  Tensor input = RandomFloats({1, 6, 2}, 62);  // NWC values
  Tensor filter = RandomFloats({2, 2, 3}, 63);
  Tensor ncw = *Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2, 6});
  for (int x = 0; x < 6; ++x)
    for (int c = 0; c < 2; ++c) ncw.mutable_data<float>()[c * 6 + x] = input.data<float>()[x * 2 + c];
  auto outputs = RunOp("Conv1D", {ncw, filter}, Conv1DAttrs("VALID", 1, 1, "NCW"), 1,
                       {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.out_h = 1;
  g.out_w = 5;
  std::vector<double> nwc = ReferenceConv(AddUnitDim(input), AddUnitHeight(filter), false, g);
  std::vector<double> expected(nwc.size());
  for (int x = 0; x < 5; ++x)
    for (int o = 0; o < 3; ++o) expected[o * 5 + x] = nwc[x * 3 + o];
  ExpectClose((*outputs)[0], {1, 3, 5}, expected);
}

TEST(Conv1DTest, BadRanksAndAttrsAreErrors) {
  EXPECT_FALSE(RunOp("Conv1D", {RandomFloats({1, 1, 6, 2}, 1), RandomFloats({2, 2, 3}, 2)},
                     Conv1DAttrs("VALID", 1, 1))
                   .ok());
  EXPECT_FALSE(RunOp("Conv1D", {RandomFloats({1, 6, 2}, 1), RandomFloats({2, 2, 3}, 2)},
                     Conv1DAttrs("VALID", 0, 1))
                   .ok());
  EXPECT_FALSE(RunOp("Conv1D", {RandomFloats({1, 6, 2}, 1), RandomFloats({2, 2, 3}, 2)},
                     Conv1DAttrs("VALID", 1, 1, "NHWC"))
                   .ok());
  EXPECT_FALSE(RunOp("Conv1D", {RandomFloats({1, 6, 2}, 1), RandomFloats({2, 3, 3}, 2)},
                     Conv1DAttrs("VALID", 1, 1))
                   .ok());
}

TEST(DepthwiseConv2dTest, AliasMatchesReference) {
  Tensor input = RandomFloats({1, 5, 5, 3}, 64);
  Tensor filter = RandomFloats({3, 3, 3, 2}, 65);
  auto outputs = RunOp("DepthwiseConv2d", {input, filter}, ConvAttrs("SAME", {1, 2, 2, 1}), 1,
                       {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Geometry g;
  g.stride_h = g.stride_w = 2;
  g.out_h = g.out_w = 3;
  g.pad_top = g.pad_left = 1;
  ExpectClose((*outputs)[0], {1, 3, 3, 6}, ReferenceConv(input, filter, true, g));
}

}  // namespace
}  // namespace tfjs::runtime::nn
