// MatrixExponential (scaling and squaring with the degree-13 Pade approximant, Higham 2005, the
// method of Eigen's exp()) and the self-adjoint eigendecompositions SelfAdjointEigV2 (e, v) and
// the deprecated SelfAdjointEig ([N+1, N]: eigenvalues, then the eigenvectors' rows), by cyclic
// Jacobi rotations on Hermitian matrices; eigenvalues ascending, eigenvectors of unit norm (their
// phase may differ from TF's: any unit multiple is an eigenvector).
#include <algorithm>
#include <cmath>
#include <complex>
#include <numeric>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime::linalg {
namespace {

using Matrix = std::vector<Complex>;

Matrix Multiply(const Matrix& a, const Matrix& b, int64_t n) {
  Matrix c(n * n, 0.0);
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t k = 0; k < n; ++k) {
      const Complex value = a[i * n + k];
      for (int64_t j = 0; j < n; ++j) c[i * n + j] += value * b[k * n + j];
    }
  }
  return c;
}

double Norm1(const Matrix& a, int64_t n) {
  double best = 0;
  for (int64_t j = 0; j < n; ++j) {
    double sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += std::abs(a[i * n + j]);
    best = std::max(best, sum);
  }
  return best;
}

// Solves P X = Q (n x n) by LU with partial pivoting.
Matrix Solve(Matrix p, Matrix q, int64_t n) {
  for (int64_t k = 0; k < n; ++k) {
    int64_t pivot = k;
    for (int64_t r = k + 1; r < n; ++r) {
      if (std::abs(p[r * n + k]) > std::abs(p[pivot * n + k])) pivot = r;
    }
    for (int64_t c = 0; c < n; ++c) {
      std::swap(p[k * n + c], p[pivot * n + c]);
      std::swap(q[k * n + c], q[pivot * n + c]);
    }
    for (int64_t r = k + 1; r < n; ++r) {
      const Complex factor = p[r * n + k] / p[k * n + k];
      for (int64_t c = k; c < n; ++c) p[r * n + c] -= factor * p[k * n + c];
      for (int64_t c = 0; c < n; ++c) q[r * n + c] -= factor * q[k * n + c];
    }
  }
  for (int64_t k = n - 1; k >= 0; --k) {
    for (int64_t c = 0; c < n; ++c) {
      Complex value = q[k * n + c];
      for (int64_t t = k + 1; t < n; ++t) value -= p[k * n + t] * q[t * n + c];
      q[k * n + c] = value / p[k * n + k];
    }
  }
  return q;
}

Matrix Exponential(Matrix a, int64_t n) {
  static constexpr double kB[] = {64764752532480000.,
                                  32382376266240000.,
                                  7771770303897600.,
                                  1187353796428800.,
                                  129060195264000.,
                                  10559470521600.,
                                  670442572800.,
                                  33522128640.,
                                  1323241920.,
                                  40840800.,
                                  960960.,
                                  16380.,
                                  182.,
                                  1.};
  // theta_13: the 1-norm up to which the approximant needs no scaling.
  const double norm = Norm1(a, n);
  int squarings = 0;
  if (norm > 5.371920351148152) {
    squarings = std::max(0, static_cast<int>(std::ceil(std::log2(norm / 5.371920351148152))));
    const double scale = std::ldexp(1.0, -squarings);
    for (Complex& value : a) value *= scale;
  }
  Matrix identity(n * n, 0.0);
  for (int64_t i = 0; i < n; ++i) identity[i * n + i] = 1.0;
  const Matrix a2 = Multiply(a, a, n), a4 = Multiply(a2, a2, n), a6 = Multiply(a4, a2, n);
  Matrix u_inner(n * n), v(n * n), u_tail(n * n), v_tail(n * n);
  for (int64_t i = 0; i < n * n; ++i) {
    u_tail[i] = kB[13] * a6[i] + kB[11] * a4[i] + kB[9] * a2[i];
    v_tail[i] = kB[12] * a6[i] + kB[10] * a4[i] + kB[8] * a2[i];
  }
  const Matrix u_high = Multiply(a6, u_tail, n), v_high = Multiply(a6, v_tail, n);
  for (int64_t i = 0; i < n * n; ++i) {
    u_inner[i] = u_high[i] + kB[7] * a6[i] + kB[5] * a4[i] + kB[3] * a2[i] + kB[1] * identity[i];
    v[i] = v_high[i] + kB[6] * a6[i] + kB[4] * a4[i] + kB[2] * a2[i] + kB[0] * identity[i];
  }
  const Matrix u = Multiply(a, u_inner, n);
  Matrix p(n * n), q(n * n);
  for (int64_t i = 0; i < n * n; ++i) {
    p[i] = v[i] - u[i];
    q[i] = v[i] + u[i];
  }
  Matrix result = Solve(p, q, n);
  for (int s = 0; s < squarings; ++s) result = Multiply(result, result, n);
  return result;
}

// Batches of square matrices of a tensor: checks, and the count and size.
absl::Status SquareBatch(const OpContext& context, const Tensor& input, int64_t* count,
                         int64_t* n) {
  if (input.rank() < 2 || input.dim(input.rank() - 1) != input.dim(input.rank() - 2)) {
    return context.Error(
        absl::StrCat("Input must be a square matrix (or batch of them), got "
                     "shape ",
                     ShapeString(input.shape())));
  }
  *n = input.dim(input.rank() - 1);
  *count = NumElements(Shape(input.shape().begin(), input.shape().end() - 2));
  return absl::OkStatus();
}

absl::Status ComputeMatrixExponential(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  int64_t count = 0, n = 0;
  if (absl::Status status = SquareBatch(context, input, &count, &n); !status.ok()) return status;
  std::vector<Complex> values = ValuesAs<Complex>(input);
  for (int64_t b = 0; b < count && n > 0; ++b) {
    const Matrix result =
        Exponential(Matrix(values.begin() + b * n * n, values.begin() + (b + 1) * n * n), n);
    std::copy(result.begin(), result.end(), values.begin() + b * n * n);
  }
  absl::StatusOr<Tensor> output = TensorFrom(input.dtype(), input.shape(), values);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Eigenvalues (ascending) and unit eigenvectors (as columns of `vectors`) of a Hermitian matrix,
// by cyclic Jacobi rotations.
void HermitianEigen(Matrix a, int64_t n, std::vector<double>* values, Matrix* vectors) {
  Matrix v(n * n, 0.0);
  for (int64_t i = 0; i < n; ++i) v[i * n + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0, total = 0;
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        total += std::norm(a[i * n + j]);
        if (i != j) off += std::norm(a[i * n + j]);
      }
    }
    if (off <= 1e-30 * total || off == 0) break;
    for (int64_t p = 0; p < n; ++p) {
      for (int64_t q = p + 1; q < n; ++q) {
        const Complex apq = a[p * n + q];
        const double magnitude = std::abs(apq);
        if (magnitude == 0) continue;
        const double app = a[p * n + p].real(), aqq = a[q * n + q].real();
        // The rotation zeroing a[p][q]: with apq = |apq| e^{i phi}, rotate by angle theta.
        const Complex phase = apq / magnitude;
        const double theta = 0.5 * std::atan2(2 * magnitude, aqq - app);
        const double c = std::cos(theta), s = std::sin(theta);
        // Columns p, q of A and V: [p q] <- [p q] [[c, s phase], [-s conj(phase), c]].
        for (int64_t k = 0; k < n; ++k) {
          const Complex akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * std::conj(phase) * akq;
          a[k * n + q] = s * phase * akp + c * akq;
          const Complex vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * std::conj(phase) * vkq;
          v[k * n + q] = s * phase * vkp + c * vkq;
        }
        // Rows p, q: the conjugate transpose of the same rotation.
        for (int64_t k = 0; k < n; ++k) {
          const Complex apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * phase * aqk;
          a[q * n + k] = s * std::conj(phase) * apk + c * aqk;
        }
        a[p * n + q] = a[q * n + p] = 0.0;
      }
    }
  }
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t x, int64_t y) { return a[x * n + x].real() < a[y * n + y].real(); });
  values->assign(n, 0.0);
  vectors->assign(n * n, 0.0);
  for (int64_t j = 0; j < n; ++j) {
    (*values)[j] = a[order[j] * n + order[j]].real();
    for (int64_t i = 0; i < n; ++i) (*vectors)[i * n + j] = v[i * n + order[j]];
  }
}

template <bool kV2>
absl::Status ComputeSelfAdjointEig(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  int64_t count = 0, n = 0;
  if (absl::Status status = SquareBatch(context, input, &count, &n); !status.ok()) return status;
  auto compute_v_attr = context.node().attr().find("compute_v");
  const bool compute_v =
      !kV2 || compute_v_attr == context.node().attr().end() || compute_v_attr->second.b();
  const std::vector<Complex> x = ValuesAs<Complex>(input);
  const Shape batch(input.shape().begin(), input.shape().end() - 2);
  std::vector<Complex> e, v, packed;
  for (int64_t b = 0; b < count; ++b) {
    std::vector<double> values;
    Matrix vectors;
    HermitianEigen(Matrix(x.begin() + b * n * n, x.begin() + (b + 1) * n * n), n, &values,
                   &vectors);
    if (kV2) {
      e.insert(e.end(), values.begin(), values.end());
      if (compute_v) v.insert(v.end(), vectors.begin(), vectors.end());
    } else {
      packed.insert(packed.end(), values.begin(), values.end());
      packed.insert(packed.end(), vectors.begin(), vectors.end());
    }
  }
  if (!kV2) {
    Shape shape = batch;
    shape.push_back(n + 1);
    shape.push_back(n);
    absl::StatusOr<Tensor> output = TensorFrom(input.dtype(), shape, packed);
    if (!output.ok()) return context.Error(output.status().message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }
  Shape e_shape = batch, v_shape = batch;
  e_shape.push_back(n);
  v_shape.push_back(compute_v ? n : 0);
  v_shape.push_back(compute_v ? n : 0);
  absl::StatusOr<Tensor> e_tensor = TensorFrom(input.dtype(), e_shape, e);
  absl::StatusOr<Tensor> v_tensor = TensorFrom(input.dtype(), v_shape, v);
  if (!e_tensor.ok()) return context.Error(e_tensor.status().message());
  if (!v_tensor.ok()) return context.Error(v_tensor.status().message());
  context.set_output(0, *std::move(e_tensor));
  context.set_output(1, *std::move(v_tensor));
  return absl::OkStatus();
}

REGISTER_KERNEL("MatrixExponential", ComputeMatrixExponential, {{"T", FloatAndComplexTypes()}});
REGISTER_KERNEL("SelfAdjointEigV2", ComputeSelfAdjointEig<true>, {{"T", FloatAndComplexTypes()}});
REGISTER_KERNEL("BatchSelfAdjointEigV2", ComputeSelfAdjointEig<true>,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL("SelfAdjointEig", ComputeSelfAdjointEig<false>,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL("BatchSelfAdjointEig", ComputeSelfAdjointEig<false>,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::linalg
