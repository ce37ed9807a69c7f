// RGBToHSV and HSVToRGB over the last axis (3 channels) of float32/float64 images, with TF's
// formulas (hue in [0, 1)), and AdjustContrastv2: (x - mean) * contrast_factor + mean with the
// mean of each channel over the image's height and width.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

void RgbToHsv(double r, double g, double b, double* out) {
  const double value = std::max({r, g, b});
  const double minimum = std::min({r, g, b});
  const double range = value - minimum;
  const double saturation = value > 0 ? range / value : 0;
  const double norm = 1.0 / (6.0 * range);
  double hue = r == value   ? norm * (g - b)
               : g == value ? norm * (b - r) + 2.0 / 6.0
                            : norm * (r - g) + 4.0 / 6.0;
  if (!(range > 0)) hue = 0;
  if (hue < 0) hue += 1;
  out[0] = hue;
  out[1] = saturation;
  out[2] = value;
}

void HsvToRgb(double h, double s, double v, double* out) {
  const double c = s * v;
  const double m = v - c;
  const double dh = h * 6;
  const int category = static_cast<int>(dh);
  const double x = c * (1 - std::fabs(std::fmod(dh, 2) - 1));
  double rgb[3] = {0, 0, 0};
  switch (category) {
    case 0:
      rgb[0] = c;
      rgb[1] = x;
      break;
    case 1:
      rgb[0] = x;
      rgb[1] = c;
      break;
    case 2:
      rgb[1] = c;
      rgb[2] = x;
      break;
    case 3:
      rgb[1] = x;
      rgb[2] = c;
      break;
    case 4:
      rgb[0] = x;
      rgb[2] = c;
      break;
    case 5:
      rgb[0] = c;
      rgb[2] = x;
      break;
    default:
      break;
  }
  for (int k = 0; k < 3; ++k) out[k] = rgb[k] + m;
}

template <void (*kConvert)(double, double, double, double*)>
absl::Status ComputeColorConversion(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& images = context.input(0);
  if (images.rank() < 1 || images.dim(images.rank() - 1) != 3) {
    return context.Error(absl::StrCat("input must have 3 channels in its last dim, got shape ",
                                      ShapeString(images.shape())));
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(images.dtype(), images.shape());
  if (!output.ok()) return context.Error(output.status().message());
  auto convert = [&](const auto* in, auto* out) {
    for (int64_t p = 0; p < images.num_elements() / 3; ++p) {
      double result[3];
      kConvert(in[3 * p], in[3 * p + 1], in[3 * p + 2], result);
      using T = std::decay_t<decltype(*out)>;
      for (int k = 0; k < 3; ++k) out[3 * p + k] = static_cast<T>(result[k]);
    }
  };
  if (images.dtype() == tensorflow::DT_FLOAT) {
    convert(images.data<float>(), output->mutable_data<float>());
  } else if (images.dtype() == tensorflow::DT_DOUBLE) {
    convert(images.data<double>(), output->mutable_data<double>());
  } else {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(images.dtype())));
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeAdjustContrast(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& images = context.input(0);
  const Tensor& factor = context.input(1);
  if (images.rank() < 3) {
    return context.Error(
        absl::StrCat("input must be at least 3-D, got shape ", ShapeString(images.shape())));
  }
  if (factor.rank() != 0 || factor.dtype() != tensorflow::DT_FLOAT) {
    return context.Error("contrast_factor must be a float32 scalar");
  }
  if (images.dtype() != tensorflow::DT_FLOAT) return context.Error("images must be float32");
  const int64_t channels = images.dim(images.rank() - 1);
  const int64_t pixels = images.dim(images.rank() - 2) * images.dim(images.rank() - 3);
  const int64_t batch = pixels * channels == 0 ? 0 : images.num_elements() / (pixels * channels);
  absl::StatusOr<Tensor> output = Tensor::Allocate(images.dtype(), images.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const float f = *factor.data<float>();
  const float* in = images.data<float>();
  float* out = output->mutable_data<float>();
  std::vector<double> means(channels);
  for (int64_t b = 0; b < batch; ++b) {
    const int64_t base = b * pixels * channels;
    std::fill(means.begin(), means.end(), 0.0);
    for (int64_t p = 0; p < pixels; ++p) {
      for (int64_t c = 0; c < channels; ++c) means[c] += in[base + p * channels + c];
    }
    for (double& mean : means) mean /= static_cast<double>(pixels);
    for (int64_t p = 0; p < pixels; ++p) {
      for (int64_t c = 0; c < channels; ++c) {
        const float mean = static_cast<float>(means[c]);
        out[base + p * channels + c] = (in[base + p * channels + c] - mean) * f + mean;
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("RGBToHSV", ComputeColorConversion<RgbToHsv>);
REGISTER_KERNEL("HSVToRGB", ComputeColorConversion<HsvToRgb>);
REGISTER_KERNEL("AdjustContrastv2", ComputeAdjustContrast, {{"T", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime
