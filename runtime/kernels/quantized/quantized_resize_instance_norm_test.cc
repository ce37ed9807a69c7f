// Tests for QuantizedResizeBilinear (float and fixed-point interpolation, TF's truncations) and
// QuantizedInstanceNorm (per batch and channel, computed or given output range), worked by hand.
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

std::string Type(const std::string& dtype) {
  return "attr { key: \"T\" value { type: " + dtype + " } }";
}
std::string Bool(const std::string& name, bool value) {
  return "attr { key: \"" + name + "\" value { b: " + (value ? "true" : "false") + " } }";
}
std::string Float(const std::string& name, float value) {
  return "attr { key: \"" + name + "\" value { f: " + std::to_string(value) + " } }";
}
Tensor Quint8(Shape shape, std::vector<uint8_t> values) {
  return MakeTensor<uint8_t>(tensorflow::DT_QUINT8, std::move(shape), std::move(values));
}
template <typename T>
std::vector<int64_t> Codes(const Tensor& tensor) {
  std::vector<int64_t> codes;
  for (T value : tensor.values<T>()) codes.push_back(value);
  return codes;
}

absl::StatusOr<std::vector<Tensor>> Resize(Tensor images, std::vector<int32_t> size,
                                           const std::string& attrs) {
  return RunOp("QuantizedResizeBilinear",
               {std::move(images), Ints({2}, size), Floats({}, {-1}), Floats({}, {1})}, attrs, 3);
}

TEST(QuantizedResizeBilinearTest, HalfPixelCentersFloatAndQuint8) {
  // Width 2 to 3 (scale 2/3): sources -1/6 (edge), 0.5, 7/6 (edge clamped).
  auto floats = Resize(Floats({1, 1, 2, 1}, {0, 255}), {1, 3},
                       Type("DT_FLOAT") + Bool("half_pixel_centers", true));
  ASSERT_TRUE(floats.ok()) << floats.status();
  EXPECT_THAT(testing::FloatValues((*floats)[0]),
              Pointwise(FloatNear(1e-4), std::vector<float>{0, 127.5f, 255}));
  // quint8: 255 * 64 / 128 = 127.5 rounds half up.
  auto codes = Resize(Quint8({1, 1, 2, 1}, {0, 255}), {1, 3},
                      Type("DT_QUINT8") + Bool("half_pixel_centers", true));
  ASSERT_TRUE(codes.ok()) << codes.status();
  EXPECT_THAT(Codes<uint8_t>((*codes)[0]), ElementsAre(0, 128, 255));
  EXPECT_THAT(testing::FloatValues((*codes)[1]), ElementsAre(-1));
  EXPECT_THAT(testing::FloatValues((*codes)[2]), ElementsAre(1));
}

TEST(QuantizedResizeBilinearTest, Qint32RoundsTowardZero) {
  // (-7, 0) to width 8: weights 0, 1/4, 1/2, 3/4 then the last pixel: -7, -5.25, -3.5, -1.75 give
  // -6, -4, -3, -1 as (x + 1/2) truncates toward zero (so even a copied -7 moves, as in TF).
  auto outputs = Resize(MakeTensor<int32_t>(tensorflow::DT_QINT32, {1, 1, 2, 1}, {-7, 0}), {1, 8},
                        Type("DT_QINT32"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<int32_t>((*outputs)[0]), ElementsAre(-6, -4, -3, -1, 0, 0, 0, 0));
}

TEST(QuantizedResizeBilinearTest, AlignCornersTwoAxesAndChannels) {
  // 2x2 with two channels to 3x3, align_corners: the middle is the mean of the corners.
  auto outputs = Resize(Floats({1, 2, 2, 2}, {0, 1, 10, 2, 20, 3, 30, 4}), {3, 3},
                        Type("DT_FLOAT") + Bool("align_corners", true));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const std::vector<float> values = testing::FloatValues((*outputs)[0]);
  ASSERT_EQ(values.size(), 18u);
  EXPECT_FLOAT_EQ(values[8], 15);   // (1, 1), channel 0
  EXPECT_FLOAT_EQ(values[9], 2.5);  // (1, 1), channel 1
  EXPECT_FLOAT_EQ(values[2], 5);    // (0, 1), channel 0
  EXPECT_FLOAT_EQ(values[16], 30);  // (2, 2), channel 0
}

TEST(QuantizedResizeBilinearTest, Errors) {
  auto rank = Resize(Floats({2, 1, 1}, {0, 1}), {1, 1}, Type("DT_FLOAT"));
  ASSERT_FALSE(rank.ok());
  EXPECT_THAT(rank.status().message(), HasSubstr("4-dimensional"));
  auto zero = Resize(Floats({1, 1, 1, 1}, {0}), {0, 1}, Type("DT_FLOAT"));
  ASSERT_FALSE(zero.ok());
  EXPECT_THAT(zero.status().message(), HasSubstr("positive"));
  auto empty = Resize(Floats({1, 0, 1, 1}, {}), {1, 1}, Type("DT_FLOAT"));
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("non-zero size"));
}

absl::StatusOr<std::vector<Tensor>> InstanceNorm(Tensor x, float x_min, float x_max,
                                                 const std::string& attrs) {
  return RunOp("QuantizedInstanceNorm", {std::move(x), Floats({}, {x_min}), Floats({}, {x_max})},
               Type("DT_QUINT8") + attrs, 3);
}

TEST(QuantizedInstanceNormTest, PerBatchAndChannelWithComputedRange) {
  // Each (batch, channel) pair of codes normalizes to (-1, 1) (epsilon too small to show):
  // batch 0 channel 0 (0, 2), channel 1 (30, 10); batch 1 channel 0 (10, 30), channel 1 (7, 5).
  // The range [-1, 1] puts -1 at code 0 and 1 at 255.
  auto outputs = InstanceNorm(Quint8({2, 1, 2, 2}, {0, 30, 2, 10, 10, 7, 30, 5}), 0, 255,
                              Float("variance_epsilon", 1e-12f));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAre(0, 255, 255, 0, 0, 255, 255, 0));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), ElementsAre(-1));
  EXPECT_THAT(testing::FloatValues((*outputs)[2]), ElementsAre(1));
}

TEST(QuantizedInstanceNormTest, ConstantInputTakesMinSeparation) {
  // Variance 0: every value normalizes to 0; the range [0, 0] widens to [0, 0.5].
  auto outputs = InstanceNorm(Quint8({1, 2, 1, 1}, {5, 5}), 0, 1, Float("min_separation", 0.5f));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAre(0, 0));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), ElementsAre(0));
  EXPECT_THAT(testing::FloatValues((*outputs)[2]), ElementsAre(0.5f));
}

TEST(QuantizedInstanceNormTest, GivenRangeClamps) {
  // Codes (0, 0, 0, 4): mean 1, variance 3, normalized (-1, -1, -1, 3) / sqrt(3) =
  // -0.57735, 1.73205; in the given [-1, 1] (127.5 codes per unit, -1 at code 0): -0.57735 ->
  // round(-73.61) + 128 = 54, 1.73205 clamps to 255.
  auto outputs = InstanceNorm(Quint8({1, 4, 1, 1}, {0, 0, 0, 4}), 0, 1,
                              Bool("output_range_given", true) + Float("given_y_min", -1) +
                                  Float("given_y_max", 1) + Float("variance_epsilon", 1e-12f));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAre(54, 54, 54, 255));
}

TEST(QuantizedInstanceNormTest, Errors) {
  auto range = InstanceNorm(Quint8({1, 1, 1, 1}, {0}), 1, 1, "");
  ASSERT_FALSE(range.ok());
  EXPECT_THAT(range.status().message(), HasSubstr("input_min must be less than input_max"));
  auto rank = InstanceNorm(Quint8({1, 1, 1}, {0}), 0, 1, "");
  ASSERT_FALSE(rank.ok());
  EXPECT_THAT(rank.status().message(), HasSubstr("4-D"));
  auto given = InstanceNorm(
      Quint8({1, 1, 1, 1}, {0}), 0, 1,
      Bool("output_range_given", true) + Float("given_y_min", 1) + Float("given_y_max", 1));
  ASSERT_FALSE(given.ok());
  EXPECT_THAT(given.status().message(), HasSubstr("given_y_min must be less than given_y_max"));
}

}  // namespace
}  // namespace tfjs::runtime
