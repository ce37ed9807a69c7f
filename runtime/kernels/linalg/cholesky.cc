// Cholesky: the lower-triangular L with L L^T = A for each symmetric positive definite matrix of
// a float32/float64 batch, read from A's lower triangle; the strict upper triangle is zero.
#include <cmath>

#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime {
namespace {

// False when the matrix is not positive definite.
bool FactorCholesky(std::vector<double>& a, int64_t n) {
  for (int64_t j = 0; j < n; ++j) {
    double diagonal = a[j * n + j];
    for (int64_t k = 0; k < j; ++k) diagonal -= a[j * n + k] * a[j * n + k];
    if (!(diagonal > 0)) return false;
    const double root = std::sqrt(diagonal);
    a[j * n + j] = root;
    for (int64_t i = j + 1; i < n; ++i) {
      double value = a[i * n + j];
      for (int64_t k = 0; k < j; ++k) value -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = value / root;
    }
    for (int64_t c = j + 1; c < n; ++c) a[j * n + c] = 0;
  }
  return true;
}

absl::Status ComputeCholesky(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<linalg::MatrixBatch> batch = linalg::FloatBatchOf(input, "Input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  for (int64_t i = 0; i < batch->count; ++i) {
    std::vector<double> matrix = linalg::ReadMatrix(input, *batch, i);
    if (!FactorCholesky(matrix, batch->rows)) {
      return context.Error(
          "Cholesky decomposition was not successful. The input might not be "
          "valid.");
    }
    linalg::WriteMatrix(matrix, *batch, i, *output);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("Cholesky", ComputeCholesky);
REGISTER_KERNEL("BatchCholesky", ComputeCholesky,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime
