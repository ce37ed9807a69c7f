// FusedBatchNorm, FusedBatchNormV2 and FusedBatchNormV3, as TF's CPU kernel computes them:
// y = (x - mean) * scale / sqrt(variance + epsilon) + offset per channel, with the statistics
// given (inference) or taken from the batch (is_training), and the statistics outputs. V2 and V3
// also take float16 x, computed in float32 (the statistics stay float32) and output as float16.
#include <pthreadpool.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/half.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kX = 0;
constexpr int kScale = 1;
constexpr int kOffset = 2;
constexpr int kMean = 3;
constexpr int kVariance = 4;
constexpr const char* kVectorNames[] = {"", "scale", "offset", "mean", "variance"};

struct BatchNormParams {
  float epsilon = 0.001f;
  float exponential_avg_factor = 1.f;
  bool nchw = false;
  bool is_training = false;
  bool has_reserve_space_3 = false;
  // V2 and V3: x and y may be float16.
  bool allows_half = false;
};

// x viewed as rows of `inner` values: each row is one channel's pixels (NCHW) or one pixel's
// channels (NHWC).
struct ChannelLayout {
  int64_t channels;
  int64_t inner;
  int64_t rows;
  bool nchw;

  int64_t Channel(int64_t row, int64_t i) const { return nchw ? row % channels : i; }
};

// The batch mean and (biased) variance of each channel.
void BatchStatistics(const float* x, const ChannelLayout& layout, std::vector<float>* mean,
                     std::vector<float>* variance) {
  std::vector<double> sum(layout.channels, 0.0), squares(layout.channels, 0.0);
  for (int64_t row = 0; row < layout.rows; ++row) {
    for (int64_t i = 0; i < layout.inner; ++i)
      sum[layout.Channel(row, i)] += x[row * layout.inner + i];
  }
  const int64_t count = layout.rows * layout.inner / layout.channels;
  mean->resize(layout.channels);
  for (int64_t c = 0; c < layout.channels; ++c) (*mean)[c] = static_cast<float>(sum[c] / count);
  for (int64_t row = 0; row < layout.rows; ++row) {
    for (int64_t i = 0; i < layout.inner; ++i) {
      const int64_t c = layout.Channel(row, i);
      const double centered = x[row * layout.inner + i] - (*mean)[c];
      squares[c] += centered * centered;
    }
  }
  variance->resize(layout.channels);
  for (int64_t c = 0; c < layout.channels; ++c) {
    (*variance)[c] = static_cast<float>(squares[c] / count);
  }
}

Tensor VectorTensor(const std::vector<float>& values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, {static_cast<int64_t>(values.size())});
  std::copy(values.begin(), values.end(), tensor.mutable_data<float>());
  return tensor;
}

class BatchNormKernel : public Kernel {
 public:
  explicit BatchNormKernel(BatchNormParams params) : params_(params) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor& given = context.input(kX);
    const bool half = params_.allows_half && given.dtype() == tensorflow::DT_HALF;
    if (given.dtype() != tensorflow::DT_FLOAT && !half) {
      return context.Error(absl::StrCat("x must be float32",
                                        params_.allows_half ? " or float16" : "", ", got ",
                                        DataTypeName(given.dtype())));
    }
    Tensor x = given;
    if (half) {
      absl::StatusOr<Tensor> widened = WidenToFloat(given);
      if (!widened.ok()) return widened.status();
      x = *std::move(widened);
    }
    if (x.rank() != 4) {
      return context.Error(absl::StrCat("x must be 4-D, got shape ", ShapeString(x.shape())));
    }
    ChannelLayout layout;
    layout.nchw = params_.nchw;
    layout.channels = x.dim(params_.nchw ? 1 : 3);
    layout.inner = params_.nchw ? x.dim(2) * x.dim(3) : layout.channels;
    layout.rows = layout.inner == 0 ? 0 : x.num_elements() / layout.inner;
    // Training with a factor of 1 ignores the running statistics, which may then be empty.
    const bool statistics_unused = params_.is_training && params_.exponential_avg_factor == 1.f;
    for (int i = kScale; i <= kVariance; ++i) {
      const Tensor& vector = context.input(i);
      const bool may_be_empty = i >= kMean && statistics_unused && vector.num_elements() == 0;
      if (vector.dtype() != tensorflow::DT_FLOAT || vector.rank() != 1 ||
          (vector.dim(0) != layout.channels && !may_be_empty)) {
        return context.Error(absl::StrCat(kVectorNames[i], " must be a float32 vector of ",
                                          layout.channels, " (the channels), got ",
                                          DataTypeName(vector.dtype()), " ",
                                          ShapeString(vector.shape())));
      }
    }
    const float* scale = context.input(kScale).data<float>();
    const float* offset = context.input(kOffset).data<float>();
    std::vector<float> mean, variance;
    if (params_.is_training) {
      BatchStatistics(x.data<float>(), layout, &mean, &variance);
    } else {
      mean.assign(context.input(kMean).data<float>(),
                  context.input(kMean).data<float>() + layout.channels);
      variance.assign(context.input(kVariance).data<float>(),
                      context.input(kVariance).data<float>() + layout.channels);
    }

    std::vector<float> multiplier(layout.channels), addend(layout.channels);
    for (int64_t c = 0; c < layout.channels; ++c) {
      multiplier[c] = scale[c] / std::sqrt(variance[c] + params_.epsilon);
      addend[c] = offset[c] - mean[c] * multiplier[c];
    }
    absl::StatusOr<Tensor> y =
        x.can_reuse_buffer() ? absl::StatusOr<Tensor>(x) : Tensor::Allocate(x.dtype(), x.shape());
    if (!y.ok()) return y.status();
    const float* in = x.data<float>();
    float* out = y->mutable_data<float>();
    pthreadpool_parallelize_1d(
        context.threadpool(),
        [&](size_t row) {
          for (int64_t i = 0; i < layout.inner; ++i) {
            const int64_t c = layout.Channel(static_cast<int64_t>(row), i);
            out[row * layout.inner + i] = in[row * layout.inner + i] * multiplier[c] + addend[c];
          }
        },
        static_cast<size_t>(layout.rows));
    if (half) {
      absl::StatusOr<Tensor> narrowed = NarrowedFromFloat(*y, tensorflow::DT_HALF);
      if (!narrowed.ok()) return narrowed.status();
      y = std::move(narrowed);
    }
    context.set_output(0, *std::move(y));
    SetStatisticsOutputs(context, layout, mean, variance);
    return absl::OkStatus();
  }

 private:
  // batch_mean and batch_variance (the running statistics TF would store: in training, the
  // batch's, with Bessel's correction on the variance, blended by exponential_avg_factor), then
  // the reserve spaces (the statistics used).
  void SetStatisticsOutputs(OpContext& context, const ChannelLayout& layout,
                            const std::vector<float>& mean,
                            const std::vector<float>& variance) const {
    if (!params_.is_training) {
      context.set_output(1, context.input(kMean));
      context.set_output(2, context.input(kVariance));
      context.set_output(3, context.input(kMean));
      context.set_output(4, context.input(kVariance));
    } else {
      const int64_t count = layout.channels == 0 ? 0 : layout.rows * layout.inner / layout.channels;
      const float correction = count > 1 ? static_cast<float>(count) / (count - 1) : 1.f;
      const float factor = params_.exponential_avg_factor;
      std::vector<float> running_mean(mean), running_variance(variance);
      for (size_t c = 0; c < mean.size(); ++c) {
        running_variance[c] = variance[c] * correction;
        if (factor != 1.f) {
          running_mean[c] = (1 - factor) * context.input(kMean).data<float>()[c] + factor * mean[c];
          running_variance[c] = (1 - factor) * context.input(kVariance).data<float>()[c] +
                                factor * running_variance[c];
        }
      }
      context.set_output(1, VectorTensor(running_mean));
      context.set_output(2, VectorTensor(running_variance));
      context.set_output(3, VectorTensor(mean));
      context.set_output(4, VectorTensor(variance));
    }
    if (params_.has_reserve_space_3) {
      context.set_output(5, *Tensor::Allocate(tensorflow::DT_FLOAT, {0}));
    }
  }

  BatchNormParams params_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildBatchNorm(const KernelBuildContext& context) {
  BatchNormParams params;
  absl::StatusOr<float> epsilon = context.attrs.GetFloat("epsilon");
  if (!epsilon.ok()) return epsilon.status();
  params.epsilon = *epsilon;
  if (context.attrs.Has("data_format")) {
    absl::StatusOr<std::string> format = context.attrs.GetString("data_format");
    if (!format.ok()) return format.status();
    if (*format != "NHWC" && *format != "NCHW") {
      return context.Error(absl::StrCat("data_format must be NHWC or NCHW, got ", *format));
    }
    params.nchw = *format == "NCHW";
  }
  // TF.js always normalizes with the given statistics; TF's default is training mode, but
  // graphs carry the attr, so only an explicit true selects batch statistics here.
  if (context.attrs.Has("is_training")) {
    absl::StatusOr<bool> is_training = context.attrs.GetBool("is_training");
    if (!is_training.ok()) return is_training.status();
    params.is_training = *is_training;
  }
  if (context.attrs.Has("exponential_avg_factor")) {
    absl::StatusOr<float> factor = context.attrs.GetFloat("exponential_avg_factor");
    if (!factor.ok()) return factor.status();
    params.exponential_avg_factor = *factor;
  }
  params.has_reserve_space_3 = context.node.op() == "FusedBatchNormV3";
  params.allows_half = context.node.op() != "FusedBatchNorm";
  return std::make_unique<BatchNormKernel>(params);
}

REGISTER_KERNEL_FACTORY("FusedBatchNorm", BuildBatchNorm, {{"T", {tensorflow::DT_FLOAT}}});
REGISTER_KERNEL_FACTORY("FusedBatchNormV2", BuildBatchNorm,
                        {{"T", {tensorflow::DT_HALF, tensorflow::DT_FLOAT}},
                         {"U", {tensorflow::DT_FLOAT}}});
REGISTER_KERNEL_FACTORY("FusedBatchNormV3", BuildBatchNorm,
                        {{"T", {tensorflow::DT_HALF, tensorflow::DT_FLOAT}},
                         {"U", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime::nn
