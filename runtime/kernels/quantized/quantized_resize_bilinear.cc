// QuantizedResizeBilinear: bilinear resizing of [batch, height, width, channels] images whose
// range [min, max] passes through. float32 interpolates in float as ResizeBilinear does; quint8
// and qint32 interpolate the codes in fixed point (7 and 30 fractional bits), as TF's kernel.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

constexpr int kImages = 0;
constexpr int kSize = 1;
constexpr int kMin = 2;
constexpr int kMax = 3;

// One output coordinate's two source indices, the upper one's weight in float and in fixed
// point with `resolution` fractional bits (truncated).
struct Lerp {
  int64_t lower;
  int64_t upper;
  float weight;
  int64_t fixed_weight;
};

std::vector<Lerp> LerpCache(int64_t out_size, int64_t in_size, float scale, int resolution,
                            bool half_pixel_centers) {
  std::vector<Lerp> cache(out_size);
  for (int64_t i = 0; i < out_size; ++i) {
    const float in = half_pixel_centers ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                                        : static_cast<float>(i) * scale;
    const float in_floor = std::floor(in);
    cache[i].lower = std::max(static_cast<int64_t>(in_floor), int64_t{0});
    cache[i].upper = std::min(static_cast<int64_t>(std::ceil(in)), in_size - 1);
    cache[i].weight = in - in_floor;
    cache[i].fixed_weight =
        static_cast<int64_t>((in - in_floor) * static_cast<float>(int64_t{1} << resolution));
  }
  return cache;
}

// TF's ComputeLerp: top and bottom rows in fixed point, their difference truncated back to whole
// codes before the vertical weight, rounded half up (toward zero for negative sums).
template <int kResolution, typename T>
T FixedPointLerp(T top_left, T top_right, T bottom_left, T bottom_right, int64_t x_weight,
                 int64_t y_weight) {
  constexpr int64_t kOne = int64_t{1} << kResolution;
  const int64_t top = static_cast<int64_t>(top_left) * kOne +
                      (static_cast<int64_t>(top_right) - top_left) * x_weight;
  const int64_t bottom = static_cast<int64_t>(bottom_left) * kOne +
                         (static_cast<int64_t>(bottom_right) - bottom_left) * x_weight;
  const int64_t out = top + (bottom - top) / kOne * y_weight;
  return static_cast<T>(static_cast<int32_t>((out + kOne / 2) / kOne));
}

float FloatLerp(float top_left, float top_right, float bottom_left, float bottom_right,
                float x_weight, float y_weight) {
  const float top = top_left + (top_right - top_left) * x_weight;
  const float bottom = bottom_left + (bottom_right - bottom_left) * x_weight;
  return top + (bottom - top) * y_weight;
}

float ResizeScale(int64_t in_size, int64_t out_size, bool align_corners) {
  return (align_corners && out_size > 1) ? (in_size - 1) / static_cast<float>(out_size - 1)
                                         : in_size / static_cast<float>(out_size);
}

template <typename T>
void Resize(const Tensor& images, int64_t out_height, int64_t out_width, bool align_corners,
            bool half_pixel_centers, Tensor& output) {
  const int64_t batch = images.dim(0);
  const int64_t in_height = images.dim(1);
  const int64_t in_width = images.dim(2);
  const int64_t channels = images.dim(3);
  constexpr int kResolution = std::is_same_v<T, uint8_t> ? 7 : 30;
  const std::vector<Lerp> ys =
      LerpCache(out_height, in_height, ResizeScale(in_height, out_height, align_corners),
                kResolution, half_pixel_centers);
  const std::vector<Lerp> xs =
      LerpCache(out_width, in_width, ResizeScale(in_width, out_width, align_corners), kResolution,
                half_pixel_centers);
  const T* in = images.data<T>();
  T* out = output.mutable_data<T>();
  for (int64_t b = 0; b < batch; ++b) {
    const T* image = in + b * in_height * in_width * channels;
    for (int64_t y = 0; y < out_height; ++y) {
      const T* lower_row = image + ys[y].lower * in_width * channels;
      const T* upper_row = image + ys[y].upper * in_width * channels;
      for (int64_t x = 0; x < out_width; ++x) {
        const int64_t left = xs[x].lower * channels;
        const int64_t right = xs[x].upper * channels;
        for (int64_t c = 0; c < channels; ++c) {
          if constexpr (std::is_same_v<T, float>) {
            *out++ = FloatLerp(lower_row[left + c], lower_row[right + c], upper_row[left + c],
                               upper_row[right + c], xs[x].weight, ys[y].weight);
          } else {
            *out++ = FixedPointLerp<kResolution, T>(lower_row[left + c], lower_row[right + c],
                                                    upper_row[left + c], upper_row[right + c],
                                                    xs[x].fixed_weight, ys[y].fixed_weight);
          }
        }
      }
    }
  }
}

class QuantizedResizeBilinearKernel : public Kernel {
 public:
  QuantizedResizeBilinearKernel(bool align_corners, bool half_pixel_centers)
      : align_corners_(align_corners), half_pixel_centers_(half_pixel_centers) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& images = context.input(kImages);
    const Tensor& size = context.input(kSize);
    absl::StatusOr<float> min = RangeValue(context, kMin, "min");
    absl::StatusOr<float> max = RangeValue(context, kMax, "max");
    for (const absl::Status& status : {min.status(), max.status()}) {
      if (!status.ok()) return status;
    }
    if (images.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-dimensional", ShapeString(images.shape())));
    }
    if (size.dtype() != tensorflow::DT_INT32 || size.rank() != 1 || size.dim(0) != 2) {
      return context.Error(
          absl::StrCat("shape_t must be 1-dimensional", ShapeString(size.shape())));
    }
    const int64_t out_height = size.data<int32_t>()[0];
    const int64_t out_width = size.data<int32_t>()[1];
    if (out_height <= 0 || out_width <= 0) {
      return context.Error("output dimensions must be positive");
    }
    if (images.dim(3) <= 0) return context.Error("image must have at least one channel");
    if (images.dim(1) <= 0 || images.dim(2) <= 0) {
      return context.Error("input image must be of non-zero size");
    }
    Tensor output =
        *Tensor::Allocate(images.dtype(), {images.dim(0), out_height, out_width, images.dim(3)});
    switch (images.dtype()) {
      case tensorflow::DT_FLOAT:
        Resize<float>(images, out_height, out_width, align_corners_, half_pixel_centers_, output);
        break;
      case tensorflow::DT_QUINT8:
        Resize<uint8_t>(images, out_height, out_width, align_corners_, half_pixel_centers_, output);
        break;
      case tensorflow::DT_QINT32:
        Resize<int32_t>(images, out_height, out_width, align_corners_, half_pixel_centers_, output);
        break;
      default:
        return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(images.dtype())));
    }
    context.set_output(0, std::move(output));
    context.set_output(1, FloatScalar(*min));
    context.set_output(2, FloatScalar(*max));
    return absl::OkStatus();
  }

 private:
  bool align_corners_;
  bool half_pixel_centers_;
};

// TF's kernel builds its resizer state with half_pixel_centers false, so align_corners together
// with half_pixel_centers is not refused here.
absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizedResizeBilinear(
    const KernelBuildContext& context) {
  absl::StatusOr<bool> align_corners = context.attrs.GetBool("align_corners");
  absl::StatusOr<bool> half_pixel_centers = context.attrs.GetBool("half_pixel_centers");
  for (const absl::Status& status : {align_corners.status(), half_pixel_centers.status()}) {
    if (!status.ok()) return status;
  }
  return std::make_unique<QuantizedResizeBilinearKernel>(*align_corners, *half_pixel_centers);
}

REGISTER_KERNEL_FACTORY("QuantizedResizeBilinear", BuildQuantizedResizeBilinear,
                        {{"T",
                          {tensorflow::DT_FLOAT, tensorflow::DT_QUINT8, tensorflow::DT_QINT32}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
