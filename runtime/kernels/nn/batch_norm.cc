// FusedBatchNorm, FusedBatchNormV2 and FusedBatchNormV3 in inference mode: y = (x - mean) *
// scale / sqrt(variance + epsilon) + offset per channel, with the statistics passed through.
#include <pthreadpool.h>

#include <cmath>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kX = 0;
constexpr int kScale = 1;
constexpr int kOffset = 2;
constexpr int kMean = 3;
constexpr int kVariance = 4;
constexpr const char* kVectorNames[] = {"", "scale", "offset", "mean", "variance"};

class BatchNormKernel : public Kernel {
 public:
  BatchNormKernel(float epsilon, bool nchw, bool has_reserve_space_3)
      : epsilon_(epsilon), nchw_(nchw), has_reserve_space_3_(has_reserve_space_3) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor& x = context.input(kX);
    if (x.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(absl::StrCat("x must be float32, got ", DataTypeName(x.dtype())));
    }
    if (x.rank() != 4) {
      return context.Error(absl::StrCat("x must be 4-D, got shape ", ShapeString(x.shape())));
    }
    const int64_t channels = x.dim(nchw_ ? 1 : 3);
    for (int i = kScale; i <= kVariance; ++i) {
      const Tensor& vector = context.input(i);
      if (vector.dtype() != tensorflow::DT_FLOAT || vector.rank() != 1 ||
          vector.dim(0) != channels) {
        return context.Error(absl::StrCat(
            kVectorNames[i], " must be a float32 vector of ", channels, " (the channels), got ",
            DataTypeName(vector.dtype()), " ", ShapeString(vector.shape())));
      }
    }
    std::vector<float> multiplier(channels), addend(channels);
    const float* scale = context.input(kScale).data<float>();
    const float* offset = context.input(kOffset).data<float>();
    const float* mean = context.input(kMean).data<float>();
    const float* variance = context.input(kVariance).data<float>();
    for (int64_t c = 0; c < channels; ++c) {
      multiplier[c] = scale[c] / std::sqrt(variance[c] + epsilon_);
      addend[c] = offset[c] - mean[c] * multiplier[c];
    }

    absl::StatusOr<Tensor> y =
        x.can_reuse_buffer() ? absl::StatusOr<Tensor>(x) : Tensor::Allocate(x.dtype(), x.shape());
    if (!y.ok()) return y.status();
    // Rows of `inner` values that share a channel (NCHW) or run over all channels (NHWC).
    const int64_t inner = nchw_ ? x.dim(2) * x.dim(3) : channels;
    const int64_t rows = inner == 0 ? 0 : x.num_elements() / inner;
    const float* in = x.data<float>();
    float* out = y->mutable_data<float>();
    const bool nchw = nchw_;
    pthreadpool_parallelize_1d(
        context.threadpool(),
        [&](size_t row) {
          const float* from = in + row * inner;
          float* to = out + row * inner;
          if (nchw) {
            const int64_t c = static_cast<int64_t>(row) % channels;
            for (int64_t i = 0; i < inner; ++i) to[i] = from[i] * multiplier[c] + addend[c];
          } else {
            for (int64_t c = 0; c < inner; ++c) to[c] = from[c] * multiplier[c] + addend[c];
          }
        },
        static_cast<size_t>(rows));

    context.set_output(0, *std::move(y));
    context.set_output(1, context.input(kMean));
    context.set_output(2, context.input(kVariance));
    context.set_output(3, context.input(kMean));
    context.set_output(4, context.input(kVariance));
    if (has_reserve_space_3_) context.set_output(5, *Tensor::Allocate(tensorflow::DT_FLOAT, {0}));
    return absl::OkStatus();
  }

 private:
  float epsilon_;
  bool nchw_;
  bool has_reserve_space_3_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildBatchNorm(const KernelBuildContext& context) {
  absl::StatusOr<float> epsilon = context.attrs.GetFloat("epsilon");
  if (!epsilon.ok()) return epsilon.status();
  bool nchw = false;
  if (context.attrs.Has("data_format")) {
    absl::StatusOr<std::string> format = context.attrs.GetString("data_format");
    if (!format.ok()) return format.status();
    if (*format != "NHWC" && *format != "NCHW") {
      return context.Error(absl::StrCat("data_format must be NHWC or NCHW, got ", *format));
    }
    nchw = *format == "NCHW";
  }
  if (context.attrs.Has("is_training")) {
    absl::StatusOr<bool> is_training = context.attrs.GetBool("is_training");
    if (!is_training.ok()) return is_training.status();
    if (*is_training) {
      return context.Error(
          "is_training=true (batch statistics) is not supported; models for "
          "inference set it to false");
    }
  }
  return std::make_unique<BatchNormKernel>(*epsilon, nchw, context.node.op() == "FusedBatchNormV3");
}

REGISTER_KERNEL_FACTORY("FusedBatchNorm", BuildBatchNorm);
REGISTER_KERNEL_FACTORY("FusedBatchNormV2", BuildBatchNorm);
REGISTER_KERNEL_FACTORY("FusedBatchNormV3", BuildBatchNorm);

}  // namespace
}  // namespace tfjs::runtime::nn
