#include "runtime/kernels/nn/matmul_loop.h"

#include <pthreadpool.h>

#include <algorithm>

namespace tfjs::runtime::nn {
namespace {

// Rows of C computed together, so each loaded row of B serves several of them.
constexpr int64_t kRowTile = 4;
// Columns of C kept hot in cache while k runs.
constexpr int64_t kColumnBlock = 256;

}  // namespace

template <typename T>
void MatMulLoop(const MatMulProblem& problem, const T* a, const T* b, T* c,
                pthreadpool_t threadpool) {
  const int64_t m = problem.m, k = problem.k, n = problem.n;
  const int64_t row_tiles = (m + kRowTile - 1) / kRowTile;
  // Element (row, depth) of an A matrix sits at row * row_stride + depth * depth_stride.
  const int64_t row_stride = problem.transpose_a ? 1 : k;
  const int64_t depth_stride = problem.transpose_a ? m : 1;
  auto tile = [&](size_t batch, size_t row_tile) {
    const T* a_matrix = a + problem.a_batch[batch] * m * k;
    const T* b_matrix = b + problem.b_batch[batch] * k * n;
    T* c_matrix = c + static_cast<int64_t>(batch) * m * n;
    const int64_t row_begin = static_cast<int64_t>(row_tile) * kRowTile;
    const int64_t row_end = std::min(m, row_begin + kRowTile);
    for (int64_t row = row_begin; row < row_end; ++row) {
      std::fill(c_matrix + row * n, c_matrix + (row + 1) * n, T(0));
    }
    for (int64_t column_begin = 0; column_begin < n; column_begin += kColumnBlock) {
      const int64_t column_end = std::min(n, column_begin + kColumnBlock);
      for (int64_t depth = 0; depth < k; ++depth) {
        const T* b_row = b_matrix + depth * n;
        for (int64_t row = row_begin; row < row_end; ++row) {
          const T a_value = a_matrix[row * row_stride + depth * depth_stride];
          T* c_row = c_matrix + row * n;
          for (int64_t column = column_begin; column < column_end; ++column) {
            c_row[column] += a_value * b_row[column];
          }
        }
      }
    }
  };
  pthreadpool_parallelize_2d(threadpool, tile, problem.a_batch.size(),
                             static_cast<size_t>(row_tiles));
}

template void MatMulLoop<float>(const MatMulProblem&, const float*, const float*, float*,
                                pthreadpool_t);
template void MatMulLoop<double>(const MatMulProblem&, const double*, const double*, double*,
                                 pthreadpool_t);
template void MatMulLoop<uint32_t>(const MatMulProblem&, const uint32_t*, const uint32_t*,
                                   uint32_t*, pthreadpool_t);

}  // namespace tfjs::runtime::nn
