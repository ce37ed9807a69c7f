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
using testing::RandomFloats;
using testing::StringAttr;
using ::tfjs::runtime::testing::Floats;
using ::tfjs::runtime::testing::Ints;
using ::tfjs::runtime::testing::RunOp;

// Naive crop-and-resize in double over an NHWC float image.
std::vector<double> Reference(const Tensor& image, const std::vector<float>& boxes,
                              const std::vector<int>& box_ind, int ch, int cw, bool bilinear,
                              double extrapolation) {
  const int64_t h = image.dim(1), w = image.dim(2), d = image.dim(3);
  auto at = [&](int64_t b, int64_t y, int64_t x, int64_t c) {
    return double(image.data<float>()[((b * h + y) * w + x) * d + c]);
  };
  auto sample = [](double lo, double hi, int i, int count, int64_t size) {
    return count > 1 ? lo * (size - 1) + i * (hi - lo) * (size - 1) / (count - 1)
                     : 0.5 * (lo + hi) * (size - 1);
  };
  std::vector<double> out;
  for (size_t n = 0; n < box_ind.size(); ++n)
    for (int y = 0; y < ch; ++y)
      for (int x = 0; x < cw; ++x)
        for (int64_t c = 0; c < d; ++c) {
          const double iy = sample(boxes[n * 4], boxes[n * 4 + 2], y, ch, h);
          const double ix = sample(boxes[n * 4 + 1], boxes[n * 4 + 3], x, cw, w);
          if (iy < 0 || iy > h - 1 || ix < 0 || ix > w - 1) {
            out.push_back(extrapolation);
          } else if (!bilinear) {
            out.push_back(at(box_ind[n], std::lround(iy), std::lround(ix), c));
          } else {
            const int64_t y0 = std::floor(iy), y1 = std::ceil(iy);
            const int64_t x0 = std::floor(ix), x1 = std::ceil(ix);
            const double dy = iy - y0, dx = ix - x0;
            const int b = box_ind[n];
            out.push_back((1 - dy) * ((1 - dx) * at(b, y0, x0, c) + dx * at(b, y0, x1, c)) +
                          dy * ((1 - dx) * at(b, y1, x0, c) + dx * at(b, y1, x1, c)));
          }
        }
  return out;
}

std::string Attrs(const std::string& method, float extrapolation = 0) {
  return StringAttr("method", method) + FloatAttr("extrapolation_value", extrapolation);
}

TEST(CropAndResizeTest, BilinearAndNearestMatchReference) {
  Tensor image = RandomFloats({2, 5, 6, 3}, 1);
  // No sample lands on a pixel's half point, where float and double rounding may differ.
  const std::vector<float> boxes = {0.1f, 0.2f, 0.8f, 0.93f, 0.0f, 0.0f, 1.0f, 1.0f,
                                    0.9f, 0.74f, 0.2f, 0.12f};  // the last box is flipped
  const std::vector<int> box_ind = {1, 0, 1};
  for (bool bilinear : {true, false}) {
    auto outputs = RunOp("CropAndResize",
                         {image, Floats({3, 4}, boxes), Ints({3}, box_ind), Ints({2}, {3, 4})},
                         Attrs(bilinear ? "bilinear" : "nearest"));
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose((*outputs)[0], {3, 3, 4, 3}, Reference(image, boxes, box_ind, 3, 4, bilinear, 0));
  }
}

TEST(CropAndResizeTest, SamplesOutsideTheImageTakeExtrapolationValue) {
  Tensor image = RandomFloats({1, 4, 4, 2}, 2);
  const std::vector<float> boxes = {-0.5f, 0.25f, 0.5f, 1.5f};
  auto outputs = RunOp("CropAndResize",
                       {image, Floats({1, 4}, boxes), Ints({1}, {0}), Ints({2}, {3, 5})},
                       Attrs("bilinear", -7.5f));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<double> expected = Reference(image, boxes, {0}, 3, 5, true, -7.5);
  EXPECT_EQ(expected[0], -7.5);  // the first row samples y = -1.5
  ExpectClose((*outputs)[0], {1, 3, 5, 2}, expected);
}

TEST(CropAndResizeTest, SingleSampleTakesTheBoxCenter) {
  Tensor image = Floats({1, 3, 3, 1}, {0, 1, 2, 3, 4, 5, 6, 7, 8});
  auto outputs = RunOp("CropAndResize",
                       {image, Floats({1, 4}, {0, 0, 0.5f, 1}), Ints({1}, {0}), Ints({2}, {1, 1})},
                       Attrs("bilinear"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // Center (0.25 * 2, 0.5 * 2) = (0.5, 1): halfway between 1 and 4.
  ExpectClose((*outputs)[0], {1, 1, 1, 1}, {2.5});
}

TEST(CropAndResizeTest, IntImagesGiveFloats) {
  auto outputs = RunOp("CropAndResize",
                       {Ints({1, 1, 2, 1}, {0, 10}), Floats({1, 4}, {0, 0, 1, 1}), Ints({1}, {0}),
                        Ints({2}, {1, 3})},
                       Attrs("bilinear"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {1, 1, 3, 1}, {0, 5, 10});
}

TEST(CropAndResizeTest, BadInputsAreErrors) {
  Tensor image = RandomFloats({2, 3, 3, 1}, 3);
  Tensor box = Floats({1, 4}, {0, 0, 1, 1});
  EXPECT_FALSE(
      RunOp("CropAndResize", {image, box, Ints({1}, {2}), Ints({2}, {2, 2})}, Attrs("bilinear"))
          .ok());
  EXPECT_FALSE(
      RunOp("CropAndResize", {image, box, Ints({1}, {0}), Ints({2}, {0, 2})}, Attrs("bilinear"))
          .ok());
  EXPECT_FALSE(RunOp("CropAndResize",
                     {image, Floats({1, 3}, {0, 0, 1}), Ints({1}, {0}), Ints({2}, {2, 2})},
                     Attrs("bilinear"))
                   .ok());
  EXPECT_FALSE(
      RunOp("CropAndResize", {image, box, Ints({2}, {0, 0}), Ints({2}, {2, 2})}, Attrs("bilinear"))
          .ok());
  EXPECT_FALSE(
      RunOp("CropAndResize", {image, box, Ints({1}, {0}), Ints({2}, {2, 2})}, Attrs("bicubic"))
          .ok());
  EXPECT_FALSE(RunOp("CropAndResize", {RandomFloats({3, 3, 1}, 4), box, Ints({1}, {0}),
                                       Ints({2}, {2, 2})},
                     Attrs("bilinear"))
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime::nn
