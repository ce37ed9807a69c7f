#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(CumsumTest, ModesAlongLastAxis) {
  Tensor input = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_THAT(FloatValues(RunOk("Cumsum", {input, Int32Scalar(1)})[0]),
              ElementsAre(1, 3, 6, 4, 9, 15));
  EXPECT_THAT(
      FloatValues(RunOk("Cumsum", {input, Int32Scalar(-1)}, BoolAttr("exclusive", true))[0]),
      ElementsAre(0, 1, 3, 0, 4, 9));
  EXPECT_THAT(FloatValues(RunOk("Cumsum", {input, Int32Scalar(1)}, BoolAttr("reverse", true))[0]),
              ElementsAre(6, 5, 3, 15, 11, 6));
  EXPECT_THAT(FloatValues(RunOk("Cumsum", {input, Int32Scalar(1)},
                                BoolAttr("reverse", true) + BoolAttr("exclusive", true))[0]),
              ElementsAre(5, 3, 0, 11, 6, 0));
}

TEST(CumsumTest, FirstAxisInts) {
  Tensor out = RunOk("Cumsum", {Ints({2, 2}, {1, 2, 3, 4}), Int64s({}, {0})})[0];
  EXPECT_THAT(IntValues(out), ElementsAre(1, 2, 4, 6));
}

TEST(CumsumTest, Errors) {
  EXPECT_THAT(RunError("Cumsum", {Floats({2}, {}), Int32Scalar(1)}),
              HasSubstr("ScanOp: Expected scan axis in the range [-1, 1), but got 1"));
  EXPECT_THAT(RunError("Cumsum", {Floats({2}, {}), Ints({1}, {0})}),
              HasSubstr("ScanOp: axis must be a scalar"));
  EXPECT_THAT(RunError("Cumsum", {Bools({2}, {}), Int32Scalar(0)}), HasSubstr("has dtype bool"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
