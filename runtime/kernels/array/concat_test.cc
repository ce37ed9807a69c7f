#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

TEST(ConcatV2Test, MiddleAxisMatchesLoop) {
  std::vector<float> a(2 * 2 * 3), b(2 * 1 * 3);
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i);
  for (size_t i = 0; i < b.size(); ++i) b[i] = 100.f + i;
  std::vector<float> expected;
  for (int o = 0; o < 2; ++o) {
    for (int j = 0; j < 6; ++j) expected.push_back(a[o * 6 + j]);
    for (int j = 0; j < 3; ++j) expected.push_back(b[o * 3 + j]);
  }
  for (int axis : {1, -2}) {
    Tensor out =
        RunOk("ConcatV2", {Floats({2, 2, 3}, a), Floats({2, 1, 3}, b), Int32Scalar(axis)})[0];
    EXPECT_EQ(out.shape(), Shape({2, 3, 3}));
    EXPECT_THAT(FloatValues(out), ElementsAreArray(expected));
  }
}

TEST(ConcatV2Test, LastAxisInt64AxisAndEmptyInput) {
  Tensor out = RunOk("ConcatV2", {Ints({2, 1}, {1, 2}), Ints({2, 0}, {}),
                                  Ints({2, 2}, {3, 4, 5, 6}), Int64s({}, {1})})[0];
  EXPECT_EQ(out.shape(), Shape({2, 3}));
  EXPECT_THAT(IntValues(out), ElementsAre(1, 3, 4, 2, 5, 6));
}

TEST(ConcatV2Test, StringsAndBools) {
  Tensor strings = RunOk("ConcatV2", {Tensor::Strings({1}, {"x"}), Tensor::Strings({2}, {"y", "z"}),
                                      Int32Scalar(0)})[0];
  EXPECT_THAT(strings.strings(), ElementsAre("x", "y", "z"));
  Tensor bools = RunOk("ConcatV2", {Bools({1}, {true}), Bools({1}, {false}), Int32Scalar(0)})[0];
  EXPECT_THAT(BoolValues(bools), ElementsAre(true, false));
}

TEST(ConcatV2Test, Errors) {
  EXPECT_THAT(RunError("ConcatV2", {Floats({2}, {}), Floats({2}, {}), Int32Scalar(1)}),
              HasSubstr("Expected concatenating dimensions in the range [-1, 1), but got 1"));
  EXPECT_THAT(RunError("ConcatV2", {Floats({2, 2}, {}), Floats({2}, {}), Int32Scalar(0)}),
              HasSubstr("Ranks of all input tensors should match"));
  EXPECT_THAT(RunError("ConcatV2", {Floats({2, 2}, {}), Floats({2, 3}, {}), Int32Scalar(0)}),
              HasSubstr("Dimension 1 in both shapes must be equal"));
  EXPECT_THAT(RunError("ConcatV2", {Floats({}, {}), Floats({}, {}), Int32Scalar(0)}),
              HasSubstr("Can't concatenate scalars"));
  EXPECT_THAT(RunError("ConcatV2", {Floats({1}, {}), Ints({1}, {}), Int32Scalar(0)}),
              HasSubstr("dtype"));
}

TEST(ConcatTest, AxisFirst) {
  Tensor out = RunOk("Concat", {Int32Scalar(0), Floats({1, 2}, {1, 2}), Floats({1, 2}, {3, 4})})[0];
  EXPECT_EQ(out.shape(), Shape({2, 2}));
  EXPECT_THAT(FloatValues(out), ElementsAre(1, 2, 3, 4));
}

TEST(PackTest, AxesMatchLoop) {
  Tensor a = Floats({2, 3}, {0, 1, 2, 3, 4, 5});
  Tensor b = Floats({2, 3}, {10, 11, 12, 13, 14, 15});
  Tensor out0 = RunOk("Pack", {a, b}, IntAttr("axis", 0))[0];
  EXPECT_EQ(out0.shape(), Shape({2, 2, 3}));
  EXPECT_THAT(FloatValues(out0), ElementsAre(0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15));
  Tensor out2 = RunOk("Pack", {a, b}, IntAttr("axis", -1))[0];
  EXPECT_EQ(out2.shape(), Shape({2, 3, 2}));
  EXPECT_THAT(FloatValues(out2), ElementsAre(0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15));
  Tensor out1 = RunOk("Pack", {a, b}, IntAttr("axis", 1))[0];
  EXPECT_EQ(out1.shape(), Shape({2, 2, 3}));
  EXPECT_THAT(FloatValues(out1), ElementsAre(0, 1, 2, 10, 11, 12, 3, 4, 5, 13, 14, 15));
}

TEST(PackTest, ScalarsAndSingleInput) {
  Tensor out = RunOk("Pack", {Ints({}, {4}), Ints({}, {5}), Ints({}, {6})})[0];
  EXPECT_EQ(out.shape(), Shape({3}));
  EXPECT_THAT(IntValues(out), ElementsAre(4, 5, 6));
  EXPECT_EQ(RunOk("Pack", {Ints({2}, {1, 2})}, IntAttr("axis", 1))[0].shape(), Shape({2, 1}));
}

TEST(PackTest, Errors) {
  EXPECT_THAT(RunError("Pack", {Floats({2}, {}), Floats({3}, {})}),
              HasSubstr("Shapes of all inputs must match: values[0].shape = "
                        "[2] != values[1].shape = [3]"));
  EXPECT_THAT(RunError("Pack", {Floats({2}, {}), Floats({2}, {})}, IntAttr("axis", 2)),
              HasSubstr("axis = 2 not in [-2, 2)"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
