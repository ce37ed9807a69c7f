#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ReverseV2Test, AxesIncludingNegative) {
  Tensor input = Ints({2, 3}, {0, 1, 2, 3, 4, 5});
  EXPECT_THAT(IntValues(RunOk("ReverseV2", {input, Ints({1}, {1})})[0]),
              ElementsAre(2, 1, 0, 5, 4, 3));
  EXPECT_THAT(IntValues(RunOk("ReverseV2", {input, Int64s({2}, {-2, -1})})[0]),
              ElementsAre(5, 4, 3, 2, 1, 0));
  Tensor same = RunOk("ReverseV2", {input, Ints({0}, {})})[0];
  EXPECT_EQ(same.raw_data(), input.raw_data());
}

TEST(ReverseV2Test, StringsAndEmpty) {
  Tensor out = RunOk("ReverseV2", {Tensor::Strings({3}, {"a", "b", "c"}), Ints({1}, {0})})[0];
  EXPECT_THAT(out.strings(), ElementsAre("c", "b", "a"));
  EXPECT_EQ(RunOk("ReverseV2", {Floats({0, 2}, {}), Ints({1}, {1})})[0].shape(), Shape({0, 2}));
}

TEST(ReverseTest, BoolMask) {
  Tensor out = RunOk("Reverse", {Floats({2, 2}, {1, 2, 3, 4}), Bools({2}, {true, false})})[0];
  EXPECT_THAT(FloatValues(out), ElementsAre(3, 4, 1, 2));
}

TEST(ReverseTest, Errors) {
  Tensor input = Floats({2, 2}, {});
  EXPECT_THAT(RunError("ReverseV2", {input, Ints({1}, {2})}),
              HasSubstr("'axis'[0] = 2 is out of valid range [0, 1]"));
  EXPECT_THAT(RunError("ReverseV2", {input, Ints({2}, {1, -1})}),
              HasSubstr("axis 1 specified more than once."));
  EXPECT_THAT(RunError("Reverse", {input, Bools({1}, {true})}),
              HasSubstr("'dims' must have the same number of values as 'input' has dimensions"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
