// Shared plumbing for the batched linear-algebra kernels: shape checks, the float/double dtype
// dispatch, and copying each [rows, cols] matrix of a batch in and out as row-major doubles.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LINALG_MATRIX_BATCH_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LINALG_MATRIX_BATCH_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::linalg {

// A tensor of shape [..., rows, cols] seen as `count` matrices.
struct MatrixBatch {
  int64_t count = 0;
  int64_t rows = 0;
  int64_t cols = 0;
};

// Fails unless `tensor` has rank >= 2 (and, with `square`, equal inner dims); names `what`.
absl::StatusOr<MatrixBatch> BatchOf(const Tensor& tensor, const char* what, bool square);

// True for float32 and float64, the dtypes these kernels compute.
bool IsFloatType(DataType dtype);

// BatchOf for an operand the kernels compute on: also fails unless it is float32 or float64.
absl::StatusOr<MatrixBatch> FloatBatchOf(const Tensor& tensor, const char* what, bool square);

// Matrix `index` of a float32/float64 tensor as row-major doubles.
std::vector<double> ReadMatrix(const Tensor& tensor, const MatrixBatch& batch, int64_t index);
// Writes `values` (row-major, rows*cols of batch) into matrix `index` of `tensor`.
void WriteMatrix(const std::vector<double>& values, const MatrixBatch& batch, int64_t index,
                 Tensor& tensor);

// The transpose of a row-major [rows, cols] matrix.
std::vector<double> Transposed(const std::vector<double>& matrix, int64_t rows, int64_t cols);

// An LU factorization with partial pivoting of a square n x n matrix: lu holds L (unit diagonal,
// below) and U (on and above), row i of the factored matrix is row perm[i] of the input.
struct LuFactors {
  int64_t n = 0;
  std::vector<double> lu;
  std::vector<int64_t> perm;
  int swaps = 0;        // parity gives the permutation's sign
  bool singular = false;  // some pivot is exactly zero
};
LuFactors FactorLu(std::vector<double> matrix, int64_t n);

// Solves A X = B for X given A's LU factors and B (n x k, row-major).
std::vector<double> SolveLu(const LuFactors& factors, const std::vector<double>& rhs, int64_t k);

}  // namespace tfjs::runtime::linalg

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LINALG_MATRIX_BATCH_H_
