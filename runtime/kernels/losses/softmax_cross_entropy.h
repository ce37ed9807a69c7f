// The per-row math of softmax cross entropy, shared by the dense- and sparse-label kernels.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_SOFTMAX_CROSS_ENTROPY_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_SOFTMAX_CROSS_ENTROPY_H_

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tfjs::runtime::losses {

// For one row of `classes` logits (logit(c) gives logit c, widened to double) and label
// probabilities (label(c)): returns sum_c label(c) * (log(sum exp(logits - max)) - (logit(c) -
// max)) and calls backprop(c, softmax(logits)_c - label(c)), in double precision.
template <typename Logit, typename Label, typename Backprop>
double SoftmaxCrossEntropyRow(Logit logit, int64_t classes, Label label, Backprop backprop) {
  double max = -INFINITY;
  for (int64_t c = 0; c < classes; ++c) max = std::max(max, logit(c));
  double sum_exp = 0;
  for (int64_t c = 0; c < classes; ++c) sum_exp += std::exp(logit(c) - max);
  const double log_sum_exp = std::log(sum_exp);
  double loss = 0;
  for (int64_t c = 0; c < classes; ++c) {
    const double shifted = logit(c) - max;
    const double p = label(c);
    loss += p * (log_sum_exp - shifted);
    backprop(c, std::exp(shifted) / sum_exp - p);
  }
  return loss;
}

}  // namespace tfjs::runtime::losses

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_SOFTMAX_CROSS_ENTROPY_H_
