// Tests for the complex dtypes of the factorization and solver kernels (Cholesky, determinants,
// Lu, Qr, Svd, MatrixInverse, MatrixSolve, MatrixTriangularSolve): results checked against their
// defining equations or worked by hand.
#include <cmath>
#include <complex>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using C = std::complex<double>;
using testing::RunOp;

const char kComplex128[] = "attr { key: 'T' value { type: DT_COMPLEX128 } }";

Tensor Complex128(Shape shape, std::vector<C> values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_COMPLEX128, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) {
    tensor.mutable_data<double>()[2 * i] = values[i].real();
    tensor.mutable_data<double>()[2 * i + 1] = values[i].imag();
  }
  return tensor;
}

std::vector<C> Values(const Tensor& tensor) {
  std::vector<C> out(tensor.num_elements());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = {tensor.data<double>()[2 * i], tensor.data<double>()[2 * i + 1]};
  }
  return out;
}

// Row-major n x k = (n x m) (m x k), with `adjoint_a` using a^H (a stored m x n).
std::vector<C> Product(const std::vector<C>& a, const std::vector<C>& b, int n, int m, int k,
                       bool adjoint_a = false) {
  std::vector<C> c(n * k);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < k; ++j) {
      for (int p = 0; p < m; ++p) {
        const C aip = adjoint_a ? std::conj(a[p * n + i]) : a[i * m + p];
        c[i * k + j] += aip * b[p * k + j];
      }
    }
  }
  return c;
}

void ExpectNear(const std::vector<C>& actual, const std::vector<C>& expected, double tolerance,
                const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(std::abs(actual[i] - expected[i]), 0.0, tolerance)
        << what << " element " << i << ": " << actual[i] << " vs " << expected[i];
  }
}

std::vector<C> Identity(int n) {
  std::vector<C> identity(n * n);
  for (int i = 0; i < n; ++i) identity[i * n + i] = 1.0;
  return identity;
}

const std::vector<C> kA = {{1, 1}, {2, 0}, {0, -1}, {3, 0}, {4, -1},
                           {1, 2}, {0, 1}, {1, 0},  {2, 2}};

TEST(ComplexCholeskyTest, FactorsAHermitianMatrix) {
  // L = [[2, 0], [1 - i, 3]]: A = L L^H = [[4, 2 + 2i], [2 - 2i, 11]].
  auto out =
      RunOp("Cholesky", {Complex128({2, 2}, {{4, 0}, {2, 2}, {2, -2}, {11, 0}})}, kComplex128);
  ASSERT_TRUE(out.ok()) << out.status();
  ExpectNear(Values((*out)[0]), {{2, 0}, {0, 0}, {1, -1}, {3, 0}}, 1e-12, "L");
  // Not positive definite: the diagonal pivot 1 - |2|^2 is negative.
  auto bad =
      RunOp("Cholesky", {Complex128({2, 2}, {{1, 0}, {0, 2}, {0, -2}, {1, 0}})}, kComplex128);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), ::testing::HasSubstr("not successful"));
}

TEST(ComplexDeterminantTest, DeterminantSignAndLogMagnitude) {
  // det [[1 + i, 2], [3, 4 - i]] = (1 + i)(4 - i) - 6 = -1 + 3i.
  const Tensor a = Complex128({2, 2}, {{1, 1}, {2, 0}, {3, 0}, {4, -1}});
  auto det = RunOp("MatrixDeterminant", {a}, kComplex128);
  ASSERT_TRUE(det.ok()) << det.status();
  ExpectNear(Values((*det)[0]), {{-1, 3}}, 1e-12, "det");
  auto log_det = RunOp("LogMatrixDeterminant", {a}, kComplex128, 2);
  ASSERT_TRUE(log_det.ok()) << log_det.status();
  ExpectNear(Values((*log_det)[0]), {C(-1, 3) / std::sqrt(10.0)}, 1e-12, "sign");
  ExpectNear(Values((*log_det)[1]), {{0.5 * std::log(10.0), 0}}, 1e-12, "log|det|");
  // Singular: sign 0 and log|det| -inf.
  auto singular = RunOp("LogMatrixDeterminant",
                        {Complex128({2, 2}, {{1, 1}, {2, 2}, {1, 1}, {2, 2}})}, kComplex128, 2);
  ASSERT_TRUE(singular.ok()) << singular.status();
  EXPECT_EQ(Values((*singular)[0])[0], C(0, 0));
  EXPECT_EQ(Values((*singular)[1])[0].real(), -INFINITY);
}

TEST(ComplexLuTest, PermutedInputIsLTimesU) {
  auto out = RunOp("Lu", {Complex128({3, 3}, kA)}, kComplex128, 2);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<C> lu = Values((*out)[0]);
  const std::vector<int32_t> p = testing::IntValues((*out)[1]);
  std::vector<C> l(9), u(9), permuted(9);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      if (c < r) l[r * 3 + c] = lu[r * 3 + c];
      if (c == r) l[r * 3 + c] = 1.0;
      if (c >= r) u[r * 3 + c] = lu[r * 3 + c];
      permuted[r * 3 + c] = kA[p[r] * 3 + c];
    }
  }
  ExpectNear(Product(l, u, 3, 3, 3), permuted, 1e-12, "L U");
  // Partial pivoting by magnitude: 3 is the largest entry of the first column.
  EXPECT_EQ(p[0], 1);
}

TEST(ComplexQrTest, UnitaryQAndUpperTriangularRWithRealDiagonal) {
  auto out = RunOp("Qr", {Complex128({3, 2}, {{1, 1}, {2, 0}, {0, -1}, {3, 0}, {4, -1}, {1, 2}})},
                   kComplex128, 2);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<C> q = Values((*out)[0]), r = Values((*out)[1]);
  ASSERT_EQ(ShapeString((*out)[0].shape()), "[3,2]");
  ExpectNear(Product(q, q, 2, 3, 2, /*adjoint_a=*/true), Identity(2), 1e-12, "Q^H Q");
  ExpectNear(Product(q, r, 3, 2, 2), {{1, 1}, {2, 0}, {0, -1}, {3, 0}, {4, -1}, {1, 2}}, 1e-12,
             "Q R");
  EXPECT_NEAR(std::abs(r[2]), 0, 1e-12);  // below the diagonal
  // Eigen's reflectors leave R's diagonal real, negative when the column's head is >= 0.
  EXPECT_NEAR(r[0].imag(), 0, 1e-12);
  EXPECT_NEAR(r[3].imag(), 0, 1e-12);
  EXPECT_NEAR(r[0].real(), -std::sqrt(1 + 1 + 1 + 17.0), 1e-12);
}

TEST(ComplexSvdTest, ReconstructsTheInput) {
  for (const Shape& shape : {Shape{3, 2}, Shape{2, 3}}) {
    const std::vector<C> a(kA.begin(), kA.begin() + 6);
    auto out = RunOp("Svd", {Complex128(shape, a)}, kComplex128, 3);
    ASSERT_TRUE(out.ok()) << out.status();
    const std::vector<C> s = Values((*out)[0]), u = Values((*out)[1]), v = Values((*out)[2]);
    const int m = shape[0], n = shape[1];
    ASSERT_EQ(s.size(), 2u);
    EXPECT_GE(s[0].real(), s[1].real());
    EXPECT_EQ(s[0].imag(), 0);
    // u diag(s) v^H.
    std::vector<C> us(m * 2);
    for (int r = 0; r < m; ++r) {
      for (int c = 0; c < 2; ++c) us[r * 2 + c] = u[r * 2 + c] * s[c];
    }
    std::vector<C> v_adjoint(2 * n);
    for (int r = 0; r < n; ++r) {
      for (int c = 0; c < 2; ++c) v_adjoint[c * n + r] = std::conj(v[r * 2 + c]);
    }
    ExpectNear(Product(us, v_adjoint, m, 2, n), a, 1e-12, "U S V^H " + ShapeString(shape));
    ExpectNear(Product(u, u, 2, m, 2, true), Identity(2), 1e-12, "U^H U");
  }
}

TEST(ComplexSolveTest, InverseSolveAndTriangularSolve) {
  const Tensor a = Complex128({3, 3}, kA);
  auto inverse = RunOp("MatrixInverse", {a}, kComplex128);
  ASSERT_TRUE(inverse.ok()) << inverse.status();
  ExpectNear(Product(kA, Values((*inverse)[0]), 3, 3, 3), Identity(3), 1e-12, "A A^-1");
  // adjoint: the inverse of A^H.
  auto adjoint_inverse =
      RunOp("MatrixInverse", {a},
            std::string(kComplex128) + " attr { key: 'adjoint' value { b: true } }");
  ASSERT_TRUE(adjoint_inverse.ok()) << adjoint_inverse.status();
  ExpectNear(Product(kA, Values((*adjoint_inverse)[0]), 3, 3, 3, true), Identity(3), 1e-12,
             "A^H (A^H)^-1");

  const std::vector<C> b = {{1, 0}, {0, 1}, {2, -1}};
  auto solve = RunOp("MatrixSolve", {a, Complex128({3, 1}, b)},
                     std::string(kComplex128) + " attr { key: 'adjoint' value { b: true } }");
  ASSERT_TRUE(solve.ok()) << solve.status();
  ExpectNear(Product(kA, Values((*solve)[0]), 3, 3, 1, true), b, 1e-12, "A^H x");

  // Lower triangle [[2i, 0], [1 + i, 1]]; with adjoint solves [[-2i, 1 - i], [0, 1]] x = b.
  const Tensor lower = Complex128({2, 2}, {{0, 2}, {9, 9}, {1, 1}, {1, 0}});
  auto triangular = RunOp("MatrixTriangularSolve", {lower, Complex128({2, 1}, {{2, 0}, {1, 0}})},
                          std::string(kComplex128) + " attr { key: 'adjoint' value { b: true } }");
  ASSERT_TRUE(triangular.ok()) << triangular.status();
  // x1 = 1; -2i x0 + (1 - i) = 2  =>  x0 = (1 + i) / (-2i) = (-1 + i) / 2.
  ExpectNear(Values((*triangular)[0]), {{-0.5, 0.5}, {1, 0}}, 1e-12, "triangular");

  auto singular =
      RunOp("MatrixInverse", {Complex128({2, 2}, {{1, 1}, {2, 2}, {1, 1}, {2, 2}})}, kComplex128);
  ASSERT_FALSE(singular.ok());
  EXPECT_THAT(std::string(singular.status().message()), ::testing::HasSubstr("not invertible"));
}

TEST(ComplexDtypesTest, Complex64IsComputedAndRounded) {
  Tensor a = *Tensor::Allocate(tensorflow::DT_COMPLEX64, {2, 2});
  const float values[] = {1, 1, 2, 0, 3, 0, 4, -1};
  std::copy(values, values + 8, a.mutable_data<float>());
  auto det = RunOp("MatrixDeterminant", {a}, "attr { key: 'T' value { type: DT_COMPLEX64 } }");
  ASSERT_TRUE(det.ok()) << det.status();
  EXPECT_NEAR((*det)[0].data<float>()[0], -1, 1e-5);
  EXPECT_NEAR((*det)[0].data<float>()[1], 3, 1e-5);
}

}  // namespace
}  // namespace tfjs::runtime
