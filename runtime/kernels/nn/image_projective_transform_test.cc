// Tests for ImageProjectiveTransformV2 and V3: fill modes, interpolation, fill values and errors.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using ::testing::ElementsAre;
using testing::ExpectClose;
using testing::RandomFloats;
using testing::StringAttr;
using ::tfjs::runtime::testing::Floats;
using ::tfjs::runtime::testing::FloatValues;
using ::tfjs::runtime::testing::Ints;
using ::tfjs::runtime::testing::RunOp;

std::string Attrs(const std::string& interpolation, const std::string& fill_mode) {
  return StringAttr("interpolation", interpolation) + StringAttr("fill_mode", fill_mode);
}

// Runs the op on a [1,1,4,1] row [1,2,3,4] shifted by `dx` (output x reads input x + dx).
absl::StatusOr<std::vector<Tensor>> ShiftRow(float dx, const std::string& interpolation,
                                             const std::string& fill_mode, float fill) {
  return RunOp("ImageProjectiveTransformV3",
               {Floats({1, 1, 4, 1}, {1, 2, 3, 4}), Floats({1, 8}, {1, 0, dx, 0, 1, 0, 0, 0}),
                Ints({2}, {1, 4}), Floats({}, {fill})},
               Attrs(interpolation, fill_mode));
}

TEST(ImageProjectiveTransformTest, IdentityKeepsTheImage) {
  Tensor image = RandomFloats({2, 3, 4, 2}, 1);
  for (const char* interpolation : {"NEAREST", "BILINEAR"}) {
    auto outputs =
        RunOp("ImageProjectiveTransformV3",
              {image, Floats({1, 8}, {1, 0, 0, 0, 1, 0, 0, 0}), Ints({2}, {3, 4}), Floats({}, {0})},
              Attrs(interpolation, "CONSTANT"));
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose(
        (*outputs)[0], {2, 3, 4, 2},
        std::vector<double>(image.data<float>(), image.data<float>() + image.num_elements()));
  }
}

TEST(ImageProjectiveTransformTest, FillModesMapOutsidePoints) {
  // Output x reads x - 2: points -2 and -1 fall outside on the left.
  struct Case {
    const char* mode;
    std::vector<double> expected;
  };
  for (const Case& c : {Case{"REFLECT", {2, 1, 1, 2}}, Case{"WRAP", {3, 4, 1, 2}},
                        Case{"NEAREST", {1, 1, 1, 2}}, Case{"CONSTANT", {9, 9, 1, 2}}}) {
    auto outputs = ShiftRow(-2, "NEAREST", c.mode, 9);
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose((*outputs)[0], {1, 1, 4, 1}, c.expected);
  }
  // Output x reads x + 3, 4, 5, 6: reflect [abcd|dcba] gives d,d,c,b. TF's wrap subtracts
  // len * trunc(x / (len - 1)): 4 -> 0, 5 -> 1, and 6 -> -2, clamped to 0.
  auto reflect = ShiftRow(3, "NEAREST", "REFLECT", 0);
  ASSERT_TRUE(reflect.ok()) << reflect.status();
  ExpectClose((*reflect)[0], {1, 1, 4, 1}, {4, 4, 3, 2});
  auto wrap = ShiftRow(3, "NEAREST", "WRAP", 0);
  ASSERT_TRUE(wrap.ok()) << wrap.status();
  ExpectClose((*wrap)[0], {1, 1, 4, 1}, {4, 1, 2, 1});
}

TEST(ImageProjectiveTransformTest, BilinearBlendsWithTheFillValue) {
  auto outputs = ShiftRow(0.5f, "BILINEAR", "CONSTANT", 0);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 4, 1}, {1.5, 2.5, 3.5, 2});
}

TEST(ImageProjectiveTransformTest, PerImageTransformsOutputShapeAndZeroProjection) {
  Tensor image = Floats({2, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8});
  // Image 0: identity. Image 1: k = -x + 1, which is 0 at x = 1 (fill), reads (0, 0) at x = 0.
  auto outputs = RunOp("ImageProjectiveTransformV3",
                       {image, Floats({2, 8}, {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, -1, 0}),
                        Ints({2}, {1, 3}), Floats({}, {-1})},
                       Attrs("NEAREST", "CONSTANT"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // Image 1, x = 2: k = -1, reads (-2, 0) -> fill.
  ExpectClose((*outputs)[0], {2, 1, 3, 1}, {1, 2, -1, 5, -1, -1});
}

TEST(ImageProjectiveTransformTest, IntImagesKeepTheirDtype) {
  auto outputs = RunOp("ImageProjectiveTransformV3",
                       {Ints({1, 1, 3, 1}, {10, 20, 30}), Floats({1, 8}, {1, 0, 1, 0, 1, 0, 0, 0}),
                        Ints({2}, {1, 3}), Floats({}, {5})},
                       Attrs("NEAREST", "CONSTANT"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(::tfjs::runtime::testing::IntValues((*outputs)[0]), (std::vector<int32_t>{20, 30, 5}));
}

TEST(ImageProjectiveTransformTest, BadInputsAreErrors) {
  Tensor image = RandomFloats({2, 2, 2, 1}, 2);
  Tensor identity = Floats({1, 8}, {1, 0, 0, 0, 1, 0, 0, 0});
  const std::string attrs = Attrs("NEAREST", "CONSTANT");
  EXPECT_FALSE(RunOp("ImageProjectiveTransformV3",
                     {image, RandomFloats({3, 8}, 3), Ints({2}, {2, 2}), Floats({}, {0})}, attrs)
                   .ok());
  EXPECT_FALSE(RunOp("ImageProjectiveTransformV3",
                     {image, RandomFloats({1, 6}, 3), Ints({2}, {2, 2}), Floats({}, {0})}, attrs)
                   .ok());
  EXPECT_FALSE(RunOp("ImageProjectiveTransformV3",
                     {image, identity, Ints({2}, {0, 2}), Floats({}, {0})}, attrs)
                   .ok());
  EXPECT_FALSE(RunOp("ImageProjectiveTransformV3",
                     {image, identity, Ints({2}, {2, 2}), Floats({}, {0})},
                     Attrs("BICUBIC", "CONSTANT"))
                   .ok());
  EXPECT_FALSE(RunOp("ImageProjectiveTransformV3",
                     {image, identity, Ints({2}, {2, 2}), Floats({}, {0})},
                     Attrs("NEAREST", "MIRROR"))
                   .ok());
  EXPECT_FALSE(RunOp("ImageProjectiveTransformV3",
                     {RandomFloats({2, 2, 1}, 4), identity, Ints({2}, {2, 2}), Floats({}, {0})},
                     attrs)
                   .ok());
}

TEST(ImageProjectiveTransformTest, V2FillsWithZero) {
  // x reads x + 0.5: halfway between neighbours; past the last column reads 0 (CONSTANT).
  auto out = RunOp("ImageProjectiveTransformV2",
                   {Floats({1, 1, 3, 1}, {2, 4, 8}), Floats({1, 8}, {1, 0, 0.5f, 0, 1, 0, 0, 0}),
                    Ints({2}, {1, 3})},
                   "attr { key: 'dtype' value { type: DT_FLOAT } } "
                   "attr { key: 'interpolation' value { s: 'BILINEAR' } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(3, 6, 4));
  // x reads x - 2, reflected: -2 -> 1, -1 -> 0, 0 -> 0.
  auto reflect = RunOp("ImageProjectiveTransformV2",
                       {Floats({1, 1, 3, 1}, {2, 4, 8}), Floats({1, 8}, {1, 0, -2, 0, 1, 0, 0, 0}),
                        Ints({2}, {1, 3})},
                       "attr { key: 'dtype' value { type: DT_FLOAT } } "
                       "attr { key: 'interpolation' value { s: 'NEAREST' } } "
                       "attr { key: 'fill_mode' value { s: 'REFLECT' } }");
  ASSERT_TRUE(reflect.ok()) << reflect.status();
  EXPECT_THAT(FloatValues((*reflect)[0]), ElementsAre(4, 2, 2));
  EXPECT_FALSE(RunOp("ImageProjectiveTransformV2",
                     {Floats({1, 1, 3, 1}, {2, 4, 8}), Floats({1, 7}, {}), Ints({2}, {1, 3})},
                     "attr { key: 'dtype' value { type: DT_FLOAT } } "
                     "attr { key: 'interpolation' value { s: 'BILINEAR' } }")
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
