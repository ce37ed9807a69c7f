// MatrixSquareRoot and MatrixLogarithm (principal branches) by the Schur method: A = U T U^H
// (complex Schur form), f(A) = U f(T) U^H with f(T) triangular. The square root of T is the
// Bjorck-Hammarling recurrence (what Eigen's sqrt() does for complex matrices). Real matrices take
// the same complex route and keep the real part, which is the real principal square root Eigen's
// real-Schur method gives; a real matrix with a real negative eigenvalue has no real square root
// and gives NaN everywhere, as Eigen's method does (sqrt of a negative 1x1 Schur block). The
// logarithm of T is by inverse scaling and squaring: square roots until T is close to I, then
// log(I + X) = 2 atanh(X (2I + X)^-1) by its series, scaled back by 2^s.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/schur.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime::linalg {
namespace {

using Matrix = std::vector<Complex>;

double Norm1(const Matrix& a, int64_t n) {
  double best = 0;
  for (int64_t j = 0; j < n; ++j) {
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += std::abs(a[i * n + j]);
    best = std::max(best, sum);
  }
  return best;
}

// U F U^H.
Matrix Unreduce(const ComplexSchurForm& schur, const Matrix& f, int64_t n) {
  return MatMul(MatMul(schur.u, f, n, n, n), Adjoint(schur.u, n, n), n, n, n);
}

// Solves X (2I + X)^-1 for upper triangular X (they commute, so (2I + X)^-1 X): back
// substitution column by column on the triangular system.
Matrix CayleyOfTriangular(const Matrix& x, int64_t n) {
  Matrix m = x;
  for (int64_t i = 0; i < n; ++i) m[i * n + i] += 2.0;
  Matrix z(n * n, 0.0);
  for (int64_t col = 0; col < n; ++col) {
    for (int64_t r = col; r >= 0; --r) {
      Complex value = x[r * n + col];
      for (int64_t k = r + 1; k <= col; ++k) value -= m[r * n + k] * z[k * n + col];
      z[r * n + col] = value / m[r * n + r];
    }
  }
  return z;
}

// The principal logarithm of an upper triangular matrix.
Matrix TriangularLog(Matrix t, int64_t n) {
  int squarings = 0;
  while (true) {
    Matrix x = t;
    for (int64_t i = 0; i < n; ++i) x[i * n + i] -= 1.0;
    if (Norm1(x, n) <= 0.25 || squarings >= 64) break;
    t = TriangularSqrt(t, n);
    ++squarings;
  }
  Matrix x = t;
  for (int64_t i = 0; i < n; ++i) x[i * n + i] -= 1.0;
  const Matrix z = CayleyOfTriangular(x, n);
  const Matrix z2 = MatMul(z, z, n, n, n);
  Matrix sum(n * n, 0.0);
  Matrix power = z;
  for (int k = 0; k < 200; ++k) {
    const double weight = 2.0 / (2 * k + 1);
    for (int64_t i = 0; i < n * n; ++i) sum[i] += weight * power[i];
    if (Norm1(power, n) * weight <= 1e-18 * std::max(Norm1(sum, n), 1e-300)) break;
    power = MatMul(power, z2, n, n, n);
  }
  const double scale = std::ldexp(1.0, squarings);
  for (Complex& value : sum) value *= scale;
  return sum;
}

// True when the real matrix with Schur form `schur` has a real negative eigenvalue (an
// eigenvalue whose imaginary part is rounding noise next to the matrix's size).
bool HasRealNegativeEigenvalue(const ComplexSchurForm& schur, int64_t n) {
  const double tolerance = 64 * n * std::numeric_limits<double>::epsilon() * Norm1(schur.t, n);
  for (int64_t i = 0; i < n; ++i) {
    const Complex lambda = schur.t[i * n + i];
    if (lambda.real() < 0 && std::fabs(lambda.imag()) <= tolerance) return true;
  }
  return false;
}

template <bool kLog>
absl::Status ComputeMatrixFunction(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<MatrixBatch> batch = BatchOf(input, "Input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  const int64_t n = batch->rows;
  const bool real = !IsComplexType(input.dtype());
  std::vector<Complex> values = ValuesAs<Complex>(input);
  for (int64_t b = 0; b < batch->count && n > 0; ++b) {
    const ComplexSchurForm schur = ComplexSchur(MatrixAt(values, n, n, b), n);
    Matrix result;
    if (!kLog && real && HasRealNegativeEigenvalue(schur, n)) {
      result.assign(n * n, std::numeric_limits<double>::quiet_NaN());
    } else {
      result = Unreduce(schur, kLog ? TriangularLog(schur.t, n) : TriangularSqrt(schur.t, n), n);
    }
    std::copy(result.begin(), result.end(), values.begin() + b * n * n);
  }
  absl::StatusOr<Tensor> output = TensorFrom(input.dtype(), input.shape(), values);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("MatrixSquareRoot", ComputeMatrixFunction<false>, {{"T", FloatAndComplexTypes()}});
REGISTER_KERNEL("MatrixLogarithm", ComputeMatrixFunction<true>,
                {{"T", {tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}}});

}  // namespace
}  // namespace tfjs::runtime::linalg
