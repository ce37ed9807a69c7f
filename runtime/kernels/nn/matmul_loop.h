// The matrix product for operands XNNPACK cannot take pre-packed: a cache-blocked loop over
// batches of row-major matrices, parallel over row tiles.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_MATMUL_LOOP_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_MATMUL_LOOP_H_

#include <cstdint>
#include <vector>

#include "runtime/kernel.h"

namespace tfjs::runtime::nn {

// One batch of products C[i] = op(A[a_batch[i]]) * B[b_batch[i]], where op transposes A when
// `transpose_a` (A's matrices are then [k, m]). B's matrices are [k, n], C's [m, n]; all
// row-major and contiguous.
struct MatMulProblem {
  int64_t m = 0;
  int64_t k = 0;
  int64_t n = 0;
  bool transpose_a = false;
  std::vector<int64_t> a_batch;
  std::vector<int64_t> b_batch;
};

// `T` is float, double or uint32_t (int32 products wrap, as in TF).
template <typename T>
void MatMulLoop(const MatMulProblem& problem, const T* a, const T* b, T* c,
                pthreadpool_t threadpool);

extern template void MatMulLoop<float>(const MatMulProblem&, const float*, const float*, float*,
                                       pthreadpool_t);
extern template void MatMulLoop<double>(const MatMulProblem&, const double*, const double*,
                                        double*, pthreadpool_t);
extern template void MatMulLoop<uint32_t>(const MatMulProblem&, const uint32_t*, const uint32_t*,
                                          uint32_t*, pthreadpool_t);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_MATMUL_LOOP_H_
