// Tests for the ragged kernels: RaggedGather, RaggedTensorToSparse, RaggedTensorToTensor,
// RaggedFillEmptyRows and the variant round trip; expected splits and values worked by hand.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Int64s;
using testing::Int64Values;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;
using testing::StatusMessage;

std::string GatherAttrs(int output_rank) {
  return "attr { key: \"Tvalues\" value { type: DT_FLOAT } }"
         "attr { key: \"Tindices\" value { type: DT_INT32 } }"
         "attr { key: \"PARAMS_RAGGED_RANK\" value { i: 1 } }"
         "attr { key: \"OUTPUT_RAGGED_RANK\" value { i: " +
         std::to_string(output_rank) + " } }";
}

// [[1, 2], [3], [], [4, 5, 6]].
const Tensor kSplits = Int64s({5}, {0, 2, 3, 3, 6});
const Tensor kValues = Floats({6}, {1, 2, 3, 4, 5, 6});

TEST(RaggedGatherTest, VectorMatrixAndScalarIndices) {
  auto rows = RunOp("RaggedGather", {kSplits, kValues, Ints({2}, {3, 0})}, GatherAttrs(1), 2);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(Int64Values((*rows)[0]), ElementsAre(0, 3, 5));
  EXPECT_THAT(FloatValues((*rows)[1]), ElementsAre(4, 5, 6, 1, 2));
  auto matrix = RunOp("RaggedGather", {kSplits, kValues, Ints({2, 1}, {3, 1})}, GatherAttrs(2), 3);
  ASSERT_TRUE(matrix.ok()) << matrix.status();
  EXPECT_THAT(Int64Values((*matrix)[0]), ElementsAre(0, 1, 2));
  EXPECT_THAT(Int64Values((*matrix)[1]), ElementsAre(0, 3, 4));
  EXPECT_THAT(FloatValues((*matrix)[2]), ElementsAre(4, 5, 6, 3));
  auto scalar = RunOp("RaggedGather", {kSplits, kValues, Ints({}, {1})}, GatherAttrs(0), 1);
  ASSERT_TRUE(scalar.ok()) << scalar.status();
  EXPECT_THAT(FloatValues((*scalar)[0]), ElementsAre(3));
  EXPECT_THAT(
      StatusMessage(RunOp("RaggedGather", {kSplits, kValues, Ints({1}, {4})}, GatherAttrs(1), 2)),
      HasSubstr("indices[0] = 4 is not in [0, 4)"));
  EXPECT_THAT(StatusMessage(RunOp("RaggedGather", {Int64s({3}, {0, 2, 7}), kValues, Ints({1}, {0})},
                                  GatherAttrs(1), 2)),
              HasSubstr("Invalid RaggedTensor"));
}

TEST(RaggedTensorToSparseTest, IndicesOverRaggedAndInnerDims) {
  auto out =
      RunOp("RaggedTensorToSparse", {Int64s({3}, {0, 2, 3}), Floats({3, 2}, {1, 2, 3, 4, 5, 6})},
            "attr { key: \"RAGGED_RANK\" value { i: 1 } }"
            "attr { key: \"T\" value { type: DT_FLOAT } }",
            3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]),
              ElementsAre(0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1));
  EXPECT_THAT(FloatValues((*out)[1]), ElementsAre(1, 2, 3, 4, 5, 6));
  EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(2, 2, 2));
}

std::string ToTensorAttrs(const std::string& types) {
  return "attr { key: \"T\" value { type: DT_FLOAT } }"
         "attr { key: \"Tindex\" value { type: DT_INT64 } }"
         "attr { key: \"Tshape\" value { type: DT_INT64 } }"
         "attr { key: \"row_partition_types\" value { list { " +
         types + " } } }";
}

TEST(RaggedTensorToTensorTest, PadsCutsAndTakesRowIds) {
  const Tensor values = Floats({3}, {1, 2, 3});
  auto natural = RunOp("RaggedTensorToTensor",
                       {Int64s({}, {-1}), values, Floats({}, {0}), Int64s({4}, {0, 2, 2, 3})},
                       ToTensorAttrs("s: \"ROW_SPLITS\""));
  ASSERT_TRUE(natural.ok()) << natural.status();
  EXPECT_EQ(ShapeString((*natural)[0].shape()), "[3,2]");
  EXPECT_THAT(FloatValues((*natural)[0]), ElementsAre(1, 2, 0, 0, 3, 0));
  auto cut = RunOp("RaggedTensorToTensor",
                   {Int64s({2}, {2, 1}), values, Floats({}, {9}), Int64s({4}, {0, 2, 2, 3})},
                   ToTensorAttrs("s: \"ROW_SPLITS\""));
  ASSERT_TRUE(cut.ok()) << cut.status();
  EXPECT_THAT(FloatValues((*cut)[0]), ElementsAre(1, 9));
  auto rowids = RunOp(
      "RaggedTensorToTensor",
      {Int64s({2}, {-1, 3}), values, Floats({}, {0}), Int64s({}, {3}), Int64s({3}, {0, 0, 2})},
      ToTensorAttrs("s: \"FIRST_DIM_SIZE\" s: \"VALUE_ROWIDS\""));
  ASSERT_TRUE(rowids.ok()) << rowids.status();
  EXPECT_EQ(ShapeString((*rowids)[0].shape()), "[3,3]");
  EXPECT_THAT(FloatValues((*rowids)[0]), ElementsAre(1, 2, 0, 0, 0, 0, 3, 0, 0));
}

TEST(RaggedFillEmptyRowsTest, DefaultsForEmptyRows) {
  auto out =
      RunOp("RaggedFillEmptyRows",
            {Int64s({3}, {0, 0, 2}), Floats({3}, {1, 2, 3}), Int64s({}, {4}), Floats({}, {9})},
            "attr { key: \"T\" value { type: DT_FLOAT } }", 4);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 0, 1, 2, 3));
  EXPECT_THAT(FloatValues((*out)[1]), ElementsAre(1, 2, 9, 3, 9));
  EXPECT_THAT((*out)[2].values<bool>(), ElementsAre(false, true, false, true));
  EXPECT_THAT(Int64Values((*out)[3]), ElementsAre(0, 1, 3));
  EXPECT_THAT(
      StatusMessage(RunOp("RaggedFillEmptyRows",
                          {Int64s({1}, {4}), Floats({1}, {1}), Int64s({}, {4}), Floats({}, {9})},
                          "attr { key: \"T\" value { type: DT_FLOAT } }", 4)),
      HasSubstr("out of range"));
}

TEST(RaggedVariantTest, BatchedAndWholeRoundTrips) {
  const std::string types =
      "attr { key: \"Tvalues\" value { type: DT_FLOAT } }"
      "attr { key: \"Tsplits\" value { type: DT_INT64 } }";
  auto batched = RunOp("RaggedTensorToVariant", {Int64s({3}, {0, 2, 3}), Floats({3}, {1, 2, 3})},
                       types +
                           "attr { key: \"RAGGED_RANK\" value { i: 1 } }"
                           "attr { key: \"batched_input\" value { b: true } }");
  ASSERT_TRUE(batched.ok()) << batched.status();
  EXPECT_EQ(ShapeString((*batched)[0].shape()), "[2]");
  auto back = RunOp("RaggedTensorFromVariant", {(*batched)[0]},
                    types +
                        "attr { key: \"input_ragged_rank\" value { i: 0 } }"
                        "attr { key: \"output_ragged_rank\" value { i: 1 } }",
                    2);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_THAT(Int64Values((*back)[0]), ElementsAre(0, 2, 3));
  EXPECT_THAT(FloatValues((*back)[1]), ElementsAre(1, 2, 3));
  auto whole = RunOp("RaggedTensorToVariant", {Int64s({3}, {0, 2, 3}), Floats({3}, {1, 2, 3})},
                     types +
                         "attr { key: \"RAGGED_RANK\" value { i: 1 } }"
                         "attr { key: \"batched_input\" value { b: false } }");
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ((*whole)[0].rank(), 0);
  auto whole_back = RunOp("RaggedTensorFromVariant", {(*whole)[0]},
                          types +
                              "attr { key: \"input_ragged_rank\" value { i: 1 } }"
                              "attr { key: \"output_ragged_rank\" value { i: 1 } }",
                          2);
  ASSERT_TRUE(whole_back.ok()) << whole_back.status();
  EXPECT_THAT(Int64Values((*whole_back)[0]), ElementsAre(0, 2, 3));
  EXPECT_THAT(StatusMessage(RunOp("RaggedTensorFromVariant", {(*whole)[0]},
                                  "attr { key: \"Tvalues\" value { type: DT_INT32 } }"
                                  "attr { key: \"input_ragged_rank\" value { i: 1 } }"
                                  "attr { key: \"output_ragged_rank\" value { i: 1 } }",
                                  2)),
              HasSubstr("Expected values of dtype int32"));
}

}  // namespace
}  // namespace tfjs::runtime
