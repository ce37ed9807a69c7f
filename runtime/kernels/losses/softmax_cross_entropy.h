// The per-row math of softmax cross entropy, shared by the dense- and sparse-label kernels.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_SOFTMAX_CROSS_ENTROPY_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_SOFTMAX_CROSS_ENTROPY_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tfjs::runtime::losses {

// For one row of `classes` logits and label probabilities (label(c) gives label c): returns
// sum_c label(c) * (log(sum exp(logits - max)) - (logits[c] - max)) and writes
// softmax(logits) - label to `backprop`, in double precision.
template <typename T, typename Label>
double SoftmaxCrossEntropyRow(const T* logits, int64_t classes, Label label, T* backprop) {
  double max = -INFINITY;
  for (int64_t c = 0; c < classes; ++c) max = std::max(max, static_cast<double>(logits[c]));
  double sum_exp = 0;
  for (int64_t c = 0; c < classes; ++c) sum_exp += std::exp(static_cast<double>(logits[c]) - max);
  const double log_sum_exp = std::log(sum_exp);
  double loss = 0;
  for (int64_t c = 0; c < classes; ++c) {
    const double shifted = static_cast<double>(logits[c]) - max;
    const double p = label(c);
    loss += p * (log_sum_exp - shifted);
    backprop[c] = static_cast<T>(std::exp(shifted) / sum_exp - p);
  }
  return loss;
}

}  // namespace tfjs::runtime::losses

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_SOFTMAX_CROSS_ENTROPY_H_
