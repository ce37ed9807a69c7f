#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(WhereTest, BoolCoordinatesInt64) {
  Tensor out = RunOk("Where", {Bools({2, 3}, {true, false, false, false, true, true})})[0];
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT64);
  EXPECT_EQ(out.shape(), Shape({3, 2}));
  EXPECT_THAT(Values<int64_t>(out), ElementsAre(0, 0, 1, 1, 1, 2));
}

TEST(WhereTest, NumbersNonZeroNanAndNegativeZero) {
  Tensor out = RunOk("Where", {Floats({4}, {0.f, -0.f, NAN, -2.f})})[0];
  EXPECT_EQ(out.shape(), Shape({2, 1}));
  EXPECT_THAT(Values<int64_t>(out), ElementsAre(2, 3));
  EXPECT_THAT(Values<int64_t>(RunOk("Where", {Ints({3}, {0, 5, 0})})[0]), ElementsAre(1));
}

TEST(WhereTest, ScalarsAndEmpty) {
  EXPECT_EQ(RunOk("Where", {Bools({}, {true})})[0].shape(), Shape({1, 0}));
  EXPECT_EQ(RunOk("Where", {Bools({}, {false})})[0].shape(), Shape({0, 0}));
  Tensor none = RunOk("Where", {Floats({0, 3}, {})})[0];
  EXPECT_EQ(none.shape(), Shape({0, 2}));
  EXPECT_THAT(Values<int64_t>(none), IsEmpty());
}

}  // namespace
}  // namespace tfjs::runtime::testing
