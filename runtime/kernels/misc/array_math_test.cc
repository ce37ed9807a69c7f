// Tests for LinSpace, ListDiff, Unique, LowerBound/UpperBound, Cumprod, EuclideanNorm,
// MatrixBandPart and Bincount/DenseBincount.
#include <cmath>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;
using testing::FloatValues;
using testing::Floats;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

std::string Message(const absl::StatusOr<std::vector<Tensor>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

TEST(LinSpaceTest, EndsExactlyAtStop) {
  auto out = RunOp("LinSpace", {Floats({}, {1.f}), Floats({}, {2.f}), Ints({}, {5})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(1.f, 1.25f, 1.5f, 1.75f, 2.f));
  auto single = RunOp("LinSpace", {Floats({}, {3.f}), Floats({}, {9.f}), Ints({}, {1})}, "");
  ASSERT_TRUE(single.ok());
  EXPECT_THAT(FloatValues((*single)[0]), ElementsAre(3.f));
  EXPECT_THAT(Message(RunOp("LinSpace", {Floats({}, {1}), Floats({}, {2}), Ints({}, {0})}, "")),
              HasSubstr("num > 0"));
}

TEST(ListDiffTest, KeepsOrderAndDuplicates) {
  auto out = RunOp("ListDiff", {Ints({6}, {1, 2, 3, 4, 2, 6}), Ints({3}, {1, 3, 5})}, "", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(2, 4, 2, 6));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(1, 3, 4, 5));
  EXPECT_FALSE(RunOp("ListDiff", {Ints({1, 1}, {1}), Ints({1}, {1})}, "", 2).ok());
}

TEST(UniqueTest, FirstOccurrenceOrderWithIndices) {
  auto out = RunOp("Unique", {Ints({9}, {1, 1, 2, 4, 4, 4, 7, 8, 8})}, "", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(1, 2, 4, 7, 8));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(0, 0, 1, 2, 2, 2, 3, 4, 4));
}

TEST(UniqueTest, NansStayDistinctAndInt64Indices) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  auto out = RunOp("Unique", {Floats({4}, {nan, 0.f, nan, -0.f})},
                   R"(attr { key: "out_idx" value { type: DT_INT64 } })", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].num_elements(), 3);
  EXPECT_EQ((*out)[1].dtype(), tensorflow::DT_INT64);
  EXPECT_THAT((*out)[1].values<int64_t>(), ElementsAre(0, 1, 2, 1));
}

TEST(UniqueTest, V2AlongAxisComparesSlices) {
  // Columns of [[1,0,1],[2,0,2]]: column 0 equals column 2.
  auto out = RunOp("UniqueV2", {Ints({2, 3}, {1, 0, 1, 2, 0, 2}), Ints({1}, {-1})}, "", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({2, 2}));
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(1, 0, 2, 0));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(0, 1, 0));
  EXPECT_THAT(Message(RunOp("UniqueV2", {Ints({2, 2}, {1}), Ints({0}, {})}, "", 2)),
              HasSubstr("1D vector"));
  EXPECT_FALSE(RunOp("UniqueV2", {Ints({2, 2}, {1}), Ints({1}, {2})}, "", 2).ok());
}

TEST(UniqueTest, Strings) {
  auto out = RunOp("Unique", {Tensor::Strings({4}, {"b", "a", "b", "c"})}, "", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].strings(), ElementsAre("b", "a", "c"));
  EXPECT_THAT(IntValues((*out)[1]), ElementsAre(0, 1, 0, 2));
}

TEST(BoundsTest, BatchedSearch) {
  Tensor sorted = Ints({2, 4}, {1, 3, 3, 7, 0, 0, 5, 9});
  Tensor values = Ints({2, 3}, {3, 0, 8, 0, 5, 10});
  auto lower = RunOp("LowerBound", {sorted, values}, "");
  auto upper = RunOp("UpperBound", {sorted, values}, "");
  ASSERT_TRUE(lower.ok() && upper.ok()) << lower.status() << upper.status();
  EXPECT_THAT(IntValues((*lower)[0]), ElementsAre(1, 0, 4, 0, 2, 4));
  EXPECT_THAT(IntValues((*upper)[0]), ElementsAre(3, 0, 4, 2, 3, 4));
  EXPECT_FALSE(RunOp("LowerBound", {sorted, Ints({3, 1}, {1, 2, 3})}, "").ok());
}

TEST(CumprodTest, ExclusiveAndReverse) {
  Tensor x = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  auto plain = RunOp("Cumprod", {x, Ints({}, {1})}, "");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_THAT(FloatValues((*plain)[0]), ElementsAre(1, 2, 6, 4, 20, 120));
  auto both = RunOp("Cumprod", {x, Ints({}, {-1})},
                    R"(attr { key: "exclusive" value { b: true } }
                       attr { key: "reverse" value { b: true } })");
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_THAT(FloatValues((*both)[0]), ElementsAre(6, 3, 1, 30, 6, 1));
  auto axis0 = RunOp("Cumprod", {Ints({2, 2}, {2, 3, 4, 5}), Ints({}, {0})},
                     R"(attr { key: "exclusive" value { b: true } })");
  ASSERT_TRUE(axis0.ok());
  EXPECT_THAT(IntValues((*axis0)[0]), ElementsAre(1, 1, 2, 3));
  EXPECT_FALSE(RunOp("Cumprod", {x, Ints({}, {2})}, "").ok());
}

TEST(EuclideanNormTest, ReducesAxes) {
  Tensor x = Floats({2, 2}, {3, 4, 6, 8});
  auto rows = RunOp("EuclideanNorm", {x, Ints({1}, {1})}, "");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(FloatValues((*rows)[0]), ElementsAre(5.f, 10.f));
  auto all = RunOp("EuclideanNorm", {x, Ints({2}, {0, 1})},
                   R"(attr { key: "keep_dims" value { b: true } })");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)[0].shape(), Shape({1, 1}));
  EXPECT_THAT(FloatValues((*all)[0]), Pointwise(FloatNear(1e-5), {std::sqrt(125.f)}));
  EXPECT_FALSE(RunOp("EuclideanNorm", {x, Ints({1}, {2})}, "").ok());
}

TEST(EuclideanNormTest, HalfSumsInFloat32AndRoundsOnce) {
  // float16 [300, 400] (0x5cb0, 0x5e40): 300^2 alone overflows float16's 65504, but summed in
  // float32 the norm is 500 = 0x5fd0, as TF's EuclideanNorm for half computes it.
  Tensor x = *Tensor::Allocate(tensorflow::DT_HALF, {2});
  x.mutable_data<uint16_t>()[0] = 0x5cb0;
  x.mutable_data<uint16_t>()[1] = 0x5e40;
  auto norm = RunOp("EuclideanNorm", {x, Ints({1}, {0})}, "");
  ASSERT_TRUE(norm.ok()) << norm.status();
  EXPECT_EQ((*norm)[0].dtype(), tensorflow::DT_HALF);
  EXPECT_EQ((*norm)[0].data<uint16_t>()[0], 0x5fd0);
  // bfloat16 [0.5, 1] (0x3f00, 0x3f80): sqrt(1.25) = 1.1180 rounds to 0x3f8f (1.1171875).
  Tensor y = *Tensor::Allocate(tensorflow::DT_BFLOAT16, {1, 2});
  y.mutable_data<uint16_t>()[0] = 0x3f00;
  y.mutable_data<uint16_t>()[1] = 0x3f80;
  auto row = RunOp("EuclideanNorm", {y, Ints({1}, {1})}, "");
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_EQ((*row)[0].dtype(), tensorflow::DT_BFLOAT16);
  EXPECT_EQ((*row)[0].data<uint16_t>()[0], 0x3f8f);
}

TEST(MatrixBandPartTest, KeepsBand) {
  Tensor x = Ints({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  auto tri = RunOp("MatrixBandPart", {x, Ints({}, {0}), Ints({}, {-1})}, "");
  ASSERT_TRUE(tri.ok()) << tri.status();
  EXPECT_THAT(IntValues((*tri)[0]), ElementsAre(1, 2, 3, 0, 5, 6, 0, 0, 9));
  auto band = RunOp("MatrixBandPart", {x, Ints({}, {1}), Ints({}, {0})}, "");
  ASSERT_TRUE(band.ok());
  EXPECT_THAT(IntValues((*band)[0]), ElementsAre(1, 0, 0, 4, 5, 0, 0, 8, 9));
  EXPECT_THAT(Message(RunOp("MatrixBandPart", {x, Ints({}, {4}), Ints({}, {0})}, "")),
              HasSubstr("num_lower"));
}

TEST(BincountTest, CountsAndWeights) {
  Tensor values = Ints({6}, {1, 1, 2, 5, 0, 1});
  auto counts = RunOp("Bincount", {values, Ints({}, {4}), Floats({0}, {})}, "");
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_THAT(FloatValues((*counts)[0]), ElementsAre(1, 3, 1, 0));
  auto weighted =
      RunOp("Bincount", {values, Ints({}, {3}), Floats({6}, {1, 2, 3, 4, 5, 6})}, "");
  ASSERT_TRUE(weighted.ok());
  EXPECT_THAT(FloatValues((*weighted)[0]), ElementsAre(5, 9, 3));
  EXPECT_THAT(Message(RunOp("Bincount", {Ints({1}, {-1}), Ints({}, {3}), Floats({0}, {})}, "")),
              HasSubstr("non-negative"));
}

TEST(BincountTest, DenseBatchedBinary) {
  Tensor values = Ints({2, 3}, {0, 0, 2, 1, 1, 1});
  auto out = RunOp("DenseBincount", {values, Ints({}, {3}), Ints({0}, {})},
                   R"(attr { key: "binary_output" value { b: true } })");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({2, 3}));
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(1, 0, 1, 0, 1, 0));
  auto counts = RunOp("DenseBincount", {values, Ints({}, {3}), Ints({0}, {})}, "");
  ASSERT_TRUE(counts.ok());
  EXPECT_THAT(IntValues((*counts)[0]), ElementsAre(2, 0, 1, 0, 3, 0));
}

}  // namespace
}  // namespace tfjs::runtime
