// RGBToHSV and HSVToRGB over the last axis (3 channels) of float16, bfloat16, float32 and float64
// images with TF's formulas, op for op in the element type (hue in [0, 1); HSVToRGB's clamped
// ramps take any hue), and AdjustContrastv2: (x - mean) * contrast_factor + mean with the
// mean of each channel over the image's height and width.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using ColorTypes = math::TypeList<math::Half, math::BFloat16, float, double>;

// Each op of TF's Eigen expressions in the element type: float16 and bfloat16 compute in float32
// and round every result, as Eigen does.
template <typename T>
struct Arith {
  using C = math::ComputeType<T>;
  static C R(C x) { return math::Widen(math::Narrow<T>(x)); }
};

template <typename T>
void RgbToHsv(const T* in, T* out) {
  using A = Arith<T>;
  using C = typename A::C;
  const C r = math::Widen(in[0]), g = math::Widen(in[1]), b = math::Widen(in[2]);
  const C value = std::max({r, g, b});
  const C range = A::R(value - std::min({r, g, b}));
  const C saturation = value > C(0) ? A::R(range / value) : C(0);
  const C norm = A::R(A::R(C(1) / range) * A::R(C(1) / C(6)));
  C hue;
  if (r == value) {
    hue = A::R(norm * A::R(g - b));
  } else if (g == value) {
    hue = A::R(A::R(norm * A::R(b - r)) + A::R(C(2) / C(6)));
  } else {
    hue = A::R(A::R(norm * A::R(r - g)) + A::R(C(4) / C(6)));
  }
  if (!(range > C(0))) hue = C(0);
  if (hue < C(0)) hue = A::R(hue + C(1));
  out[0] = math::Narrow<T>(hue);
  out[1] = math::Narrow<T>(saturation);
  out[2] = math::Narrow<T>(value);
}

template <typename T>
void HsvToRgb(const T* in, T* out) {
  using A = Arith<T>;
  using C = typename A::C;
  const C h = math::Widen(in[0]), s = math::Widen(in[1]), v = math::Widen(in[2]);
  const C dh = A::R(h * C(6));
  auto clamp01 = [](C x) { return std::min(std::max(x, C(0)), C(1)); };
  const C dr = clamp01(A::R(std::abs(A::R(dh - C(3))) - C(1)));
  const C dg = clamp01(A::R(-std::abs(A::R(dh - C(2))) + C(2)));
  const C db = clamp01(A::R(-std::abs(A::R(dh - C(4))) + C(2)));
  const C one_s = A::R(-s + C(1));
  const C d[3] = {dr, dg, db};
  for (int k = 0; k < 3; ++k) out[k] = math::Narrow<T>(A::R(one_s + A::R(s * d[k])) * v);
}

template <bool kToHsv>
absl::Status ComputeColorConversion(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& images = context.input(0);
  if (images.rank() < 1) {
    return context.Error(absl::StrCat("input must be at least 1D", ShapeString(images.shape())));
  }
  if (images.dim(images.rank() - 1) != 3) {
    return context.Error(absl::StrCat("input must have 3 channels but input only has ",
                                      images.dim(images.rank() - 1), " channels."));
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(images.dtype(), images.shape());
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status =
      math::DispatchDataType(ColorTypes(), context, images.dtype(), "images", [&](auto tag) {
        using T = decltype(tag);
        const T* in = images.data<T>();
        T* out = output->mutable_data<T>();
        for (int64_t p = 0; p < images.num_elements() / 3; ++p) {
          if constexpr (kToHsv) {
            RgbToHsv(in + 3 * p, out + 3 * p);
          } else {
            HsvToRgb(in + 3 * p, out + 3 * p);
          }
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
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

REGISTER_KERNEL("RGBToHSV", ComputeColorConversion<true>, {{"T", math::DtypesOf(ColorTypes())}});
REGISTER_KERNEL("HSVToRGB", ComputeColorConversion<false>, {{"T", math::DtypesOf(ColorTypes())}});
REGISTER_KERNEL("AdjustContrastv2", ComputeAdjustContrast, {{"T", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime
