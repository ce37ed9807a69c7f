// QuantizedInstanceNorm: per (batch, channel) instance normalization of quint8 NHWC codes,
// (x - mean) / sqrt(variance + epsilon) over height and width, requantized to the normalized
// values' own range (or the given one), widened to at least min_separation.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

constexpr int kX = 0;
constexpr int kXMin = 1;
constexpr int kXMax = 2;

struct InstanceNormAttrs {
  bool output_range_given = false;
  float given_y_min = 0;
  float given_y_max = 0;
  float variance_epsilon = 1e-5f;
  float min_separation = 1e-3f;
};

class QuantizedInstanceNormKernel : public Kernel {
 public:
  explicit QuantizedInstanceNormKernel(InstanceNormAttrs attrs) : attrs_(attrs) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& x = context.input(kX);
    absl::StatusOr<float> x_min = ScalarRangeValue(context, kXMin, "x_min");
    absl::StatusOr<float> x_max = ScalarRangeValue(context, kXMax, "x_max");
    for (const absl::Status& status : {x_min.status(), x_max.status()}) {
      if (!status.ok()) return status;
    }
    if (x.rank() != 4) {
      return context.Error(absl::StrCat("x must be 4-D, got shape ", ShapeString(x.shape())));
    }
    if (!(*x_min < *x_max)) {
      return context.Error(
          absl::StrCat("input_min must be less than input_max : ", *x_min, " >= ", *x_max));
    }
    const int64_t batch = x.dim(0);
    const int64_t pixels = x.dim(1) * x.dim(2);
    const int64_t channels = x.dim(3);
    // Mean and variance of the codes per (batch, channel), in float as TF's Eigen reductions
    // (accumulated in double here, so the sums are exact or nearly).
    const uint8_t* in = x.data<uint8_t>();
    std::vector<float> normed(x.num_elements());
    for (int64_t b = 0; b < batch; ++b) {
      const uint8_t* image = in + b * pixels * channels;
      for (int64_t c = 0; c < channels; ++c) {
        double sum = 0;
        for (int64_t p = 0; p < pixels; ++p) sum += image[p * channels + c];
        const float mean = static_cast<float>(sum) / static_cast<float>(pixels);
        double squares = 0;
        for (int64_t p = 0; p < pixels; ++p) {
          const float centered = static_cast<float>(image[p * channels + c]) - mean;
          squares += centered * centered;
        }
        const float variance = static_cast<float>(squares) / static_cast<float>(pixels);
        const float inv_stddev = 1.0f / std::sqrt(variance + attrs_.variance_epsilon);
        for (int64_t p = 0; p < pixels; ++p) {
          const int64_t i = (b * pixels + p) * channels + c;
          normed[i] = (static_cast<float>(in[i]) - mean) * inv_stddev;
        }
      }
    }
    float y_min = attrs_.given_y_min;
    float y_max = attrs_.given_y_max;
    if (!attrs_.output_range_given) {
      // Eigen's minimum and maximum of no values: the greatest and least floats.
      y_min = std::numeric_limits<float>::max();
      y_max = std::numeric_limits<float>::lowest();
      for (float value : normed) {
        y_min = std::min(y_min, value);
        y_max = std::max(y_max, value);
      }
    }
    if (y_max - y_min < attrs_.min_separation) y_max = y_min + attrs_.min_separation;
    Tensor y = *Tensor::Allocate(tensorflow::DT_QUINT8, x.shape());
    const FastQuantizer<uint8_t> quantize(y_min, y_max);
    uint8_t* out = y.mutable_data<uint8_t>();
    for (size_t i = 0; i < normed.size(); ++i) out[i] = quantize(normed[i]);
    context.set_output(0, std::move(y));
    context.set_output(1, FloatScalar(y_min));
    context.set_output(2, FloatScalar(y_max));
    return absl::OkStatus();
  }

 private:
  InstanceNormAttrs attrs_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizedInstanceNorm(
    const KernelBuildContext& context) {
  absl::StatusOr<bool> given = context.attrs.GetBool("output_range_given");
  absl::StatusOr<float> y_min = context.attrs.GetFloat("given_y_min");
  absl::StatusOr<float> y_max = context.attrs.GetFloat("given_y_max");
  absl::StatusOr<float> epsilon = context.attrs.GetFloat("variance_epsilon");
  absl::StatusOr<float> separation = context.attrs.GetFloat("min_separation");
  for (const absl::Status& status :
       {given.status(), y_min.status(), y_max.status(), epsilon.status(), separation.status()}) {
    if (!status.ok()) return status;
  }
  if (*given && !(*y_min < *y_max)) {
    return context.Error(
        absl::StrCat("given_y_min must be less than given_y_max : ", *y_min, " >= ", *y_max));
  }
  return std::make_unique<QuantizedInstanceNormKernel>(
      InstanceNormAttrs{*given, *y_min, *y_max, *epsilon, *separation});
}

REGISTER_KERNEL_FACTORY("QuantizedInstanceNorm", BuildQuantizedInstanceNorm,
                        {{"T", {tensorflow::DT_QUINT8}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
