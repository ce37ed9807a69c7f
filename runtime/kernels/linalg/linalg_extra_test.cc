// Tests for the linalg kernels of array_ops.cc, banded.cc and matrix_functions.cc, with values
// worked by hand or checked against their defining equations.
#include <cmath>
#include <complex>
#include <string>
#include <vector>

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
using testing::Ints;
using ::testing::Pointwise;
using testing::RunOp;

Tensor Complex64(Shape shape, std::vector<std::complex<float>> values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_COMPLEX64, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) {
    tensor.mutable_data<float>()[2 * i] = values[i].real();
    tensor.mutable_data<float>()[2 * i + 1] = values[i].imag();
  }
  return tensor;
}

std::complex<float> ComplexAt(const Tensor& tensor, int64_t i) {
  return {tensor.data<float>()[2 * i], tensor.data<float>()[2 * i + 1]};
}

const char kComplexT[] = "attr { key: 'T' value { type: DT_COMPLEX64 } }";

TEST(ConjugateTransposeTest, TransposesAndConjugates) {
  auto out = RunOp("ConjugateTranspose", {Complex64({1, 2}, {{1, 2}, {3, -4}}), Ints({2}, {1, 0})},
                   kComplexT);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,1]");
  EXPECT_EQ(ComplexAt((*out)[0], 0), std::complex<float>(1, -2));
  EXPECT_EQ(ComplexAt((*out)[0], 1), std::complex<float>(3, 4));
  EXPECT_FALSE(RunOp("ConjugateTranspose", {Floats({2, 2}, {}), Ints({2}, {0, 0})}, "").ok());
}

TEST(CrossTest, ComputesAndChecksTheInnerDim) {
  auto out = RunOp("Cross", {Floats({3}, {1, 2, 3}), Floats({3}, {4, 5, 6})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(-3, 6, -3));
  auto bad = RunOp("Cross", {Floats({2}, {1, 2}), Floats({2}, {3, 4})}, "");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("3 elements"));
}

TEST(DiagTest, RankTwoDiagonalAndItsPart) {
  auto diag = RunOp("Diag", {Floats({2, 1}, {5, 7})}, "");
  ASSERT_TRUE(diag.ok()) << diag.status();
  EXPECT_EQ(ShapeString((*diag)[0].shape()), "[2,1,2,1]");
  EXPECT_THAT(FloatValues((*diag)[0]), ElementsAre(5, 0, 0, 7));
  auto part = RunOp("DiagPart", {(*diag)[0]}, "");
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_THAT(FloatValues((*part)[0]), ElementsAre(5, 7));
  EXPECT_FALSE(RunOp("DiagPart", {Floats({2, 3}, {})}, "").ok());
}

TEST(TridiagonalSolveTest, PivotsPastAZeroDiagonalAndRejectsSingular) {
  // [[0, 1], [2, 3]] x = [1, 8]: x = [2.5, 1] needs a row swap.
  auto out =
      RunOp("TridiagonalSolve", {Floats({3, 2}, {1, 0, 0, 3, 0, 2}), Floats({2, 1}, {1, 8})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-6), std::vector<float>{2.5f, 1}));
  EXPECT_FALSE(RunOp("TridiagonalSolve",
                     {Floats({3, 2}, {1, 0, 0, 3, 0, 2}), Floats({2, 1}, {1, 8})},
                     "attr { key: 'partial_pivoting' value { b: false } }")
                   .ok());
  auto singular =
      RunOp("TridiagonalSolve", {Floats({3, 2}, {1, 0, 1, 1, 0, 1}), Floats({2, 1}, {1, 1})}, "");
  ASSERT_FALSE(singular.ok());
  EXPECT_THAT(std::string(singular.status().message()), HasSubstr("not invertible"));
}

TEST(TridiagonalSolveTest, InvertsTridiagonalMatMulOnALargerSystem) {
  const int m = 6;
  std::vector<float> super(m), main(m), sub(m), x(m);
  for (int i = 0; i < m; ++i) {
    super[i] = 0.5f + i;
    main[i] = (i % 2 ? -1.0f : 0.25f);
    sub[i] = 1.5f - i;
    x[i] = std::cos(i + 1.0f);
  }
  auto product = RunOp(
      "TridiagonalMatMul",
      {Floats({1, m}, super), Floats({1, m}, main), Floats({1, m}, sub), Floats({m, 1}, x)}, "");
  ASSERT_TRUE(product.ok()) << product.status();
  std::vector<float> diagonals = super;
  diagonals.insert(diagonals.end(), main.begin(), main.end());
  diagonals.insert(diagonals.end(), sub.begin(), sub.end());
  auto solved = RunOp("TridiagonalSolve", {Floats({3, m}, diagonals), (*product)[0]}, "");
  ASSERT_TRUE(solved.ok()) << solved.status();
  EXPECT_THAT(FloatValues((*solved)[0]), Pointwise(FloatNear(1e-4), x));
}

TEST(BandedTriangularSolveTest, UpperAdjointAndBroadcastBatches) {
  // Upper band, two bands: superdiagonal (aligned left) [1, _] above diagonal [2, 4]:
  // A = [[2, 1], [0, 4]]; A^T x = b for b = [2, 9]: x0 = 1, x1 = (9 - 1) / 4 = 2.
  auto out = RunOp("BandedTriangularSolve",
                   {Floats({2, 2}, {1, 0, 2, 4}), Floats({2, 2, 1}, {2, 9, 4, 18})},
                   "attr { key: 'lower' value { b: false } } "
                   "attr { key: 'adjoint' value { b: true } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,2,1]");
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-6), std::vector<float>{1, 2, 2, 4}));
}

TEST(BatchMatMulV3Test, Int8InputsIntoInt32WithAdjointAndBroadcast) {
  Tensor x = testing::MakeTensor<int8_t>(tensorflow::DT_INT8, {2, 1, 2}, {1, 2, 3, 4});
  Tensor y = testing::MakeTensor<int8_t>(tensorflow::DT_INT8, {2, 1}, {100, 100});
  auto out = RunOp("BatchMatMulV3", {x, y},
                   "attr { key: 'Ta' value { type: DT_INT8 } } "
                   "attr { key: 'Tb' value { type: DT_INT8 } } "
                   "attr { key: 'Tout' value { type: DT_INT32 } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(testing::IntValues((*out)[0]), ElementsAre(300, 700));
  // adj_x: x^T of [1, 2] is [[1], [2]] times y^T = [[100, 100]].
  auto adjoint = RunOp("BatchMatMulV3", {x, y},
                       "attr { key: 'Ta' value { type: DT_INT8 } } "
                       "attr { key: 'Tb' value { type: DT_INT8 } } "
                       "attr { key: 'Tout' value { type: DT_INT32 } } "
                       "attr { key: 'adj_x' value { b: true } } "
                       "attr { key: 'adj_y' value { b: true } }");
  ASSERT_TRUE(adjoint.ok()) << adjoint.status();
  EXPECT_EQ(ShapeString((*adjoint)[0].shape()), "[2,2,2]");
  EXPECT_THAT(testing::IntValues((*adjoint)[0]),
              ElementsAre(100, 100, 200, 200, 300, 300, 400, 400));
}

TEST(MatrixExponentialTest, DiagonalAndRotationGenerator) {
  auto out = RunOp("MatrixExponential", {Floats({2, 2}, {1, 0, 0, -2})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(
      FloatValues((*out)[0]),
      Pointwise(FloatNear(1e-5), std::vector<float>{std::exp(1.0f), 0, 0, std::exp(-2.0f)}));
  // exp([[0, t], [-t, 0]]) is the rotation by t; t = 10 needs scaling and squaring.
  out = RunOp("MatrixExponential", {Floats({2, 2}, {0, 10, -10, 0})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  const float c = std::cos(10.0f), s = std::sin(10.0f);
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-4), std::vector<float>{c, s, -s, c}));
}

TEST(SelfAdjointEigV2Test, EigenpairsSatisfyTheDefinition) {
  // Real symmetric [[2, 1], [1, 2]]: eigenvalues 1 and 3.
  auto out = RunOp("SelfAdjointEigV2", {Floats({2, 2}, {2, 1, 1, 2})}, "", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-5), std::vector<float>{1, 3}));
  const std::vector<float> v = FloatValues((*out)[1]);
  EXPECT_NEAR(std::abs(v[0]), std::sqrt(0.5f), 1e-5);
  EXPECT_NEAR(v[0], -v[2], 1e-5);  // (1, -1) / sqrt(2) for eigenvalue 1
  // Hermitian [[2, i], [-i, 2]]: eigenvalues 1 and 3; A v = lambda v for each column.
  const std::vector<std::complex<float>> a = {{2, 0}, {0, 1}, {0, -1}, {2, 0}};
  auto complex = RunOp("SelfAdjointEigV2", {Complex64({2, 2}, a)}, kComplexT, 2);
  ASSERT_TRUE(complex.ok()) << complex.status();
  const std::vector<float> lambda = {ComplexAt((*complex)[0], 0).real(),
                                     ComplexAt((*complex)[0], 1).real()};
  EXPECT_THAT(lambda, Pointwise(FloatNear(1e-5), std::vector<float>{1, 3}));
  for (int col = 0; col < 2; ++col) {
    for (int row = 0; row < 2; ++row) {
      std::complex<float> av = 0;
      for (int k = 0; k < 2; ++k) av += a[row * 2 + k] * ComplexAt((*complex)[1], k * 2 + col);
      const std::complex<float> lv = lambda[col] * ComplexAt((*complex)[1], row * 2 + col);
      EXPECT_NEAR(std::abs(av - lv), 0, 1e-5) << row << "," << col;
    }
  }
  // compute_v = false: v is empty.
  auto values_only = RunOp("SelfAdjointEigV2", {Floats({2, 2}, {2, 1, 1, 2})},
                           "attr { key: 'compute_v' value { b: false } }", 2);
  ASSERT_TRUE(values_only.ok()) << values_only.status();
  EXPECT_EQ(ShapeString((*values_only)[1].shape()), "[0,0]");
}

}  // namespace
}  // namespace tfjs::runtime
