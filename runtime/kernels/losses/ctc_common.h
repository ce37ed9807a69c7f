// Shared pieces of the CTC kernels (ctc_loss.cc, ctc_decoder.cc): log-space arithmetic as TF's
// ctc_loss_util.h does it, the checks TF makes on the [max_time, batch, num_classes] inputs and
// their sequence lengths, and the sparse outputs of the decoders.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_CTC_COMMON_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_CTC_COMMON_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::losses {

template <typename T>
constexpr T kLogZero = -std::numeric_limits<T>::infinity();

// log(exp(a) + exp(b)), exact for log zero operands.
template <typename T>
T LogSumExp(T a, T b) {
  if (a == kLogZero<T>) return b;
  if (b == kLogZero<T>) return a;
  return a > b ? a + std::log1p(std::exp(b - a)) : b + std::log1p(std::exp(a - b));
}

struct CtcInputs {
  int64_t max_time = 0;
  int64_t batch_size = 0;
  int64_t num_classes = 0;
  std::vector<int32_t> sequence_length;
};

// Checks `inputs` (rank 3) and `sequence_length` (int32 [batch_size], each <= max_time) as TF's
// CTC kernels do; `what_zero_time` is the error for max_time == 0.
absl::StatusOr<CtcInputs> CheckCtcInputs(const OpContext& context, const Tensor& inputs,
                                         const Tensor& sequence_length,
                                         absl::string_view what_zero_time);

// A decoded batch of label sequences as a SparseTensor's indices [n, 2], values [n] and dense
// shape [batch, longest] (int64), written to outputs first, first + k, first + 2k.
void SetSparseOutputs(OpContext& context, const std::vector<std::vector<int>>& sequences, int first,
                      int k);

}  // namespace tfjs::runtime::losses

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_LOSSES_CTC_COMMON_H_
