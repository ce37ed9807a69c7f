// Tests for Svd and Qr: shapes, reconstruction, orthonormality and known singular values (signs
// of singular vectors are not fixed by TF, so they are not checked).
#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::MakeTensor;
using testing::RunOp;

Tensor Doubles(Shape shape, std::vector<double> values) {
  return MakeTensor<double>(tensorflow::DT_DOUBLE, std::move(shape), std::move(values));
}

// Matrix `index` of a [..., rows, cols] double tensor.
std::vector<double> MatrixAt(const Tensor& tensor, int64_t index) {
  const int64_t rows = tensor.dim(tensor.rank() - 2), cols = tensor.dim(tensor.rank() - 1);
  const double* data = tensor.data<double>() + index * rows * cols;
  return std::vector<double>(data, data + rows * cols);
}

// a (rows x inner) times b (inner x cols), b transposed first when `transpose_b`.
std::vector<double> Multiply(const std::vector<double>& a, const std::vector<double>& b,
                             int64_t rows, int64_t inner, int64_t cols, bool transpose_b = false) {
  std::vector<double> out(rows * cols, 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) {
      for (int64_t k = 0; k < inner; ++k) {
        out[r * cols + c] += a[r * inner + k] * (transpose_b ? b[c * inner + k] : b[k * cols + c]);
      }
    }
  }
  return out;
}

std::vector<double> Transpose(const std::vector<double>& a, int64_t rows, int64_t cols) {
  std::vector<double> out(rows * cols);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) out[c * rows + r] = a[r * cols + c];
  }
  return out;
}

void ExpectIdentity(const std::vector<double>& m, int64_t n, const std::string& what) {
  for (int64_t r = 0; r < n; ++r) {
    for (int64_t c = 0; c < n; ++c) {
      EXPECT_NEAR(m[r * n + c], r == c ? 1.0 : 0.0, 1e-12) << what << " at " << r << "," << c;
    }
  }
}

// Q^T Q = I for a rows x cols matrix with orthonormal columns.
void ExpectOrthonormalColumns(const std::vector<double>& q, int64_t rows, int64_t cols,
                              const std::string& what) {
  ExpectIdentity(Multiply(Transpose(q, rows, cols), q, cols, rows, cols), cols, what);
}

std::string SvdAttrs(bool full_matrices, bool compute_uv = true) {
  return std::string("attr { key: 'full_matrices' value { b: ") +
         (full_matrices ? "true" : "false") +
         " } } attr { key: 'compute_uv' value { b: " + (compute_uv ? "true" : "false") + " } }";
}

// Checks a = u diag(s) v^T, orthonormality and the order of s for every matrix of the batch.
void CheckSvd(const Tensor& a, bool full_matrices) {
  auto outputs = RunOp("Svd", {a}, SvdAttrs(full_matrices), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const Tensor& s = (*outputs)[0];
  const Tensor& u = (*outputs)[1];
  const Tensor& v = (*outputs)[2];
  const int rank = a.rank();
  const int64_t m = a.dim(rank - 2), n = a.dim(rank - 1), p = std::min(m, n);
  const int64_t u_cols = full_matrices ? m : p, v_cols = full_matrices ? n : p;
  Shape batch(a.shape().begin(), a.shape().end() - 2);
  Shape s_shape = batch, u_shape = batch, v_shape = batch;
  s_shape.push_back(p);
  u_shape.insert(u_shape.end(), {m, u_cols});
  v_shape.insert(v_shape.end(), {n, v_cols});
  ASSERT_EQ(s.shape(), s_shape);
  ASSERT_EQ(u.shape(), u_shape);
  ASSERT_EQ(v.shape(), v_shape);
  const int64_t count = NumElements(batch);
  for (int64_t i = 0; i < count; ++i) {
    const std::vector<double> values(s.data<double>() + i * p, s.data<double>() + (i + 1) * p);
    for (int64_t k = 0; k < p; ++k) {
      EXPECT_GE(values[k], 0);
      if (k > 0) EXPECT_GE(values[k - 1], values[k]);
    }
    const std::vector<double> u_i = MatrixAt(u, i), v_i = MatrixAt(v, i);
    ExpectOrthonormalColumns(u_i, m, u_cols, "u");
    ExpectOrthonormalColumns(v_i, n, v_cols, "v");
    // u[:, :p] diag(s) v[:, :p]^T.
    std::vector<double> us(m * p);
    for (int64_t r = 0; r < m; ++r) {
      for (int64_t k = 0; k < p; ++k) us[r * p + k] = u_i[r * u_cols + k] * values[k];
    }
    std::vector<double> v_lead(n * p);
    for (int64_t r = 0; r < n; ++r) {
      for (int64_t k = 0; k < p; ++k) v_lead[r * p + k] = v_i[r * v_cols + k];
    }
    const std::vector<double> product = Multiply(us, v_lead, m, p, n, /*transpose_b=*/true);
    const std::vector<double> original = MatrixAt(a, i);
    for (int64_t k = 0; k < m * n; ++k) EXPECT_NEAR(product[k], original[k], 1e-12) << k;
  }
}

TEST(SvdTest, KnownSingularValues) {
  // [[3, 0], [4, 5]]^T [[3, 0], [4, 5]] = [[25, 20], [20, 25]], eigenvalues 45 and 5.
  auto outputs = RunOp("Svd", {Doubles({2, 2}, {3, 0, 4, 5})}, SvdAttrs(false), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT((*outputs)[0].values<double>(),
              ::testing::Pointwise(::testing::DoubleNear(1e-13),
                                   std::vector<double>{3 * std::sqrt(5.0), std::sqrt(5.0)}));
  // A diagonal matrix's singular values are its absolute diagonal, sorted.
  outputs = RunOp("Svd", {Doubles({3, 3}, {1, 0, 0, 0, -7, 0, 0, 0, 2})}, SvdAttrs(false), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT((*outputs)[0].values<double>(),
              ::testing::Pointwise(::testing::DoubleNear(1e-14), std::vector<double>{7, 2, 1}));
}

TEST(SvdTest, ReconstructsTallWideSquareAndBatchedMatrices) {
  const std::vector<double> values = {0.3,  -1.2, 2.5, 0.7,  1.1, -0.4, 3.3,  0.9,
                                      -2.2, 0.5,  1.8, -0.6, 0.1, 2.7,  -1.5, 0.8};
  for (bool full : {false, true}) {
    SCOPED_TRACE(full ? "full" : "thin");
    CheckSvd(Doubles({4, 3}, values), full);
    CheckSvd(Doubles({3, 4}, values), full);
    CheckSvd(Doubles({4, 4}, values), full);
    CheckSvd(Doubles({2, 2, 3}, values), full);
    CheckSvd(Doubles({1, 5}, values), full);
    // Rank 1: u's other columns are any orthonormal completion.
    CheckSvd(Doubles({3, 3}, {1, 2, 3, 2, 4, 6, -1, -2, -3}), full);
    CheckSvd(Doubles({2, 3}, {0, 0, 0, 0, 0, 0}), full);
  }
}

TEST(SvdTest, Float32SingularValuesOnlyAndEmptyMatrices) {
  auto outputs = RunOp("Svd", {testing::Floats({2, 2}, {3, 0, 4, 5})},
                       SvdAttrs(false, /*compute_uv=*/false), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(
      testing::FloatValues((*outputs)[0]),
      ::testing::Pointwise(::testing::FloatNear(1e-5),
                           std::vector<float>{float(3 * std::sqrt(5.0)), float(std::sqrt(5.0))}));
  // TF allocates the unused u and v as scalars.
  EXPECT_EQ((*outputs)[1].shape(), Shape({}));
  EXPECT_EQ((*outputs)[2].shape(), Shape({}));
  // A 3 x 0 matrix: no singular values; full u is the identity.
  outputs = RunOp("Svd", {Doubles({3, 0}, {})}, SvdAttrs(true), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].shape(), Shape({0}));
  EXPECT_EQ((*outputs)[2].shape(), Shape({0, 0}));
  ExpectIdentity(MatrixAt((*outputs)[1], 0), 3, "u");
  EXPECT_FALSE(RunOp("Svd", {Doubles({3}, {1, 2, 3})}, "", 3).ok());
  // The graph refuses T=int32, which TF's Svd does not take.
  EXPECT_FALSE(RunOp("Svd", {testing::Ints({2, 2}, {1, 2, 3, 4})},
                     "attr { key: 'T' value { type: DT_INT32 } }", 3)
                   .ok());
}

TEST(SvdTest, NonFiniteInputGivesNaN) {
  auto outputs = RunOp("Svd", {Doubles({2, 2}, {1, NAN, 0, 1})}, SvdAttrs(false), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  for (int k = 0; k < 3; ++k) EXPECT_TRUE(std::isnan((*outputs)[k].values<double>()[0])) << k;
}

void CheckQr(const Tensor& a, bool full_matrices) {
  auto outputs = RunOp("Qr", {a},
                       std::string("attr { key: 'full_matrices' value { b: ") +
                           (full_matrices ? "true" : "false") + " } }",
                       2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const Tensor& q = (*outputs)[0];
  const Tensor& r = (*outputs)[1];
  const int rank = a.rank();
  const int64_t m = a.dim(rank - 2), n = a.dim(rank - 1);
  const int64_t k = full_matrices ? m : std::min(m, n);
  Shape q_shape = a.shape(), r_shape = a.shape();
  q_shape.back() = k;
  r_shape[rank - 2] = k;
  ASSERT_EQ(q.shape(), q_shape);
  ASSERT_EQ(r.shape(), r_shape);
  const int64_t count = NumElements(Shape(a.shape().begin(), a.shape().end() - 2));
  for (int64_t i = 0; i < count; ++i) {
    const std::vector<double> q_i = MatrixAt(q, i), r_i = MatrixAt(r, i);
    ExpectOrthonormalColumns(q_i, m, k, "q");
    for (int64_t row = 0; row < k; ++row) {
      for (int64_t col = 0; col < std::min(row, n); ++col) EXPECT_EQ(r_i[row * n + col], 0);
    }
    const std::vector<double> product = Multiply(q_i, r_i, m, k, n);
    const std::vector<double> original = MatrixAt(a, i);
    for (int64_t e = 0; e < m * n; ++e) EXPECT_NEAR(product[e], original[e], 1e-12) << e;
  }
}

TEST(QrTest, ReconstructsWithOrthonormalQAndTriangularR) {
  const std::vector<double> values = {0.3,  -1.2, 2.5, 0.7,  1.1, -0.4, 3.3,  0.9,
                                      -2.2, 0.5,  1.8, -0.6, 0.1, 2.7,  -1.5, 0.8};
  for (bool full : {false, true}) {
    SCOPED_TRACE(full ? "full" : "thin");
    CheckQr(Doubles({4, 3}, values), full);
    CheckQr(Doubles({3, 4}, values), full);
    CheckQr(Doubles({2, 2, 2}, values), full);
    CheckQr(Doubles({3, 2}, {1, 2, 2, 4, 3, 6}), full);  // rank 1
  }
  // |R| of [[3], [4]] is 5 whichever sign the reflection takes.
  auto outputs = RunOp("Qr", {testing::Floats({2, 1}, {3, 4})}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_NEAR(std::fabs(testing::FloatValues((*outputs)[1])[0]), 5.f, 1e-6);
  EXPECT_FALSE(RunOp("Qr", {Doubles({2}, {1, 2})}, "", 2).ok());
}

}  // namespace
}  // namespace tfjs::runtime
