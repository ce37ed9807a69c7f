// Tests for UniqueWithCounts(V2) and SparseTensorDenseAdd.
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

TEST(UniqueWithCountsTest, CountsEachUniqueValue) {
  auto outputs = RunOp("UniqueWithCounts", {Ints({7}, {4, 1, 4, 4, 2, 1, 9})}, "", 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(4, 1, 2, 9));
  EXPECT_THAT(IntValues((*outputs)[1]), ElementsAre(0, 1, 0, 0, 2, 1, 3));
  EXPECT_THAT(IntValues((*outputs)[2]), ElementsAre(3, 2, 1, 1));
}

TEST(UniqueWithCountsTest, V2CountsSlicesAlongAnAxis) {
  auto outputs = RunOp("UniqueWithCountsV2",
                       {Ints({3, 2}, {1, 2, 3, 4, 1, 2}), Ints({1}, {0})}, "", 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(IntValues((*outputs)[2]), ElementsAre(2, 1));
}

TEST(SparseTensorDenseAddTest, AddsEveryEntryIncludingDuplicates) {
  auto outputs = RunOp("SparseTensorDenseAdd",
                       {Ints({3, 2}, {0, 1, 1, 0, 0, 1}), Floats({3}, {1, 2, 10}),
                        Ints({2}, {2, 2}), Floats({2, 2}, {1, 1, 1, 1})},
                       "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(1, 12, 3, 1));
}

TEST(SparseTensorDenseAddTest, Errors) {
  EXPECT_THAT(std::string(RunOp("SparseTensorDenseAdd",
                                {Ints({1, 2}, {2, 0}), Floats({1}, {1}), Ints({2}, {2, 2}),
                                 Floats({2, 2}, {})},
                                "").status().message()),
              HasSubstr("out of bounds"));
  EXPECT_THAT(std::string(RunOp("SparseTensorDenseAdd",
                                {Ints({1, 2}, {0, 0}), Floats({1}, {1}), Ints({2}, {2, 3}),
                                 Floats({2, 2}, {})},
                                "").status().message()),
              HasSubstr("Dimension mismatch"));
}

}  // namespace
}  // namespace tfjs::runtime
