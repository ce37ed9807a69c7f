// Tests for MatrixSolveLs (fast and complete orthogonal decomposition paths), Eig,
// MatrixSquareRoot and MatrixLogarithm, checked against hand-worked values and defining equations
// (X X = A, exp(log A) = A through MatrixExponential, A v = lambda v).
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
using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::RunOp;

Tensor Doubles(Shape shape, std::vector<double> values) {
  return MakeTensor<double>(tensorflow::DT_DOUBLE, std::move(shape), std::move(values));
}
Tensor Scalar(double value) { return Doubles({}, {value}); }

Tensor Complex128(Shape shape, std::vector<C> values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_COMPLEX128, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) {
    tensor.mutable_data<double>()[2 * i] = values[i].real();
    tensor.mutable_data<double>()[2 * i + 1] = values[i].imag();
  }
  return tensor;
}

std::vector<C> ComplexValues(const Tensor& tensor) {
  std::vector<C> out(tensor.num_elements());
  for (size_t i = 0; i < out.size(); ++i) {
    if (tensor.dtype() == tensorflow::DT_COMPLEX64) {
      out[i] = {tensor.data<float>()[2 * i], tensor.data<float>()[2 * i + 1]};
    } else {
      out[i] = {tensor.data<double>()[2 * i], tensor.data<double>()[2 * i + 1]};
    }
  }
  return out;
}

std::vector<double> DoubleValues(const Tensor& tensor) {
  return std::vector<double>(tensor.data<double>(), tensor.data<double>() + tensor.num_elements());
}

const char kDouble[] = "attr { key: 'T' value { type: DT_DOUBLE } }";
const char kComplex128[] = "attr { key: 'T' value { type: DT_COMPLEX128 } }";

std::string SolveLsAttrs(bool fast) {
  return std::string(kDouble) + " attr { key: 'fast' value { b: " + (fast ? "true" : "false") +
         " } }";
}

TEST(MatrixSolveLsTest, OverdeterminedLeastSquares) {
  // Fit y = a + b x to (0, 1), (1, 2), (2, 4): normal equations [[3, 3], [3, 5]] [a b] = [7, 10]
  // give a = 5/6, b = 3/2.
  const Tensor a = Doubles({3, 2}, {1, 0, 1, 1, 1, 2});
  const Tensor b = Doubles({3, 1}, {1, 2, 4});
  for (bool fast : {true, false}) {
    auto out = RunOp("MatrixSolveLs", {a, b, Scalar(0)}, SolveLsAttrs(fast));
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_THAT(DoubleValues((*out)[0]),
                ::testing::Pointwise(::testing::DoubleNear(1e-12), {5.0 / 6, 1.5}))
        << "fast " << fast;
  }
  // With l2 = 1: [[4, 3], [3, 6]] [a b] = [7, 10]: a = 12/15, b = 19/15.
  auto ridge = RunOp("MatrixSolveLs", {a, b, Scalar(1)}, SolveLsAttrs(true));
  ASSERT_TRUE(ridge.ok()) << ridge.status();
  EXPECT_THAT(DoubleValues((*ridge)[0]),
              ::testing::Pointwise(::testing::DoubleNear(1e-12), {12.0 / 15, 19.0 / 15}));
}

TEST(MatrixSolveLsTest, UnderdeterminedGivesTheMinimumNormSolution) {
  // x + y = 2 (and its multiple): the minimum-norm solution is (1, 1), for both paths.
  const Tensor wide = Doubles({1, 2}, {1, 1});
  for (bool fast : {true, false}) {
    auto out = RunOp("MatrixSolveLs", {wide, Doubles({1, 1}, {2}), Scalar(0)}, SolveLsAttrs(fast));
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_THAT(DoubleValues((*out)[0]),
                ::testing::Pointwise(::testing::DoubleNear(1e-12), {1.0, 1.0}));
  }
  // A rank deficient matrix (its second column is zero): the Gramian diag(2, 0) is singular, so
  // only fast=false solves it, with x1 = 0 for the minimum norm.
  const Tensor deficient = Doubles({2, 2}, {1, 0, 1, 0});
  const Tensor rhs = Doubles({2, 1}, {2, 2});
  auto robust = RunOp("MatrixSolveLs", {deficient, rhs, Scalar(0)}, SolveLsAttrs(false));
  ASSERT_TRUE(robust.ok()) << robust.status();
  EXPECT_THAT(DoubleValues((*robust)[0]),
              ::testing::Pointwise(::testing::DoubleNear(1e-12), {2.0, 0.0}));
  auto fast = RunOp("MatrixSolveLs", {deficient, rhs, Scalar(0)}, SolveLsAttrs(true));
  ASSERT_FALSE(fast.ok());
  EXPECT_THAT(std::string(fast.status().message()), HasSubstr("rank deficient"));
}

TEST(MatrixSolveLsTest, ComplexBatchesEmptyMatricesAndBadInputs) {
  // A = i I: x = -i b.
  auto complex = RunOp("MatrixSolveLs",
                       {Complex128({2, 2}, {{0, 1}, {0, 0}, {0, 0}, {0, 1}}),
                        Complex128({2, 1}, {{1, 0}, {0, 2}}), Scalar(0)},
                       kComplex128);
  ASSERT_TRUE(complex.ok()) << complex.status();
  EXPECT_EQ(ComplexValues((*complex)[0]), (std::vector<C>{{0, -1}, {2, 0}}));
  // A 0 x 2 system: the solution is 2 x 1 zeros.
  auto empty =
      RunOp("MatrixSolveLs", {Doubles({0, 2}, {}), Doubles({0, 1}, {}), Scalar(0)}, kDouble);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(DoubleValues((*empty)[0]), (std::vector<double>{0, 0}));
  EXPECT_FALSE(RunOp("MatrixSolveLs",
                     {Doubles({2, 2}, {1, 0, 0, 1}), Doubles({3, 1}, {1, 2, 3}), Scalar(0)},
                     kDouble)
                   .ok());
  auto bad_l2 = RunOp("MatrixSolveLs",
                      {Doubles({1, 1}, {1}), Doubles({1, 1}, {1}), Doubles({1}, {0})}, kDouble);
  ASSERT_FALSE(bad_l2.ok());
  EXPECT_THAT(std::string(bad_l2.status().message()), HasSubstr("must be scalar"));
}

TEST(EigTest, EigenvaluesSortedByMagnitudeWithEigenvectors) {
  const std::vector<double> a = {2, 1, 0, 1, 3, 1, 0, 1, 4};
  auto out = RunOp("Eig", {Doubles({3, 3}, a)},
                   std::string(kDouble) + " attr { key: 'Tout' value { type: DT_COMPLEX128 } }", 2);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<C> e = ComplexValues((*out)[0]), v = ComplexValues((*out)[1]);
  // Symmetric tridiagonal with eigenvalues 3 - sqrt(3), 3, 3 + sqrt(3).
  const double expected[] = {3 - std::sqrt(3.0), 3, 3 + std::sqrt(3.0)};
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(std::abs(e[k] - expected[k]), 0, 1e-12) << k;
    double norm = 0;
    for (int i = 0; i < 3; ++i) {
      C av = 0;
      for (int j = 0; j < 3; ++j) av += a[i * 3 + j] * v[j * 3 + k];
      EXPECT_NEAR(std::abs(av - e[k] * v[i * 3 + k]), 0, 1e-12) << k;
      norm += std::norm(v[i * 3 + k]);
    }
    EXPECT_NEAR(norm, 1, 1e-12);
  }
}

TEST(EigTest, ComplexEigenvaluesOfARealMatrixAndEigenvaluesOnly) {
  // A rotation by 90 degrees scaled by 2, and 1: eigenvalues 1, 2i, -2i.
  const Tensor a = Doubles({3, 3}, {0, -2, 0, 2, 0, 0, 0, 0, 1});
  auto out = RunOp("Eig", {a},
                   std::string(kDouble) + " attr { key: 'Tout' value { type: DT_COMPLEX128 } } " +
                       "attr { key: 'compute_v' value { b: false } }",
                   2);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<C> e = ComplexValues((*out)[0]);
  EXPECT_NEAR(std::abs(e[0] - C(1, 0)), 0, 1e-12);
  EXPECT_NEAR(std::abs(e[1].real()), 0, 1e-12);
  EXPECT_NEAR(std::abs(e[1].imag()), 2, 1e-12);
  EXPECT_NEAR(std::abs(e[2] - std::conj(e[1])), 0, 1e-12);
  EXPECT_EQ(ShapeString((*out)[1].shape()), "[0]");
  // complex64 output from float input by default.
  auto single = RunOp("Eig", {testing::Floats({1, 1}, {-3})}, "", 2);
  ASSERT_TRUE(single.ok()) << single.status();
  EXPECT_EQ((*single)[0].dtype(), tensorflow::DT_COMPLEX64);
  EXPECT_EQ(ComplexValues((*single)[0])[0], C(-3, 0));
  EXPECT_EQ(ComplexValues((*single)[1])[0], C(1, 0));
  auto nan = RunOp("Eig", {Doubles({2, 2}, {1, NAN, 2, 3})}, kDouble, 2);
  ASSERT_FALSE(nan.ok());
  EXPECT_THAT(std::string(nan.status().message()), HasSubstr("not successful"));
}

// The row-major product of two n x n complex matrices.
std::vector<C> Square(const std::vector<C>& x, int n) {
  std::vector<C> out(n * n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      for (int k = 0; k < n; ++k) out[i * n + j] += x[i * n + k] * x[k * n + j];
    }
  }
  return out;
}

TEST(MatrixSquareRootTest, RealAndComplexRoots) {
  auto diagonal = RunOp("MatrixSquareRoot", {Doubles({2, 2}, {4, 0, 0, 9})}, kDouble);
  ASSERT_TRUE(diagonal.ok()) << diagonal.status();
  EXPECT_THAT(DoubleValues((*diagonal)[0]),
              ::testing::Pointwise(::testing::DoubleNear(1e-12), {2.0, 0.0, 0.0, 3.0}));
  // A non-normal matrix with complex eigenvalues 1 +- 2i: the real principal root squares back.
  const std::vector<double> a = {1, -4, 1, 1};
  auto root = RunOp("MatrixSquareRoot", {Doubles({2, 2}, a)}, kDouble);
  ASSERT_TRUE(root.ok()) << root.status();
  const std::vector<double> x = DoubleValues((*root)[0]);
  const std::vector<C> squared = Square({x[0], x[1], x[2], x[3]}, 2);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(squared[i].real(), a[i], 1e-12) << i;
  // A real negative eigenvalue has no real root: NaN, as Eigen's real Schur method gives.
  auto negative = RunOp("MatrixSquareRoot", {Doubles({2, 2}, {-1, 0, 0, 4})}, kDouble);
  ASSERT_TRUE(negative.ok()) << negative.status();
  for (double value : DoubleValues((*negative)[0])) EXPECT_TRUE(std::isnan(value));
  // In complex, the same matrix has the principal root diag(i, 2).
  auto complex = RunOp("MatrixSquareRoot", {Complex128({2, 2}, {-1, 0, 0, 4})}, kComplex128);
  ASSERT_TRUE(complex.ok()) << complex.status();
  const std::vector<C> z = ComplexValues((*complex)[0]);
  EXPECT_NEAR(std::abs(z[0] - C(0, 1)), 0, 1e-12);
  EXPECT_NEAR(std::abs(z[3] - C(2, 0)), 0, 1e-12);
  EXPECT_FALSE(RunOp("MatrixSquareRoot", {Doubles({2, 3}, {1, 2, 3, 4, 5, 6})}, kDouble).ok());
}

TEST(MatrixLogarithmTest, InvertsMatrixExponential) {
  auto diagonal =
      RunOp("MatrixLogarithm", {Complex128({2, 2}, {std::exp(1.0), 0, 0, 1})}, kComplex128);
  ASSERT_TRUE(diagonal.ok()) << diagonal.status();
  const std::vector<C> log_d = ComplexValues((*diagonal)[0]);
  EXPECT_NEAR(std::abs(log_d[0] - C(1, 0)), 0, 1e-12);
  EXPECT_NEAR(std::abs(log_d[3]), 0, 1e-12);
  // A non-normal matrix with eigenvalues 2 and 3 + i: exp(log(A)) = A.
  const std::vector<C> a = {{2, 0}, {5, 1}, {0, 0}, {3, 1}};
  auto log_a = RunOp("MatrixLogarithm", {Complex128({2, 2}, a)}, kComplex128);
  ASSERT_TRUE(log_a.ok()) << log_a.status();
  auto back = RunOp("MatrixExponential", {(*log_a)[0]}, kComplex128);
  ASSERT_TRUE(back.ok()) << back.status();
  const std::vector<C> result = ComplexValues((*back)[0]);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(std::abs(result[i] - a[i]), 0, 1e-10) << i;
  // The principal branch: log(-1) = i pi.
  auto minus_one = RunOp("MatrixLogarithm", {Complex128({1, 1}, {-1})}, kComplex128);
  ASSERT_TRUE(minus_one.ok()) << minus_one.status();
  EXPECT_NEAR(std::abs(ComplexValues((*minus_one)[0])[0] - C(0, M_PI)), 0, 1e-12);
}

}  // namespace
}  // namespace tfjs::runtime
