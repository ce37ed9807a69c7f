#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(RangeTest, Ints) {
  EXPECT_THAT(IntValues(RunOk("Range", {Int32Scalar(3), Int32Scalar(18), Int32Scalar(3)})[0]),
              ElementsAre(3, 6, 9, 12, 15));
  EXPECT_THAT(IntValues(RunOk("Range", {Int32Scalar(5), Int32Scalar(0), Int32Scalar(-2)})[0]),
              ElementsAre(5, 3, 1));
  EXPECT_THAT(IntValues(RunOk("Range", {Int32Scalar(2), Int32Scalar(2), Int32Scalar(1)})[0]),
              IsEmpty());
  Tensor wide = RunOk("Range", {Int64s({}, {0}), Int64s({}, {5}), Int64s({}, {2})})[0];
  EXPECT_EQ(wide.dtype(), tensorflow::DT_INT64);
  EXPECT_THAT(Values<int64_t>(wide), ElementsAre(0, 2, 4));
}

TEST(RangeTest, FloatsAccumulate) {
  Tensor out = RunOk("Range", {Floats({}, {0}), Floats({}, {1}), Floats({}, {0.1f})})[0];
  std::vector<float> expected;
  float value = 0;
  for (int i = 0; i < static_cast<int>(std::ceil(1.f / 0.1f)); ++i, value += 0.1f) {
    expected.push_back(value);
  }
  EXPECT_EQ(out.shape(), Shape({static_cast<int64_t>(expected.size())}));
  EXPECT_THAT(FloatValues(out), ElementsAreArray(expected));
  EXPECT_THAT(
      FloatValues(RunOk("Range", {Floats({}, {1}), Floats({}, {-0.5f}), Floats({}, {-0.5f})})[0]),
      ElementsAre(1.f, 0.5f, 0.f));
}

TEST(RangeTest, Errors) {
  EXPECT_THAT(RunError("Range", {Int32Scalar(0), Int32Scalar(5), Int32Scalar(0)}),
              HasSubstr("Requires delta != 0"));
  EXPECT_THAT(RunError("Range", {Int32Scalar(5), Int32Scalar(0), Int32Scalar(1)}),
              HasSubstr("Requires start <= limit when delta > 0: 5/0"));
  EXPECT_THAT(RunError("Range", {Int32Scalar(0), Int32Scalar(5), Int32Scalar(-1)}),
              HasSubstr("Requires start >= limit when delta < 0: 0/5"));
  EXPECT_THAT(RunError("Range", {Ints({1}, {0}), Int32Scalar(5), Int32Scalar(1)}),
              HasSubstr("start must be a scalar"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
