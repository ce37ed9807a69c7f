// LRN (local response normalization across channels):
// out = in / (bias + alpha * sum of in^2 over channels [c - radius, c + radius]) ^ beta.
#include <pthreadpool.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/half.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;

struct LrnParams {
  int64_t depth_radius;
  float bias;
  float alpha;
  float beta;
};

class LrnKernel : public Kernel {
 public:
  explicit LrnKernel(LrnParams params) : params_(params) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(
          absl::StrCat("input must be float32, got ", DataTypeName(input.dtype())));
    }
    if (input.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-D, got shape ", ShapeString(input.shape())));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
    if (!output.ok()) return output.status();
    const int64_t depth = input.dim(3);
    const int64_t pixels = depth == 0 ? 0 : input.num_elements() / depth;
    const float* in = input.data<float>();
    float* out = output->mutable_data<float>();
    const LrnParams p = params_;
    pthreadpool_parallelize_1d(
        context.threadpool(),
        [&](size_t pixel) {
          const float* from = in + pixel * depth;
          float* to = out + pixel * depth;
          for (int64_t c = 0; c < depth; ++c) {
            const int64_t begin = std::max<int64_t>(0, c - p.depth_radius);
            const int64_t end = std::min<int64_t>(depth, c + p.depth_radius + 1);
            float sum = 0.f;
            for (int64_t i = begin; i < end; ++i) sum += from[i] * from[i];
            to[c] = from[c] / std::pow(p.bias + p.alpha * sum, p.beta);
          }
        },
        static_cast<size_t>(pixels));
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  LrnParams params_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildLrn(const KernelBuildContext& context) {
  LrnParams params;
  absl::StatusOr<int64_t> depth_radius = context.attrs.GetInt("depth_radius");
  if (!depth_radius.ok()) return depth_radius.status();
  absl::StatusOr<float> bias = context.attrs.GetFloat("bias");
  if (!bias.ok()) return bias.status();
  absl::StatusOr<float> alpha = context.attrs.GetFloat("alpha");
  if (!alpha.ok()) return alpha.status();
  absl::StatusOr<float> beta = context.attrs.GetFloat("beta");
  if (!beta.ok()) return beta.status();
  if (*depth_radius < 0) {
    return context.Error(absl::StrCat("depth_radius must not be negative, got ", *depth_radius));
  }
  params.depth_radius = *depth_radius;
  params.bias = *bias;
  params.alpha = *alpha;
  params.beta = *beta;
  return std::make_unique<LrnKernel>(params);
}

// float16 is computed in float32 and rounded once.
REGISTER_KERNEL_FACTORY("LRN", Widened(BuildLrn, {kInput}, {0}),
                        {{"T", {tensorflow::DT_HALF, tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime::nn
