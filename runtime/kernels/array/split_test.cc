#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SplitTest, EvenPiecesAlongNegativeAxis) {
  Tensor input = Floats({2, 4}, {0, 1, 2, 3, 4, 5, 6, 7});
  std::vector<Tensor> out = RunOk("Split", {Int32Scalar(-1), input}, IntAttr("num_split", 2), 2);
  EXPECT_EQ(out[0].shape(), Shape({2, 2}));
  EXPECT_THAT(FloatValues(out[0]), ElementsAre(0, 1, 4, 5));
  EXPECT_THAT(FloatValues(out[1]), ElementsAre(2, 3, 6, 7));
}

TEST(SplitTest, AxisZeroAndOneWay) {
  Tensor input = Ints({3, 1}, {1, 2, 3});
  std::vector<Tensor> out = RunOk("Split", {Int32Scalar(0), input}, IntAttr("num_split", 3), 3);
  EXPECT_THAT(IntValues(out[2]), ElementsAre(3));
  EXPECT_EQ(out[2].shape(), Shape({1, 1}));
  Tensor same = RunOk("Split", {Int32Scalar(1), input}, IntAttr("num_split", 1))[0];
  EXPECT_THAT(IntValues(same), ElementsAre(1, 2, 3));
}

TEST(SplitTest, Errors) {
  Tensor input = Floats({2, 3}, {});
  EXPECT_THAT(RunError("Split", {Int32Scalar(1), input}, IntAttr("num_split", 2), 2),
              HasSubstr("evenly divide the split dimension, but got split_dim 1 (size "
                        "= 3) and num_split 2"));
  EXPECT_THAT(RunError("Split", {Int32Scalar(2), input}, IntAttr("num_split", 1)),
              HasSubstr("-input rank(-2) <= split_dim < input rank (2), but got 2"));
}

TEST(SplitVTest, SizesWithInferredPiece) {
  Tensor input = Floats({5, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  std::vector<Tensor> out = RunOk("SplitV", {input, Ints({3}, {1, -1, 0}), Int32Scalar(0)}, "", 3);
  EXPECT_EQ(out[0].shape(), Shape({1, 2}));
  EXPECT_EQ(out[1].shape(), Shape({4, 2}));
  EXPECT_EQ(out[2].shape(), Shape({0, 2}));
  EXPECT_THAT(FloatValues(out[1]), ElementsAre(2, 3, 4, 5, 6, 7, 8, 9));
}

TEST(SplitVTest, StringsAlongLastAxis) {
  Tensor input = Tensor::Strings({2, 3}, {"a", "b", "c", "d", "e", "f"});
  std::vector<Tensor> out = RunOk("SplitV", {input, Int64s({2}, {2, 1}), Int32Scalar(-1)}, "", 2);
  EXPECT_THAT(out[0].strings(), ElementsAre("a", "b", "d", "e"));
  EXPECT_THAT(out[1].strings(), ElementsAre("c", "f"));
}

TEST(SplitVTest, Errors) {
  Tensor input = Floats({4}, {});
  EXPECT_THAT(RunError("SplitV", {input, Ints({2}, {-1, -1}), Int32Scalar(0)}, "", 2),
              HasSubstr("There can only be one -1 in the input."));
  EXPECT_THAT(RunError("SplitV", {input, Ints({2}, {1, 2}), Int32Scalar(0)}, "", 2),
              HasSubstr("Determined shape must either match input shape"));
  EXPECT_THAT(RunError("SplitV", {input, Ints({2}, {5, -1}), Int32Scalar(0)}, "", 2),
              HasSubstr("Determined shape must either match input shape"));
  EXPECT_THAT(RunError("SplitV", {input, Ints({2}, {-2, 6}), Int32Scalar(0)}, "", 2),
              HasSubstr("Split size at index 0 must be >= 0. Got: -2"));
}

TEST(UnpackTest, MiddleAxis) {
  Tensor input = Ints({2, 3}, {0, 1, 2, 3, 4, 5});
  std::vector<Tensor> out = RunOk("Unpack", {input}, IntAttr("axis", -1) + IntAttr("num", 3), 3);
  EXPECT_EQ(out[0].shape(), Shape({2}));
  EXPECT_THAT(IntValues(out[0]), ElementsAre(0, 3));
  EXPECT_THAT(IntValues(out[2]), ElementsAre(2, 5));
  std::vector<Tensor> rows = RunOk("Unpack", {input}, "", 2);
  EXPECT_THAT(IntValues(rows[1]), ElementsAre(3, 4, 5));
}

TEST(UnpackTest, Errors) {
  EXPECT_THAT(RunError("Unpack", {Floats({2}, {})}, IntAttr("num", 3)),
              HasSubstr("Input shape axis 0 must equal 3"));
  EXPECT_THAT(RunError("Unpack", {Floats({2}, {})}, IntAttr("axis", 1)),
              HasSubstr("axis = 1 not in [-1, 1)"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
