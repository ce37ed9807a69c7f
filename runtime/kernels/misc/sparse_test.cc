// Tests for SparseToDense, SparseFillEmptyRows, SparseReshape and SparseSegmentSum/Mean.
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
using testing::MakeTensor;
using testing::RunOp;

Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}

std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

TEST(SparseToDenseTest, ScattersOverDefault) {
  auto out = RunOp("SparseToDense",
                   {Ints({2, 2}, {0, 1, 1, 2}), Ints({2}, {2, 3}), Floats({2}, {5, 6}),
                    Floats({}, {-1})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({2, 3}));
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(-1, 5, -1, -1, -1, 6));
  auto vector = RunOp("SparseToDense",
                      {Ints({2}, {0, 3}), Ints({1}, {4}), Ints({}, {7}), Ints({}, {0})}, "");
  ASSERT_TRUE(vector.ok()) << vector.status();
  EXPECT_THAT(IntValues((*vector)[0]), ElementsAre(7, 0, 0, 7));
}

TEST(SparseToDenseTest, ValidatesIndices) {
  const std::vector<Tensor> unordered = {Ints({2}, {3, 0}), Ints({1}, {4}), Ints({}, {7}),
                                         Ints({}, {0})};
  EXPECT_THAT(Message(RunOp("SparseToDense", unordered, "")), HasSubstr("out of order"));
  EXPECT_TRUE(RunOp("SparseToDense", unordered,
                    R"(attr { key: "validate_indices" value { b: false } })").ok());
  EXPECT_THAT(Message(RunOp("SparseToDense",
                            {Ints({2}, {0, 0}), Ints({1}, {4}), Ints({}, {7}), Ints({}, {0})},
                            "")),
              HasSubstr("repeated"));
  EXPECT_THAT(Message(RunOp("SparseToDense",
                            {Ints({1}, {4}), Ints({1}, {4}), Ints({}, {7}), Ints({}, {0})}, "")),
              HasSubstr("out of bounds"));
}

TEST(SparseFillEmptyRowsTest, MatchesTfExample) {
  Tensor indices = Int64s({4, 2}, {0, 1, 0, 3, 2, 0, 3, 1});
  Tensor values = Tensor::Strings({4}, {"a", "b", "c", "d"});
  auto out = RunOp("SparseFillEmptyRows",
                   {indices, values, Int64s({2}, {5, 6}), Tensor::Strings({}, {"x"})}, "", 4);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<int64_t>(), ElementsAre(0, 1, 0, 3, 1, 0, 2, 0, 3, 1, 4, 0));
  EXPECT_THAT((*out)[1].strings(), ElementsAre("a", "b", "x", "c", "d", "x"));
  EXPECT_THAT((*out)[2].values<bool>(), ElementsAre(false, true, false, false, true));
  EXPECT_THAT((*out)[3].values<int64_t>(), ElementsAre(0, 1, 3, 4));
}

TEST(SparseFillEmptyRowsTest, GroupsUnorderedRowsAndRejectsBadRows) {
  auto out = RunOp("SparseFillEmptyRows",
                   {Int64s({2, 1}, {2, 0}), Floats({2}, {1, 2}), Int64s({1}, {3}),
                    Floats({}, {0})}, "", 4);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<int64_t>(), ElementsAre(0, 1, 2));
  EXPECT_THAT(FloatValues((*out)[1]), ElementsAre(2, 0, 1));
  EXPECT_THAT((*out)[3].values<int64_t>(), ElementsAre(2, 0));
  EXPECT_THAT(Message(RunOp("SparseFillEmptyRows",
                            {Int64s({1, 1}, {3}), Floats({1}, {1}), Int64s({1}, {3}),
                             Floats({}, {0})}, "", 4)),
              HasSubstr("indices(0, 0) is invalid"));
}

TEST(SparseReshapeTest, MatchesTfExample) {
  Tensor indices = Int64s({5, 3}, {0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 2, 3});
  auto out = RunOp("SparseReshape", {indices, Int64s({3}, {2, 3, 6}), Int64s({2}, {9, -1})}, "",
                   2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<int64_t>(), ElementsAre(0, 0, 0, 1, 1, 2, 4, 2, 8, 1));
  EXPECT_THAT((*out)[1].values<int64_t>(), ElementsAre(9, 4));
  EXPECT_THAT(Message(RunOp("SparseReshape",
                            {indices, Int64s({3}, {2, 3, 6}), Int64s({2}, {7, -1})}, "", 2)),
              HasSubstr("36"));
  EXPECT_THAT(Message(RunOp("SparseReshape",
                            {indices, Int64s({3}, {2, 3, 6}), Int64s({2}, {-1, -1})}, "", 2)),
              HasSubstr("only one"));
}

TEST(SparseSegmentTest, SumAndMeanMatchTfExamples) {
  Tensor c = Floats({3, 4}, {1, 2, 3, 4, -1, -2, -3, -4, 5, 6, 7, 8});
  auto cancel = RunOp("SparseSegmentSum", {c, Ints({2}, {0, 1}), Ints({2}, {0, 0})}, "");
  ASSERT_TRUE(cancel.ok()) << cancel.status();
  EXPECT_THAT(FloatValues((*cancel)[0]), ElementsAre(0, 0, 0, 0));
  auto two = RunOp("SparseSegmentSum", {c, Ints({3}, {0, 1, 2}), Ints({3}, {0, 0, 1})}, "");
  ASSERT_TRUE(two.ok());
  EXPECT_THAT(FloatValues((*two)[0]), ElementsAre(0, 0, 0, 0, 5, 6, 7, 8));
  auto mean = RunOp("SparseSegmentMean", {c, Ints({2}, {0, 2}), Ints({2}, {0, 2})}, "");
  ASSERT_TRUE(mean.ok()) << mean.status();
  EXPECT_EQ((*mean)[0].shape(), Shape({3, 4}));
  EXPECT_THAT(FloatValues((*mean)[0]), ElementsAre(1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 8));
  auto averaged = RunOp("SparseSegmentMean", {c, Ints({2}, {0, 2}), Ints({2}, {0, 0})}, "");
  ASSERT_TRUE(averaged.ok());
  EXPECT_THAT(FloatValues((*averaged)[0]), ElementsAre(3, 4, 5, 6));
}

TEST(SparseSegmentTest, Errors) {
  Tensor c = Floats({2, 1}, {1, 2});
  EXPECT_THAT(Message(RunOp("SparseSegmentSum", {c, Ints({1}, {2}), Ints({1}, {0})}, "")),
              HasSubstr("out of range"));
  EXPECT_THAT(Message(RunOp("SparseSegmentSum", {c, Ints({2}, {0, 1}), Ints({2}, {1, 0})}, "")),
              HasSubstr("not increasing"));
  EXPECT_FALSE(RunOp("SparseSegmentMean", {Ints({2}, {1, 2}), Ints({1}, {0}), Ints({1}, {0})}, "")
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
