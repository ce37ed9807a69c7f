#include <cmath>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(TopKTest, SortedWithTiesByIndex) {
  std::vector<Tensor> out =
      RunOk("TopKV2", {Floats({2, 4}, {1, 3, 3, 2, 0, -1, 5, 5}), Int32Scalar(3)},
            BoolAttr("sorted", true), 2);
  EXPECT_EQ(out[0].shape(), Shape({2, 3}));
  EXPECT_THAT(FloatValues(out[0]), ElementsAre(3, 3, 2, 5, 5, 0));
  EXPECT_EQ(out[1].dtype(), tensorflow::DT_INT32);
  EXPECT_THAT(IntValues(out[1]), ElementsAre(1, 2, 3, 2, 3, 0));
}

// TF's CPU kernel (gtl::TopN) with sorted=false, worked by hand through libstdc++'s heap steps
// for row [1, 3, 2, 4], k = 2: columns 0..2 form the heap [2, 1, 0] after make_heap/pop_heap (the
// least kept, value 2, at the front); column 3 beats it, replaces the back and is pushed, and
// pop_heap leaves [1, 3 | 2]. k == 1 and k == columns come out sorted, as TF sorts them anyway.
TEST(TopKTest, UnsortedKeepsTheHeapOrderOfTensorFlow) {
  std::vector<Tensor> out =
      RunOk("TopKV2", {Floats({1, 4}, {1, 3, 2, 4}), Int32Scalar(2)}, BoolAttr("sorted", false), 2);
  EXPECT_THAT(FloatValues(out[0]), ElementsAre(3, 4));
  EXPECT_THAT(IntValues(out[1]), ElementsAre(1, 3));
  std::vector<Tensor> one =
      RunOk("TopKV2", {Floats({4}, {1, 3, 2, 4}), Int32Scalar(1)}, BoolAttr("sorted", false), 2);
  EXPECT_THAT(IntValues(one[1]), ElementsAre(3));
  std::vector<Tensor> all =
      RunOk("TopKV2", {Floats({4}, {1, 3, 2, 4}), Int32Scalar(4)}, BoolAttr("sorted", false), 2);
  EXPECT_THAT(IntValues(all[1]), ElementsAre(3, 1, 2, 0));
}

TEST(TopKTest, IntsKZeroAndFullRow) {
  std::vector<Tensor> all = RunOk("TopKV2", {Ints({3}, {2, 9, 4}), Int32Scalar(3)}, "", 2);
  EXPECT_THAT(IntValues(all[0]), ElementsAre(9, 4, 2));
  EXPECT_THAT(IntValues(all[1]), ElementsAre(1, 2, 0));
  std::vector<Tensor> none = RunOk("TopKV2", {Ints({2, 3}, {}), Int32Scalar(0)}, "", 2);
  EXPECT_EQ(none[0].shape(), Shape({2, 0}));
}

// A long row with many ties and a NaN, k small: a row of 64 values cycling through 0..6 (NaN at
// column 10). Ranked: the NaN, then the 6s (columns 6, 13, 20, ...), lowest column first.
TEST(TopKTest, SortedSmallKOfALongRowWithTiesAndNaN) {
  std::vector<float> row(64);
  for (int i = 0; i < 64; ++i) row[i] = static_cast<float>(i % 7);
  row[10] = std::nanf("");
  std::vector<Tensor> out = RunOk("TopKV2", {Floats({64}, row), Int32Scalar(4)}, "", 2);
  EXPECT_TRUE(std::isnan(FloatValues(out[0])[0]));
  EXPECT_THAT(IntValues(out[1]), ElementsAre(10, 6, 13, 20));
}

TEST(TopKTest, Errors) {
  EXPECT_THAT(RunError("TopKV2", {Floats({2}, {}), Int32Scalar(3)}, "", 2),
              HasSubstr("input must have at least k columns. Had 2, needed 3"));
  EXPECT_THAT(RunError("TopKV2", {Floats({2}, {}), Int32Scalar(-1)}, "", 2),
              HasSubstr("Need k >= 0, got -1"));
  EXPECT_THAT(RunError("TopKV2", {Floats({}, {1}), Int32Scalar(1)}, "", 2),
              HasSubstr("input must be >= 1-D"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
