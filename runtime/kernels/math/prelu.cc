// Prelu (TF.js's fused op): x for x >= 0, alpha * x otherwise, alpha broadcast against x.
#include <algorithm>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kX = 0;
constexpr int kAlpha = 1;

// True when alpha holds one value per channel (x's last dim), shaped [..1, C]: Keras's PReLU
// with shared spatial axes, the common case, which needs no general broadcasting.
bool IsPerChannel(const Tensor& x, const Tensor& alpha) {
  if (x.rank() == 0 || alpha.rank() == 0 || alpha.rank() > x.rank()) return false;
  const int64_t channels = x.dim(x.rank() - 1);
  if (alpha.dim(alpha.rank() - 1) != channels) return false;
  for (int i = 0; i < alpha.rank() - 1; ++i) {
    if (alpha.dim(i) != 1) return false;
  }
  return true;
}

template <typename T>
absl::Status ComputePerChannelPrelu(OpContext& context) {
  const Tensor& x = context.input(kX);
  const T* alpha = context.input(kAlpha).data<T>();
  const int64_t channels = x.dim(x.rank() - 1);
  absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {kX}, x.dtype(), x.shape());
  if (!output.ok()) return output.status();
  const T* in = x.data<T>();
  T* out = output->mutable_data<T>();
  const int64_t rows = channels == 0 ? 0 : x.num_elements() / channels;
  ParallelFor(context.threadpool(), rows, channels, [&](int64_t begin, int64_t end) {
    for (int64_t row = begin; row < end; ++row) {
      const T* row_in = in + row * channels;
      T* row_out = out + row * channels;
      // Branch-free, so it vectorizes and signs that flip at random cost no mispredictions;
      // NaN stays NaN through both terms.
      for (int64_t c = 0; c < channels; ++c) {
        const T value = row_in[c];
        row_out[c] = std::max(value, T{0}) + alpha[c] * std::min(value, T{0});
      }
    }
  });
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputePrelu(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = CheckSameDataType(context, kX, kAlpha); !status.ok()) return status;
  if (context.input(kX).dtype() == tensorflow::DT_FLOAT &&
      IsPerChannel(context.input(kX), context.input(kAlpha))) {
    return ComputePerChannelPrelu<float>(context);
  }
  return DispatchDataType(
      AllFloatTypes(), context, context.input(kX).dtype(), "input 'x'", [&](auto type) {
        using T = decltype(type);
        using Compute = ComputeType<T>;
        return ComputeBroadcastBinary<T, T, T>(
            context, 1, [](Compute x, Compute alpha) { return x < 0 ? alpha * x : x; });
      });
}

REGISTER_KERNEL("Prelu", ComputePrelu);

}  // namespace
}  // namespace tfjs::runtime::math
