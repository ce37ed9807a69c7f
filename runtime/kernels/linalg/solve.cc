// MatrixSolve (A X = B, or A^H X = B with adjoint), MatrixInverse and MatrixTriangularSolve on
// batches of real or complex matrices, in double (complex double) precision with LU partial
// pivoting; float16 inputs are widened and the result rounded once.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

using linalg::Complex;

constexpr int kMatrix = 0;
constexpr int kRhs = 1;

bool BoolAttr(const OpContext& context, const char* name, bool default_value) {
  const auto& attrs = context.node().attr();
  auto it = attrs.find(name);
  return it == attrs.end() ? default_value : it->second.b();
}

absl::Status SetOutput(OpContext& context, absl::StatusOr<Tensor> output) {
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

template <typename T>
absl::Status SolveBatch(OpContext& context, const linalg::MatrixBatch& a,
                        const linalg::MatrixBatch& b, bool adjoint) {
  const Tensor& rhs = context.input(kRhs);
  const std::vector<T> matrices = linalg::ValuesAs<T>(context.input(kMatrix));
  const std::vector<T> rhs_values = linalg::ValuesAs<T>(rhs);
  std::vector<T> out(rhs_values.size());
  const int64_t n = a.rows;
  for (int64_t i = 0; i < a.count && n > 0; ++i) {
    std::vector<T> values = linalg::MatrixAt(matrices, n, n, i);
    if (adjoint) values = linalg::Adjoint(values, n, n);
    linalg::LuFactors<T> factors = linalg::FactorLu(std::move(values), n);
    if (factors.singular) return context.Error("Input matrix is not invertible.");
    const std::vector<T> x =
        linalg::SolveLu(factors, linalg::MatrixAt(rhs_values, b.rows, b.cols, i), b.cols);
    std::copy(x.begin(), x.end(), out.begin() + i * b.rows * b.cols);
  }
  return SetOutput(context, linalg::TensorFrom(rhs.dtype(), rhs.shape(), out));
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
  const bool adjoint = BoolAttr(context, "adjoint", false);
  return linalg::VisitRealOrComplex(matrix.dtype(), [&](auto zero) {
    return SolveBatch<decltype(zero)>(context, *a, *b, adjoint);
  });
}

template <typename T>
absl::Status InvertBatch(OpContext& context, const linalg::MatrixBatch& a, bool adjoint) {
  const Tensor& matrix = context.input(kMatrix);
  const std::vector<T> matrices = linalg::ValuesAs<T>(matrix);
  std::vector<T> out(matrices.size());
  const int64_t n = a.rows;
  std::vector<T> identity(n * n, T(0));
  for (int64_t r = 0; r < n; ++r) identity[r * n + r] = 1;
  for (int64_t i = 0; i < a.count && n > 0; ++i) {
    std::vector<T> values = linalg::MatrixAt(matrices, n, n, i);
    if (adjoint) values = linalg::Adjoint(values, n, n);
    linalg::LuFactors<T> factors = linalg::FactorLu(std::move(values), n);
    if (factors.singular) return context.Error("Input is not invertible.");
    const std::vector<T> inverse = linalg::SolveLu(factors, identity, n);
    std::copy(inverse.begin(), inverse.end(), out.begin() + i * n * n);
  }
  return SetOutput(context, linalg::TensorFrom(matrix.dtype(), matrix.shape(), out));
}

absl::Status ComputeMatrixInverse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& matrix = context.input(kMatrix);
  absl::StatusOr<linalg::MatrixBatch> a = linalg::BatchOf(matrix, "Input", true);
  if (!a.ok()) return context.Error(a.status().message());
  const bool adjoint = BoolAttr(context, "adjoint", false);
  return linalg::VisitRealOrComplex(
      matrix.dtype(), [&](auto zero) { return InvertBatch<decltype(zero)>(context, *a, adjoint); });
}

// Solves with the lower (or upper) triangle of each matrix; batch dims broadcast.
template <typename T>
absl::Status TriangularSolveBatch(OpContext& context, const linalg::MatrixBatch& a,
                                  const linalg::MatrixBatch& b, const Shape& batch) {
  const Tensor& matrix = context.input(kMatrix);
  const Tensor& rhs = context.input(kRhs);
  const bool lower = BoolAttr(context, "lower", true);
  const bool adjoint = BoolAttr(context, "adjoint", false);
  const std::vector<T> matrices = linalg::ValuesAs<T>(matrix);
  const std::vector<T> rhs_values = linalg::ValuesAs<T>(rhs);
  const int64_t n = a.rows;
  const int64_t k = b.cols;
  std::vector<T> out(NumElements(batch) * n * k);
  misc::ForEachBroadcast(batch, linalg::BatchShape(matrix.shape()), linalg::BatchShape(rhs.shape()),
                         [&](int64_t out_index, int64_t ai, int64_t bi) {
                           // The triangle `lower` names of the matrix, as the adjoint when asked:
                           // solving with the adjoint of a lower triangle is solving with an upper
                           // one.
                           std::vector<T> m = linalg::MatrixAt(matrices, n, n, ai);
                           for (int64_t r = 0; r < n; ++r) {
                             for (int64_t c = 0; c < n; ++c) {
                               if (lower ? c > r : c < r) m[r * n + c] = 0;
                             }
                           }
                           if (adjoint) m = linalg::Adjoint(m, n, n);
                           const bool use_lower = lower != adjoint;
                           std::vector<T> x = linalg::MatrixAt(rhs_values, n, k, bi);
                           for (int64_t step = 0; step < n; ++step) {
                             const int64_t r = use_lower ? step : n - 1 - step;
                             const int64_t begin = use_lower ? 0 : r + 1;
                             const int64_t end = use_lower ? r : n;
                             for (int64_t c = begin; c < end; ++c) {
                               for (int64_t j = 0; j < k; ++j)
                                 x[r * k + j] -= m[r * n + c] * x[c * k + j];
                             }
                             for (int64_t j = 0; j < k; ++j) x[r * k + j] /= m[r * n + r];
                           }
                           std::copy(x.begin(), x.end(), out.begin() + out_index * n * k);
                         });
  Shape shape = batch;
  shape.push_back(n);
  shape.push_back(k);
  return SetOutput(context, linalg::TensorFrom(rhs.dtype(), shape, out));
}

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
  absl::StatusOr<Shape> batch =
      misc::BroadcastShapes(linalg::BatchShape(matrix.shape()), linalg::BatchShape(rhs.shape()));
  if (!batch.ok()) return context.Error(batch.status().message());
  return linalg::VisitRealOrComplex(matrix.dtype(), [&](auto zero) {
    return TriangularSolveBatch<decltype(zero)>(context, *a, *b, *batch);
  });
}

const std::vector<DataType> kRealAndComplex = linalg::FloatAndComplexTypes();
const std::vector<DataType> kReal = {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE};

REGISTER_KERNEL("MatrixSolve", ComputeMatrixSolve, {{"T", kRealAndComplex}});
REGISTER_KERNEL("MatrixInverse", ComputeMatrixInverse,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                   tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}}});
REGISTER_KERNEL("MatrixTriangularSolve", ComputeMatrixTriangularSolve, {{"T", kRealAndComplex}});
REGISTER_KERNEL("BatchMatrixSolve", ComputeMatrixSolve, {{"T", kReal}});
REGISTER_KERNEL("BatchMatrixInverse", ComputeMatrixInverse, {{"T", kReal}});
REGISTER_KERNEL("BatchMatrixTriangularSolve", ComputeMatrixTriangularSolve, {{"T", kReal}});

}  // namespace
}  // namespace tfjs::runtime
