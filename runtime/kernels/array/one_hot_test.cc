#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(OneHotTest, LastAxisOutOfRangeIsOff) {
  Tensor out =
      RunOk("OneHot", {Ints({3}, {0, 2, 5}), Int32Scalar(3), Floats({}, {1}), Floats({}, {0})})[0];
  EXPECT_EQ(out.shape(), Shape({3, 3}));
  EXPECT_THAT(FloatValues(out), ElementsAre(1, 0, 0, 0, 0, 1, 0, 0, 0));
  Tensor negative =
      RunOk("OneHot", {Int64s({1}, {-1}), Int32Scalar(2), Ints({}, {7}), Ints({}, {-7})})[0];
  EXPECT_THAT(IntValues(negative), ElementsAre(-7, -7));
}

TEST(OneHotTest, AxisZeroMatchesLoop) {
  const std::vector<int32_t> indices = {1, 0, 2, 1};  // [2, 2]
  Tensor out =
      RunOk("OneHot", {Ints({2, 2}, indices), Int32Scalar(3), Floats({}, {5}), Floats({}, {-1})},
            IntAttr("axis", 0))[0];
  EXPECT_EQ(out.shape(), Shape({3, 2, 2}));
  std::vector<float> expected;
  for (int d = 0; d < 3; ++d)
    for (int32_t index : indices) expected.push_back(index == d ? 5 : -1);
  EXPECT_THAT(FloatValues(out), ::testing::ElementsAreArray(expected));
}

TEST(OneHotTest, ScalarIndexAndStrings) {
  Tensor out = RunOk("OneHot", {Ints({}, {1}), Int32Scalar(2), Tensor::Strings({}, {"on"}),
                                Tensor::Strings({}, {"off"})})[0];
  EXPECT_EQ(out.shape(), Shape({2}));
  EXPECT_THAT(out.strings(), ElementsAre("off", "on"));
}

TEST(OneHotTest, Errors) {
  EXPECT_THAT(
      RunError("OneHot", {Ints({2}, {0, 1}), Int32Scalar(-1), Floats({}, {1}), Floats({}, {0})}),
      HasSubstr("depth must be non-negative, got: -1"));
  EXPECT_THAT(
      RunError("OneHot", {Ints({2}, {0, 1}), Int32Scalar(2), Floats({}, {1}), Floats({}, {0})},
               IntAttr("axis", 3)),
      HasSubstr("Expected axis to be -1 or between [0, 1].  But received: 3"));
  EXPECT_THAT(
      RunError("OneHot", {Ints({2}, {0, 1}), Int32Scalar(2), Floats({1}, {1}), Floats({}, {0})}),
      HasSubstr("on_value must be a scalar"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
