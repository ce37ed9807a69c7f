#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::BoolAttr;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using testing::ExpectClose;
using ::tfjs::runtime::testing::Floats;
using ::tfjs::runtime::testing::FloatValues;
using ::tfjs::runtime::testing::Ints;
using ::tfjs::runtime::testing::IntValues;
using ::tfjs::runtime::testing::RunOp;

std::string ResizeAttrs(bool align_corners, bool half_pixel_centers) {
  return BoolAttr("align_corners", align_corners) +
         BoolAttr("half_pixel_centers", half_pixel_centers);
}

const Tensor kSquare = Floats({1, 2, 2, 1}, {1, 2, 3, 4});

TEST(ResizeBilinearTest, LegacyScalingRepeatsTheLastRowAndColumn) {
  auto outputs = RunOp("ResizeBilinear", {kSquare, Ints({2}, {4, 4})}, ResizeAttrs(false, false));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 4, 4, 1},
              {1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4});
}

TEST(ResizeBilinearTest, AlignCorners) {
  auto outputs = RunOp("ResizeBilinear", {kSquare, Ints({2}, {3, 3})}, ResizeAttrs(true, false));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 3, 3, 1}, {1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4});
}

TEST(ResizeBilinearTest, HalfPixelCentersClampAtTheEdges) {
  auto outputs = RunOp("ResizeBilinear", {kSquare, Ints({2}, {4, 4})}, ResizeAttrs(false, true));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 4, 4, 1},
              {1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4});
}

TEST(ResizeBilinearTest, IntImagesGiveFloatsAcrossChannels) {
  auto outputs = RunOp("ResizeBilinear", {Ints({1, 1, 2, 2}, {0, 10, 4, 20}), Ints({2}, {1, 3})},
                       ResizeAttrs(true, false));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 3, 2}, {0, 10, 2, 15, 4, 20});
}

TEST(ResizeBilinearTest, DoubleImagesGiveFloats) {
  const Tensor square = ::tfjs::runtime::testing::MakeTensor<double>(
      tensorflow::DT_DOUBLE, {1, 2, 2, 1}, {1, 2, 3, 4});
  auto outputs = RunOp("ResizeBilinear", {square, Ints({2}, {3, 3})}, ResizeAttrs(true, false));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_FLOAT);
  ExpectClose((*outputs)[0], {1, 3, 3, 1}, {1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4});
}

TEST(ResizeNearestNeighborTest, EachScalingMode) {
  const Tensor row = Floats({1, 1, 3, 1}, {1, 2, 3});
  const Tensor size = Ints({2}, {1, 5});
  auto legacy = RunOp("ResizeNearestNeighbor", {row, size}, ResizeAttrs(false, false));
  ASSERT_TRUE(legacy.ok()) << legacy.status();
  EXPECT_THAT(FloatValues((*legacy)[0]), ElementsAre(1, 1, 2, 2, 3));
  auto aligned = RunOp("ResizeNearestNeighbor", {row, size}, ResizeAttrs(true, false));
  ASSERT_TRUE(aligned.ok()) << aligned.status();
  EXPECT_THAT(FloatValues((*aligned)[0]), ElementsAre(1, 2, 2, 3, 3));
  auto half_pixel = RunOp("ResizeNearestNeighbor", {row, size}, ResizeAttrs(false, true));
  ASSERT_TRUE(half_pixel.ok()) << half_pixel.status();
  EXPECT_THAT(FloatValues((*half_pixel)[0]), ElementsAre(1, 1, 2, 3, 3));
}

TEST(ResizeNearestNeighborTest, DownsamplesIntsKeepingDtypeAndChannels) {
  auto outputs = RunOp("ResizeNearestNeighbor",
                       {Ints({2, 1, 4, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}),
                        Ints({2}, {1, 2})},
                       ResizeAttrs(false, true));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_INT32);
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[2,1,2,2]");
  // Source columns (0.5)*2 = 1 and (1.5)*2 = 3.
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAreArray({2, 3, 6, 7, 10, 11, 14, 15}));
}

TEST(ResizeTest, RejectsBadInputs) {
  auto both = RunOp("ResizeBilinear", {kSquare, Ints({2}, {3, 3})}, ResizeAttrs(true, true));
  EXPECT_NE(both.status().message().find("align_corners must be false"), std::string::npos)
      << both.status();
  auto rank = RunOp("ResizeBilinear", {Floats({2, 2, 1}, {1, 2, 3, 4}), Ints({2}, {3, 3})},
                    ResizeAttrs(false, false));
  EXPECT_NE(rank.status().message().find("input must be 4-dimensional"), std::string::npos) << rank.status();
  auto size =
      RunOp("ResizeNearestNeighbor", {kSquare, Ints({3}, {3, 3, 3})}, ResizeAttrs(false, false));
  EXPECT_NE(size.status().message().find("size must be an int32 vector of 2"), std::string::npos)
      << size.status();
  auto zero =
      RunOp("ResizeNearestNeighbor", {kSquare, Ints({2}, {0, 3})}, ResizeAttrs(false, false));
  EXPECT_NE(zero.status().message().find("output dimensions must be positive"), std::string::npos)
      << zero.status();
  // TF's ImageResizerState: no channels, or an empty image even in an empty batch, is an error.
  auto no_channels = RunOp("ResizeBilinear", {Floats({1, 2, 2, 0}, {}), Ints({2}, {3, 3})},
                           ResizeAttrs(false, false));
  EXPECT_NE(no_channels.status().message().find("image must have at least one channel"),
            std::string::npos)
      << no_channels.status();
  auto no_pixels = RunOp("ResizeNearestNeighbor", {Floats({0, 0, 2, 1}, {}), Ints({2}, {3, 3})},
                         ResizeAttrs(false, false));
  EXPECT_NE(no_pixels.status().message().find("input image must be of non-zero size"),
            std::string::npos)
      << no_pixels.status();
}

TEST(ResizeBicubicTest, SameSizeIsTheIdentityAndConstantsStayConstant) {
  auto same = RunOp("ResizeBicubic", {Floats({1, 2, 3, 1}, {1, 5, 2, 7, 3, 9}), Ints({2}, {2, 3})},
                    ResizeAttrs(false, false));
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_THAT(FloatValues((*same)[0]), ElementsAreArray({1, 5, 2, 7, 3, 9}));
  auto constant = RunOp("ResizeBicubic", {Ints({1, 3, 3, 1}, {4, 4, 4, 4, 4, 4, 4, 4, 4}),
                                          Ints({2}, {5, 7})},
                        ResizeAttrs(false, false));
  ASSERT_TRUE(constant.ok()) << constant.status();
  EXPECT_EQ((*constant)[0].dtype(), tensorflow::DT_FLOAT);
  for (float value : FloatValues((*constant)[0])) EXPECT_NEAR(value, 4, 1e-5);
}

TEST(ResizeBicubicTest, HalfPixelKeysKernelReproducesARampInside) {
  // Row 0..7 upsampled to 16 with half-pixel centers: output x samples (x + 0.5) / 2 - 0.5, and
  // the Keys kernel reproduces linear data where all four taps are inside the image.
  auto outputs = RunOp("ResizeBicubic", {Floats({1, 1, 8, 1}, {0, 1, 2, 3, 4, 5, 6, 7}),
                                         Ints({2}, {1, 16})},
                       ResizeAttrs(false, true));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const std::vector<float> values = FloatValues((*outputs)[0]);
  ASSERT_EQ(values.size(), 16u);
  for (int x = 4; x < 12; ++x) EXPECT_NEAR(values[x], (x + 0.5f) / 2 - 0.5f, 1e-5) << x;
}

}  // namespace
}  // namespace tfjs::runtime::nn
