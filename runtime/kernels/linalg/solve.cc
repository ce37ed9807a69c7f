// MatrixSolve (A X = B, or A^T X = B with adjoint), MatrixInverse and MatrixTriangularSolve on
// batches of float32/float64 matrices, in double precision with LU partial pivoting.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kMatrix = 0;
constexpr int kRhs = 1;

bool BoolAttr(const OpContext& context, const char* name, bool default_value) {
  const auto& attrs = context.node().attr();
  auto it = attrs.find(name);
  return it == attrs.end() ? default_value : it->second.b();
}

absl::Status ComputeMatrixSolve(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& matrix = context.input(kMatrix);
  const Tensor& rhs = context.input(kRhs);
  absl::StatusOr<linalg::MatrixBatch> a = linalg::BatchOf(matrix, "Input matrix", true);
  if (!a.ok()) return context.Error(a.status().message());
  absl::StatusOr<linalg::MatrixBatch> b = linalg::BatchOf(rhs, "Input rhs", false);
  if (!b.ok()) return context.Error(b.status().message());
  if (matrix.rank() != rhs.rank() || b->rows != a->rows ||
      !std::equal(matrix.shape().begin(), matrix.shape().end() - 2, rhs.shape().begin())) {
    return context.Error(
        absl::StrCat("Input matrix and right-hand side must have matching batch "
                     "and row dimensions, got ",
                     ShapeString(matrix.shape()), " and ", ShapeString(rhs.shape())));
  }
  if (!linalg::IsFloatType(matrix.dtype()) || rhs.dtype() != matrix.dtype()) {
    return context.Error("matrix and rhs must both be float32 or float64");
  }
  const bool adjoint = BoolAttr(context, "adjoint", false);
  absl::StatusOr<Tensor> output = Tensor::Allocate(rhs.dtype(), rhs.shape());
  if (!output.ok()) return context.Error(output.status().message());
  for (int64_t i = 0; i < a->count && a->rows > 0; ++i) {
    std::vector<double> values = linalg::ReadMatrix(matrix, *a, i);
    if (adjoint) values = linalg::Transposed(values, a->rows, a->rows);
    linalg::LuFactors factors = linalg::FactorLu(std::move(values), a->rows);
    if (factors.singular) return context.Error("Input matrix is not invertible.");
    linalg::WriteMatrix(linalg::SolveLu(factors, linalg::ReadMatrix(rhs, *b, i), b->cols), *b, i,
                        *output);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeMatrixInverse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& matrix = context.input(kMatrix);
  absl::StatusOr<linalg::MatrixBatch> a = linalg::FloatBatchOf(matrix, "Input", true);
  if (!a.ok()) return context.Error(a.status().message());
  const bool adjoint = BoolAttr(context, "adjoint", false);
  absl::StatusOr<Tensor> output = Tensor::Allocate(matrix.dtype(), matrix.shape());
  if (!output.ok()) return context.Error(output.status().message());
  std::vector<double> identity(a->rows * a->rows, 0.0);
  for (int64_t r = 0; r < a->rows; ++r) identity[r * a->rows + r] = 1;
  for (int64_t i = 0; i < a->count && a->rows > 0; ++i) {
    std::vector<double> values = linalg::ReadMatrix(matrix, *a, i);
    if (adjoint) values = linalg::Transposed(values, a->rows, a->rows);
    linalg::LuFactors factors = linalg::FactorLu(std::move(values), a->rows);
    if (factors.singular) return context.Error("Input is not invertible.");
    linalg::WriteMatrix(linalg::SolveLu(factors, identity, a->rows), *a, i, *output);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Solves with the lower (or upper) triangle of each matrix; batch dims broadcast.
absl::Status ComputeMatrixTriangularSolve(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& matrix = context.input(kMatrix);
  const Tensor& rhs = context.input(kRhs);
  absl::StatusOr<linalg::MatrixBatch> a = linalg::BatchOf(matrix, "Input matrix", true);
  if (!a.ok()) return context.Error(a.status().message());
  absl::StatusOr<linalg::MatrixBatch> b = linalg::BatchOf(rhs, "Input rhs", false);
  if (!b.ok()) return context.Error(b.status().message());
  if (b->rows != a->rows) {
    return context.Error(
        absl::StrCat("Input matrix and rhs are incompatible: ", ShapeString(matrix.shape()),
                     " and ", ShapeString(rhs.shape())));
  }
  if (!linalg::IsFloatType(matrix.dtype()) || rhs.dtype() != matrix.dtype()) {
    return context.Error("matrix and rhs must both be float32 or float64");
  }
  const Shape a_batch(matrix.shape().begin(), matrix.shape().end() - 2);
  const Shape b_batch(rhs.shape().begin(), rhs.shape().end() - 2);
  absl::StatusOr<Shape> batch = misc::BroadcastShapes(a_batch, b_batch);
  if (!batch.ok()) return context.Error(batch.status().message());
  const bool lower = BoolAttr(context, "lower", true);
  const bool adjoint = BoolAttr(context, "adjoint", false);
  Shape shape = *batch;
  shape.push_back(b->rows);
  shape.push_back(b->cols);
  absl::StatusOr<Tensor> output = Tensor::Allocate(rhs.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t n = a->rows;
  const int64_t k = b->cols;
  misc::ForEachBroadcast(*batch, a_batch, b_batch, [&](int64_t out, int64_t ai, int64_t bi) {
    std::vector<double> m = linalg::ReadMatrix(matrix, *a, ai);
    // Keep the used triangle; with adjoint solve with its transpose, which flips the triangle.
    bool use_lower = lower;
    if (adjoint) {
      m = linalg::Transposed(m, n, n);
      use_lower = !lower;
    }
    std::vector<double> x = linalg::ReadMatrix(rhs, *b, bi);
    auto at = [&](int64_t r, int64_t c) {
      // The triangle of the original matrix that `lower` names, read through the transpose.
      const bool in_triangle = lower != adjoint ? c <= r : c >= r;
      return in_triangle ? m[r * n + c] : 0.0;
    };
    if (use_lower) {
      for (int64_t r = 0; r < n; ++r) {
        for (int64_t c = 0; c < r; ++c) {
          for (int64_t j = 0; j < k; ++j) x[r * k + j] -= at(r, c) * x[c * k + j];
        }
        for (int64_t j = 0; j < k; ++j) x[r * k + j] /= at(r, r);
      }
    } else {
      for (int64_t r = n - 1; r >= 0; --r) {
        for (int64_t c = r + 1; c < n; ++c) {
          for (int64_t j = 0; j < k; ++j) x[r * k + j] -= at(r, c) * x[c * k + j];
        }
        for (int64_t j = 0; j < k; ++j) x[r * k + j] /= at(r, r);
      }
    }
    linalg::WriteMatrix(x, *b, out, *output);
  });
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("MatrixSolve", ComputeMatrixSolve);
REGISTER_KERNEL("MatrixInverse", ComputeMatrixInverse);
REGISTER_KERNEL("MatrixTriangularSolve", ComputeMatrixTriangularSolve);
REGISTER_KERNEL("BatchMatrixSolve", ComputeMatrixSolve,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL("BatchMatrixInverse", ComputeMatrixInverse,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL("BatchMatrixTriangularSolve", ComputeMatrixTriangularSolve,
                {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime
