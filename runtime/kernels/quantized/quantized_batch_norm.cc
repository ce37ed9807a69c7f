// QuantizedBatchNormWithGlobalNormalization: quint8 NHWC input, per-channel quint8 mean,
// variance, beta and gamma, qint32 output in TF's fixed range [-2^20, 2^20]. As TF's
// FixedPointBatchNorm: per-channel scale and offset computed in float and quantized to the
// output range, then output = input * scale / one + offset in 32-bit integers.
#include <cmath>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

constexpr int kInput = 0;
constexpr int kMean = 3;
constexpr int kVariance = 6;
constexpr int kBeta = 9;
constexpr int kGamma = 12;
constexpr float kOutputMin = -(1 << 20);
constexpr float kOutputMax = 1 << 20;

class QuantizedBatchNormKernel : public Kernel {
 public:
  QuantizedBatchNormKernel(float variance_epsilon, bool scale_after_normalization)
      : variance_epsilon_(variance_epsilon),
        scale_after_normalization_(scale_after_normalization) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(15, 15); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.rank() != 4) {
      return context.Error(absl::StrCat("input must be 4-dimensional", ShapeString(input.shape())));
    }
    const char* names[] = {"input", "mean", "var", "beta", "gamma"};
    float ranges[5][2];
    for (int i = 0; i < 5; ++i) {
      const Tensor& tensor = context.input(3 * i);
      if (tensor.dtype() != tensorflow::DT_QUINT8) {
        return context.Error(absl::StrCat(names[i], " must be quint8"));
      }
      if (i > 0 && (tensor.rank() != 1 || tensor.dim(0) != input.dim(3))) {
        return context.Error(absl::StrCat(names[i], " must be 1-dimensional with ", input.dim(3),
                                          " elements (the input's channels), got ",
                                          ShapeString(tensor.shape())));
      }
      for (int j = 0; j < 2; ++j) {
        absl::StatusOr<float> value =
            RangeValue(context, 3 * i + 1 + j, absl::StrCat(names[i], j == 0 ? " min" : " max"));
        if (!value.ok()) return value.status();
        ranges[i][j] = *value;
      }
    }
    const int64_t depth = input.dim(3);
    auto channel_value = [&](int which, int64_t channel) {
      return QuantizedToFloat<uint8_t>(context.input(3 * which).data<uint8_t>()[channel],
                                       ranges[which][0], ranges[which][1]);
    };
    std::vector<int32_t> scales(depth), offsets(depth);
    for (int64_t c = 0; c < depth; ++c) {
      const float mean = channel_value(1, c);
      const float variance = channel_value(2, c);
      const float beta = channel_value(3, c);
      float scale = 1.0f / std::sqrt(variance + variance_epsilon_);
      if (scale_after_normalization_) scale *= channel_value(4, c);
      const float offset = (-mean * scale) + beta;
      scales[c] = FloatToQuantized<int32_t>(scale, kOutputMin, kOutputMax);
      offsets[c] = FloatToQuantized<int32_t>(offset, kOutputMin, kOutputMax);
    }
    const int32_t one = FloatToQuantized<int32_t>(1.0f, kOutputMin, kOutputMax);
    Tensor output = *Tensor::Allocate(tensorflow::DT_QINT32, input.shape());
    const uint8_t* in = input.data<uint8_t>();
    int32_t* out = output.mutable_data<int32_t>();
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      const int64_t c = i % depth;
      const int32_t value = RequantizeInNewRange<uint8_t, int32_t>(
          in[i], ranges[0][0], ranges[0][1], kOutputMin, kOutputMax);
      // 32-bit products wrap as TF's do.
      const int32_t product =
          static_cast<int32_t>(static_cast<uint32_t>(value) * static_cast<uint32_t>(scales[c]));
      out[i] = static_cast<int32_t>(static_cast<uint32_t>(product / one) +
                                    static_cast<uint32_t>(offsets[c]));
    }
    context.set_output(0, std::move(output));
    context.set_output(1, FloatScalar(kOutputMin));
    context.set_output(2, FloatScalar(kOutputMax));
    return absl::OkStatus();
  }

 private:
  float variance_epsilon_;
  bool scale_after_normalization_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizedBatchNorm(const KernelBuildContext& context) {
  absl::StatusOr<float> epsilon = context.attrs.GetFloat("variance_epsilon");
  if (!epsilon.ok()) return epsilon.status();
  absl::StatusOr<bool> scale_after = context.attrs.GetBool("scale_after_normalization");
  if (!scale_after.ok()) return scale_after.status();
  return std::make_unique<QuantizedBatchNormKernel>(*epsilon, *scale_after);
}

REGISTER_KERNEL_FACTORY("QuantizedBatchNormWithGlobalNormalization", BuildQuantizedBatchNorm,
                        {{"Tinput", {tensorflow::DT_QUINT8}},
                         {"out_type", {tensorflow::DT_QINT32}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
