#include "runtime/kernels/linalg/matrix_batch.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::linalg {

absl::StatusOr<MatrixBatch> BatchOf(const Tensor& tensor, const char* what, bool square) {
  if (tensor.rank() < 2) {
    return absl::InvalidArgumentError(absl::StrCat(what, " must have rank >= 2, got shape ",
                                                   ShapeString(tensor.shape())));
  }
  MatrixBatch batch;
  batch.rows = tensor.dim(tensor.rank() - 2);
  batch.cols = tensor.dim(tensor.rank() - 1);
  if (square && batch.rows != batch.cols) {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be a square matrix (or batch of "
                                                   "them), got shape ",
                                                   ShapeString(tensor.shape())));
  }
  batch.count = 1;
  for (int d = 0; d < tensor.rank() - 2; ++d) batch.count *= tensor.dim(d);
  return batch;
}

bool IsFloatType(DataType dtype) {
  return dtype == tensorflow::DT_FLOAT || dtype == tensorflow::DT_DOUBLE;
}

absl::StatusOr<MatrixBatch> FloatBatchOf(const Tensor& tensor, const char* what, bool square) {
  absl::StatusOr<MatrixBatch> batch = BatchOf(tensor, what, square);
  if (batch.ok() && !IsFloatType(tensor.dtype())) {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be float32 or float64, got ",
                                                   DataTypeName(tensor.dtype())));
  }
  return batch;
}

std::vector<double> ReadMatrix(const Tensor& tensor, const MatrixBatch& batch, int64_t index) {
  const int64_t size = batch.rows * batch.cols;
  std::vector<double> values(size);
  for (int64_t i = 0; i < size; ++i) {
    values[i] = tensor.dtype() == tensorflow::DT_FLOAT ? tensor.data<float>()[index * size + i]
                                                       : tensor.data<double>()[index * size + i];
  }
  return values;
}

void WriteMatrix(const std::vector<double>& values, const MatrixBatch& batch, int64_t index,
                 Tensor& tensor) {
  const int64_t size = batch.rows * batch.cols;
  for (int64_t i = 0; i < size; ++i) {
    if (tensor.dtype() == tensorflow::DT_FLOAT) {
      tensor.mutable_data<float>()[index * size + i] = static_cast<float>(values[i]);
    } else {
      tensor.mutable_data<double>()[index * size + i] = values[i];
    }
  }
}

std::vector<double> Transposed(const std::vector<double>& matrix, int64_t rows, int64_t cols) {
  std::vector<double> out(matrix.size());
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c) out[c * rows + r] = matrix[r * cols + c];
  }
  return out;
}

LuFactors FactorLu(std::vector<double> matrix, int64_t n) {
  LuFactors factors;
  factors.n = n;
  factors.perm.resize(n);
  for (int64_t i = 0; i < n; ++i) factors.perm[i] = i;
  for (int64_t k = 0; k < n; ++k) {
    int64_t pivot = k;
    for (int64_t r = k + 1; r < n; ++r) {
      if (std::fabs(matrix[r * n + k]) > std::fabs(matrix[pivot * n + k])) pivot = r;
    }
    if (pivot != k) {
      for (int64_t c = 0; c < n; ++c) std::swap(matrix[k * n + c], matrix[pivot * n + c]);
      std::swap(factors.perm[k], factors.perm[pivot]);
      ++factors.swaps;
    }
    const double diagonal = matrix[k * n + k];
    if (diagonal == 0) {
      factors.singular = true;
      continue;
    }
    for (int64_t r = k + 1; r < n; ++r) {
      const double factor = matrix[r * n + k] / diagonal;
      matrix[r * n + k] = factor;
      for (int64_t c = k + 1; c < n; ++c) matrix[r * n + c] -= factor * matrix[k * n + c];
    }
  }
  factors.lu = std::move(matrix);
  return factors;
}

std::vector<double> SolveLu(const LuFactors& factors, const std::vector<double>& rhs, int64_t k) {
  const int64_t n = factors.n;
  const std::vector<double>& lu = factors.lu;
  std::vector<double> x(n * k);
  for (int64_t r = 0; r < n; ++r) {
    for (int64_t j = 0; j < k; ++j) x[r * k + j] = rhs[factors.perm[r] * k + j];
  }
  for (int64_t r = 0; r < n; ++r) {  // L y = P b
    for (int64_t c = 0; c < r; ++c) {
      for (int64_t j = 0; j < k; ++j) x[r * k + j] -= lu[r * n + c] * x[c * k + j];
    }
  }
  for (int64_t r = n - 1; r >= 0; --r) {  // U x = y
    for (int64_t c = r + 1; c < n; ++c) {
      for (int64_t j = 0; j < k; ++j) x[r * k + j] -= lu[r * n + c] * x[c * k + j];
    }
    for (int64_t j = 0; j < k; ++j) x[r * k + j] /= lu[r * n + r];
  }
  return x;
}

}  // namespace tfjs::runtime::linalg
