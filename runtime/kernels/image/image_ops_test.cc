// Tests for the box, crop, patch and resampling kernels: NonMaxSuppression(WithOverlaps),
// CombinedNonMaxSuppression, CropAndResizeGradImage/Boxes, ExtractVolumePatches,
// ExtractGlimpse(V2), ScaleAndTranslate, RandomCrop and SampleDistortedBoundingBox, with values
// worked by hand or from plain reference loops, and TF's errors.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::MakeTensor;
using ::testing::Pointwise;
using testing::RunOp;

std::vector<float> Iota(int n) {
  std::vector<float> v(n);
  std::iota(v.begin(), v.end(), 1.0f);
  return v;
}

TEST(NonMaxSuppressionTest, V1DropsOverlapsAndChecksItsThreshold) {
  const Tensor boxes = Floats({4, 4}, {0, 0, 1, 1, 0, 0.1f, 1, 1.1f, 0, 2, 1, 3, 0, 0, 1, 1});
  const Tensor scores = Floats({4}, {0.8f, 0.9f, 0.7f, 0.8f});
  // Box 1 first; box 0 overlaps it (IoU 0.82); box 3 too; box 2 is apart.
  auto out = RunOp("NonMaxSuppression", {boxes, scores, Ints({}, {4})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(1, 2));
  auto loose = RunOp("NonMaxSuppression", {boxes, scores, Ints({}, {2})},
                     "attr { key: 'iou_threshold' value { f: 0.95 } }");
  ASSERT_TRUE(loose.ok());
  EXPECT_THAT(IntValues((*loose)[0]), ElementsAre(1, 0));
  EXPECT_FALSE(RunOp("NonMaxSuppression", {boxes, scores, Ints({}, {2})},
                     "attr { key: 'iou_threshold' value { f: 1.5 } }")
                   .ok());
  EXPECT_FALSE(RunOp("NonMaxSuppression", {boxes, Floats({3}, {1, 2, 3}), Ints({}, {2})}, "").ok());
}

TEST(NonMaxSuppressionTest, WithOverlapsReadsTheMatrixRowOfTheCandidate) {
  // Asymmetric overlaps: candidate 0's row says 0.9 with selected box 1.
  auto out = RunOp("NonMaxSuppressionWithOverlaps",
                   {Floats({2, 2}, {1, 0.9f, 0.1f, 1}), Floats({2}, {0.5f, 0.9f}), Ints({}, {2}),
                    Floats({}, {0.5f}), Floats({}, {0})},
                   "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(1));
  EXPECT_FALSE(RunOp("NonMaxSuppressionWithOverlaps",
                     {Floats({2, 3}, {}), Floats({2}, {0.5f, 0.9f}), Ints({}, {2}),
                      Floats({}, {0.5f}), Floats({}, {0})},
                     "")
                   .ok());
}

TEST(CombinedNonMaxSuppressionTest, PerClassBoxesPaddingAndClipping) {
  // q = 2: a box per class; class 1's box leaves [0, 1].
  const Tensor boxes = Floats({1, 2, 2, 4}, {0, 0, 1, 1, -0.5f, 0, 0.5f, 2,  //
                                             0, 0, 0.5f, 0.5f, 0, 0, 0.4f, 0.4f});
  const Tensor scores = Floats({1, 2, 2}, {0.6f, 0.9f, 0.7f, 0.8f});
  auto out =
      RunOp("CombinedNonMaxSuppression",
            {boxes, scores, Ints({}, {1}), Ints({}, {5}), Floats({}, {0.5f}), Floats({}, {0.0f})},
            "attr { key: 'pad_per_class' value { b: true } }", 4);
  ASSERT_TRUE(out.ok()) << out.status();
  // One per class (max 1 per class), padded to min(5, 1 * 2) = 2, clipped.
  EXPECT_EQ((*out)[0].shape(), Shape({1, 2, 4}));
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(0, 0, 0.5f, 1, 0, 0, 0.5f, 0.5f));
  EXPECT_THAT(FloatValues((*out)[1]), ElementsAre(0.9f, 0.7f));
  EXPECT_THAT(FloatValues((*out)[2]), ElementsAre(1, 0));
  EXPECT_THAT(IntValues((*out)[3]), ElementsAre(2));
  auto raw =
      RunOp("CombinedNonMaxSuppression",
            {boxes, scores, Ints({}, {1}), Ints({}, {5}), Floats({}, {0.5f}), Floats({}, {0.0f})},
            "attr { key: 'clip_boxes' value { b: false } }", 4);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ((*raw)[0].shape(), Shape({1, 5, 4}));
  EXPECT_EQ(FloatValues((*raw)[0])[0], -0.5f);
  EXPECT_FALSE(RunOp("CombinedNonMaxSuppression",
                     {Floats({1, 2, 3, 4}, {}), scores, Ints({}, {1}), Ints({}, {5}),
                      Floats({}, {0.5f}), Floats({}, {0.0f})},
                     "", 4)
                   .ok());
}

TEST(CropAndResizeGradTest, ImageGradientSpreadsBilinearlyAndNearest) {
  // A 1x1 crop of box [0, 0, 0.5, 0.5] in a 3x3 image samples (0.5, 0.5): a quarter each to the
  // four top-left pixels; nearest rounds 0.5 away from zero to (1, 1).
  const std::vector<Tensor> inputs = {Floats({1, 1, 1, 1}, {4}), Floats({1, 4}, {0, 0, 0.5f, 0.5f}),
                                      Ints({1}, {0}), Ints({4}, {1, 3, 3, 1})};
  auto bilinear =
      RunOp("CropAndResizeGradImage", inputs, "attr { key: 'T' value { type: DT_FLOAT } }");
  ASSERT_TRUE(bilinear.ok()) << bilinear.status();
  EXPECT_THAT(FloatValues((*bilinear)[0]), ElementsAre(1, 1, 0, 1, 1, 0, 0, 0, 0));
  auto nearest = RunOp("CropAndResizeGradImage", inputs,
                       "attr { key: 'T' value { type: DT_FLOAT } } "
                       "attr { key: 'method' value { s: 'nearest' } }");
  ASSERT_TRUE(nearest.ok());
  EXPECT_THAT(FloatValues((*nearest)[0]), ElementsAre(0, 0, 0, 0, 4, 0, 0, 0, 0));
  auto bad_index =
      RunOp("CropAndResizeGradImage", {inputs[0], inputs[1], Ints({1}, {1}), inputs[3]},
            "attr { key: 'T' value { type: DT_FLOAT } }");
  ASSERT_FALSE(bad_index.ok());
  EXPECT_THAT(std::string(bad_index.status().message()), HasSubstr("box_index"));
}

// The box gradient against central differences of a reference bilinear crop.
float CropValue(const std::vector<float>& image, int h, int w, const float* box, int crop_h,
                int crop_w, int y, int x) {
  const float in_y = box[0] * (h - 1) + y * (box[2] - box[0]) * (h - 1) / (crop_h - 1);
  const float in_x = box[1] * (w - 1) + x * (box[3] - box[1]) * (w - 1) / (crop_w - 1);
  const int top = std::floor(in_y), left = std::floor(in_x);
  const int bottom = std::ceil(in_y), right = std::ceil(in_x);
  const float dy = in_y - top, dx = in_x - left;
  auto at = [&](int r, int c) { return image[r * w + c]; };
  const float upper = at(top, left) + (at(top, right) - at(top, left)) * dx;
  const float lower = at(bottom, left) + (at(bottom, right) - at(bottom, left)) * dx;
  return upper + (lower - upper) * dy;
}

TEST(CropAndResizeGradTest, BoxGradientMatchesFiniteDifferences) {
  const std::vector<float> image = {0, 1, 4, 9, 2, 3, 5, 8, 1, 7, 6, 2, 3, 3, 0, 1};
  const float box[4] = {0.1f, 0.2f, 0.8f, 0.7f};
  const std::vector<float> grads = {1, 2, 3, 4};
  auto out = RunOp("CropAndResizeGradBoxes",
                   {Floats({1, 2, 2, 1}, grads), Floats({1, 4, 4, 1}, image),
                    Floats({1, 4}, {box[0], box[1], box[2], box[3]}), Ints({1}, {0})},
                   "attr { key: 'T' value { type: DT_FLOAT } }");
  ASSERT_TRUE(out.ok()) << out.status();
  std::vector<float> want(4);
  for (int k = 0; k < 4; ++k) {
    float plus[4] = {box[0], box[1], box[2], box[3]}, minus[4] = {box[0], box[1], box[2], box[3]};
    plus[k] += 1e-3f;
    minus[k] -= 1e-3f;
    double total = 0;
    for (int y = 0; y < 2; ++y) {
      for (int x = 0; x < 2; ++x) {
        total +=
            grads[y * 2 + x] *
            (CropValue(image, 4, 4, plus, 2, 2, y, x) - CropValue(image, 4, 4, minus, 2, 2, y, x)) /
            2e-3;
      }
    }
    want[k] = static_cast<float>(total);
  }
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(2e-2), want));
}

TEST(ExtractVolumePatchesTest, MatchesAReferenceWithStridesAndSamePadding) {
  const std::vector<float> input = Iota(2 * 3 * 4 * 5 * 2);
  auto out = RunOp("ExtractVolumePatches", {Floats({2, 3, 4, 5, 2}, input)},
                   "attr { key: 'T' value { type: DT_FLOAT } } "
                   "attr { key: 'ksizes' value { list { i: 1 i: 2 i: 3 i: 2 i: 1 } } } "
                   "attr { key: 'strides' value { list { i: 1 i: 2 i: 1 i: 3 i: 1 } } } "
                   "attr { key: 'padding' value { s: 'SAME' } }");
  ASSERT_TRUE(out.ok()) << out.status();
  // out = ceil(in / stride): 2, 4, 2; pads before = ((out - 1) s + k - in) / 2: 0, 1, 0.
  EXPECT_EQ((*out)[0].shape(), Shape({2, 2, 4, 2, 24}));
  std::vector<float> want;
  for (int b = 0; b < 2; ++b)
    for (int p = 0; p < 2; ++p)
      for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 2; ++c)
          for (int kp = 0; kp < 2; ++kp)
            for (int kr = 0; kr < 3; ++kr)
              for (int kc = 0; kc < 2; ++kc)
                for (int d = 0; d < 2; ++d) {
                  const int ip = p * 2 + kp, ir = r + kr - 1, ic = c * 3 + kc;
                  const bool inside = ip < 3 && ir >= 0 && ir < 4 && ic < 5;
                  want.push_back(inside ? input[(((b * 3 + ip) * 4 + ir) * 5 + ic) * 2 + d] : 0);
                }
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAreArray(want));
  EXPECT_FALSE(RunOp("ExtractVolumePatches", {Floats({1, 2, 2, 2}, {})},
                     "attr { key: 'ksizes' value { list { i: 1 i: 1 i: 1 i: 1 i: 1 } } } "
                     "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 i: 1 } } } "
                     "attr { key: 'padding' value { s: 'VALID' } }")
                   .ok());
}

TEST(ExtractGlimpseTest, UniformNoiseStaysWithinTheImageRange) {
  // A window at (-1, -1) of a 3x3 image: row 0 and column 0 are noise in [1, 9].
  auto out = RunOp("ExtractGlimpseV2",
                   {Floats({1, 3, 3, 1}, Iota(9)), Ints({2}, {2, 2}), Floats({1, 2}, {-1, -1})},
                   "attr { key: 'centered' value { b: false } } "
                   "attr { key: 'normalized' value { b: false } }");
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<float> g = FloatValues((*out)[0]);
  EXPECT_EQ(g[3], 1);
  for (int i : {0, 1, 2}) EXPECT_TRUE(g[i] >= 1 && g[i] <= 9) << g[i];
  // V1 removes half the window from an un-normalized offset too: (2, 2) - 1 = (1, 1).
  auto v1 = RunOp("ExtractGlimpse",
                  {Floats({1, 3, 3, 1}, Iota(9)), Ints({2}, {2, 2}), Floats({1, 2}, {2, 2})},
                  "attr { key: 'centered' value { b: false } } "
                  "attr { key: 'normalized' value { b: false } }");
  ASSERT_TRUE(v1.ok());
  EXPECT_THAT(FloatValues((*v1)[0]), ElementsAre(5, 6, 8, 9));
  EXPECT_FALSE(RunOp("ExtractGlimpse",
                     {Floats({1, 3, 3, 1}, Iota(9)), Ints({2}, {2, 2}), Floats({2, 2}, {})}, "")
                   .ok());
  EXPECT_FALSE(RunOp("ExtractGlimpse",
                     {Floats({1, 3, 3, 1}, Iota(9)), Ints({2}, {2, 2}), Floats({1, 2}, {0, 0})},
                     "attr { key: 'noise' value { s: 'gaussian' } }")
                   .ok());
}

TEST(ScaleAndTranslateTest, IdentityBoxAverageAndTranslation) {
  const std::vector<float> image = Iota(12);
  auto same = RunOp(
      "ScaleAndTranslate",
      {Floats({1, 3, 4, 1}, image), Ints({2}, {3, 4}), Floats({2}, {1, 1}), Floats({2}, {0, 0})},
      "attr { key: 'T' value { type: DT_FLOAT } }");
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_THAT(FloatValues((*same)[0]), Pointwise(FloatNear(1e-5), image));
  // Box kernel at scale 1/2 over columns: output column j averages input columns 2j and 2j + 1.
  auto half = RunOp("ScaleAndTranslate",
                    {Floats({1, 1, 4, 1}, {1, 3, 5, 9}), Ints({2}, {1, 2}), Floats({2}, {1, 0.5f}),
                     Floats({2}, {0, 0})},
                    "attr { key: 'T' value { type: DT_FLOAT } } "
                    "attr { key: 'kernel_type' value { s: 'box' } }");
  ASSERT_TRUE(half.ok()) << half.status();
  EXPECT_THAT(FloatValues((*half)[0]), Pointwise(FloatNear(1e-5), std::vector<float>{2, 7}));
  // Translating by one pixel with the triangle kernel shifts; samples left of 0 are empty.
  auto shifted = RunOp("ScaleAndTranslate",
                       {Floats({1, 1, 3, 1}, {1, 2, 4}), Ints({2}, {1, 3}), Floats({2}, {1, 1}),
                        Floats({2}, {0, 1})},
                       "attr { key: 'T' value { type: DT_FLOAT } } "
                       "attr { key: 'kernel_type' value { s: 'triangle' } }");
  ASSERT_TRUE(shifted.ok()) << shifted.status();
  EXPECT_THAT(FloatValues((*shifted)[0]), Pointwise(FloatNear(1e-5), std::vector<float>{0, 1, 2}));
  EXPECT_FALSE(RunOp("ScaleAndTranslate",
                     {Floats({1, 1, 3, 1}, {1, 2, 4}), Ints({2}, {1, 3}), Floats({2}, {1, 0}),
                      Floats({2}, {0, 1})},
                     "attr { key: 'T' value { type: DT_FLOAT } }")
                   .ok());
}

TEST(RandomCropTest, CropsAWindowReproduciblyAndRefusesLargerCrops) {
  const std::vector<float> image = Iota(5 * 6);
  const Tensor size = MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {2, 3});
  const char seeds[] = "attr { key: 'seed' value { i: 4 } } attr { key: 'seed2' value { i: 2 } }";
  auto a = RunOp("RandomCrop", {Floats({5, 6, 1}, image), size}, seeds);
  auto b = RunOp("RandomCrop", {Floats({5, 6, 1}, image), size}, seeds);
  ASSERT_TRUE(a.ok() && b.ok()) << a.status();
  const std::vector<float> crop = FloatValues((*a)[0]);
  EXPECT_EQ(crop, FloatValues((*b)[0]));
  // A window: consecutive columns, rows 6 apart.
  const int top = static_cast<int>(crop[0] - 1) / 6, left = static_cast<int>(crop[0] - 1) % 6;
  ASSERT_LE(top, 3);
  ASSERT_LE(left, 3);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 3; ++x) EXPECT_EQ(crop[y * 3 + x], image[(top + y) * 6 + left + x]);
  }
  EXPECT_FALSE(
      RunOp("RandomCrop",
            {Floats({5, 6, 1}, image), MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {6, 1})},
            seeds)
          .ok());
}

TEST(SampleDistortedBoundingBoxTest, CropsCoverTheBoxAndStatelessRepeats) {
  const char attrs[] =
      "attr { key: 'T' value { type: DT_INT32 } } "
      "attr { key: 'area_range' value { list { f: 0.2 f: 0.6 } } } "
      "attr { key: 'Tseed' value { type: DT_INT32 } }";
  const std::vector<Tensor> inputs = {Ints({3}, {40, 60, 3}),
                                      Floats({1, 1, 4}, {0.25f, 0.25f, 0.75f, 0.75f}),
                                      Floats({}, {0.3f}), Ints({2}, {7, 8})};
  auto out = RunOp("StatelessSampleDistortedBoundingBox", inputs, attrs, 3);
  auto again = RunOp("StatelessSampleDistortedBoundingBox", inputs, attrs, 3);
  ASSERT_TRUE(out.ok() && again.ok()) << out.status();
  const std::vector<int32_t> begin = IntValues((*out)[0]), size = IntValues((*out)[1]);
  EXPECT_EQ(begin, IntValues((*again)[0]));
  EXPECT_EQ(begin[2], 0);
  EXPECT_EQ(size[2], -1);
  ASSERT_LE(begin[0] + size[0], 40);
  ASSERT_LE(begin[1] + size[1], 60);
  const double area = static_cast<double>(size[0]) * size[1] / (40.0 * 60.0);
  EXPECT_TRUE(area >= 0.2 - 1e-6 && area <= 0.6 + 1e-6) << area;
  // The box is rows 10-30, columns 15-45: at least 30% of it lies in the crop.
  const int rows = std::max(0, std::min(begin[0] + size[0], 30) - std::max(begin[0], 10));
  const int cols = std::max(0, std::min(begin[1] + size[1], 45) - std::max(begin[1], 15));
  EXPECT_GE(rows * cols, 0.3 * 20 * 30);
  const std::vector<float> box = FloatValues((*out)[2]);
  EXPECT_FLOAT_EQ(box[0], begin[0] / 40.0f);
  EXPECT_FLOAT_EQ(box[3], (begin[1] + size[1]) / 60.0f);
  auto no_boxes = RunOp("SampleDistortedBoundingBox", {Ints({3}, {4, 4, 1}), Floats({1, 0, 4}, {})},
                        "attr { key: 'T' value { type: DT_INT32 } }", 3);
  ASSERT_FALSE(no_boxes.ok());
  EXPECT_THAT(std::string(no_boxes.status().message()), HasSubstr("No bounding boxes"));
  EXPECT_FALSE(RunOp("SampleDistortedBoundingBox",
                     {Ints({3}, {4, 4, 1}), Floats({1, 1, 4}, {0, 0, 1.5f, 1})},
                     "attr { key: 'T' value { type: DT_INT32 } }", 3)
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
