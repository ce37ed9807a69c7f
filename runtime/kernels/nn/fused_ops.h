// The fused_ops contract of _FusedConv2D, FusedDepthwiseConv2dNative and _FusedMatMul: an addend
// on the output channels (BiasAdd, or FusedBatchNorm for convolutions), then an activation.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_FUSED_OPS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_FUSED_OPS_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::nn {

enum class Addend { kNone, kBiasAdd, kBatchNorm };
enum class Activation { kNone, kRelu, kRelu6, kElu, kLeakyRelu, kPrelu, kSigmoid, kTanh };

struct FusedOps {
  Addend addend = Addend::kNone;
  Activation activation = Activation::kNone;
  float leakyrelu_alpha = 0.2f;
  float epsilon = 0.0001f;
  // Inputs after the two operands: the addend's (bias; or scale, offset, mean, variance), then
  // Prelu's alpha.
  int num_args = 0;

  int addend_arg_count() const;
  int prelu_alpha_index() const { return addend_arg_count(); }
};

// Reads fused_ops, num_args, epsilon and leakyrelu_alpha. A node without fused_ops (Conv2D,
// MatMul, ...) gives no addend and no activation. `allow_batch_norm` is false for matmuls.
absl::StatusOr<FusedOps> ReadFusedOps(const KernelBuildContext& context, bool allow_batch_norm);

// Per output channel y = x * scale + bias, the addend's effect; an empty `scale` means 1.
struct ChannelAffine {
  std::vector<float> scale;
  std::vector<float> bias;
};

// The affine of the addend whose inputs are `args` (the extra inputs, in order), each a float
// vector of `channels` entries. Errors name the offending input.
absl::StatusOr<ChannelAffine> ComputeChannelAffine(const FusedOps& fused,
                                                   absl::Span<const Tensor* const> args,
                                                   int64_t channels);

// The output clamp XNNPACK can apply itself: [0, inf] for Relu, [0, 6] for Relu6, else
// [-inf, inf].
void ActivationBounds(Activation activation, float* output_min, float* output_max);

// Prelu's alpha broadcast (right-aligned, as TF broadcasts) to the trailing dims of
// `output_shape` it spans, flattened: element i of the output uses entry i % size. Fails unless
// alpha is float32 and broadcasts to the output.
absl::StatusOr<std::vector<float>> BroadcastPreluAlpha(const Tensor& alpha,
                                                       const Shape& output_shape);

// Applies the activation in place to `count` values. `prelu_alpha` (from BroadcastPreluAlpha)
// is read for Prelu only.
void ApplyActivation(const FusedOps& fused, absl::Span<const float> prelu_alpha, float* values,
                     int64_t count, pthreadpool_t threadpool);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_FUSED_OPS_H_
