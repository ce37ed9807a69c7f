#include "runtime/kernels/array/non_max_suppression.h"

#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;

// TF's documented example: three overlapping boxes at the top, two at the bottom, one far away.
Tensor Boxes() {
  return Floats({6, 4}, {0, 0,  1, 1,  0, 0.1f,  1, 1.1f,  0, -0.1f, 1, 0.9f,
                         0, 10, 1, 11, 0, 10.1f, 1, 11.1f, 0, 100,   1, 101});
}
Tensor Scores() { return Floats({6}, {0.9f, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f}); }

TEST(BoxIoUTest, OverlapAndDegenerateBoxes) {
  const float a[] = {0, 0, 2, 2};
  const float b[] = {2, 2, 1, 1};  // corners given in the other order
  EXPECT_FLOAT_EQ(array::BoxIoU(a, b), 0.25f);
  const float flat[] = {0, 0, 0, 5};
  EXPECT_EQ(array::BoxIoU(a, flat), 0.f);
}

TEST(NonMaxSuppressionTest, HardSuppressionOrder) {
  Tensor indices = RunOk("NonMaxSuppressionV3", {Boxes(), Scores(), Int32Scalar(3),
                                                 Floats({}, {0.5f}), Floats({}, {0.f})})[0];
  EXPECT_THAT(IntValues(indices), ElementsAre(3, 0, 5));
  Tensor v2 =
      RunOk("NonMaxSuppressionV2", {Boxes(), Scores(), Int32Scalar(10), Floats({}, {0.5f})})[0];
  EXPECT_THAT(IntValues(v2), ElementsAre(3, 0, 5));
}

TEST(NonMaxSuppressionTest, ScoreThresholdAndTies) {
  Tensor indices = RunOk("NonMaxSuppressionV3", {Boxes(), Scores(), Int32Scalar(6),
                                                 Floats({}, {0.5f}), Floats({}, {0.4f})})[0];
  EXPECT_THAT(IntValues(indices), ElementsAre(3, 0));
  // Equal scores: the lower index wins.
  Tensor tied = RunOk("NonMaxSuppressionV3",
                      {Floats({2, 4}, {0, 0, 1, 1, 0, 0, 1, 1}), Floats({2}, {0.5f, 0.5f}),
                       Int32Scalar(2), Floats({}, {0.5f}), Floats({}, {0.f})})[0];
  EXPECT_THAT(IntValues(tied), ElementsAre(0));
}

TEST(NonMaxSuppressionTest, V4PadsAndCountsValid) {
  std::vector<Tensor> out =
      RunOk("NonMaxSuppressionV4",
            {Boxes(), Scores(), Int32Scalar(5), Floats({}, {0.5f}), Floats({}, {0.f})},
            BoolAttr("pad_to_max_output_size", true), 2);
  EXPECT_THAT(IntValues(out[0]), ElementsAre(3, 0, 5, 0, 0));
  EXPECT_THAT(IntValues(out[1]), ElementsAre(3));
  std::vector<Tensor> unpadded =
      RunOk("NonMaxSuppressionV4",
            {Boxes(), Scores(), Int32Scalar(5), Floats({}, {0.5f}), Floats({}, {0.f})}, "", 2);
  EXPECT_THAT(IntValues(unpadded[0]), ElementsAre(3, 0, 5));
}

TEST(NonMaxSuppressionTest, V5SoftSuppressionDecaysScores) {
  // Two boxes with IoU 1/3 (a 2x1 box and a 2x2 box sharing an edge region); sigma 0.5.
  Tensor boxes = Floats({2, 4}, {0, 0, 2, 1, 0, 0, 2, 3});
  std::vector<Tensor> out = RunOk("NonMaxSuppressionV5",
                                  {boxes, Floats({2}, {0.9f, 0.8f}), Int32Scalar(2),
                                   Floats({}, {0.5f}), Floats({}, {0.f}), Floats({}, {0.5f})},
                                  "", 3);
  EXPECT_THAT(IntValues(out[0]), ElementsAre(0, 1));
  const float iou = 1.f / 3.f;
  const float decayed = 0.8f * std::exp(-0.5f / 0.5f * iou * iou);
  EXPECT_THAT(FloatValues(out[1]), Pointwise(FloatNear(1e-6), std::vector<float>{0.9f, decayed}));
  EXPECT_THAT(IntValues(out[2]), ElementsAre(2));
}

TEST(NonMaxSuppressionTest, V5HardModeKeepsScores) {
  std::vector<Tensor> out = RunOk(
      "NonMaxSuppressionV5",
      {Boxes(), Scores(), Int32Scalar(3), Floats({}, {0.5f}), Floats({}, {0.f}), Floats({}, {0.f})},
      BoolAttr("pad_to_max_output_size", false), 3);
  EXPECT_THAT(IntValues(out[0]), ElementsAre(3, 0, 5));
  EXPECT_THAT(FloatValues(out[1]), ElementsAre(0.95f, 0.9f, 0.3f));
  EXPECT_THAT(IntValues(out[2]), ElementsAre(3));
}

TEST(NonMaxSuppressionTest, Float16BoxesAndScores) {
  // Boxes 0 and 1 overlap fully; box 2 is apart. Scores 0.5, 1.0, 0.25 as float16.
  Tensor boxes = MakeTensor<uint16_t>(
      tensorflow::DT_HALF, {3, 4},
      {0, 0, 0x3C00, 0x3C00, 0, 0, 0x3C00, 0x3C00, 0x4000, 0x4000, 0x4200, 0x4200});
  Tensor scores = MakeTensor<uint16_t>(tensorflow::DT_HALF, {3}, {0x3800, 0x3C00, 0x3400});
  std::vector<Tensor> out = RunOk(
      "NonMaxSuppressionV5",
      {boxes, scores, Int32Scalar(3), Floats({}, {0.5f}), Floats({}, {0.f}), Floats({}, {0.f})}, "",
      3);
  EXPECT_THAT(IntValues(out[0]), ElementsAre(1, 2));
  EXPECT_EQ(out[1].dtype(), tensorflow::DT_HALF);
  EXPECT_THAT(Values<uint16_t>(out[1]), ElementsAre(0x3C00, 0x3400));
}

TEST(NonMaxSuppressionTest, EmptyInput) {
  Tensor indices =
      RunOk("NonMaxSuppressionV3", {Floats({0, 4}, {}), Floats({0}, {}), Int32Scalar(3),
                                    Floats({}, {0.5f}), Floats({}, {0.f})})[0];
  EXPECT_EQ(indices.shape(), Shape({0}));
}

TEST(NonMaxSuppressionTest, Errors) {
  auto run = [](Tensor boxes, Tensor scores, int max, float iou) {
    return RunError("NonMaxSuppressionV3",
                    {boxes, scores, Int32Scalar(max), Floats({}, {iou}), Floats({}, {0.f})});
  };
  EXPECT_THAT(run(Floats({2, 3}, {}), Floats({2}, {}), 1, 0.5f),
              HasSubstr("boxes must have 4 columns"));
  EXPECT_THAT(run(Floats({2, 4}, {}), Floats({3}, {}), 1, 0.5f),
              HasSubstr("scores has incompatible shape"));
  EXPECT_THAT(run(Floats({2, 4}, {}), Floats({2}, {}), 1, 1.5f),
              HasSubstr("iou_threshold must be in [0, 1]"));
  EXPECT_THAT(run(Floats({2, 4}, {}), Floats({2}, {}), -1, 0.5f),
              HasSubstr("max_output_size must be non-negative"));
  EXPECT_THAT(RunError("NonMaxSuppressionV5",
                       {Floats({1, 4}, {}), Floats({1}, {}), Int32Scalar(1), Floats({}, {0.5f}),
                        Floats({}, {0.f}), Floats({}, {-1.f})},
                       "", 3),
              HasSubstr("soft_nms_sigma must be non-negative"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
