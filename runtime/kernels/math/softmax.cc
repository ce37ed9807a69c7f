// Softmax and LogSoftmax over the last axis, computed from x - max(x) so large logits do not
// overflow. float16 and bfloat16 rows compute in float32 and round each output once.
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {
namespace {

// One row of `count` logits into `out` (which may alias `in`).
template <typename T>
void SoftmaxRow(const T* in, T* out, int64_t count, bool log) {
  T max = in[0];
  for (int64_t i = 1; i < count; ++i) max = in[i] > max ? in[i] : max;
  T sum = 0;
  if (log) {
    for (int64_t i = 0; i < count; ++i) sum += std::exp(in[i] - max);
    const T log_sum = std::log(sum);
    for (int64_t i = 0; i < count; ++i) out[i] = in[i] - max - log_sum;
  } else {
    for (int64_t i = 0; i < count; ++i) {
      out[i] = std::exp(in[i] - max);
      sum += out[i];
    }
    const T scale = T{1} / sum;
    for (int64_t i = 0; i < count; ++i) out[i] *= scale;
  }
}

// A float16 or bfloat16 row: widened into `scratch` (count floats), computed there, rounded.
template <typename T>
void SoftmaxWidenedRow(const T* in, T* out, int64_t count, bool log, float* scratch) {
  for (int64_t i = 0; i < count; ++i) scratch[i] = Widen(in[i]);
  SoftmaxRow(scratch, scratch, count, log);
  for (int64_t i = 0; i < count; ++i) out[i] = Narrow<T>(scratch[i]);
}

template <bool kLog>
absl::Status ComputeSoftmax(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& logits = context.input(0);
  if (logits.rank() < 1) return context.Error("logits must have >= 1 dimension, got a scalar");
  return DispatchDataType(AllFloatTypes(), context, logits.dtype(), "logits", [&](auto type) {
    using T = decltype(type);
    absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {0}, logits.dtype(), logits.shape());
    if (!output.ok()) return output.status();
    const int64_t row = logits.dim(logits.rank() - 1);
    if (row > 0) {
      const T* in = logits.data<T>();
      T* out = output->mutable_data<T>();
      ParallelFor(context.threadpool(), logits.num_elements() / row, row * 20,
                  [&](int64_t begin, int64_t end) {
                    if constexpr (std::is_same_v<ComputeType<T>, T>) {
                      for (int64_t r = begin; r < end; ++r) {
                        SoftmaxRow(in + r * row, out + r * row, row, kLog);
                      }
                    } else {
                      std::vector<float> scratch(row);
                      for (int64_t r = begin; r < end; ++r) {
                        SoftmaxWidenedRow(in + r * row, out + r * row, row, kLog, scratch.data());
                      }
                    }
                  });
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  });
}

REGISTER_KERNEL("Softmax", ComputeSoftmax<false>, {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("LogSoftmax", ComputeSoftmax<true>, {{"T", DtypesOf(AllFloatTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
