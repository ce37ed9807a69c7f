// Tests of AdjustHue, AdjustSaturation, AdjustContrast and DrawBoundingBoxes(V2) beyond their
// examples: hue wrapping, saturation clamping, boxes partly outside or inverted, TF's errors.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using ::testing::Pointwise;
using testing::RunOp;

TEST(AdjustTest, HueWrapsBothWays) {
  // Green (hue 2 of 6) moved by -1/2 of the circle wraps to magenta (hue 5).
  auto minus = RunOp("AdjustHue", {Floats({1, 1, 3}, {0, 1, 0}), Floats({}, {-0.5f})}, "");
  ASSERT_TRUE(minus.ok()) << minus.status();
  EXPECT_THAT(FloatValues((*minus)[0]), ElementsAre(1, 0, 1));
  // A full turn gives the pixel back.
  auto full = RunOp("AdjustHue", {Floats({1, 1, 3}, {0.2f, 0.4f, 0.9f}), Floats({}, {1})}, "");
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_THAT(FloatValues((*full)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0.2f, 0.4f, 0.9f}));
}

TEST(AdjustTest, SaturationClampsToOneAndZero) {
  auto more = RunOp("AdjustSaturation", {Floats({1, 1, 3}, {1, 0.5f, 0}), Floats({}, {4})}, "");
  ASSERT_TRUE(more.ok()) << more.status();
  EXPECT_THAT(FloatValues((*more)[0]), Pointwise(FloatNear(1e-6), std::vector<float>{1, 0.5f, 0}));
  auto none = RunOp("AdjustSaturation", {Floats({1, 1, 3}, {1, 0.5f, 0}), Floats({}, {0})}, "");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT(FloatValues((*none)[0]), ElementsAre(1, 1, 1));
}

TEST(AdjustTest, Errors) {
  auto channels = RunOp("AdjustHue", {Floats({1, 1, 4}, {0, 0, 0, 0}), Floats({}, {0})}, "");
  EXPECT_THAT(channels.status().message(), HasSubstr("must have 3 channels"));
  auto rank = RunOp("AdjustSaturation", {Floats({3}, {0, 0, 0}), Floats({}, {0})}, "");
  EXPECT_THAT(rank.status().message(), HasSubstr("at least 3-D"));
  auto factor =
      RunOp("AdjustContrast",
            {Floats({1, 1, 1, 1}, {0}), Floats({1}, {2}), Floats({}, {0}), Floats({}, {1})}, "");
  EXPECT_THAT(factor.status().message(), HasSubstr("contrast_factor must be a float32 scalar"));
}

TEST(DrawBoundingBoxesTest, ClipsPartlyOutsideBoxesAndSkipsInvertedOnes) {
  // Box rows -1..1, cols 1..3 of a 3x4 image: its top and right edges are outside.
  auto drawn = RunOp("DrawBoundingBoxes",
                     {Floats({1, 3, 4, 1}, std::vector<float>(12, 0)),
                      Floats({1, 2, 4}, {-0.5f, 1 / 3.0f, 0.5f, 1.0f, 1, 1, 0, 0})},
                     "");
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  // Left edge x = 1 (rows 0-1), bottom edge y = 1 (cols 1-3); right edge x = 3 is inside too.
  EXPECT_THAT(FloatValues((*drawn)[0]), ElementsAre(0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0));
  auto depth = RunOp("DrawBoundingBoxes",
                     {Floats({1, 1, 1, 2}, {0, 0}), Floats({1, 1, 4}, {0, 0, 1, 1})}, "");
  EXPECT_THAT(depth.status().message(), HasSubstr("Channel depth should be either 1"));
}

}  // namespace
}  // namespace tfjs::runtime
