// Tests for the SparseTensor kernels: reorder, add, min/max, concat, slice, split, reductions,
// softmax, cwise with dense, SparseTensorDenseMatMul and SparseMatMul; expected values are
// worked by hand (several are TF's documented examples).
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Int64s;
using testing::Int64Values;
using testing::Ints;
using testing::IntValues;
using ::testing::Pointwise;
using testing::RunOp;
using testing::StatusMessage;

std::string TypeAttr(const std::string& name, const std::string& type) {
  return "attr { key: \"" + name + "\" value { type: " + type + " } }";
}
const std::string kFloat = TypeAttr("T", "DT_FLOAT");

TEST(SparseReorderTest, RowMajorOrder) {
  auto out = RunOp(
      "SparseReorder",
      {Int64s({3, 2}, {1, 0, 0, 1, 0, 0}), Floats({3}, {1, 2, 3}), Int64s({2}, {2, 2})}, kFloat, 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 0, 0, 1, 1, 0));
  EXPECT_THAT(FloatValues((*out)[1]), ElementsAre(3, 2, 1));
  EXPECT_THAT(StatusMessage(RunOp(
                  "SparseReorder",
                  {Int64s({3}, {1, 0, 0}), Floats({3}, {1, 2, 3}), Int64s({1}, {2})}, kFloat, 2)),
              HasSubstr("Input indices should be an int64 matrix"));
}

TEST(SparseAddTest, MergesAndThresholdsSums) {
  const std::vector<Tensor> a = {Int64s({2, 2}, {0, 0, 1, 1}), Floats({2}, {1, 2}),
                                 Int64s({2}, {2, 2})};
  const std::vector<Tensor> b = {Int64s({2, 2}, {0, 0, 0, 1}), Floats({2}, {-1, 5}),
                                 Int64s({2}, {2, 2})};
  const std::string attrs = kFloat + TypeAttr("Treal", "DT_FLOAT");
  auto zero = RunOp("SparseAdd", {a[0], a[1], a[2], b[0], b[1], b[2], Floats({}, {0})}, attrs, 3);
  ASSERT_TRUE(zero.ok()) << zero.status();
  EXPECT_THAT(Int64Values((*zero)[0]), ElementsAre(0, 0, 0, 1, 1, 1));
  EXPECT_THAT(FloatValues((*zero)[1]), ElementsAre(0, 5, 2));
  EXPECT_THAT(Int64Values((*zero)[2]), ElementsAre(2, 2));
  auto half = RunOp("SparseAdd", {a[0], a[1], a[2], b[0], b[1], b[2], Floats({}, {0.5})}, attrs, 3);
  ASSERT_TRUE(half.ok()) << half.status();
  EXPECT_THAT(Int64Values((*half)[0]), ElementsAre(0, 1, 1, 1));
  EXPECT_THAT(FloatValues((*half)[1]), ElementsAre(5, 2));
  EXPECT_THAT(StatusMessage(RunOp(
                  "SparseAdd", {a[0], a[1], a[2], b[0], b[1], Int64s({2}, {2, 3}), Floats({}, {0})},
                  attrs, 3)),
              HasSubstr("Operands' shapes do not match"));
}

TEST(SparseSparseMinMaxTest, AbsentEntriesAreZero) {
  const std::vector<Tensor> inputs = {Int64s({2, 2}, {0, 0, 1, 1}), Floats({2}, {-1, 3}),
                                      Int64s({2}, {2, 2}),          Int64s({2, 2}, {0, 0, 0, 1}),
                                      Floats({2}, {-2, -5}),        Int64s({2}, {2, 2})};
  auto max = RunOp("SparseSparseMaximum", inputs, kFloat, 2);
  ASSERT_TRUE(max.ok()) << max.status();
  EXPECT_THAT(Int64Values((*max)[0]), ElementsAre(0, 0, 0, 1, 1, 1));
  EXPECT_THAT(FloatValues((*max)[1]), ElementsAre(-1, 0, 3));
  auto min = RunOp("SparseSparseMinimum", inputs, kFloat, 2);
  ASSERT_TRUE(min.ok()) << min.status();
  EXPECT_THAT(FloatValues((*min)[1]), ElementsAre(-2, -5, 0));
}

TEST(SparseConcatTest, DocumentedExample) {
  auto out = RunOp("SparseConcat",
                   {Int64s({3, 2}, {0, 2, 1, 0, 1, 1}), Int64s({2, 2}, {0, 1, 0, 2}),
                    Tensor::Strings({3}, {"a", "b", "c"}), Tensor::Strings({2}, {"d", "e"}),
                    Int64s({2}, {2, 3}), Int64s({2}, {2, 4})},
                   TypeAttr("T", "DT_STRING") +
                       "attr { key: \"N\" value { i: 2 } }"
                       "attr { key: \"concat_dim\" value { i: 1 } }",
                   3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 2, 0, 4, 0, 5, 1, 0, 1, 1));
  EXPECT_THAT((*out)[1].strings(), ElementsAre("a", "d", "e", "b", "c"));
  EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(2, 7));
  EXPECT_THAT(StatusMessage(RunOp("SparseConcat",
                                  {Int64s({0, 2}, {}), Int64s({0, 2}, {}), Floats({0}, {}),
                                   Floats({0}, {}), Int64s({2}, {2, 3}), Int64s({2}, {3, 4})},
                                  kFloat + "attr { key: \"N\" value { i: 2 } }"
                                           "attr { key: \"concat_dim\" value { i: 1 } }",
                                  3)),
              HasSubstr("Input shapes must match: expected 2 for dimension 0 but got 3"));
}

TEST(SparseSliceTest, KeepsAndReindexesEntriesInside) {
  auto out = RunOp("SparseSlice",
                   {Int64s({4, 2}, {0, 0, 0, 3, 1, 2, 1, 4}), Floats({4}, {1, 2, 3, 4}),
                    Int64s({2}, {2, 6}), Int64s({2}, {0, 1}), Int64s({2}, {2, 3})},
                   kFloat, 3);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 2, 1, 1));
  EXPECT_THAT(FloatValues((*out)[1]), ElementsAre(2, 3));
  EXPECT_THAT(Int64Values((*out)[2]), ElementsAre(2, 3));
  // A size past the end is clipped to the shape.
  auto clipped = RunOp("SparseSlice",
                       {Int64s({4, 2}, {0, 0, 0, 3, 1, 2, 1, 4}), Floats({4}, {1, 2, 3, 4}),
                        Int64s({2}, {2, 6}), Int64s({2}, {1, 4}), Int64s({2}, {5, 5})},
                       kFloat, 3);
  ASSERT_TRUE(clipped.ok()) << clipped.status();
  EXPECT_THAT(Int64Values((*clipped)[0]), ElementsAre(0, 0));
  EXPECT_THAT(Int64Values((*clipped)[2]), ElementsAre(1, 2));
}

TEST(SparseSplitTest, DocumentedExample) {
  auto out = RunOp("SparseSplit",
                   {Int64s({}, {1}), Int64s({5, 2}, {0, 2, 0, 4, 0, 5, 1, 0, 1, 1}),
                    Floats({5}, {1, 2, 3, 4, 5}), Int64s({2}, {2, 7})},
                   kFloat + "attr { key: \"num_split\" value { i: 2 } }", 6);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(Int64Values((*out)[0]), ElementsAre(0, 2, 1, 0, 1, 1));
  EXPECT_THAT(Int64Values((*out)[1]), ElementsAre(0, 0, 0, 1));
  EXPECT_THAT(FloatValues((*out)[2]), ElementsAre(1, 4, 5));
  EXPECT_THAT(FloatValues((*out)[3]), ElementsAre(2, 3));
  EXPECT_THAT(Int64Values((*out)[4]), ElementsAre(2, 4));
  EXPECT_THAT(Int64Values((*out)[5]), ElementsAre(2, 3));
  EXPECT_THAT(StatusMessage(
                  RunOp("SparseSplit",
                        {Int64s({}, {1}), Int64s({0, 2}, {}), Floats({0}, {}), Int64s({2}, {2, 1})},
                        kFloat + "attr { key: \"num_split\" value { i: 2 } }", 6)),
              HasSubstr("num_split should be between 1 and 1"));
}

const std::vector<Tensor> ReduceInput(std::vector<float> values) {
  return {Int64s({3, 2}, {0, 0, 0, 2, 1, 1}), Floats({3}, std::move(values)), Int64s({2}, {3, 3})};
}

TEST(SparseReduceTest, SumDenseAndSparse) {
  std::vector<Tensor> inputs = ReduceInput({1, 2, 3});
  inputs.push_back(Ints({1}, {1}));
  auto rows = RunOp("SparseReduceSum", inputs, kFloat);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(FloatValues((*rows)[0]), ElementsAre(3, 3, 0));
  auto sparse_rows = RunOp("SparseReduceSumSparse", inputs, kFloat, 3);
  ASSERT_TRUE(sparse_rows.ok()) << sparse_rows.status();
  EXPECT_THAT(Int64Values((*sparse_rows)[0]), ElementsAre(0, 1));
  EXPECT_THAT(FloatValues((*sparse_rows)[1]), ElementsAre(3, 3));
  EXPECT_THAT(Int64Values((*sparse_rows)[2]), ElementsAre(3));
  inputs.back() = Ints({0}, {});
  auto all = RunOp("SparseReduceSum", inputs, kFloat);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ((*all)[0].rank(), 0);
  EXPECT_THAT(FloatValues((*all)[0]), ElementsAre(6));
  inputs.back() = Ints({1}, {-2});
  auto kept =
      RunOp("SparseReduceSum", inputs, kFloat + "attr { key: \"keep_dims\" value { b: true } }");
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(ShapeString((*kept)[0].shape()), "[1,3]");
  EXPECT_THAT(FloatValues((*kept)[0]), ElementsAre(1, 3, 2));
  inputs.back() = Ints({1}, {2});
  EXPECT_THAT(StatusMessage(RunOp("SparseReduceSum", inputs, kFloat)),
              HasSubstr("Invalid reduction dimension 2"));
}

TEST(SparseReduceTest, MaxOnlyOverPresentEntries) {
  std::vector<Tensor> inputs = ReduceInput({-1, -2, 3});
  inputs.push_back(Ints({1}, {1}));
  auto out = RunOp("SparseReduceMax", inputs, kFloat);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(-1, 3, 0));
  auto sparse_out = RunOp("SparseReduceMaxSparse", inputs, kFloat, 3);
  ASSERT_TRUE(sparse_out.ok()) << sparse_out.status();
  EXPECT_THAT(FloatValues((*sparse_out)[1]), ElementsAre(-1, 3));
}

TEST(SparseSoftmaxTest, PerRowOverPresentEntries) {
  auto out = RunOp("SparseSoftmax", ReduceInput({1, 2, 5}), kFloat);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0.26894142f, 0.73105858f, 1.0f}));
  EXPECT_THAT(
      StatusMessage(RunOp("SparseSoftmax",
                          {Int64s({1, 1}, {0}), Floats({1}, {1}), Int64s({1}, {2})}, kFloat)),
      HasSubstr("rank >= 2"));
}

TEST(SparseDenseCwiseTest, DenseBroadcastsToSparse) {
  const std::vector<Tensor> sp = {Int64s({2, 2}, {0, 1, 1, 2}), Floats({2}, {2, 3}),
                                  Int64s({2}, {2, 3})};
  auto mul = RunOp("SparseDenseCwiseMul", {sp[0], sp[1], sp[2], Floats({3}, {10, 20, 30})}, kFloat);
  ASSERT_TRUE(mul.ok()) << mul.status();
  EXPECT_THAT(FloatValues((*mul)[0]), ElementsAre(40, 90));
  auto div = RunOp("SparseDenseCwiseDiv", {sp[0], sp[1], sp[2], Floats({2, 1}, {2, 3})}, kFloat);
  ASSERT_TRUE(div.ok()) << div.status();
  EXPECT_THAT(FloatValues((*div)[0]), ElementsAre(1, 1));
  auto add = RunOp("SparseDenseCwiseAdd", {sp[0], sp[1], sp[2], Floats({}, {1})}, kFloat);
  ASSERT_TRUE(add.ok()) << add.status();
  EXPECT_THAT(FloatValues((*add)[0]), ElementsAre(3, 4));
  EXPECT_THAT(StatusMessage(
                  RunOp("SparseDenseCwiseAdd", {sp[0], sp[1], sp[2], Floats({2}, {1, 2})}, kFloat)),
              HasSubstr("broadcasts dense to sparse only"));
  EXPECT_THAT(StatusMessage(RunOp("SparseDenseCwiseDiv",
                                  {sp[0], Ints({2}, {1, 2}), sp[2], Ints({3}, {1, 1, 0})},
                                  TypeAttr("T", "DT_INT32"))),
              HasSubstr("division by zero"));
}

TEST(SparseTensorDenseMatMulTest, AdjointsAndBounds) {
  const std::string attrs = kFloat + TypeAttr("Tindices", "DT_INT64");
  const Tensor b = Floats({3, 2}, {1, 2, 3, 4, 5, 6});
  auto out =
      RunOp("SparseTensorDenseMatMul",
            {Int64s({2, 2}, {0, 0, 1, 2}), Floats({2}, {1, 2}), Int64s({2}, {2, 3}), b}, attrs);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(1, 2, 10, 12));
  // adjoint_a: A is [3, 2] with A[0,0] = 1, A[2,1] = 2; A^T B.
  auto adjoint = RunOp("SparseTensorDenseMatMul",
                       {Int64s({2, 2}, {0, 0, 2, 1}), Floats({2}, {1, 2}), Int64s({2}, {3, 2}), b},
                       attrs + "attr { key: \"adjoint_a\" value { b: true } }");
  ASSERT_TRUE(adjoint.ok()) << adjoint.status();
  EXPECT_THAT(FloatValues((*adjoint)[0]), ElementsAre(1, 2, 10, 12));
  // adjoint_b: B^T is given as [2, 3].
  auto adjoint_b = RunOp("SparseTensorDenseMatMul",
                         {Int64s({2, 2}, {0, 0, 1, 2}), Floats({2}, {1, 2}), Int64s({2}, {2, 3}),
                          Floats({2, 3}, {1, 3, 5, 2, 4, 6})},
                         attrs + "attr { key: \"adjoint_b\" value { b: true } }");
  ASSERT_TRUE(adjoint_b.ok()) << adjoint_b.status();
  EXPECT_THAT(FloatValues((*adjoint_b)[0]), ElementsAre(1, 2, 10, 12));
  EXPECT_THAT(StatusMessage(
                  RunOp("SparseTensorDenseMatMul",
                        {Int64s({1, 2}, {0, 3}), Floats({1}, {1}), Int64s({2}, {2, 3}), b}, attrs)),
              HasSubstr("out of bounds"));
  EXPECT_THAT(StatusMessage(
                  RunOp("SparseTensorDenseMatMul",
                        {Int64s({1, 2}, {0, 0}), Floats({1}, {1}), Int64s({2}, {2, 4}), b}, attrs)),
              HasSubstr("inner dimension does not match"));
}

TEST(SparseMatMulTest, DenseProductWithTransposes) {
  const std::string attrs = TypeAttr("Ta", "DT_FLOAT") + TypeAttr("Tb", "DT_FLOAT");
  auto out =
      RunOp("SparseMatMul", {Floats({2, 2}, {1, 2, 3, 4}), Floats({2, 2}, {5, 6, 7, 8})}, attrs);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(19, 22, 43, 50));
  auto transposed =
      RunOp("SparseMatMul", {Floats({2, 2}, {1, 2, 3, 4}), Floats({2, 2}, {5, 6, 7, 8})},
            attrs + "attr { key: \"transpose_a\" value { b: true } }");
  ASSERT_TRUE(transposed.ok()) << transposed.status();
  EXPECT_THAT(FloatValues((*transposed)[0]), ElementsAre(26, 30, 38, 44));
  EXPECT_THAT(StatusMessage(
                  RunOp("SparseMatMul",
                        {Floats({2, 3}, {1, 2, 3, 4, 5, 6}), Floats({2, 2}, {5, 6, 7, 8})}, attrs)),
              HasSubstr("Matrix size incompatible"));
}

}  // namespace
}  // namespace tfjs::runtime
