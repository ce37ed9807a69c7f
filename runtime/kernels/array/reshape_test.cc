#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ReshapeTest, InfersMinusOneWithoutCopying) {
  Tensor input = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor out = RunOk("Reshape", {input, Ints({2}, {-1, 2})})[0];
  EXPECT_EQ(out.shape(), Shape({3, 2}));
  EXPECT_EQ(out.raw_data(), input.raw_data());
  EXPECT_THAT(FloatValues(out), ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST(ReshapeTest, Int64ShapeAndScalarTarget) {
  EXPECT_EQ(RunOk("Reshape", {Floats({1, 1}, {7}), Int64s({0}, {})})[0].shape(), Shape({}));
  EXPECT_EQ(RunOk("Reshape", {Floats({4}, {}), Int64s({3}, {2, 1, 2})})[0].shape(),
            Shape({2, 1, 2}));
}

TEST(ReshapeTest, LegacyScalarShape) {
  EXPECT_EQ(RunOk("Reshape", {Floats({1, 3}, {}), Ints({}, {3})})[0].shape(), Shape({3}));
}

TEST(ReshapeTest, ZeroSizeInference) {
  // With a zero in the target, zero input dims are not counted: [0,4] -> [-1,0]
  // is [?,0] where the inferred dim is 4.
  EXPECT_EQ(RunOk("Reshape", {Floats({0, 4}, {}), Ints({2}, {-1, 0})})[0].shape(), Shape({4, 0}));
  EXPECT_EQ(RunOk("Reshape", {Floats({0, 4}, {}), Ints({2}, {2, -1})})[0].shape(), Shape({2, 0}));
}

TEST(ReshapeTest, Strings) {
  Tensor out = RunOk("Reshape", {Tensor::Strings({2, 2}, {"a", "b", "c", "d"}), Ints({1}, {4})})[0];
  EXPECT_EQ(out.shape(), Shape({4}));
  EXPECT_THAT(out.strings(), ElementsAre("a", "b", "c", "d"));
}

TEST(ReshapeTest, Errors) {
  EXPECT_THAT(RunError("Reshape", {Floats({6}, {}), Ints({2}, {-1, -1})}),
              HasSubstr("Only one input size may be -1, not both 0 and 1"));
  EXPECT_THAT(RunError("Reshape", {Floats({6}, {}), Ints({2}, {-2, 3})}),
              HasSubstr("Size 0 must be non-negative, not -2"));
  EXPECT_THAT(RunError("Reshape", {Floats({6}, {}), Ints({2}, {-1, 4})}),
              HasSubstr("requires a multiple of 4"));
  EXPECT_THAT(RunError("Reshape", {Floats({6}, {}), Ints({2}, {2, 2})}),
              HasSubstr("tensor with 6 values, but the requested shape has 4"));
  EXPECT_THAT(RunError("Reshape", {Floats({6}, {}), Ints({1, 1}, {6})}),
              HasSubstr("sizes input must be 1-D"));
  EXPECT_THAT(RunError("Reshape", {Floats({6}, {}), Floats({1}, {6})}),
              HasSubstr("must be int32 or int64"));
}

TEST(ExpandDimsTest, PositiveAndNegativeAxes) {
  Tensor input = Floats({2, 3}, {});
  EXPECT_EQ(RunOk("ExpandDims", {input, Int32Scalar(0)})[0].shape(), Shape({1, 2, 3}));
  EXPECT_EQ(RunOk("ExpandDims", {input, Int32Scalar(2)})[0].shape(), Shape({2, 3, 1}));
  EXPECT_EQ(RunOk("ExpandDims", {input, Int32Scalar(-1)})[0].shape(), Shape({2, 3, 1}));
  EXPECT_EQ(RunOk("ExpandDims", {input, Int64s({1}, {-3})})[0].shape(), Shape({1, 2, 3}));
  EXPECT_EQ(RunOk("ExpandDims", {Floats({}, {1}), Int32Scalar(0)})[0].shape(), Shape({1}));
}

TEST(ExpandDimsTest, Errors) {
  EXPECT_THAT(RunError("ExpandDims", {Floats({2, 3}, {}), Int32Scalar(3)}),
              HasSubstr("Tried to expand dim index 3 for tensor with 2 dimensions."));
  EXPECT_THAT(RunError("ExpandDims", {Floats({2, 3}, {}), Int32Scalar(-4)}),
              HasSubstr("Tried to expand dim index -4"));
  EXPECT_THAT(RunError("ExpandDims", {Floats({2}, {}), Ints({2}, {0, 1})}),
              HasSubstr("single value"));
}

TEST(SqueezeTest, AllOnesByDefault) {
  EXPECT_EQ(RunOk("Squeeze", {Floats({1, 2, 1, 3, 1}, {})})[0].shape(), Shape({2, 3}));
  EXPECT_EQ(RunOk("Squeeze", {Floats({1, 1}, {5})})[0].shape(), Shape({}));
}

TEST(SqueezeTest, ListedDimsUnderEitherName) {
  EXPECT_EQ(RunOk("Squeeze", {Floats({1, 2, 1}, {})}, IntListAttr("squeeze_dims", {-1}))[0].shape(),
            Shape({1, 2}));
  EXPECT_EQ(RunOk("Squeeze", {Floats({1, 2, 1}, {})}, IntListAttr("axis", {0}))[0].shape(),
            Shape({2, 1}));
}

TEST(SqueezeTest, Errors) {
  EXPECT_THAT(RunError("Squeeze", {Floats({1, 2}, {})}, IntListAttr("squeeze_dims", {1})),
              HasSubstr("Can not squeeze dim[1], expected a dimension of 1, got 2"));
  EXPECT_THAT(RunError("Squeeze", {Floats({1, 2}, {})}, IntListAttr("squeeze_dims", {2})),
              HasSubstr("Tried to squeeze dim index 2 for tensor with 2 dimensions."));
}

}  // namespace
}  // namespace tfjs::runtime::testing
