// MatrixDeterminant and LogMatrixDeterminant (sign, log|det|) of batches of square float32/float64
// matrices, from an LU factorization with partial pivoting. A 0x0 matrix has determinant 1.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime {
namespace {

struct LogDeterminant {
  double sign = 1;
  double log_abs = 0;
};

LogDeterminant LogDeterminantOf(std::vector<double> matrix, int64_t n) {
  linalg::LuFactors factors = linalg::FactorLu(std::move(matrix), n);
  LogDeterminant result;
  if (factors.singular) return {0, -INFINITY};
  if (factors.swaps % 2 == 1) result.sign = -1;
  for (int64_t i = 0; i < n; ++i) {
    const double pivot = factors.lu[i * n + i];
    if (pivot < 0) result.sign = -result.sign;
    result.log_abs += std::log(std::fabs(pivot));
  }
  return result;
}

template <bool kLog>
absl::Status ComputeDeterminant(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  absl::StatusOr<linalg::MatrixBatch> batch = linalg::FloatBatchOf(input, "Input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  const Shape shape(input.shape().begin(), input.shape().end() - 2);
  absl::StatusOr<Tensor> first = Tensor::Allocate(input.dtype(), shape);
  absl::StatusOr<Tensor> second = Tensor::Allocate(input.dtype(), shape);
  if (!first.ok()) return context.Error(first.status().message());
  if (!second.ok()) return context.Error(second.status().message());
  const linalg::MatrixBatch scalars{batch->count, 1, 1};
  for (int64_t i = 0; i < batch->count; ++i) {
    const LogDeterminant det = LogDeterminantOf(linalg::ReadMatrix(input, *batch, i), batch->rows);
    if (kLog) {
      linalg::WriteMatrix({det.sign}, scalars, i, *first);
      linalg::WriteMatrix({det.log_abs}, scalars, i, *second);
    } else {
      linalg::WriteMatrix({det.sign * std::exp(det.log_abs)}, scalars, i, *first);
    }
  }
  context.set_output(0, *std::move(first));
  if (kLog) context.set_output(1, *std::move(second));
  return absl::OkStatus();
}

REGISTER_KERNEL("MatrixDeterminant", ComputeDeterminant<false>);
REGISTER_KERNEL("LogMatrixDeterminant", ComputeDeterminant<true>);
REGISTER_KERNEL("BatchMatrixDeterminant", ComputeDeterminant<false>,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime
