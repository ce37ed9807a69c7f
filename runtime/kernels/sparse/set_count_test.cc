// Tests for the set ops, EditDistance and the counting ops (Dense/Sparse/RaggedCountSparseOutput,
// SparseBincount, RaggedBincount); expected values worked by hand.
#include <limits>

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

std::string Attrs(const std::string& op, const std::string& type = "DT_INT32") {
  return "attr { key: \"T\" value { type: " + type + " } }" +
         "attr { key: \"set_operation\" value { s: \"" + op + "\" } }";
}

TEST(SetOpsTest, DenseToDense) {
  const Tensor a = Ints({2, 3}, {1, 2, 2, 3, 4, 5});
  const Tensor b = Ints({2, 2}, {2, 6, 5, 3});
  auto intersection = RunOp("DenseToDenseSetOperation", {a, b}, Attrs("intersection"), 3);
  ASSERT_TRUE(intersection.ok()) << intersection.status();
  EXPECT_THAT(Int64Values((*intersection)[0]), ElementsAre(0, 0, 1, 0, 1, 1));
  EXPECT_THAT(IntValues((*intersection)[1]), ElementsAre(2, 3, 5));
  EXPECT_THAT(Int64Values((*intersection)[2]), ElementsAre(2, 2));
  auto union_out = RunOp("DenseToDenseSetOperation", {a, b}, Attrs("union"), 3);
  ASSERT_TRUE(union_out.ok()) << union_out.status();
  EXPECT_THAT(IntValues((*union_out)[1]), ElementsAre(1, 2, 6, 3, 4, 5));
  EXPECT_THAT(Int64Values((*union_out)[2]), ElementsAre(2, 3));
  auto a_minus_b = RunOp("DenseToDenseSetOperation", {a, b}, Attrs("a-b"), 3);
  ASSERT_TRUE(a_minus_b.ok()) << a_minus_b.status();
  EXPECT_THAT(IntValues((*a_minus_b)[1]), ElementsAre(1, 4));
  EXPECT_THAT(Int64Values((*a_minus_b)[0]), ElementsAre(0, 0, 1, 0));
  EXPECT_THAT(StatusMessage(RunOp("DenseToDenseSetOperation", {a, b}, Attrs("xor"), 3)),
              HasSubstr("Invalid set_operation xor"));
  EXPECT_THAT(StatusMessage(RunOp("DenseToDenseSetOperation", {a, Ints({3, 2}, {1, 2, 3, 4, 5, 6})},
                                  Attrs("union"), 3)),
              HasSubstr("mismatch"));
}

TEST(SetOpsTest, SparseSetsAndSize) {
  // Sets {b, a} and {c} (rows 0 and 1); the sparse set2 has {a} in row 1.
  const std::vector<Tensor> set1 = {Int64s({3, 2}, {0, 0, 0, 1, 1, 0}),
                                    Tensor::Strings({3}, {"b", "a", "c"}), Int64s({2}, {2, 2})};
  auto size = RunOp("SetSize", set1, "attr { key: \"T\" value { type: DT_STRING } }");
  ASSERT_TRUE(size.ok()) << size.status();
  EXPECT_THAT(IntValues((*size)[0]), ElementsAre(2, 1));
  auto b_minus_a = RunOp("SparseToSparseSetOperation",
                         {set1[0], set1[1], set1[2], Int64s({1, 2}, {1, 0}),
                          Tensor::Strings({1}, {"a"}), Int64s({2}, {2, 2})},
                         Attrs("b-a", "DT_STRING"), 3);
  ASSERT_TRUE(b_minus_a.ok()) << b_minus_a.status();
  EXPECT_THAT(Int64Values((*b_minus_a)[0]), ElementsAre(1, 0));
  EXPECT_THAT((*b_minus_a)[1].strings(), ElementsAre("a"));
  auto dense_sparse = RunOp("DenseToSparseSetOperation",
                            {Tensor::Strings({2, 1}, {"a", "c"}), set1[0], set1[1], set1[2]},
                            Attrs("intersection", "DT_STRING"), 3);
  ASSERT_TRUE(dense_sparse.ok()) << dense_sparse.status();
  EXPECT_THAT((*dense_sparse)[1].strings(), ElementsAre("a", "c"));
  EXPECT_THAT(StatusMessage(RunOp(
                  "SetSize", {Int64s({2, 2}, {0, 1, 0, 0}), Ints({2}, {1, 2}), Int64s({2}, {1, 2})},
                  "attr { key: \"T\" value { type: DT_INT32 } }")),
              HasSubstr("must be sorted"));
}

TEST(EditDistanceTest, DocumentedExample) {
  // hypothesis [2, 2, 1]: (0,0,0)=a, (1,0,0)=b; truth [2, 2, 2]: (0,1,0)=a, (1,0,0)=b, (1,0,1)=c,
  // (1,1,0)=a.
  const std::vector<Tensor> inputs = {Int64s({2, 3}, {0, 0, 0, 1, 0, 0}),
                                      Tensor::Strings({2}, {"a", "b"}),
                                      Int64s({3}, {2, 1, 1}),
                                      Int64s({4, 3}, {0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0}),
                                      Tensor::Strings({4}, {"a", "b", "c", "a"}),
                                      Int64s({3}, {2, 2, 2})};
  auto out = RunOp("EditDistance", inputs, "attr { key: \"T\" value { type: DT_STRING } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,2]");
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(inf, 1.0f, 0.5f, 1.0f));
  auto raw = RunOp("EditDistance", inputs,
                   "attr { key: \"T\" value { type: DT_STRING } }"
                   "attr { key: \"normalize\" value { b: false } }");
  ASSERT_TRUE(raw.ok()) << raw.status();
  EXPECT_THAT(FloatValues((*raw)[0]), ElementsAre(1, 1, 1, 1));
}

std::string CountAttrs(const std::string& extra = "") {
  return "attr { key: \"T\" value { type: DT_INT32 } }"
         "attr { key: \"output_type\" value { type: DT_FLOAT } }"
         "attr { key: \"binary_output\" value { b: false } }" +
         extra;
}

TEST(CountSparseOutputTest, DenseSparseAndRagged) {
  auto dense = RunOp("DenseCountSparseOutput", {Ints({2, 3}, {1, 1, 3, 0, 7, -1}), Floats({0}, {})},
                     CountAttrs(), 3);
  ASSERT_TRUE(dense.ok()) << dense.status();
  EXPECT_THAT(Int64Values((*dense)[0]), ElementsAre(0, 1, 0, 3, 1, 0, 1, 7));
  EXPECT_THAT(FloatValues((*dense)[1]), ElementsAre(2, 1, 1, 1));
  EXPECT_THAT(Int64Values((*dense)[2]), ElementsAre(2, 8));
  auto weighted =
      RunOp("DenseCountSparseOutput", {Ints({3}, {2, 2, 5}), Floats({3}, {0.5, 0.25, 1})},
            CountAttrs("attr { key: \"maxlength\" value { i: 4 } }"), 3);
  ASSERT_TRUE(weighted.ok()) << weighted.status();
  EXPECT_THAT(Int64Values((*weighted)[0]), ElementsAre(2));
  EXPECT_THAT(FloatValues((*weighted)[1]), ElementsAre(0.75));
  EXPECT_THAT(Int64Values((*weighted)[2]), ElementsAre(4));
  auto sparse = RunOp("SparseCountSparseOutput",
                      {Int64s({3, 2}, {0, 0, 0, 4, 2, 1}), Ints({3}, {5, 5, 1}),
                       Int64s({2}, {3, 5}), Floats({0}, {})},
                      CountAttrs("attr { key: \"minlength\" value { i: 9 } }"), 3);
  ASSERT_TRUE(sparse.ok()) << sparse.status();
  EXPECT_THAT(Int64Values((*sparse)[0]), ElementsAre(0, 5, 2, 1));
  EXPECT_THAT(FloatValues((*sparse)[1]), ElementsAre(2, 1));
  EXPECT_THAT(Int64Values((*sparse)[2]), ElementsAre(3, 9));
  auto ragged = RunOp("RaggedCountSparseOutput",
                      {Int64s({3}, {0, 2, 3}), Ints({3}, {4, 4, 0}), Floats({0}, {})},
                      CountAttrs("attr { key: \"binary_output\" value { b: true } }"), 3);
  ASSERT_TRUE(ragged.ok()) << ragged.status();
  EXPECT_THAT(Int64Values((*ragged)[0]), ElementsAre(0, 4, 1, 0));
  EXPECT_THAT(FloatValues((*ragged)[1]), ElementsAre(1, 1));
  EXPECT_THAT(StatusMessage(RunOp("DenseCountSparseOutput",
                                  {Ints({3}, {1, 2, 3}), Floats({2}, {1, 1})}, CountAttrs(), 3)),
              HasSubstr("Weights and values must have the same shape"));
}

TEST(BincountTest, SparseAndRagged) {
  const std::string attrs =
      "attr { key: \"T\" value { type: DT_FLOAT } }"
      "attr { key: \"Tidx\" value { type: DT_INT32 } }";
  auto sparse = RunOp("SparseBincount",
                      {Int64s({3, 2}, {0, 0, 0, 1, 1, 0}), Ints({3}, {1, 1, 5}),
                       Int64s({2}, {2, 3}), Ints({}, {4}), Floats({3}, {0.5, 2, 9})},
                      attrs);
  ASSERT_TRUE(sparse.ok()) << sparse.status();
  EXPECT_THAT(FloatValues((*sparse)[0]), ElementsAre(0, 2.5, 0, 0, 0, 0, 0, 0));
  auto ragged =
      RunOp("RaggedBincount",
            {Int64s({3}, {0, 1, 3}), Ints({3}, {3, 0, 3}), Ints({}, {4}), Floats({0}, {})},
            attrs + "attr { key: \"binary_output\" value { b: true } }");
  ASSERT_TRUE(ragged.ok()) << ragged.status();
  EXPECT_THAT(FloatValues((*ragged)[0]), ElementsAre(0, 0, 0, 1, 1, 0, 0, 1));
  EXPECT_THAT(
      StatusMessage(RunOp(
          "RaggedBincount",
          {Int64s({2}, {0, 2}), Ints({3}, {3, 0, 3}), Ints({}, {4}), Floats({0}, {})}, attrs)),
      HasSubstr("Splits must be a vector"));
}

}  // namespace
}  // namespace tfjs::runtime
