// MatrixSolveLs: the least-squares solution X of A X = B for each [M, N] matrix A and [M, K]
// right-hand side of a real or complex batch, as TF computes it. fast (the default) solves the
// normal equations by Cholesky: (A^H A + l2 I) X = A^H B when M >= N, else X = A^H Z with
// (A A^H + l2 I) Z = B (l2 added only when positive), failing when the Gramian is not positive
// definite. fast=false gives the minimum-norm least-squares solution of a complete orthogonal
// decomposition (Eigen's completeOrthogonalDecomposition().solve): QR with column pivoting, the
// numerical rank (pivots above max|pivot| * eps * min(M, N), eps of the input's precision), and
// an LQ step on the leading rows; l2_regularizer is then ignored, as in TF.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime::linalg {
namespace {

constexpr int kMatrix = 0;
constexpr int kRhs = 1;
constexpr int kL2Regularizer = 2;

// Solves G X = B (G n x n Hermitian positive definite, B n x k) by Cholesky; false when G is
// not positive definite.
template <typename T>
bool CholeskySolve(std::vector<T> g, int64_t n, std::vector<T>* b, int64_t k) {
  if (!FactorCholesky(g, n)) return false;
  std::vector<T>& x = *b;
  for (int64_t r = 0; r < n; ++r) {  // L y = b
    for (int64_t c = 0; c < r; ++c) {
      for (int64_t j = 0; j < k; ++j) x[r * k + j] -= g[r * n + c] * x[c * k + j];
    }
    for (int64_t j = 0; j < k; ++j) x[r * k + j] /= g[r * n + r];
  }
  for (int64_t r = n - 1; r >= 0; --r) {  // L^H x = y
    for (int64_t c = r + 1; c < n; ++c) {
      for (int64_t j = 0; j < k; ++j) x[r * k + j] -= Conj(g[c * n + r]) * x[c * k + j];
    }
    for (int64_t j = 0; j < k; ++j) x[r * k + j] /= g[r * n + r];
  }
  return true;
}

// The minimum-norm least-squares solution (N x K) of A X = B, A m x n.
template <typename T>
std::vector<T> MinimumNormSolve(std::vector<T> a, int64_t m, int64_t n, std::vector<T> b, int64_t k,
                                double epsilon) {
  std::vector<int64_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  const int64_t size = std::min(m, n);
  double max_pivot = 0;
  std::vector<T> v(m);
  for (int64_t step = 0; step < size; ++step) {
    // The remaining column of largest norm goes next.
    int64_t best = step;
    double best_norm = -1;
    for (int64_t c = step; c < n; ++c) {
      double norm = 0;
      for (int64_t i = step; i < m; ++i) norm += AbsSquared(a[i * n + c]);
      if (norm > best_norm) {
        best_norm = norm;
        best = c;
      }
    }
    if (best != step) {
      for (int64_t i = 0; i < m; ++i) std::swap(a[i * n + step], a[i * n + best]);
      std::swap(perm[step], perm[best]);
    }
    // The Householder reflection of matrix_batch.h's FactorQr, applied to A and B.
    const T head = a[step * n + step];
    const double tail = best_norm - AbsSquared(head);
    double beta = RealPart(head);
    if (tail > std::numeric_limits<double>::min() || AbsSquared(head - T(beta)) > 0) {
      beta = std::sqrt(AbsSquared(head) + std::max(tail, 0.0));
      if (RealPart(head) >= 0) beta = -beta;
      const T scale = T(1) / (head - T(beta));
      v[step] = 1;
      for (int64_t i = step + 1; i < m; ++i) v[i] = a[i * n + step] * scale;
      const T sigma = Conj((T(beta) - head) / T(beta));
      auto reflect = [&](std::vector<T>& x, int64_t cols, int64_t first) {
        for (int64_t c = first; c < cols; ++c) {
          T dot = 0;
          for (int64_t i = step; i < m; ++i) dot += Conj(v[i]) * x[i * cols + c];
          const T factor = sigma * dot;
          for (int64_t i = step; i < m; ++i) x[i * cols + c] -= factor * v[i];
        }
      };
      reflect(a, n, step + 1);
      reflect(b, k, 0);
    }
    a[step * n + step] = beta;
    for (int64_t i = step + 1; i < m; ++i) a[i * n + step] = 0;
    max_pivot = std::max(max_pivot, std::fabs(beta));
  }
  int64_t rank = 0;
  for (int64_t i = 0; i < size; ++i) {
    if (std::abs(a[i * n + i]) > max_pivot * epsilon * size) ++rank;
  }
  std::vector<T> x(n * k, T(0));
  if (rank == 0) return x;
  // R_top = the leading rank rows of R (rank x n) = L^H Z^H from the QR of R_top^H = Z L.
  std::vector<T> r_top_adjoint(n * rank);
  for (int64_t i = 0; i < rank; ++i) {
    for (int64_t j = 0; j < n; ++j) r_top_adjoint[j * rank + i] = Conj(a[i * n + j]);
  }
  const QrFactors<T> lq = FactorQr(std::move(r_top_adjoint), n, rank);
  // w = L^-H c, forward substitution on the lower triangular L^H (L = lq.r's top rank rows).
  std::vector<T> w(rank * k);
  for (int64_t i = 0; i < rank; ++i) {
    for (int64_t j = 0; j < k; ++j) {
      T value = b[i * k + j];
      for (int64_t p = 0; p < i; ++p) value -= Conj(lq.r[p * rank + i]) * w[p * k + j];
      w[i * k + j] = value / Conj(lq.r[i * rank + i]);
    }
  }
  // y = Z[:, :rank] w, then X = P y.
  for (int64_t row = 0; row < n; ++row) {
    for (int64_t j = 0; j < k; ++j) {
      T value = 0;
      for (int64_t p = 0; p < rank; ++p) value += lq.q[row * n + p] * w[p * k + j];
      x[perm[row] * k + j] = value;
    }
  }
  return x;
}

template <typename T>
absl::Status SolveLs(OpContext& context, const MatrixBatch& a, const MatrixBatch& b, double l2,
                     bool fast) {
  const Tensor& matrix = context.input(kMatrix);
  const std::vector<T> matrices = ValuesAs<T>(matrix);
  const std::vector<T> rhs_values = ValuesAs<T>(context.input(kRhs));
  const int64_t m = a.rows, n = a.cols, k = b.cols;
  const bool single =
      matrix.dtype() == tensorflow::DT_FLOAT || matrix.dtype() == tensorflow::DT_COMPLEX64;
  const double epsilon =
      single ? std::numeric_limits<float>::epsilon() : std::numeric_limits<double>::epsilon();
  std::vector<T> out;
  out.reserve(a.count * n * k);
  for (int64_t i = 0; i < a.count; ++i) {
    std::vector<T> x(n * k, T(0));
    const std::vector<T> am = MatrixAt(matrices, m, n, i);
    std::vector<T> bm = MatrixAt(rhs_values, m, k, i);
    if (m > 0 && n > 0 && k > 0) {
      if (!fast) {
        x = MinimumNormSolve(am, m, n, std::move(bm), k, epsilon);
      } else {
        const std::vector<T> adjoint = Adjoint(am, m, n);
        const bool tall = m >= n;
        const int64_t size = tall ? n : m;
        std::vector<T> gramian = tall ? MatMul(adjoint, am, n, m, n) : MatMul(am, adjoint, m, n, m);
        if (l2 > 0) {
          for (int64_t d = 0; d < size; ++d) gramian[d * size + d] += l2;
        }
        std::vector<T> solution = tall ? MatMul(adjoint, bm, n, m, k) : bm;
        if (!CholeskySolve(std::move(gramian), size, &solution, k)) {
          return context.Error(
              "Input matrix was rank deficient or ill-conditioned. Try setting fast=False or "
              "provide a larger l2_regularizer > 0.");
        }
        x = tall ? std::move(solution) : MatMul(adjoint, solution, n, m, k);
      }
    }
    out.insert(out.end(), x.begin(), x.end());
  }
  Shape shape = BatchShape(matrix.shape());
  shape.push_back(n);
  shape.push_back(k);
  absl::StatusOr<Tensor> output = TensorFrom(matrix.dtype(), shape, out);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeMatrixSolveLs(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& matrix = context.input(kMatrix);
  const Tensor& rhs = context.input(kRhs);
  const Tensor& l2 = context.input(kL2Regularizer);
  if (l2.rank() != 0) {
    return context.Error(
        absl::StrCat("l2_regularizer must be scalar, got shape ", ShapeString(l2.shape())));
  }
  absl::StatusOr<MatrixBatch> a = BatchOf(matrix, "Input matrix", false);
  if (!a.ok()) return context.Error(a.status().message());
  absl::StatusOr<MatrixBatch> b = BatchOf(rhs, "Input rhs", false);
  if (!b.ok()) return context.Error(b.status().message());
  if (matrix.rank() != rhs.rank() || BatchShape(matrix.shape()) != BatchShape(rhs.shape())) {
    return context.Error(absl::StrCat("All input tensors must have the same outer dimensions, got ",
                                      ShapeString(matrix.shape()), " and ",
                                      ShapeString(rhs.shape())));
  }
  if (a->rows != b->rows) {
    return context.Error(absl::StrCat(
        "Input matrix and right-hand side must have the same number of rows: ", a->rows, " vs. ",
        b->rows));
  }
  const auto& attrs = context.node().attr();
  const bool fast = !attrs.count("fast") || attrs.at("fast").b();
  const double l2_regularizer = ValuesAs<double>(l2)[0];
  return VisitRealOrComplex(matrix.dtype(), [&](auto zero) {
    return SolveLs<decltype(zero)>(context, *a, *b, l2_regularizer, fast);
  });
}

REGISTER_KERNEL("MatrixSolveLs", ComputeMatrixSolveLs, {{"T", FloatAndComplexTypes()}});
REGISTER_KERNEL("BatchMatrixSolveLs", ComputeMatrixSolveLs,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::linalg
