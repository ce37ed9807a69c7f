// Cholesky: the lower-triangular L with L L^H = A for each Hermitian positive definite matrix of
// a real or complex batch, read from A's lower triangle (and the real part of its diagonal, as
// Eigen's LLT does); the strict upper triangle is zero.
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime {
namespace {

template <typename T>
absl::Status Cholesky(OpContext& context, const linalg::MatrixBatch& batch) {
  const Tensor& input = context.input(0);
  std::vector<T> values = linalg::ValuesAs<T>(input);
  const int64_t n = batch.rows;
  for (int64_t i = 0; i < batch.count && n > 0; ++i) {
    std::vector<T> matrix = linalg::MatrixAt(values, n, n, i);
    if (!linalg::FactorCholesky(matrix, n)) {
      return context.Error(
          "Cholesky decomposition was not successful. The input might not be "
          "valid.");
    }
    std::copy(matrix.begin(), matrix.end(), values.begin() + i * n * n);
  }
  absl::StatusOr<Tensor> output = linalg::TensorFrom(input.dtype(), input.shape(), values);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeCholesky(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<linalg::MatrixBatch> batch = linalg::BatchOf(context.input(0), "Input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  return linalg::VisitRealOrComplex(context.input(0).dtype(), [&](auto zero) {
    return Cholesky<decltype(zero)>(context, *batch);
  });
}

REGISTER_KERNEL("Cholesky", ComputeCholesky, {{"T", linalg::FloatAndComplexTypes()}});
REGISTER_KERNEL("BatchCholesky", ComputeCholesky,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime
