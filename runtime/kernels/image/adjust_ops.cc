// AdjustHue, AdjustSaturation and the deprecated AdjustContrast, with TF's per-pixel formulas:
// hue moves along TF's six-sector hue range kept by the pixel's min and max; saturation is
// scaled in HSV and clamped to [0, 1]; AdjustContrast is (x - channel mean) * factor + mean,
// clamped to [min_value, max_value], as float32.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::TypeList;

// TF's rgb_to_hv_range: the hue in [0, 6) from the sector of the max and the mid's position.
void RgbToHueRange(float r, float g, float b, float* h, float* v_min, float* v_max) {
  float v_mid;
  int category;
  if (r < g) {
    if (b < r) {
      *v_max = g, v_mid = r, *v_min = b, category = 1;
    } else if (b > g) {
      *v_max = b, v_mid = g, *v_min = r, category = 3;
    } else {
      *v_max = g, v_mid = b, *v_min = r, category = 2;
    }
  } else if (b < g) {
    *v_max = r, v_mid = g, *v_min = b, category = 0;
  } else if (b > r) {
    *v_max = b, v_mid = r, *v_min = g, category = 4;
  } else {
    *v_max = r, v_mid = b, *v_min = g, category = 5;
  }
  if (*v_max == *v_min) {
    *h = 0;
    return;
  }
  const float ratio = (v_mid - *v_min) / (*v_max - *v_min);
  *h = category + ((category & 1) == 0 ? ratio : 1 - ratio);
}

void HueRangeToRgb(float h, float v_min, float v_max, float* rgb) {
  const int category = static_cast<int>(h);
  float ratio = h - category;
  if ((category & 1) != 0) ratio = 1 - ratio;
  const float v_mid = v_min + ratio * (v_max - v_min);
  static constexpr int kOrder[6][3] = {{2, 1, 0}, {1, 2, 0}, {0, 2, 1},
                                       {0, 1, 2}, {1, 0, 2}, {2, 0, 1}};
  const float levels[3] = {v_min, v_mid, v_max};
  const int* order = kOrder[category >= 0 && category < 6 ? category : 5];
  for (int k = 0; k < 3; ++k) rgb[k] = levels[order[k]];
}

// TF's adjust_saturation_op.cc rgb_to_hsv / hsv_to_rgb, in float.
void RgbToHsv(float r, float g, float b, float* h, float* s, float* v) {
  const float vv = std::max(r, std::max(g, b));
  const float range = vv - std::min(r, std::min(g, b));
  *s = vv > 0 ? range / vv : 0;
  const float norm = 1.0f / (6.0f * range);
  float hh;
  if (r == vv) {
    hh = norm * (g - b);
  } else if (g == vv) {
    hh = norm * (b - r) + 2.0 / 6.0;
  } else {
    hh = norm * (r - g) + 4.0 / 6.0;
  }
  if (range <= 0.0) hh = 0;
  if (hh < 0.0) hh = hh + 1;
  *v = vv;
  *h = hh;
}

void HsvToRgb(float h, float s, float v, float* rgb) {
  const float c = s * v;
  const float m = v - c;
  const float dh = h * 6;
  const int category = static_cast<int>(dh);
  float fmodu = dh;
  while (fmodu <= 0) fmodu += 2.0f;
  while (fmodu >= 2.0f) fmodu -= 2.0f;
  const float x = c * (1 - std::abs(fmodu - 1));
  float r = 0, g = 0, b = 0;
  switch (category) {
    case 0:
      r = c, g = x;
      break;
    case 1:
      r = x, g = c;
      break;
    case 2:
      g = c, b = x;
      break;
    case 3:
      g = x, b = c;
      break;
    case 4:
      r = x, b = c;
      break;
    case 5:
      r = c, b = x;
      break;
    default:
      break;
  }
  rgb[0] = r + m;
  rgb[1] = g + m;
  rgb[2] = b + m;
}

absl::StatusOr<float> ScalarFloat(const OpContext& context, int index, const char* what) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_FLOAT || tensor.rank() != 0) {
    return context.Error(
        absl::StrCat(what, " must be a float32 scalar: ", ShapeString(tensor.shape())));
  }
  return *tensor.data<float>();
}

template <bool kHue>
absl::Status ComputeAdjustColor(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& images = context.input(0);
  if (images.rank() < 3) {
    return context.Error(
        absl::StrCat("input must be at least 3-D, got shape", ShapeString(images.shape())));
  }
  if (images.dim(images.rank() - 1) != 3) {
    return context.Error(absl::StrCat("input must have 3 channels but instead has ",
                                      images.dim(images.rank() - 1), " channels."));
  }
  absl::StatusOr<float> amount = ScalarFloat(context, 1, kHue ? "delta" : "scale");
  if (!amount.ok()) return amount.status();
  if (images.dtype() != tensorflow::DT_FLOAT) return context.Error("images must be float32");
  absl::StatusOr<Tensor> output = Tensor::Allocate(images.dtype(), images.shape());
  if (!output.ok()) return context.Error(output.status().message());
  const float* in = images.data<float>();
  float* out = output->mutable_data<float>();
  for (int64_t p = 0; p < images.num_elements() / 3; ++p) {
    const float* pixel = in + 3 * p;
    if (kHue) {
      float h, v_min, v_max;
      RgbToHueRange(pixel[0], pixel[1], pixel[2], &h, &v_min, &v_max);
      constexpr int kSectors = 6;
      h += *amount * kSectors;
      while (h < 0) h += kSectors;
      while (h >= kSectors) h -= kSectors;
      HueRangeToRgb(h, v_min, v_max, out + 3 * p);
    } else {
      float h, s, v;
      RgbToHsv(pixel[0], pixel[1], pixel[2], &h, &s, &v);
      s = std::min(1.0f, std::max(0.0f, s * *amount));
      HsvToRgb(h, s, v, out + 3 * p);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// AdjustContrast(images, contrast_factor, min_value, max_value): float32 output.
absl::Status ComputeAdjustContrast(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& images = context.input(0);
  if (images.rank() < 3) {
    return context.Error(
        absl::StrCat("input must be at least 3-D, got shape", ShapeString(images.shape())));
  }
  float scalars[3];
  const char* names[3] = {"contrast_factor", "min_value", "max_value"};
  for (int k = 0; k < 3; ++k) {
    absl::StatusOr<float> value = ScalarFloat(context, k + 1, names[k]);
    if (!value.ok()) return value.status();
    scalars[k] = *value;
  }
  const int64_t channels = images.dim(images.rank() - 1);
  const int64_t pixels = images.dim(images.rank() - 2) * images.dim(images.rank() - 3);
  const int64_t batch = pixels * channels == 0 ? 0 : images.num_elements() / (pixels * channels);
  std::vector<float> values(images.num_elements());
  absl::Status status =
      DispatchDataType(TypeList<float, double, int8_t, int16_t, int32_t, uint8_t>(), context,
                       images.dtype(), "images", [&](auto tag) {
                         using T = decltype(tag);
                         for (int64_t i = 0; i < images.num_elements(); ++i) {
                           values[i] = static_cast<float>(images.data<T>()[i]);
                         }
                         return absl::OkStatus();
                       });
  if (!status.ok()) return status;
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_FLOAT, images.shape());
  if (!output.ok()) return context.Error(output.status().message());
  float* out = output->mutable_data<float>();
  std::vector<float> means(channels);
  for (int64_t b = 0; b < batch; ++b) {
    const float* in = values.data() + b * pixels * channels;
    std::fill(means.begin(), means.end(), 0.0f);
    for (int64_t p = 0; p < pixels; ++p) {
      for (int64_t c = 0; c < channels; ++c) means[c] += in[p * channels + c];
    }
    for (float& mean : means) mean /= static_cast<float>(pixels);
    for (int64_t p = 0; p < pixels; ++p) {
      for (int64_t c = 0; c < channels; ++c) {
        const float adjusted = (in[p * channels + c] - means[c]) * scalars[0] + means[c];
        out[(b * pixels + p) * channels + c] = std::min(std::max(adjusted, scalars[1]), scalars[2]);
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("AdjustHue", ComputeAdjustColor<true>, {{"T", {tensorflow::DT_FLOAT}}});
REGISTER_KERNEL("AdjustSaturation", ComputeAdjustColor<false>, {{"T", {tensorflow::DT_FLOAT}}});
REGISTER_KERNEL("AdjustContrast", ComputeAdjustContrast,
                {{"T", DtypesOf(TypeList<float, double, int8_t, int16_t, int32_t, uint8_t>())}});

}  // namespace
}  // namespace tfjs::runtime
