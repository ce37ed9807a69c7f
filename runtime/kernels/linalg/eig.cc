// Eig: the eigenvalues e and (with compute_v) unit eigenvectors v (columns) of general square
// matrices, as TF computes them with Eigen's ComplexEigenSolver on the input cast to complex:
// complex Schur form, eigenvectors of the triangular factor by back substitution, normalized,
// then eigenvalues sorted by ascending magnitude. Eigenvectors are unique up to a unit factor,
// which may differ from TF's.
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

struct EigenSystem {
  std::vector<Complex> values;
  std::vector<Complex> vectors;  // n x n, column k for values[k]
};

// Solves X T = D X for unit upper triangular X (Eigen's doComputeEigenvectors), V = U X with
// unit columns.
std::vector<Complex> Eigenvectors(const ComplexSchurForm& schur, int64_t n) {
  const std::vector<Complex>& t = schur.t;
  double norm = 0;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = i; j < n; ++j) norm = std::max(norm, std::abs(t[i * n + j]));
  }
  std::vector<Complex> x(n * n, 0.0);
  for (int64_t k = n - 1; k >= 0; --k) {
    x[k * n + k] = 1.0;
    for (int64_t i = k - 1; i >= 0; --i) {
      Complex value = -t[i * n + k];
      for (int64_t j = i + 1; j < k; ++j) value -= t[i * n + j] * x[j * n + k];
      Complex z = t[i * n + i] - t[k * n + k];
      // Equal eigenvalues: a small value instead, as Eigen does.
      if (z == Complex(0)) z = std::numeric_limits<double>::epsilon() * norm;
      x[i * n + k] = value / z;
    }
  }
  std::vector<Complex> v = MatMul(schur.u, x, n, n, n);
  for (int64_t k = 0; k < n; ++k) {
    double length = 0;
    for (int64_t i = 0; i < n; ++i) length += std::norm(v[i * n + k]);
    length = std::sqrt(length);
    if (length > 0) {
      for (int64_t i = 0; i < n; ++i) v[i * n + k] /= length;
    }
  }
  return v;
}

// Eigen's sortEigenvalues: selection by smallest magnitude, swapping into place.
void SortByMagnitude(EigenSystem& system, int64_t n, bool with_vectors) {
  for (int64_t i = 0; i < n; ++i) {
    int64_t best = i;
    for (int64_t k = i + 1; k < n; ++k) {
      if (std::abs(system.values[k]) < std::abs(system.values[best])) best = k;
    }
    if (best == i) continue;
    std::swap(system.values[i], system.values[best]);
    if (with_vectors) {
      for (int64_t r = 0; r < n; ++r) {
        std::swap(system.vectors[r * n + i], system.vectors[r * n + best]);
      }
    }
  }
}

absl::Status ComputeEig(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<MatrixBatch> batch = BatchOf(input, "Input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  const auto& attrs = context.node().attr();
  const bool compute_v = !attrs.count("compute_v") || attrs.at("compute_v").b();
  const DataType out_type =
      attrs.count("Tout") ? attrs.at("Tout").type() : tensorflow::DT_COMPLEX64;
  const int64_t n = batch->rows;
  const std::vector<Complex> values = ValuesAs<Complex>(input);
  std::vector<Complex> e, v;
  for (int64_t b = 0; b < batch->count && n > 0; ++b) {
    const ComplexSchurForm schur = ComplexSchur(MatrixAt(values, n, n, b), n);
    if (!schur.converged) {
      return context.Error("Eigen decomposition was not successful. The input might not be valid.");
    }
    EigenSystem system;
    for (int64_t i = 0; i < n; ++i) system.values.push_back(schur.t[i * n + i]);
    if (compute_v) system.vectors = Eigenvectors(schur, n);
    SortByMagnitude(system, n, compute_v);
    e.insert(e.end(), system.values.begin(), system.values.end());
    v.insert(v.end(), system.vectors.begin(), system.vectors.end());
  }
  Shape e_shape = BatchShape(input.shape());
  Shape v_shape = e_shape;
  e_shape.push_back(n);
  if (compute_v) {
    v_shape.push_back(n);
    v_shape.push_back(n);
  } else {
    v_shape.push_back(0);
  }
  absl::StatusOr<Tensor> e_tensor = TensorFrom(out_type, e_shape, e);
  if (!e_tensor.ok()) return context.Error(e_tensor.status().message());
  absl::StatusOr<Tensor> v_tensor = TensorFrom(out_type, v_shape, v);
  if (!v_tensor.ok()) return context.Error(v_tensor.status().message());
  context.set_output(0, *std::move(e_tensor));
  context.set_output(1, *std::move(v_tensor));
  return absl::OkStatus();
}

REGISTER_KERNEL("Eig", ComputeEig,
                {{"T", FloatAndComplexTypes()},
                 {"Tout", {tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}}});

}  // namespace
}  // namespace tfjs::runtime::linalg
