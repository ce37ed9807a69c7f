// Tests for UniformQuantizedDot/Convolution and their hybrid forms, worked by hand: per-channel
// requantization, padding and dilation holes that hold the zero point, groups, dimension numbers
// and TF's errors.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/uniform_quant_ops_attr.pb.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using ::testing::HasSubstr;
using testing::Ints;
using testing::MakeTensor;
using ::testing::Pointwise;
using testing::RunOp;

std::string Int(const std::string& name, int64_t value) {
  return "attr { key: \"" + name + "\" value { i: " + std::to_string(value) + " } }";
}
std::string IntList(const std::string& name, const std::vector<int64_t>& values) {
  std::string list;
  for (int64_t value : values) list += " i: " + std::to_string(value);
  return "attr { key: \"" + name + "\" value { list {" + list + " } } }";
}
std::string Str(const std::string& name, const std::string& value) {
  return "attr { key: \"" + name + "\" value { s: \"" + absl::CEscape(value) + "\" } }";
}
std::string Type(const std::string& name, const std::string& dtype) {
  return "attr { key: \"" + name + "\" value { type: " + dtype + " } }";
}
std::string Range(const std::string& prefix, int64_t min, int64_t max) {
  return Int(prefix + "_quantization_min_val", min) + Int(prefix + "_quantization_max_val", max);
}
Tensor Qint8(Shape shape, std::vector<int8_t> values) {
  return MakeTensor<int8_t>(tensorflow::DT_QINT8, std::move(shape), std::move(values));
}
std::vector<int32_t> Codes(const Tensor& tensor) {
  return std::vector<int32_t>(tensor.values<int32_t>().begin(), tensor.values<int32_t>().end());
}
Tensor Scalar(float value) { return Floats({}, {value}); }
Tensor Zero(int32_t value) { return Ints({}, {value}); }

const std::string kDotAttrs = Type("Tin", "DT_QINT8") + Type("Tout", "DT_QINT32") +
                              Range("lhs", -128, 127) + Range("rhs", -127, 127);

TEST(UniformQuantizedDotTest, PerChannelRhsAndOutput) {
  // lhs (4, -2) with zero point 0, scale 1. Column 0: rhs scale 0.5, zero point 1, output scale
  // 4, zero point 0: (4 * (3 - 1) + -2 * (1 - 1)) * 0.125 = 1. Column 1: rhs scale 1, zero
  // point 0, output scale 1, zero point 10: 4 * 5 + -2 * 7 + 10 = 16, clamped to 15.
  auto outputs =
      RunOp("UniformQuantizedDot",
            {Qint8({1, 2}, {4, -2}), Qint8({2, 2}, {3, 5, 1, 7}), Scalar(1), Zero(0),
             Floats({2}, {0.5f, 1}), Ints({2}, {1, 0}), Floats({2}, {4, 1}), Ints({2}, {0, 10})},
            kDotAttrs + Range("output", -15, 15) + Int("rhs_quantization_axis", 1) +
                Int("output_quantization_axis", 1));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes((*outputs)[0]), ElementsAre(1, 15));
}

TEST(UniformQuantizedDotTest, HalvesRoundUpAndEmptyDepth) {
  // Sums 1, -1, 3 at multiplier 0.5: 0.5 -> 1, -0.5 -> 0, 1.5 -> 2.
  auto outputs = RunOp("UniformQuantizedDot",
                       {Qint8({3, 1}, {1, -1, 3}), Qint8({1, 1}, {1}), Scalar(1), Zero(0),
                        Scalar(1), Zero(0), Scalar(2), Zero(0)},
                       kDotAttrs + Range("output", -100, 100));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes((*outputs)[0]), ElementsAre(1, 0, 2));
  // No depth: every sum is 0, the output is the zero point.
  auto empty = RunOp("UniformQuantizedDot",
                     {Qint8({2, 0}, {}), Qint8({0, 1}, {}), Scalar(1), Zero(0), Scalar(1), Zero(0),
                      Scalar(1), Zero(7)},
                     kDotAttrs + Range("output", -100, 100));
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_THAT(Codes((*empty)[0]), ElementsAre(7, 7));
}

TEST(UniformQuantizedDotTest, Errors) {
  const std::vector<Tensor> params = {Scalar(1), Zero(0), Scalar(1), Zero(0), Scalar(1), Zero(0)};
  auto run = [&](Tensor lhs, Tensor rhs, const std::string& attrs,
                 std::vector<Tensor> quantization) {
    std::vector<Tensor> inputs = {std::move(lhs), std::move(rhs)};
    inputs.insert(inputs.end(), quantization.begin(), quantization.end());
    return RunOp("UniformQuantizedDot", inputs, kDotAttrs + Range("output", -9, 9) + attrs);
  };
  auto depth = run(Qint8({1, 2}, {1, 2}), Qint8({3, 1}, {1, 2, 3}), "", params);
  ASSERT_FALSE(depth.ok());
  EXPECT_THAT(depth.status().message(), HasSubstr("must be equal"));
  auto lhs_axis =
      run(Qint8({1, 1}, {1}), Qint8({1, 1}, {1}), Int("lhs_quantization_axis", 0), params);
  ASSERT_FALSE(lhs_axis.ok());
  EXPECT_THAT(lhs_axis.status().message(), HasSubstr("lhs_quantization_axis"));
  auto mixed =
      run(Qint8({1, 1}, {1}), Qint8({1, 1}, {1}), Int("output_quantization_axis", 1), params);
  ASSERT_FALSE(mixed.ok());
  EXPECT_THAT(mixed.status().message(), HasSubstr("output must be also per-tensor"));
  auto negative = run(Qint8({1, 1}, {1}), Qint8({1, 1}, {1}), "",
                      {Scalar(1), Zero(0), Scalar(-1), Zero(0), Scalar(1), Zero(0)});
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(negative.status().message(), HasSubstr("positive"));
}

TEST(UniformQuantizedDotHybridTest, QuantizesLhsPerRow) {
  // Row 0 (2, 0): scale 2/255, zero point -128, codes (127, -128). Row 1 (-1, 1): scale 2/255
  // rounded up to float, so the zero point 127 - 1 / scale is just above -0.5 and rounds to 0;
  // codes (-127, 128 clamped to 127).
  // rhs column (1, 2) per tensor, scale 0.5, zero point 0.
  auto outputs =
      RunOp("UniformQuantizedDotHybrid",
            {Floats({2, 2}, {2, 0, -1, 1}), Qint8({2, 1}, {1, 2}), Scalar(0.5f), Zero(0)},
            Type("Tlhs", "DT_FLOAT") + Type("Trhs", "DT_QINT8") + Type("Tout", "DT_FLOAT") +
                Range("rhs", -127, 127));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float step = static_cast<float>(2.0 / 255.0);
  EXPECT_THAT(testing::FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), {255 * step * 0.5f, (-127 + 254) * step * 0.5f}));
}

TEST(UniformQuantizedDotHybridTest, AllZeroRow) {
  auto outputs = RunOp("UniformQuantizedDotHybrid",
                       {Floats({1, 2}, {0, 0}), Qint8({2, 1}, {5, 6}), Scalar(1), Zero(3)},
                       Type("Tlhs", "DT_FLOAT") + Type("Trhs", "DT_QINT8") +
                           Type("Tout", "DT_FLOAT") + Range("rhs", -127, 127));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(testing::FloatValues((*outputs)[0]), ElementsAre(0.0f));
}

const std::string kConvAttrs = kDotAttrs + Range("output", -1000, 1000);

std::vector<Tensor> ConvInputs(Tensor lhs, Tensor rhs, int32_t lhs_zero = 0) {
  return {std::move(lhs), std::move(rhs), Scalar(1), Zero(lhs_zero),
          Scalar(1),      Zero(0),        Scalar(1), Zero(0)};
}

TEST(UniformQuantizedConvolutionTest, SamePaddingHoldsTheZeroPoint) {
  // Every lhs code is the zero point 5 plus 1; a 3x3 kernel of ones counts the window's
  // positions inside lhs: 4 at corners, 6 on edges, 9 in the middle.
  auto outputs = RunOp("UniformQuantizedConvolution",
                       ConvInputs(Qint8({1, 1, 3, 3}, std::vector<int8_t>(9, 6)),
                                  Qint8({1, 1, 3, 3}, std::vector<int8_t>(9, 1)), 5),
                       kConvAttrs + Str("padding", "SAME"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].shape(), (Shape{1, 1, 3, 3}));
  EXPECT_THAT(Codes((*outputs)[0]), ElementsAre(4, 6, 4, 6, 9, 6, 4, 6, 4));
}

TEST(UniformQuantizedConvolutionTest, DilationsStridesAndExplicitPadding) {
  // lhs_dilation 2: (1, 2, 3) reads as (1, 0, 2, 0, 3); a kernel (1, 1) gives 1, 2, 2, 3.
  auto lhs_dilated = RunOp("UniformQuantizedConvolution",
                           ConvInputs(Qint8({1, 1, 3}, {1, 2, 3}), Qint8({1, 1, 2}, {1, 1})),
                           kConvAttrs + Str("padding", "VALID") + IntList("lhs_dilation", {2}));
  ASSERT_TRUE(lhs_dilated.ok()) << lhs_dilated.status();
  EXPECT_THAT(Codes((*lhs_dilated)[0]), ElementsAre(1, 2, 2, 3));
  // rhs_dilation 2: out[i] = x[i] + 10 x[i + 2] = 31, 42, 53; stride 2 keeps 31 and 53.
  auto rhs_dilated = RunOp("UniformQuantizedConvolution",
                           ConvInputs(Qint8({1, 1, 5}, {1, 2, 3, 4, 5}), Qint8({1, 1, 2}, {1, 10})),
                           kConvAttrs + Str("padding", "VALID") + IntList("rhs_dilation", {2}) +
                               IntList("window_strides", {2}));
  ASSERT_TRUE(rhs_dilated.ok()) << rhs_dilated.status();
  EXPECT_THAT(Codes((*rhs_dilated)[0]), ElementsAre(31, 53));
  // Explicit (2, 0) padding: windows (0, 0), (0, 1), (1, 2) with kernel (1, 10).
  auto padded =
      RunOp("UniformQuantizedConvolution",
            ConvInputs(Qint8({1, 1, 2}, {1, 2}), Qint8({1, 1, 2}, {1, 10})),
            kConvAttrs + Str("padding", "EXPLICIT") + IntList("explicit_padding", {2, 0}));
  ASSERT_TRUE(padded.ok()) << padded.status();
  EXPECT_THAT(Codes((*padded)[0]), ElementsAre(0, 10, 21));
}

TEST(UniformQuantizedConvolutionTest, FeatureAndBatchGroups) {
  // Two feature groups of one channel each: output channel c sees input channel c.
  auto features = RunOp("UniformQuantizedConvolution",
                        ConvInputs(Qint8({1, 2, 1}, {1, 2}), Qint8({2, 1, 1}, {3, 4})),
                        kConvAttrs + Str("padding", "VALID") + Int("feature_group_count", 2));
  ASSERT_TRUE(features.ok()) << features.status();
  EXPECT_THAT(Codes((*features)[0]), ElementsAre(3, 8));
  // Two batch groups: output feature c reads batch c; the output batch is 1.
  auto batches = RunOp("UniformQuantizedConvolution",
                       ConvInputs(Qint8({2, 1, 1}, {5, 7}), Qint8({2, 1, 1}, {1, 2})),
                       kConvAttrs + Str("padding", "VALID") + Int("batch_group_count", 2));
  ASSERT_TRUE(batches.ok()) << batches.status();
  EXPECT_EQ((*batches)[0].shape(), (Shape{1, 2, 1}));
  EXPECT_THAT(Codes((*batches)[0]), ElementsAre(5, 14));
  auto unsure = RunOp("UniformQuantizedConvolution",
                      ConvInputs(Qint8({4, 1, 1}, {1, 2, 3, 4}), Qint8({2, 1, 1}, {1, 2})),
                      kConvAttrs + Str("padding", "VALID") + Int("batch_group_count", 2));
  ASSERT_FALSE(unsure.ok());
  EXPECT_THAT(unsure.status().message(), HasSubstr("batch_group_count"));
}

std::string NhwcDimensionNumbers() {
  tensorflow::UniformQuantizedConvolutionDimensionNumbersAttr dims;
  dims.set_input_batch_dimension(0);
  dims.set_input_feature_dimension(3);
  dims.add_input_spatial_dimensions(1);
  dims.add_input_spatial_dimensions(2);
  dims.add_kernel_spatial_dimensions(0);
  dims.add_kernel_spatial_dimensions(1);
  dims.set_kernel_input_feature_dimension(2);
  dims.set_kernel_output_feature_dimension(3);
  dims.set_output_batch_dimension(0);
  dims.set_output_feature_dimension(3);
  dims.add_output_spatial_dimensions(1);
  dims.add_output_spatial_dimensions(2);
  return dims.SerializeAsString();
}

TEST(UniformQuantizedConvolutionTest, NhwcPerChannel) {
  // NHWC lhs 1..4, HWIO kernel (1, 2) with scales (1, 0.5) to output scales (2, 1) and zero
  // points (0, 1): channel 0 is x / 2 (halves up), channel 1 is 2x * 0.5 + 1.
  auto outputs = RunOp(
      "UniformQuantizedConvolution",
      {Qint8({1, 2, 2, 1}, {1, 2, 3, 4}), Qint8({1, 1, 1, 2}, {1, 2}), Scalar(1), Zero(0),
       Floats({2}, {1, 0.5f}), Ints({2}, {0, 0}), Floats({2}, {2, 1}), Ints({2}, {0, 1})},
      kConvAttrs + Str("padding", "VALID") + Str("dimension_numbers", NhwcDimensionNumbers()) +
          Int("rhs_quantization_axis", 3) + Int("output_quantization_axis", 3));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].shape(), (Shape{1, 2, 2, 2}));
  EXPECT_THAT(Codes((*outputs)[0]), ElementsAre(1, 2, 1, 3, 2, 4, 2, 5));
  // The default layout's kernel output axis is 0, so axis 3 is refused without the numbers.
  auto refused = RunOp("UniformQuantizedConvolution",
                       {Qint8({1, 1, 1, 1}, {1}), Qint8({1, 1, 1, 1}, {1}), Scalar(1), Zero(0),
                        Scalar(1), Zero(0), Scalar(1), Zero(0)},
                       kConvAttrs + Str("padding", "VALID") + Int("rhs_quantization_axis", 3));
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("rhs_quantization_axis"));
}

TEST(UniformQuantizedConvolutionTest, Errors) {
  const auto run = [](Tensor lhs, Tensor rhs, const std::string& attrs) {
    return RunOp("UniformQuantizedConvolution", ConvInputs(std::move(lhs), std::move(rhs)),
                 kConvAttrs + attrs);
  };
  auto rank = run(Qint8({1, 1}, {1}), Qint8({1, 1}, {1}), Str("padding", "VALID"));
  ASSERT_FALSE(rank.ok());
  EXPECT_THAT(rank.status().message(), HasSubstr("at least 3"));
  auto explicit_size = run(Qint8({1, 1, 2}, {1, 2}), Qint8({1, 1, 1}, {1}),
                           Str("padding", "EXPLICIT") + IntList("explicit_padding", {1}));
  ASSERT_FALSE(explicit_size.ok());
  EXPECT_THAT(explicit_size.status().message(), HasSubstr("explicit_padding"));
  auto too_big =
      run(Qint8({1, 1, 2}, {1, 2}), Qint8({1, 1, 3}, {1, 1, 1}), Str("padding", "VALID"));
  ASSERT_FALSE(too_big.ok());
  auto features =
      run(Qint8({1, 3, 1}, {1, 2, 3}), Qint8({1, 2, 1}, {1, 1}), Str("padding", "VALID"));
  ASSERT_FALSE(features.ok());
  EXPECT_THAT(features.status().message(), HasSubstr("rhs input feature dimension"));
  auto strides = run(Qint8({1, 1, 2}, {1, 2}), Qint8({1, 1, 1}, {1}),
                     Str("padding", "VALID") + IntList("window_strides", {0}));
  ASSERT_FALSE(strides.ok());
  EXPECT_THAT(strides.status().message(), HasSubstr("window_strides"));
  auto garbage = run(Qint8({1, 1, 2}, {1, 2}), Qint8({1, 1, 1}, {1}),
                     Str("padding", "VALID") + Str("dimension_numbers", "\xff\xff"));
  ASSERT_FALSE(garbage.ok());
  EXPECT_THAT(garbage.status().message(), HasSubstr("dimension numbers"));
}

TEST(UniformQuantizedConvolutionHybridTest, PerBatchAlongTheBatchDimension) {
  // NHWC with 2 batches of one pixel and 2 channels: batch 0 (2, 0) spans [0, 2] (scale 2/255,
  // codes 127/-128 around zero point -128), batch 1 (0, 0) is all zero. An HWIO 1x1 kernel
  // [[1], [1]] at scale 0.5: batch 0 gives 255 * 2/255 * 0.5 = 1, batch 1 gives 0.
  auto outputs = RunOp(
      "UniformQuantizedConvolutionHybrid",
      {Floats({2, 1, 1, 2}, {2, 0, 0, 0}), Qint8({1, 1, 2, 1}, {1, 1}), Scalar(0.5f), Zero(0)},
      Type("Tlhs", "DT_FLOAT") + Type("Trhs", "DT_QINT8") + Type("Tout", "DT_FLOAT") +
          Range("rhs", -127, 127) + Str("padding", "VALID") +
          Str("dimension_numbers", NhwcDimensionNumbers()));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].shape(), (Shape{2, 1, 1, 1}));
  EXPECT_THAT(testing::FloatValues((*outputs)[0]), Pointwise(FloatNear(1e-6), {1.0f, 0.0f}));
}

}  // namespace
}  // namespace tfjs::runtime
