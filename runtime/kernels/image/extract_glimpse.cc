// ExtractGlimpse and ExtractGlimpseV2(input [batch, height, width, channels] float, size [2]
// int32 (height, width), offsets [batch, 2] float (y, x)): a size window of each image at its
// offset, as TF's (Eigen's) ExtractGlimpses. Offsets are normalized ([-1, 1] times the image
// size) and/or centered; V1 always un-centres and removes half the window, V2 only for normalized
// offsets (an un-normalized centred offset is relative to the centre). The window's corner is the
// offset truncated toward zero. Where the window leaves the image (or touches its far edge) it is
// first filled with noise ("uniform": between the image's min and max; "gaussian": each channel's
// mean and standard deviation; "zero"), then the overlapping part is copied. TF draws the noise
// from a clock-seeded generator, so noise values are random here too.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

enum class Noise { kUniform, kGaussian, kZero };

// One axis of the window: output [base, base + extent) reads input [start, start + extent).
struct Span {
  int64_t start = 0, base = 0, extent = 0;
  bool partial = false;
};

Span Place(int64_t offset, int64_t window, int64_t size) {
  Span span;
  span.start = offset;
  span.extent = window;
  if (offset < 0) {
    span.start = 0;
    const int64_t visible = std::max<int64_t>(0, window + offset);
    span.extent = visible;
    span.base = window - visible;
    span.partial = true;
  } else if (offset + window >= size) {
    span.extent = std::max<int64_t>(0, size - offset);
    span.partial = true;
  }
  span.extent = std::min(size, span.extent);
  return span;
}

template <int kVersion>
absl::Status ComputeExtractGlimpse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const Tensor& size = context.input(1);
  const Tensor& offsets = context.input(2);
  if (input.dtype() != tensorflow::DT_FLOAT || input.rank() != 4) {
    return context.Error(absl::StrCat("input must be 4-dimensional", ShapeString(input.shape())));
  }
  const int64_t batch = input.dim(0), height = input.dim(1), width = input.dim(2);
  const int64_t channels = input.dim(3);
  if (size.dtype() != tensorflow::DT_INT32 || size.rank() != 1 || size.dim(0) != 2) {
    return context.Error(absl::StrCat("input must be a vector of size 2 (height, width)",
                                      ShapeString(size.shape())));
  }
  const int64_t out_height = size.data<int32_t>()[0];
  const int64_t out_width = size.data<int32_t>()[1];
  if (out_height <= 0 || out_width <= 0) {
    return context.Error(
        absl::StrCat("output dimensions must be positive, got ", out_height, ", ", out_width));
  }
  if (offsets.dtype() != tensorflow::DT_FLOAT || offsets.rank() != 2) {
    return context.Error(absl::StrCat("input must be a matrix", ShapeString(offsets.shape())));
  }
  if (offsets.dim(0) != batch) {
    return context.Error(
        absl::StrCat("first dimension should be batch", ShapeString(offsets.shape())));
  }
  if (offsets.dim(1) != 2) {
    return context.Error(
        absl::StrCat("second dimension should be of size 2 (y,x)", ShapeString(offsets.shape())));
  }
  const auto& attrs = context.node().attr();
  auto flag = [&](const char* name, bool fallback) {
    return attrs.count(name) ? attrs.at(name).b() : fallback;
  };
  const bool centered = flag("centered", true);
  const bool normalized = flag("normalized", true);
  const bool uniform_noise = flag("uniform_noise", true);
  const std::string noise_name = attrs.count("noise") ? attrs.at("noise").s() : "uniform";
  if (uniform_noise && !noise_name.empty() && noise_name != "uniform") {
    return context.Error("The uniform_noise and noise should not be specified at the same time");
  }
  Noise noise = Noise::kUniform;
  if (!uniform_noise) {
    if (noise_name == "gaussian") {
      noise = Noise::kGaussian;
    } else if (noise_name == "zero") {
      noise = Noise::kZero;
    } else if (noise_name != "uniform" && !noise_name.empty()) {
      return context.Error(absl::StrCat("Unknown noise type: ", noise_name));
    }
  }
  absl::StatusOr<Tensor> output =
      Tensor::Allocate(tensorflow::DT_FLOAT, {batch, out_height, out_width, channels});
  if (!output.ok()) return context.Error(output.status().message());
  std::mt19937 engine(std::random_device{}());
  const float fw = static_cast<float>(width), fh = static_cast<float>(height);
  for (int64_t b = 0; b < batch; ++b) {
    float y = offsets.data<float>()[2 * b], x = offsets.data<float>()[2 * b + 1];
    if (kVersion == 1 || normalized) {
      if (normalized) {
        x *= fw;
        y *= fh;
      }
      if (centered) {
        x = x / 2.0f + fw / 2.0f;
        y = y / 2.0f + fh / 2.0f;
        if (kVersion == 2) {
          x -= out_width / 2.0f;
          y -= out_height / 2.0f;
        }
      }
      if (kVersion == 1) {
        x -= out_width / 2.0f;
        y -= out_height / 2.0f;
      }
    } else if (centered) {
      x += fw / 2.0f;
      y += fh / 2.0f;
    }
    const Span across = Place(static_cast<int64_t>(x), out_width, width);
    const Span down = Place(static_cast<int64_t>(y), out_height, height);
    const float* image = input.data<float>() + b * height * width * channels;
    float* glimpse = output->mutable_data<float>() + b * out_height * out_width * channels;
    const int64_t pixels = height * width;
    if (across.partial || down.partial) {
      if (noise == Noise::kZero) {
        std::fill_n(glimpse, out_height * out_width * channels, 0.0f);
      } else if (noise == Noise::kUniform) {
        const float lo =
            pixels * channels > 0 ? *std::min_element(image, image + pixels * channels) : 0.0f;
        const float hi =
            pixels * channels > 0 ? *std::max_element(image, image + pixels * channels) : 0.0f;
        std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
        for (int64_t i = 0; i < out_height * out_width * channels; ++i) {
          glimpse[i] = lo + uniform(engine) * (hi - lo);
        }
      } else {
        for (int64_t c = 0; c < channels; ++c) {
          double sum = 0, squares = 0;
          for (int64_t p = 0; p < pixels; ++p) sum += image[p * channels + c];
          const float mean = static_cast<float>(sum / pixels);
          for (int64_t p = 0; p < pixels; ++p) {
            const float d = image[p * channels + c] - mean;
            squares += d * d;
          }
          std::normal_distribution<float> normal(mean,
                                                 std::sqrt(static_cast<float>(squares / pixels)));
          for (int64_t p = 0; p < out_height * out_width; ++p)
            glimpse[p * channels + c] = normal(engine);
        }
      }
    }
    for (int64_t r = 0; r < down.extent; ++r) {
      for (int64_t c = 0; c < across.extent; ++c) {
        std::copy_n(image + ((down.start + r) * width + across.start + c) * channels, channels,
                    glimpse + ((down.base + r) * out_width + across.base + c) * channels);
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("ExtractGlimpse", ComputeExtractGlimpse<1>);
REGISTER_KERNEL("ExtractGlimpseV2", ComputeExtractGlimpse<2>);

}  // namespace
}  // namespace tfjs::runtime
