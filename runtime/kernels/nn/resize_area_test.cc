// Tests for ResizeArea with area averages worked out by hand.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;
using testing::RunOp;

constexpr char kAlignCorners[] = "attr { key: 'align_corners' value { b: true } }";

std::vector<float> Resize(const Tensor& images, int height, int width,
                          const std::string& attrs = "") {
  auto outputs = RunOp("ResizeArea", {images, Ints({2}, {height, width})}, attrs);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  if (!outputs.ok()) return {};
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ((*outputs)[0].shape(), Shape({images.dim(0), height, width, images.dim(3)}));
  return FloatValues((*outputs)[0]);
}

TEST(ResizeAreaTest, FractionalCellsAreWeightedByOverlap) {
  // Width 4 -> 3, scale 4/3: out[0] = (in0 + in1 / 3) * 3/4, out[1] = (in1 + in2) * 2/3 * 3/4,
  // out[2] = (in2 / 3 + in3) * 3/4.
  EXPECT_THAT(Resize(Floats({1, 1, 4, 1}, {1, 2, 3, 4}), 1, 3),
              Pointwise(FloatNear(1e-6), std::vector<float>{1.25f, 2.5f, 3.75f}));
}

TEST(ResizeAreaTest, DownsamplesToBlockMeansPerChannel) {
  // A 4x4 image with two channels (c1 = 10 * c0) to 2x2: means of the 2x2 blocks.
  std::vector<float> values;
  for (int i = 0; i < 16; ++i) {
    values.push_back(i);
    values.push_back(10.f * i);
  }
  EXPECT_THAT(
      Resize(Floats({1, 4, 4, 2}, values), 2, 2),
      Pointwise(FloatNear(1e-5), std::vector<float>{2.5f, 25, 4.5f, 45, 10.5f, 105, 12.5f, 125}));
  // Two images of 2x2 to 1x1: their means.
  EXPECT_THAT(Resize(Floats({2, 2, 2, 1}, {1, 2, 3, 4, -4, 0, 0, 0}), 1, 1),
              Pointwise(FloatNear(1e-6), std::vector<float>{2.5f, -1}));
}

TEST(ResizeAreaTest, UpsamplingRepeatsPixels) {
  EXPECT_THAT(Resize(Floats({1, 2, 1, 1}, {1, 2}), 4, 1),
              Pointwise(FloatNear(1e-6), std::vector<float>{1, 1, 2, 2}));
}

TEST(ResizeAreaTest, AlignCornersSpansPastTheEdgeClampToIt) {
  // Width 3 -> 2 with align_corners: scale 2, so out[0] = (in0 + in1) / 2 and out[1] covers
  // cells 2 and 3, the latter clamped to 2: (in2 + in2) / 2.
  EXPECT_THAT(Resize(Floats({1, 1, 3, 1}, {1, 2, 4}), 1, 2, kAlignCorners),
              Pointwise(FloatNear(1e-6), std::vector<float>{1.5f, 4}));
}

TEST(ResizeAreaTest, IntegerImagesGiveFloats) {
  EXPECT_THAT(Resize(Ints({1, 1, 2, 1}, {3, 6}), 1, 1),
              Pointwise(FloatNear(1e-6), std::vector<float>{4.5f}));
  Tensor bytes = testing::MakeTensor<uint8_t>(tensorflow::DT_UINT8, {1, 1, 2, 1}, {255, 0});
  EXPECT_THAT(Resize(bytes, 1, 1), Pointwise(FloatNear(1e-5), std::vector<float>{127.5f}));
}

TEST(ResizeAreaTest, RejectsBadShapesAndSizes) {
  auto rank3 = RunOp("ResizeArea", {Floats({2, 2, 1}, {}), Ints({2}, {1, 1})}, "");
  ASSERT_FALSE(rank3.ok());
  EXPECT_THAT(std::string(rank3.status().message()), HasSubstr("input must be 4-dimensional"));
  EXPECT_FALSE(RunOp("ResizeArea", {Floats({1, 2, 2, 1}, {}), Ints({2}, {0, 1})}, "").ok());
  EXPECT_FALSE(RunOp("ResizeArea", {Floats({1, 2, 2, 1}, {}), Ints({3}, {1, 1, 1})}, "").ok());
  EXPECT_FALSE(RunOp("ResizeArea", {Floats({1, 0, 2, 1}, {}), Ints({2}, {1, 1})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
