// Tests of InvertPermutation, UnravelIndex, ConcatOffset, DataFormatDimMap/VecPermute,
// Inplace{Update,Add,Sub}, Empty, ReverseSequence, SpaceToDepth, SpaceToBatch/BatchToSpace,
// TensorStridedSliceUpdate and CumulativeLogsumexp: worked cases and TF's errors.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

constexpr char kFloatT[] = "attr { key: \"T\" value { type: DT_FLOAT } }";
constexpr char kInt32T[] = "attr { key: \"T\" value { type: DT_INT32 } }";

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs, const std::string& attrs,
             int num_outputs = 1, int output = 0) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs, num_outputs);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[output] : Tensor();
}

std::string RunError(const std::string& op, const std::vector<Tensor>& inputs,
                     const std::string& attrs) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs);
  EXPECT_FALSE(outputs.ok()) << op << " should fail";
  return outputs.ok() ? "" : std::string(outputs.status().message());
}

TEST(InvertPermutationTest, InvertsAndRejectsNonPermutations) {
  EXPECT_THAT(IntValues(RunOk("InvertPermutation", {Ints({3}, {1, 2, 0})}, kInt32T)),
              ElementsAre(2, 0, 1));
  EXPECT_THAT(IntValues(RunOk("InvertPermutation", {Ints({0}, {})}, kInt32T)), ElementsAre());
  EXPECT_THAT(RunError("InvertPermutation", {Ints({3}, {0, 0, 1})}, kInt32T),
              HasSubstr("0 is duplicated in the input"));
  EXPECT_THAT(RunError("InvertPermutation", {Ints({2}, {0, 2})}, kInt32T),
              HasSubstr("2 is not between 0 and 2"));
  EXPECT_THAT(RunError("InvertPermutation", {Ints({}, {0})}, kInt32T),
              HasSubstr("expects a 1D vector"));
}

TEST(UnravelIndexTest, ScalarIndexAndBounds) {
  const std::string tidx = "attr { key: \"Tidx\" value { type: DT_INT32 } }";
  Tensor out = RunOk("UnravelIndex", {Ints({}, {23}), Ints({3}, {2, 3, 4})}, tidx);
  EXPECT_EQ(ShapeString(out.shape()), "[3]");
  EXPECT_THAT(IntValues(out), ElementsAre(1, 2, 3));
  EXPECT_THAT(RunError("UnravelIndex", {Ints({1}, {24}), Ints({3}, {2, 3, 4})}, tidx),
              HasSubstr("out of bounds"));
  EXPECT_THAT(RunError("UnravelIndex", {Ints({1}, {0}), Ints({2}, {2, 0})}, tidx),
              HasSubstr("dims must be > 0"));
}

TEST(ConcatOffsetTest, NegativeAxisAndMismatch) {
  const std::string attrs = "attr { key: \"N\" value { i: 3 } }";
  std::vector<Tensor> inputs = {Ints({}, {-1}), Ints({2}, {2, 1}), Ints({2}, {2, 3}),
                                Ints({2}, {2, 0})};
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp("ConcatOffset", inputs, attrs, 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(0, 0));
  EXPECT_THAT(IntValues((*outputs)[1]), ElementsAre(0, 1));
  EXPECT_THAT(IntValues((*outputs)[2]), ElementsAre(0, 4));
  EXPECT_THAT(RunError("ConcatOffset", {Ints({}, {1}), Ints({2}, {2, 1}), Ints({2}, {3, 1})},
                       "attr { key: \"N\" value { i: 2 } }"),
              HasSubstr("mismatch: 2 vs. 3"));
  EXPECT_THAT(RunError("ConcatOffset", {Ints({}, {2}), Ints({2}, {2, 1}), Ints({2}, {2, 1})},
                       "attr { key: \"N\" value { i: 2 } }"),
              HasSubstr("Concat dim is out of range"));
}

TEST(DataFormatTest, ThreeDFormatsAndBadAttrs) {
  const std::string ndhwc = std::string(kInt32T) +
                            "attr { key: \"src_format\" value { s: \"NDHWC\" } } "
                            "attr { key: \"dst_format\" value { s: \"NCDHW\" } }";
  EXPECT_THAT(IntValues(RunOk("DataFormatDimMap", {Ints({3}, {4, 1, -5})}, ndhwc)),
              ElementsAre(1, 2, 0));
  EXPECT_THAT(IntValues(RunOk("DataFormatVecPermute", {Ints({5}, {1, 2, 3, 4, 5})}, ndhwc)),
              ElementsAre(1, 5, 2, 3, 4));
  EXPECT_THAT(
      IntValues(RunOk("DataFormatVecPermute", {Ints({4, 2}, {1, 2, 3, 4, 5, 6, 7, 8})}, kInt32T)),
      ElementsAre(1, 2, 7, 8, 3, 4, 5, 6));
  EXPECT_THAT(RunError("DataFormatVecPermute", {Ints({3}, {1, 2, 3})}, kInt32T),
              HasSubstr("input must be a vector of size 2 or 4"));
  EXPECT_THAT(RunError("DataFormatDimMap", {Ints({1}, {0})},
                       std::string(kInt32T) + "attr { key: \"dst_format\" value { s: \"NCH\" } }"),
              HasSubstr("same length"));
  EXPECT_THAT(RunError("DataFormatDimMap", {Ints({1}, {0})},
                       std::string(kInt32T) + "attr { key: \"dst_format\" value { s: \"NCHX\" } }"),
              HasSubstr("permutations"));
}

TEST(InplaceTest, UpdatesInOrderAndChecksRows) {
  EXPECT_THAT(FloatValues(RunOk(
                  "InplaceUpdate",
                  {Floats({2, 2}, {1, 2, 3, 4}), Ints({2}, {0, 0}), Floats({2, 2}, {5, 6, 7, 8})},
                  kFloatT)),
              ElementsAre(7, 8, 3, 4));
  EXPECT_THAT(
      FloatValues(RunOk("InplaceSub", {Floats({2}, {1, 2}), Ints({2}, {1, 1}), Floats({2}, {5, 6})},
                        kFloatT)),
      ElementsAre(1, -9));
  EXPECT_THAT(
      RunError("InplaceAdd", {Floats({2}, {1, 2}), Ints({1}, {2}), Floats({1}, {5})}, kFloatT),
      HasSubstr("out of range"));
  EXPECT_THAT(
      RunError("InplaceAdd",
               {Floats({2, 2}, {1, 2, 3, 4}), Ints({1}, {0}), Floats({1, 3}, {5, 6, 7})}, kFloatT),
      HasSubstr("x and v shape doesn't match"));
}

TEST(EmptyTest, ZeroFilledOfTheDtype) {
  Tensor out =
      RunOk("Empty", {Ints({2}, {0, 3})}, "attr { key: \"dtype\" value { type: DT_INT32 } }");
  EXPECT_EQ(ShapeString(out.shape()), "[0,3]");
  EXPECT_THAT(
      RunError("Empty", {Ints({1}, {-1})}, "attr { key: \"dtype\" value { type: DT_INT32 } }"),
      HasSubstr("must be >= 0"));
}

TEST(ReverseSequenceTest, BatchAfterSeqAndErrors) {
  // seq_dim 0, batch_dim 1: column b reverses its first lengths[b] rows.
  const std::string attrs = std::string(kFloatT) +
                            "attr { key: \"seq_dim\" value { i: 0 } } "
                            "attr { key: \"batch_dim\" value { i: 1 } } "
                            "attr { key: \"Tlen\" value { type: DT_INT32 } }";
  EXPECT_THAT(FloatValues(RunOk("ReverseSequence",
                                {Floats({3, 2}, {1, 2, 3, 4, 5, 6}), Ints({2}, {3, 0})}, attrs)),
              ElementsAre(5, 2, 3, 4, 1, 6));
  EXPECT_THAT(
      RunError("ReverseSequence", {Floats({3, 2}, {1, 2, 3, 4, 5, 6}), Ints({2}, {4, 0})}, attrs),
      HasSubstr("seq_lengths[0] = 4"));
  EXPECT_THAT(RunError("ReverseSequence",
                       {Floats({3, 2}, {1, 2, 3, 4, 5, 6}), Ints({3}, {1, 1, 1})}, attrs),
              HasSubstr("seq_lengths must be a vector of length 2"));
}

TEST(SpaceToDepthTest, BlockMustDivide) {
  const std::string attrs = std::string(kFloatT) + "attr { key: \"block_size\" value { i: 2 } }";
  EXPECT_THAT(RunError("SpaceToDepth", {Floats({1, 3, 2, 1}, {1, 2, 3, 4, 5, 6})}, attrs),
              HasSubstr("should be divisible by block_size: 2"));
  EXPECT_THAT(RunError("SpaceToDepth", {Floats({1, 2, 2, 1}, {1, 2, 3, 4})},
                       std::string(kFloatT) + "attr { key: \"block_size\" value { i: 1 } }"),
              HasSubstr("Block size should be > 1"));
}

TEST(SpaceToBatchTest, PaddingsAndCropsRoundTrip) {
  const std::string attrs = std::string(kFloatT) + "attr { key: \"block_size\" value { i: 2 } }";
  // A 1x1 image padded to 2x2 (zeros after): four batches of one pixel.
  Tensor batch =
      RunOk("SpaceToBatch", {Floats({1, 1, 1, 1}, {7}), Ints({2, 2}, {0, 1, 0, 1})}, attrs);
  EXPECT_EQ(ShapeString(batch.shape()), "[4,1,1,1]");
  EXPECT_THAT(FloatValues(batch), ElementsAre(7, 0, 0, 0));
  Tensor space = RunOk("BatchToSpace", {batch, Ints({2, 2}, {0, 1, 0, 1})}, attrs);
  EXPECT_EQ(ShapeString(space.shape()), "[1,1,1,1]");
  EXPECT_THAT(FloatValues(space), ElementsAre(7));
  EXPECT_THAT(RunError("SpaceToBatch", {Floats({1, 1, 1}, {7}), Ints({2, 2}, {0, 1, 0, 1})}, attrs),
              HasSubstr("input rank should be 4"));
}

TEST(StridedSliceUpdateTest, StridesMasksAndShapeMismatch) {
  const std::string attrs = std::string(kFloatT) +
                            "attr { key: \"Index\" value { type: DT_INT32 } } "
                            "attr { key: \"shrink_axis_mask\" value { i: 1 } }";
  // Row 1 of a 2x3 matrix, every other column from the end.
  EXPECT_THAT(FloatValues(RunOk("TensorStridedSliceUpdate",
                                {Floats({2, 3}, {1, 2, 3, 4, 5, 6}), Ints({2}, {1, 2}),
                                 Ints({2}, {2, -4}), Ints({2}, {1, -2}), Floats({2}, {9, 8})},
                                attrs)),
              ElementsAre(1, 2, 3, 8, 5, 9));
  EXPECT_THAT(RunError("StridedSliceAssign",
                       {Floats({2, 3}, {1, 2, 3, 4, 5, 6}), Ints({2}, {1, 0}), Ints({2}, {2, 3}),
                        Ints({2}, {1, 1}), Floats({2}, {9, 8})},
                       attrs),
              HasSubstr("sliced l-value shape [3] does not match r-value shape [2]"));
}

TEST(CumulativeLogsumexpTest, InfinitiesAndNaN) {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> out = FloatValues(RunOk(
      "CumulativeLogsumexp",
      {Floats({4}, {-inf, -inf, 1000, std::numeric_limits<float>::quiet_NaN()}), Ints({}, {0})},
      kFloatT));
  EXPECT_EQ(out[0], -inf);
  EXPECT_EQ(out[1], -inf);
  EXPECT_EQ(out[2], 1000);
  EXPECT_TRUE(std::isnan(out[3]));
  EXPECT_THAT(RunError("CumulativeLogsumexp", {Floats({2}, {1, 2}), Ints({}, {1})}, kFloatT),
              HasSubstr("Expected scan axis in the range [-1, 1)"));
}

TEST(TopKV2Test, Int64IndicesAndHalfValues) {
  absl::StatusOr<std::vector<Tensor>> outputs =
      RunOp("TopKV2",
            {testing::MakeTensor<uint16_t>(tensorflow::DT_HALF, {3},
                                           {0x3C00 /* 1 */, 0x4200 /* 3 */, 0x4000 /* 2 */}),
             Ints({}, {2})},
            "attr { key: \"T\" value { type: DT_HALF } } "
            "attr { key: \"index_type\" value { type: DT_INT64 } }",
            2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT((*outputs)[0].values<uint16_t>(), ElementsAre(0x4200, 0x4000));
  EXPECT_EQ((*outputs)[1].dtype(), tensorflow::DT_INT64);
  EXPECT_THAT((*outputs)[1].values<int64_t>(), ElementsAre(1, 2));
}

TEST(RangeTest, HalfStepsRoundEveryAdd) {
  // 2048 + 1 rounds to 2048 in float16 at each step, as TF's float16 accumulation does.
  const auto half = [](uint16_t bits) {
    return testing::MakeTensor<uint16_t>(tensorflow::DT_HALF, {}, {bits});
  };
  Tensor out = RunOk("Range", {half(0x6800 /* 2048 */), half(0x6806 /* 2060 */), half(0x3C00)},
                     "attr { key: \"Tidx\" value { type: DT_HALF } }");
  ASSERT_EQ(out.num_elements(), 12);
  EXPECT_EQ(out.values<uint16_t>()[11], 0x6800);
}

}  // namespace
}  // namespace tfjs::runtime
