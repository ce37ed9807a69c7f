// Qr: q, r with input = q r for each matrix of a float32/float64 batch [..., M, N], q with
// orthonormal columns and r upper triangular. full_matrices gives q [M, M] and r [M, N], else
// q [M, P] and r [P, N] with P = min(M, N). Householder reflections in double precision.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"

namespace tfjs::runtime {
namespace {

struct QrFactors {
  std::vector<double> q;  // m x m
  std::vector<double> r;  // m x n
};

// Reflects column k of r (rows k..m-1) onto a multiple of e_k, for each k < min(m, n), applying
// every reflection to r from the left and accumulating q = H_0 H_1 ... from the right.
QrFactors FactorQr(std::vector<double> a, int64_t m, int64_t n) {
  QrFactors factors;
  factors.q.assign(m * m, 0.0);
  for (int64_t i = 0; i < m; ++i) factors.q[i * m + i] = 1.0;
  std::vector<double> reflector(m);
  for (int64_t k = 0; k < std::min(m, n); ++k) {
    double norm = 0;
    for (int64_t i = k; i < m; ++i) norm += a[i * n + k] * a[i * n + k];
    norm = std::sqrt(norm);
    if (norm == 0) continue;
    // v = x + sign(x_k) |x| e_k, which avoids cancellation; H = I - 2 v v^T / (v^T v).
    const double head = a[k * n + k];
    const double alpha = head >= 0 ? -norm : norm;
    double v_norm_squared = 0;
    for (int64_t i = k; i < m; ++i) {
      reflector[i] = a[i * n + k] - (i == k ? alpha : 0.0);
      v_norm_squared += reflector[i] * reflector[i];
    }
    if (v_norm_squared == 0) continue;
    for (int64_t c = k; c < n; ++c) {
      double dot = 0;
      for (int64_t i = k; i < m; ++i) dot += reflector[i] * a[i * n + c];
      const double factor = 2 * dot / v_norm_squared;
      for (int64_t i = k; i < m; ++i) a[i * n + c] -= factor * reflector[i];
    }
    for (int64_t i = k + 1; i < m; ++i) a[i * n + k] = 0;
    for (int64_t row = 0; row < m; ++row) {
      double dot = 0;
      for (int64_t i = k; i < m; ++i) dot += factors.q[row * m + i] * reflector[i];
      const double factor = 2 * dot / v_norm_squared;
      for (int64_t i = k; i < m; ++i) factors.q[row * m + i] -= factor * reflector[i];
    }
  }
  factors.r = std::move(a);
  return factors;
}

// The top-left rows x cols block of a row-major matrix with `stride` columns.
std::vector<double> Block(const std::vector<double>& matrix, int64_t stride, int64_t rows,
                          int64_t cols) {
  std::vector<double> out(rows * cols);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) out[r * cols + c] = matrix[r * stride + c];
  }
  return out;
}

class QrKernel : public Kernel {
 public:
  explicit QrKernel(bool full_matrices) : full_matrices_(full_matrices) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(0);
    absl::StatusOr<linalg::MatrixBatch> batch = linalg::FloatBatchOf(input, "input", false);
    if (!batch.ok()) return context.Error(batch.status().message());
    const int64_t m = batch->rows, n = batch->cols;
    const int64_t q_cols = full_matrices_ ? m : std::min(m, n);
    Shape q_shape = input.shape();
    q_shape.back() = q_cols;
    Shape r_shape = input.shape();
    r_shape[r_shape.size() - 2] = q_cols;
    absl::StatusOr<Tensor> q = Tensor::Allocate(input.dtype(), q_shape);
    if (!q.ok()) return context.Error(q.status().message());
    absl::StatusOr<Tensor> r = Tensor::Allocate(input.dtype(), r_shape);
    if (!r.ok()) return context.Error(r.status().message());
    for (int64_t i = 0; i < batch->count; ++i) {
      QrFactors factors = FactorQr(linalg::ReadMatrix(input, *batch, i), m, n);
      linalg::WriteMatrix(Block(factors.q, m, m, q_cols), {batch->count, m, q_cols}, i, *q);
      linalg::WriteMatrix(Block(factors.r, n, q_cols, n), {batch->count, q_cols, n}, i, *r);
    }
    context.set_output(0, *std::move(q));
    context.set_output(1, *std::move(r));
    return absl::OkStatus();
  }

 private:
  bool full_matrices_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildQr(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  return std::make_unique<QrKernel>(attrs.count("full_matrices") &&
                                    attrs.at("full_matrices").b());
}

REGISTER_KERNEL_FACTORY("Qr", BuildQr);

}  // namespace
}  // namespace tfjs::runtime
