// Tests for the CSRSparseMatrix kernels: building from a SparseTensor or dense entries, reading
// back (components, dense, SparseTensor, nnz), transpose and the two products; expected values
// worked by hand.
#include <cmath>
#include <complex>

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

const std::string kT = "attr { key: \"T\" value { type: DT_FLOAT } }";
const std::string kType = "attr { key: \"type\" value { type: DT_FLOAT } }";

// The [3, 2] matrix with [0, 1] = 1 and [2, 0] = 2.
Tensor Matrix() {
  auto out = RunOp("SparseTensorToCSRSparseMatrix",
                   {Int64s({2, 2}, {2, 0, 0, 1}), Floats({2}, {2, 1}), Int64s({2}, {3, 2})}, kT);
  EXPECT_TRUE(out.ok()) << out.status();
  return (*out)[0];
}

TEST(CsrMatrixTest, ReadsBackEveryWay) {
  const Tensor matrix = Matrix();
  auto components = RunOp("CSRSparseMatrixComponents", {matrix, Ints({}, {0})}, kType, 3);
  ASSERT_TRUE(components.ok()) << components.status();
  EXPECT_THAT(IntValues((*components)[0]), ElementsAre(0, 1, 1, 2));
  EXPECT_THAT(IntValues((*components)[1]), ElementsAre(1, 0));
  EXPECT_THAT(FloatValues((*components)[2]), ElementsAre(1, 2));
  auto dense = RunOp("CSRSparseMatrixToDense", {matrix}, kType);
  ASSERT_TRUE(dense.ok()) << dense.status();
  EXPECT_EQ(ShapeString((*dense)[0].shape()), "[3,2]");
  EXPECT_THAT(FloatValues((*dense)[0]), ElementsAre(0, 1, 0, 0, 2, 0));
  auto sparse = RunOp("CSRSparseMatrixToSparseTensor", {matrix}, kType, 3);
  ASSERT_TRUE(sparse.ok()) << sparse.status();
  EXPECT_THAT(Int64Values((*sparse)[0]), ElementsAre(0, 1, 2, 0));
  EXPECT_THAT(Int64Values((*sparse)[2]), ElementsAre(3, 2));
  auto nnz = RunOp("SparseMatrixNNZ", {matrix}, "");
  ASSERT_TRUE(nnz.ok()) << nnz.status();
  EXPECT_EQ((*nnz)[0].rank(), 0);
  EXPECT_THAT(IntValues((*nnz)[0]), ElementsAre(2));
  EXPECT_THAT(StatusMessage(RunOp("CSRSparseMatrixComponents", {matrix, Ints({}, {1})}, kType, 3)),
              HasSubstr("not in [0, batch_size (1))"));
  EXPECT_THAT(StatusMessage(RunOp("CSRSparseMatrixToDense", {matrix},
                                  "attr { key: \"type\" value { type: DT_DOUBLE } }")),
              HasSubstr("Expected a CSRSparseMatrix of dtype float64"));
}

TEST(CsrMatrixTest, BatchedFromDense) {
  auto built =
      RunOp("DenseToCSRSparseMatrix",
            {Floats({2, 2, 2}, {5, 0, 0, 0, 0, 0, 0, 6}), Int64s({2, 3}, {0, 0, 0, 1, 1, 1})}, kT);
  ASSERT_TRUE(built.ok()) << built.status();
  auto second = RunOp("CSRSparseMatrixComponents", {(*built)[0], Ints({}, {1})}, kType, 3);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(IntValues((*second)[0]), ElementsAre(0, 0, 1));
  EXPECT_THAT(IntValues((*second)[1]), ElementsAre(1));
  EXPECT_THAT(FloatValues((*second)[2]), ElementsAre(6));
  auto nnz = RunOp("SparseMatrixNNZ", {(*built)[0]}, "");
  ASSERT_TRUE(nnz.ok()) << nnz.status();
  EXPECT_THAT(IntValues((*nnz)[0]), ElementsAre(1, 1));
  auto dense = RunOp("CSRSparseMatrixToDense", {(*built)[0]}, kType);
  ASSERT_TRUE(dense.ok()) << dense.status();
  EXPECT_THAT(FloatValues((*dense)[0]), ElementsAre(5, 0, 0, 0, 0, 0, 0, 6));
}

TEST(CsrMatrixTest, TransposeAndProducts) {
  const Tensor matrix = Matrix();
  auto transposed = RunOp("SparseMatrixTranspose", {matrix}, kType);
  ASSERT_TRUE(transposed.ok()) << transposed.status();
  auto dense_t = RunOp("CSRSparseMatrixToDense", {(*transposed)[0]}, kType);
  ASSERT_TRUE(dense_t.ok()) << dense_t.status();
  EXPECT_THAT(FloatValues((*dense_t)[0]), ElementsAre(0, 0, 2, 1, 0, 0));
  auto product = RunOp("SparseMatrixMatMul", {matrix, Floats({2, 2}, {1, 2, 3, 4})}, kT);
  ASSERT_TRUE(product.ok()) << product.status();
  EXPECT_THAT(FloatValues((*product)[0]), ElementsAre(3, 4, 0, 0, 2, 4));
  auto product_t = RunOp("SparseMatrixMatMul", {matrix, Floats({2, 2}, {1, 2, 3, 4})},
                         kT + "attr { key: \"transpose_output\" value { b: true } }");
  ASSERT_TRUE(product_t.ok()) << product_t.status();
  EXPECT_THAT(FloatValues((*product_t)[0]), ElementsAre(3, 0, 2, 4, 0, 4));
  auto gram = RunOp("SparseMatrixSparseMatMul", {matrix, matrix},
                    kType + "attr { key: \"transpose_b\" value { b: true } }");
  ASSERT_TRUE(gram.ok()) << gram.status();
  auto gram_dense = RunOp("CSRSparseMatrixToDense", {(*gram)[0]}, kType);
  ASSERT_TRUE(gram_dense.ok()) << gram_dense.status();
  EXPECT_THAT(FloatValues((*gram_dense)[0]), ElementsAre(1, 0, 0, 0, 0, 0, 0, 0, 4));
  EXPECT_THAT(StatusMessage(RunOp("SparseMatrixSparseMatMul", {matrix, matrix}, kType)),
              HasSubstr("Inner dimensions or batch sizes do not match"));
  EXPECT_THAT(
      StatusMessage(RunOp("SparseMatrixMatMul", {matrix, Floats({3, 2}, {1, 2, 3, 4, 5, 6})}, kT)),
      HasSubstr("Matrix size incompatible"));
}

// The dense lower Cholesky factor of the CSR matrix built from `dense` (all entries kept).
std::vector<float> CholeskyFactor(std::vector<float> dense, std::vector<int32_t> permutation) {
  const int64_t n = static_cast<int64_t>(permutation.size());
  std::vector<int64_t> indices;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      if (dense[i * n + j] != 0) indices.insert(indices.end(), {i, j});
    }
  }
  auto built = RunOp(
      "DenseToCSRSparseMatrix",
      {Floats({n, n}, dense), Int64s({static_cast<int64_t>(indices.size()) / 2, 2}, indices)}, kT);
  EXPECT_TRUE(built.ok()) << built.status();
  auto factor = RunOp(
      "SparseMatrixSparseCholesky",
      {(*built)[0], testing::MakeTensor<int32_t>(tensorflow::DT_INT32, {n}, permutation)}, kType);
  EXPECT_TRUE(factor.ok()) << factor.status();
  auto out = RunOp("CSRSparseMatrixToDense", {(*factor)[0]}, kType);
  EXPECT_TRUE(out.ok()) << out.status();
  return FloatValues((*out)[0]);
}

TEST(CsrMatrixTest, SparseCholesky) {
  EXPECT_THAT(CholeskyFactor({4, 2, 2, 3}, {0, 1}),
              ::testing::Pointwise(::testing::FloatNear(1e-6),
                                   std::vector<float>{2, 0, 1, std::sqrt(2.0f)}));
  // Reversed order: the factor of [[3, 2], [2, 4]].
  EXPECT_THAT(CholeskyFactor({4, 2, 2, 3}, {1, 0}),
              ::testing::Pointwise(::testing::FloatNear(1e-6),
                                   std::vector<float>{std::sqrt(3.0f), 0, 2 / std::sqrt(3.0f),
                                                      std::sqrt(4 - 4 / 3.0f)}));
  // An arrow matrix: row 2 fills in at column 1.
  const float l10 = 0.5f, l11 = std::sqrt(3.75f), l21 = -0.25f / l11;
  EXPECT_THAT(CholeskyFactor({4, 1, 1, 1, 4, 0, 1, 0, 4}, {0, 1, 2}),
              ::testing::Pointwise(::testing::FloatNear(1e-6),
                                   std::vector<float>{2, 0, 0, l10, l11, 0, 0.5f, l21,
                                                      std::sqrt(4 - 0.25f - l21 * l21)}));
  auto built = RunOp("DenseToCSRSparseMatrix",
                     {Floats({2, 2}, {1, 2, 2, 1}), Int64s({4, 2}, {0, 0, 0, 1, 1, 0, 1, 1})}, kT);
  ASSERT_TRUE(built.ok());
  EXPECT_THAT(
      StatusMessage(RunOp(
          "SparseMatrixSparseCholesky",
          {(*built)[0], testing::MakeTensor<int32_t>(tensorflow::DT_INT32, {2}, {0, 1})}, kType)),
      HasSubstr("not positive definite"));
  EXPECT_THAT(
      StatusMessage(RunOp(
          "SparseMatrixSparseCholesky",
          {(*built)[0], testing::MakeTensor<int32_t>(tensorflow::DT_INT32, {2}, {0, 0})}, kType)),
      HasSubstr("is not a permutation"));
}

TEST(CsrMatrixTest, ComplexConjugateTranspose) {
  using C = std::complex<float>;
  auto built =
      RunOp("SparseTensorToCSRSparseMatrix",
            {Int64s({1, 2}, {0, 1}),
             testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {1}, {C(1, 2)}), Int64s({2}, {1, 2})},
            "attr { key: \"T\" value { type: DT_COMPLEX64 } }");
  ASSERT_TRUE(built.ok()) << built.status();
  const std::string type = "attr { key: \"type\" value { type: DT_COMPLEX64 } }";
  auto adjoint = RunOp("SparseMatrixTranspose", {(*built)[0]},
                       type + "attr { key: \"conjugate\" value { b: true } }");
  ASSERT_TRUE(adjoint.ok()) << adjoint.status();
  auto dense = RunOp("CSRSparseMatrixToDense", {(*adjoint)[0]}, type);
  ASSERT_TRUE(dense.ok()) << dense.status();
  EXPECT_THAT((*dense)[0].values<C>(), ElementsAre(C(0, 0), C(1, -2)));
  // The Hermitian [[2, -i], [i, 2]] (its lower triangle): L = [[sqrt 2, 0], [i / sqrt 2,
  // sqrt 1.5]].
  auto hermitian = RunOp("DenseToCSRSparseMatrix",
                         {testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {2, 2},
                                                 {C(2, 0), C(0, 0), C(0, 1), C(2, 0)}),
                          Int64s({3, 2}, {0, 0, 1, 0, 1, 1})},
                         "attr { key: \"T\" value { type: DT_COMPLEX64 } }");
  ASSERT_TRUE(hermitian.ok()) << hermitian.status();
  auto factor = RunOp(
      "SparseMatrixSparseCholesky",
      {(*hermitian)[0], testing::MakeTensor<int32_t>(tensorflow::DT_INT32, {2}, {0, 1})}, type);
  ASSERT_TRUE(factor.ok()) << factor.status();
  auto l = RunOp("CSRSparseMatrixToDense", {(*factor)[0]}, type);
  ASSERT_TRUE(l.ok()) << l.status();
  const auto values = (*l)[0].values<C>();
  EXPECT_NEAR(values[0].real(), std::sqrt(2.0f), 1e-6);
  EXPECT_NEAR(values[2].imag(), 1 / std::sqrt(2.0f), 1e-6);
  EXPECT_NEAR(values[2].real(), 0, 1e-6);
  EXPECT_NEAR(values[3].real(), std::sqrt(1.5f), 1e-6);
}

// Conj of a CSR matrix variant conjugates its values (TF's CONJ variant function); a serialized
// sparse component (a Tensor in a variant) has none.
TEST(CsrMatrixTest, ConjConjugatesComplexValues) {
  Tensor values = *Tensor::Allocate(tensorflow::DT_COMPLEX64, {2});
  values.mutable_data<std::complex<float>>()[0] = {2, 3};
  values.mutable_data<std::complex<float>>()[1] = {1, -1};
  auto matrix = RunOp("SparseTensorToCSRSparseMatrix",
                      {Int64s({2, 2}, {2, 0, 0, 1}), values, Int64s({2}, {3, 2})},
                      "attr { key: \"T\" value { type: DT_COMPLEX64 } }");
  ASSERT_TRUE(matrix.ok()) << matrix.status();
  auto conjugated =
      RunOp("Conj", {(*matrix)[0]}, "attr { key: \"T\" value { type: DT_VARIANT } }");
  ASSERT_TRUE(conjugated.ok()) << conjugated.status();
  auto dense = RunOp("CSRSparseMatrixToDense", {(*conjugated)[0]},
                     "attr { key: \"type\" value { type: DT_COMPLEX64 } }");
  ASSERT_TRUE(dense.ok()) << dense.status();
  const std::complex<float>* out = (*dense)[0].data<std::complex<float>>();
  EXPECT_EQ(out[1], std::complex<float>(1, 1));
  EXPECT_EQ(out[4], std::complex<float>(2, -3));
  EXPECT_EQ(out[0], std::complex<float>(0, 0));
  auto components = RunOp(
      "SerializeSparse", {Int64s({1, 1}, {0}), Floats({1}, {1}), Int64s({1}, {2})},
      "attr { key: \"T\" value { type: DT_FLOAT } } "
      "attr { key: \"out_type\" value { type: DT_VARIANT } }");
  ASSERT_TRUE(components.ok()) << components.status();
  EXPECT_THAT(StatusMessage(RunOp("Conj", {(*components)[0]},
                                  "attr { key: \"T\" value { type: DT_VARIANT } }")),
              HasSubstr("No unary variant unary_op function found for op CONJ Variant type_name: "
                        "tensorflow::Tensor"));
}

}  // namespace
}  // namespace tfjs::runtime
