#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

std::vector<int32_t> RunInts(const std::string& op, const std::vector<Tensor>& inputs) {
  auto outputs = RunOp(op, inputs, "");
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  return outputs.ok() ? IntValues((*outputs)[0]) : std::vector<int32_t>{};
}

TEST(SegmentTest, SortedIdsReduceRowsAndEmptySegmentsAreZero) {
  // Rows [1,2], [3,4], [5,6], [7,8] with ids 0, 0, 2, 2: segment 1 is empty.
  Tensor data = Ints({4, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor ids = Ints({4}, {0, 0, 2, 2});
  EXPECT_THAT(RunInts("SegmentSum", {data, ids}), ElementsAre(4, 6, 0, 0, 12, 14));
  EXPECT_THAT(RunInts("SegmentMean", {data, ids}), ElementsAre(2, 3, 0, 0, 6, 7));
  EXPECT_THAT(RunInts("SegmentProd", {data, ids}), ElementsAre(3, 8, 1, 1, 35, 48));
  EXPECT_THAT(RunInts("SegmentMin", {data, ids}), ElementsAre(1, 2, 0, 0, 5, 6));
  EXPECT_THAT(RunInts("SegmentMax", {data, ids}), ElementsAre(3, 4, 0, 0, 7, 8));
}

TEST(SegmentTest, Errors) {
  Tensor data = Ints({3}, {1, 2, 3});
  EXPECT_THAT(std::string(RunOp("SegmentSum", {data, Ints({3}, {0, 2, 1})}, "")
                              .status().message()),
              HasSubstr("not increasing"));
  EXPECT_THAT(std::string(RunOp("SegmentSum", {data, Ints({3}, {-1, 0, 0})}, "")
                              .status().message()),
              HasSubstr(">= 0"));
  EXPECT_FALSE(RunOp("SegmentSum", {data, Ints({2}, {0, 0})}, "").ok());
}

TEST(UnsortedSegmentTest, AnyOrderNegativeIdsDroppedIdentityForEmpty) {
  Tensor data = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor ids = Ints({2, 3}, {2, 0, 2, -1, 0, 1});
  Tensor num = Ints({}, {4});
  auto sum = RunOp("UnsortedSegmentSum", {data, ids, num}, "");
  auto prod = RunOp("UnsortedSegmentProd", {data, ids, num}, "");
  auto max = RunOp("UnsortedSegmentMax", {data, ids, num}, "");
  auto min = RunOp("UnsortedSegmentMin", {data, ids, num}, "");
  ASSERT_TRUE(sum.ok() && prod.ok() && max.ok() && min.ok()) << sum.status();
  const float lowest = std::numeric_limits<float>::lowest();
  const float highest = std::numeric_limits<float>::max();
  EXPECT_THAT(FloatValues((*sum)[0]), ElementsAre(7, 6, 4, 0));
  EXPECT_THAT(FloatValues((*prod)[0]), ElementsAre(10, 6, 3, 1));
  EXPECT_THAT(FloatValues((*max)[0]), ElementsAre(5, 6, 3, lowest));
  EXPECT_THAT(FloatValues((*min)[0]), ElementsAre(2, 6, 1, highest));
}

TEST(UnsortedSegmentTest, IdsIndexLeadingAxesOfData) {
  // ids [2] over data [2, 2]: each id takes a row of 2.
  EXPECT_THAT(RunInts("UnsortedSegmentSum", {Ints({2, 2}, {1, 2, 3, 4}), Ints({2}, {1, 1}),
                                             Ints({}, {2})}),
              ElementsAre(0, 0, 4, 6));
}

TEST(UnsortedSegmentTest, Errors) {
  Tensor data = Ints({3}, {1, 2, 3});
  EXPECT_THAT(std::string(RunOp("UnsortedSegmentSum", {data, Ints({3}, {0, 3, 1}), Ints({}, {3})},
                                "").status().message()),
              HasSubstr("segment_ids[1] = 3 is out of range [0, 3)"));
  EXPECT_THAT(std::string(RunOp("UnsortedSegmentSum", {data, Ints({2}, {0, 0}), Ints({}, {3})},
                                "").status().message()),
              HasSubstr("does not start with"));
}

}  // namespace
}  // namespace tfjs::runtime
