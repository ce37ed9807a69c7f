// MatrixDeterminant and LogMatrixDeterminant (sign, log|det|) of batches of square real or
// complex matrices, from an LU factorization with partial pivoting, as TF's SLogDet: the sign of
// a complex determinant is det / |det|, log|det| is real (stored in the input's dtype), and a
// non-finite log|det| gives sign 0. A 0x0 matrix has determinant 1.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime {
namespace {

template <typename T>
struct LogDeterminant {
  T sign = 1;
  double log_abs = 0;
};

template <typename T>
LogDeterminant<T> LogDeterminantOf(std::vector<T> matrix, int64_t n) {
  LogDeterminant<T> result;
  if (n > 0) {
    linalg::LuFactors<T> factors = linalg::FactorLu(std::move(matrix), n);
    if (factors.swaps % 2 == 1) result.sign = -1;
    for (int64_t i = 0; i < n; ++i) {
      const T pivot = factors.lu[i * n + i];
      const double magnitude = std::abs(pivot);
      result.log_abs += std::log(magnitude);
      result.sign *= pivot / magnitude;
    }
  }
  if (!std::isfinite(result.log_abs)) {
    result.sign = 0;
    result.log_abs = result.log_abs > 0 ? INFINITY : -INFINITY;
  }
  return result;
}

template <typename T, bool kLog>
absl::Status Determinants(OpContext& context, const linalg::MatrixBatch& batch) {
  const Tensor& input = context.input(0);
  const std::vector<T> values = linalg::ValuesAs<T>(input);
  std::vector<T> first(batch.count), second(batch.count);
  for (int64_t i = 0; i < batch.count; ++i) {
    const LogDeterminant<T> det =
        LogDeterminantOf(linalg::MatrixAt(values, batch.rows, batch.rows, i), batch.rows);
    first[i] = kLog ? det.sign : det.sign * std::exp(det.log_abs);
    second[i] = det.log_abs;
  }
  const Shape shape = linalg::BatchShape(input.shape());
  absl::StatusOr<Tensor> first_tensor = linalg::TensorFrom(input.dtype(), shape, first);
  if (!first_tensor.ok()) return context.Error(first_tensor.status().message());
  context.set_output(0, *std::move(first_tensor));
  if (kLog) {
    absl::StatusOr<Tensor> second_tensor = linalg::TensorFrom(input.dtype(), shape, second);
    if (!second_tensor.ok()) return context.Error(second_tensor.status().message());
    context.set_output(1, *std::move(second_tensor));
  }
  return absl::OkStatus();
}

template <bool kLog>
absl::Status ComputeDeterminant(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<linalg::MatrixBatch> batch = linalg::BatchOf(context.input(0), "Input", true);
  if (!batch.ok()) return context.Error(batch.status().message());
  return linalg::VisitRealOrComplex(context.input(0).dtype(), [&](auto zero) {
    return Determinants<decltype(zero), kLog>(context, *batch);
  });
}

REGISTER_KERNEL("MatrixDeterminant", ComputeDeterminant<false>,
                {{"T", linalg::FloatAndComplexTypes()}});
REGISTER_KERNEL("LogMatrixDeterminant", ComputeDeterminant<true>,
                {{"T", linalg::FloatAndComplexTypes()}});
REGISTER_KERNEL("BatchMatrixDeterminant", ComputeDeterminant<false>,
                {{"T", linalg::FloatAndComplexTypes()}});

}  // namespace
}  // namespace tfjs::runtime
