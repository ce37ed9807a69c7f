// Shared plumbing for the batched linear-algebra kernels: shape checks, the scalar helpers that
// let one algorithm serve real (double) and complex (std::complex<double>) matrices, slicing a
// batch's values into row-major matrices, and LU and Householder QR factorizations.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LINALG_MATRIX_BATCH_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LINALG_MATRIX_BATCH_H_

#include <cmath>
#include <complex>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::linalg {

// A tensor of shape [..., rows, cols] seen as `count` matrices.
struct MatrixBatch {
  int64_t count = 0;
  int64_t rows = 0;
  int64_t cols = 0;
};

// Fails unless `tensor` has rank >= 2 (and, with `square`, equal inner dims); names `what`.
absl::StatusOr<MatrixBatch> BatchOf(const Tensor& tensor, const char* what, bool square);

// The leading (batch) dimensions of a [..., rows, cols] shape.
Shape BatchShape(const Shape& shape);

// Calls fn(T{}) with the type the factorizations compute a dtype in: Complex for complex64 and
// complex128, double for the real floats (float16 included).
template <typename Fn>
auto VisitRealOrComplex(DataType dtype, Fn&& fn) {
  if (IsComplexType(dtype)) return fn(Complex{});
  return fn(double{});
}

template <typename T>
constexpr bool kIsComplex = std::is_same_v<T, Complex>;

// The conjugate of a real (itself) or complex value, keeping its type.
template <typename T>
T Conj(T value) {
  if constexpr (kIsComplex<T>) {
    return std::conj(value);
  } else {
    return value;
  }
}
template <typename T>
double RealPart(T value) {
  if constexpr (kIsComplex<T>) {
    return value.real();
  } else {
    return value;
  }
}
// |value|^2.
template <typename T>
double AbsSquared(T value) {
  if constexpr (kIsComplex<T>) {
    return std::norm(value);
  } else {
    return value * value;
  }
}
template <typename T>
bool IsFinite(T value) {
  if constexpr (kIsComplex<T>) {
    return std::isfinite(value.real()) && std::isfinite(value.imag());
  } else {
    return std::isfinite(value);
  }
}

// Matrix `index` (rows x cols, row-major) of a batch's values as ValuesAs gives them.
template <typename T>
std::vector<T> MatrixAt(const std::vector<T>& values, int64_t rows, int64_t cols, int64_t index) {
  const int64_t size = rows * cols;
  return std::vector<T>(values.begin() + index * size, values.begin() + (index + 1) * size);
}

// The transpose, and the conjugate transpose, of a row-major [rows, cols] matrix.
template <typename T>
std::vector<T> Transposed(const std::vector<T>& matrix, int64_t rows, int64_t cols) {
  std::vector<T> out(matrix.size());
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) out[c * rows + r] = matrix[r * cols + c];
  }
  return out;
}
template <typename T>
std::vector<T> Adjoint(const std::vector<T>& matrix, int64_t rows, int64_t cols) {
  std::vector<T> out(matrix.size());
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) out[c * rows + r] = Conj(matrix[r * cols + c]);
  }
  return out;
}

// The product of row-major a (m x k) and b (k x n).
template <typename T>
std::vector<T> MatMul(const std::vector<T>& a, const std::vector<T>& b, int64_t m, int64_t k,
                      int64_t n) {
  std::vector<T> c(m * n, T(0));
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t p = 0; p < k; ++p) {
      const T value = a[i * k + p];
      for (int64_t j = 0; j < n; ++j) c[i * n + j] += value * b[p * n + j];
    }
  }
  return c;
}

// An LU factorization with partial pivoting (largest magnitude, first on ties, as Eigen's
// PartialPivLU) of a square n x n matrix: lu holds L (unit diagonal, below) and U (on and above),
// row i of the factored matrix is row perm[i] of the input.
template <typename T>
struct LuFactors {
  int64_t n = 0;
  std::vector<T> lu;
  std::vector<int64_t> perm;
  int swaps = 0;          // parity gives the permutation's sign
  bool singular = false;  // some pivot is exactly zero
};
template <typename T>
LuFactors<T> FactorLu(std::vector<T> matrix, int64_t n);

// Solves A X = B for X given A's LU factors and B (n x k, row-major).
template <typename T>
std::vector<T> SolveLu(const LuFactors<T>& factors, const std::vector<T>& rhs, int64_t k);

// The Cholesky factor L (L L^H = A) of a Hermitian positive definite n x n matrix, in place: read
// from the lower triangle and the real part of the diagonal (as Eigen's LLT), the strict upper
// triangle zeroed. False when a pivot is not positive (A is not positive definite).
template <typename T>
bool FactorCholesky(std::vector<T>& a, int64_t n);

// A Householder QR factorization A = Q R of an m x n matrix as Eigen's HouseholderQR computes
// it: column k's reflector maps it to beta e_k with beta real, -sign(Re a_kk) |a_k|, and is
// skipped when the column is already zero below the diagonal (so R's diagonal is real).
template <typename T>
struct QrFactors {
  std::vector<T> q;  // m x m, unitary
  std::vector<T> r;  // m x n, upper triangular
};
template <typename T>
QrFactors<T> FactorQr(std::vector<T> a, int64_t m, int64_t n);

}  // namespace tfjs::runtime::linalg

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LINALG_MATRIX_BATCH_H_
