// Tests for RGBToHSV, HSVToRGB and AdjustContrastv2 with values worked out by hand.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::Pointwise;
using testing::RunOp;

std::vector<float> Convert(const std::string& op, const std::vector<Tensor>& inputs) {
  auto outputs = RunOp(op, inputs, "");
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  return outputs.ok() ? FloatValues((*outputs)[0]) : std::vector<float>{};
}

TEST(ColorTest, RgbToHsvAndBack) {
  // Red, a dark green, a blue-magenta and gray.
  Tensor rgb = Floats({4, 3}, {1, 0, 0, 0, 0.5f, 0, 0.5f, 0, 1, 0.3f, 0.3f, 0.3f});
  const std::vector<float> hsv = {0, 1, 1, 2.0f / 6, 1,   0.5f, 5.0f / 6 - 1.0f / 12,
                                  1, 1, 0, 0,        0.3f};
  EXPECT_THAT(Convert("RGBToHSV", {rgb}), Pointwise(FloatNear(1e-6), hsv));
  EXPECT_THAT(Convert("HSVToRGB", {Floats({4, 3}, hsv)}),
              Pointwise(FloatNear(1e-6), FloatValues(rgb)));
  EXPECT_FALSE(RunOp("RGBToHSV", {Floats({2, 2}, {})}, "").ok());
}

TEST(ColorTest, AdjustContrastScalesAroundTheChannelMean) {
  // One 2x1 image with 2 channels: means 2 and 10.
  auto outputs = RunOp("AdjustContrastv2", {Floats({2, 1, 2}, {1, 8, 3, 12}), Floats({}, {2})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0, 6, 4, 14}));
}

}  // namespace
}  // namespace tfjs::runtime
