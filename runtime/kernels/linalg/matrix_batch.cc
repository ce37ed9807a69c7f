// The factorizations of matrix_batch.h, for double and std::complex<double>.
#include "runtime/kernels/linalg/matrix_batch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::linalg {

absl::StatusOr<MatrixBatch> BatchOf(const Tensor& tensor, const char* what, bool square) {
  if (tensor.rank() < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " must have rank >= 2, got shape ", ShapeString(tensor.shape())));
  }
  MatrixBatch batch;
  batch.rows = tensor.dim(tensor.rank() - 2);
  batch.cols = tensor.dim(tensor.rank() - 1);
  if (square && batch.rows != batch.cols) {
    return absl::InvalidArgumentError(absl::StrCat(what,
                                                   " must be a square matrix (or batch of "
                                                   "them), got shape ",
                                                   ShapeString(tensor.shape())));
  }
  batch.count = 1;
  for (int d = 0; d < tensor.rank() - 2; ++d) batch.count *= tensor.dim(d);
  return batch;
}

Shape BatchShape(const Shape& shape) { return Shape(shape.begin(), shape.end() - 2); }

template <typename T>
LuFactors<T> FactorLu(std::vector<T> matrix, int64_t n) {
  LuFactors<T> factors;
  factors.n = n;
  factors.perm.resize(n);
  for (int64_t i = 0; i < n; ++i) factors.perm[i] = i;
  for (int64_t k = 0; k < n; ++k) {
    int64_t pivot = k;
    for (int64_t r = k + 1; r < n; ++r) {
      if (std::abs(matrix[r * n + k]) > std::abs(matrix[pivot * n + k])) pivot = r;
    }
    if (pivot != k) {
      for (int64_t c = 0; c < n; ++c) std::swap(matrix[k * n + c], matrix[pivot * n + c]);
      std::swap(factors.perm[k], factors.perm[pivot]);
      ++factors.swaps;
    }
    const T diagonal = matrix[k * n + k];
    if (diagonal == T(0)) {
      factors.singular = true;
      continue;
    }
    for (int64_t r = k + 1; r < n; ++r) {
      const T factor = matrix[r * n + k] / diagonal;
      matrix[r * n + k] = factor;
      for (int64_t c = k + 1; c < n; ++c) matrix[r * n + c] -= factor * matrix[k * n + c];
    }
  }
  factors.lu = std::move(matrix);
  return factors;
}

template <typename T>
std::vector<T> SolveLu(const LuFactors<T>& factors, const std::vector<T>& rhs, int64_t k) {
  const int64_t n = factors.n;
  const std::vector<T>& lu = factors.lu;
  std::vector<T> x(n * k);
  for (int64_t r = 0; r < n; ++r) {
    for (int64_t j = 0; j < k; ++j) x[r * k + j] = rhs[factors.perm[r] * k + j];
  }
  for (int64_t r = 0; r < n; ++r) {  // L y = P b
    for (int64_t c = 0; c < r; ++c) {
      for (int64_t j = 0; j < k; ++j) x[r * k + j] -= lu[r * n + c] * x[c * k + j];
    }
  }
  for (int64_t r = n - 1; r >= 0; --r) {  // U x = y
    for (int64_t c = r + 1; c < n; ++c) {
      for (int64_t j = 0; j < k; ++j) x[r * k + j] -= lu[r * n + c] * x[c * k + j];
    }
    for (int64_t j = 0; j < k; ++j) x[r * k + j] /= lu[r * n + r];
  }
  return x;
}

template <typename T>
bool FactorCholesky(std::vector<T>& a, int64_t n) {
  for (int64_t j = 0; j < n; ++j) {
    double diagonal = RealPart(a[j * n + j]);
    for (int64_t k = 0; k < j; ++k) diagonal -= AbsSquared(a[j * n + k]);
    if (!(diagonal > 0)) return false;
    const double root = std::sqrt(diagonal);
    a[j * n + j] = root;
    for (int64_t i = j + 1; i < n; ++i) {
      T value = a[i * n + j];
      for (int64_t k = 0; k < j; ++k) value -= a[i * n + k] * Conj(a[j * n + k]);
      a[i * n + j] = value / root;
    }
    for (int64_t c = j + 1; c < n; ++c) a[j * n + c] = 0;
  }
  return true;
}

template <typename T>
QrFactors<T> FactorQr(std::vector<T> a, int64_t m, int64_t n) {
  QrFactors<T> factors;
  factors.q.assign(m * m, T(0));
  for (int64_t i = 0; i < m; ++i) factors.q[i * m + i] = 1.0;
  std::vector<T> v(m);
  for (int64_t k = 0; k < std::min(m, n); ++k) {
    const T head = a[k * n + k];
    double tail_norm_squared = 0;
    for (int64_t i = k + 1; i < m; ++i) tail_norm_squared += AbsSquared(a[i * n + k]);
    const double tiny = std::numeric_limits<double>::min();
    if (tail_norm_squared <= tiny && AbsSquared(head - T(RealPart(head))) <= tiny) {
      a[k * n + k] = RealPart(head);
      continue;
    }
    double beta = std::sqrt(AbsSquared(head) + tail_norm_squared);
    if (RealPart(head) >= 0) beta = -beta;
    // v = (x - beta e_k) / (x_k - beta), so v_k = 1; M = I - sigma v v^H maps x to beta e_k.
    const T scale = T(1) / (head - T(beta));
    v[k] = 1;
    for (int64_t i = k + 1; i < m; ++i) v[i] = a[i * n + k] * scale;
    const T sigma = Conj((T(beta) - head) / T(beta));
    for (int64_t c = k + 1; c < n; ++c) {
      T dot = 0;
      for (int64_t i = k; i < m; ++i) dot += Conj(v[i]) * a[i * n + c];
      const T factor = sigma * dot;
      for (int64_t i = k; i < m; ++i) a[i * n + c] -= factor * v[i];
    }
    a[k * n + k] = beta;
    for (int64_t i = k + 1; i < m; ++i) a[i * n + k] = 0;
    // Q <- Q M^H.
    for (int64_t row = 0; row < m; ++row) {
      T dot = 0;
      for (int64_t i = k; i < m; ++i) dot += factors.q[row * m + i] * v[i];
      const T factor = Conj(sigma) * dot;
      for (int64_t i = k; i < m; ++i) factors.q[row * m + i] -= factor * Conj(v[i]);
    }
  }
  factors.r = std::move(a);
  return factors;
}

template LuFactors<double> FactorLu(std::vector<double>, int64_t);
template LuFactors<Complex> FactorLu(std::vector<Complex>, int64_t);
template std::vector<double> SolveLu(const LuFactors<double>&, const std::vector<double>&, int64_t);
template std::vector<Complex> SolveLu(const LuFactors<Complex>&, const std::vector<Complex>&,
                                      int64_t);
template bool FactorCholesky(std::vector<double>&, int64_t);
template bool FactorCholesky(std::vector<Complex>&, int64_t);
template QrFactors<double> FactorQr(std::vector<double>, int64_t, int64_t);
template QrFactors<Complex> FactorQr(std::vector<Complex>, int64_t, int64_t);

}  // namespace tfjs::runtime::linalg
