// ImageProjectiveTransformV2 and V3: sample NHWC images at projectively transformed points, as
// TF's CPU kernel does: each output (x, y) reads input ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2)
// / k) with k = c0 x + c1 y + 1, mapped back into the image by fill_mode and interpolated; points
// outside (and k == 0) read V3's fill value, V2's 0.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/nn/half.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kImages = 0;
constexpr int kTransforms = 1;
constexpr int kOutputShape = 2;
constexpr int kFillValue = 3;

enum class FillMode { kReflect, kWrap, kConstant, kNearest };

struct TransformParams {
  bool bilinear = false;
  FillMode fill_mode = FillMode::kConstant;
  bool has_fill_value = true;  // V3's fourth input; V2 fills with 0
};

// Maps a sample coordinate into [0, len - 1] by fill_mode; kConstant leaves it as is (reads
// outside the image then take the fill value). Float math and integer truncations as in TF.
float MapCoordinate(FillMode mode, float coord, int64_t len) {
  const float last = static_cast<float>(len - 1);
  switch (mode) {
    case FillMode::kConstant:
      return coord;
    case FillMode::kNearest:
      return std::clamp(coord, 0.f, last);
    case FillMode::kReflect:
      if (coord < 0) {
        if (len <= 1) {
          coord = 0;
        } else {
          const int64_t size2 = 2 * len;
          coord = size2 * static_cast<int64_t>(-coord / size2) + coord;
          coord = coord < -len ? coord + size2 : -coord - 1;
        }
      } else if (coord > last) {
        if (len <= 1) {
          coord = 0;
        } else {
          const int64_t size2 = 2 * len;
          coord -= size2 * static_cast<int64_t>(coord / size2);
          if (coord >= len) coord = size2 - coord - 1;
        }
      }
      return std::clamp(coord, 0.f, last);
    case FillMode::kWrap:
      if (coord < 0) {
        if (len <= 1) {
          coord = 0;
        } else {
          const int64_t size = len - 1;
          coord += len * (static_cast<int64_t>(-coord / size) + 1);
        }
      } else if (coord > last) {
        if (len <= 1) {
          coord = 0;
        } else {
          const int64_t size = len - 1;
          coord -= len * static_cast<int64_t>(coord / size);
        }
      }
      return std::clamp(coord, 0.f, last);
  }
  return coord;
}

// The pixel index of an integral float coordinate, or -1 when it lies outside [0, len) (NaN
// included).
int64_t PixelIndex(float coord, int64_t len) {
  return coord >= 0 && coord < static_cast<float>(len) ? static_cast<int64_t>(coord) : -1;
}

template <typename T>
class Sampler {
 public:
  Sampler(const Tensor& images, int64_t batch, T fill_value)
      : height_(images.dim(1)),
        width_(images.dim(2)),
        channels_(images.dim(3)),
        image_(images.data<T>() + batch * height_ * width_ * channels_),
        fill_value_(fill_value) {}

  T Read(float y, float x, int64_t channel) const {
    const int64_t iy = PixelIndex(y, height_), ix = PixelIndex(x, width_);
    if (iy < 0 || ix < 0) return fill_value_;
    return image_[(iy * width_ + ix) * channels_ + channel];
  }

  T Nearest(float y, float x, int64_t channel) const {
    return Read(std::round(y), std::round(x), channel);
  }

  T Bilinear(float y, float x, int64_t channel) const {
    const float y_floor = std::floor(y), x_floor = std::floor(x);
    const float y_ceil = y_floor + 1, x_ceil = x_floor + 1;
    const float upper = (x_ceil - x) * static_cast<float>(Read(y_floor, x_floor, channel)) +
                        (x - x_floor) * static_cast<float>(Read(y_floor, x_ceil, channel));
    const float lower = (x_ceil - x) * static_cast<float>(Read(y_ceil, x_floor, channel)) +
                        (x - x_floor) * static_cast<float>(Read(y_ceil, x_ceil, channel));
    return static_cast<T>((y_ceil - y) * upper + (y - y_floor) * lower);
  }

 private:
  int64_t height_, width_, channels_;
  const T* image_;
  T fill_value_;
};

template <typename T>
void Transform(const Tensor& images, const Tensor& transforms, const TransformParams& params,
               float fill_value, Tensor* output) {
  const int64_t batch = output->dim(0), out_height = output->dim(1), out_width = output->dim(2);
  const int64_t channels = output->dim(3);
  const T fill = static_cast<T>(fill_value);
  T* out = output->mutable_data<T>();
  for (int64_t b = 0; b < batch; ++b) {
    const float* t = transforms.data<float>() + (transforms.dim(0) == 1 ? 0 : b * 8);
    const Sampler<T> sampler(images, b, fill);
    for (int64_t y = 0; y < out_height; ++y) {
      for (int64_t x = 0; x < out_width; ++x) {
        T* pixel = out + ((b * out_height + y) * out_width + x) * channels;
        const float fx = static_cast<float>(x), fy = static_cast<float>(y);
        const float projection = t[6] * fx + t[7] * fy + 1.f;
        if (projection == 0) {
          std::fill(pixel, pixel + channels, fill);
          continue;
        }
        const float in_x = (t[0] * fx + t[1] * fy + t[2]) / projection;
        const float in_y = (t[3] * fx + t[4] * fy + t[5]) / projection;
        const float mx = MapCoordinate(params.fill_mode, in_x, images.dim(2));
        const float my = MapCoordinate(params.fill_mode, in_y, images.dim(1));
        for (int64_t c = 0; c < channels; ++c) {
          pixel[c] = params.bilinear ? sampler.Bilinear(my, mx, c) : sampler.Nearest(my, mx, c);
        }
      }
    }
  }
}

class ImageProjectiveTransformKernel : public Kernel {
 public:
  explicit ImageProjectiveTransformKernel(TransformParams params) : params_(params) {}

  absl::Status Compute(OpContext& context) const override {
    const int num_inputs = params_.has_fill_value ? 4 : 3;
    if (absl::Status status = context.CheckNumInputs(num_inputs, num_inputs); !status.ok()) {
      return status;
    }
    const Tensor& images = context.input(kImages);
    const Tensor& transforms = context.input(kTransforms);
    const Tensor& output_shape = context.input(kOutputShape);
    if (images.rank() != 4) {
      return context.Error(
          absl::StrCat("images must be 4-D, got shape ", ShapeString(images.shape())));
    }
    if (transforms.dtype() != tensorflow::DT_FLOAT || transforms.rank() != 2 ||
        transforms.dim(1) != 8 || (transforms.dim(0) != 1 && transforms.dim(0) != images.dim(0))) {
      return context.Error(
          absl::StrCat("transforms must be float32 of shape [num_images, 8] or [1, 8], got ",
                       DataTypeName(transforms.dtype()), " ", ShapeString(transforms.shape())));
    }
    if (output_shape.dtype() != tensorflow::DT_INT32 || output_shape.rank() != 1 ||
        output_shape.dim(0) != 2) {
      return context.Error(absl::StrCat("output_shape must be an int32 vector of 2 elements, got ",
                                        DataTypeName(output_shape.dtype()), " ",
                                        ShapeString(output_shape.shape())));
    }
    const int64_t out_height = output_shape.data<int32_t>()[0];
    const int64_t out_width = output_shape.data<int32_t>()[1];
    if (out_height <= 0 || out_width <= 0) {
      return context.Error(absl::StrCat("output dimensions must be positive, got [", out_height,
                                        ",", out_width, "]"));
    }
    float fill = 0.f;
    if (params_.has_fill_value) {
      const Tensor& fill_value = context.input(kFillValue);
      if (fill_value.dtype() != tensorflow::DT_FLOAT || fill_value.num_elements() != 1) {
        return context.Error(absl::StrCat("fill_value must be a float32 scalar, got ",
                                          DataTypeName(fill_value.dtype()), " ",
                                          ShapeString(fill_value.shape())));
      }
      fill = fill_value.data<float>()[0];
    }
    absl::StatusOr<Tensor> output =
        Tensor::Allocate(images.dtype(), {images.dim(0), out_height, out_width, images.dim(3)});
    if (!output.ok()) return output.status();
    const bool known = math::DispatchTag(misc::NoHalfRealTypes(), images.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Transform<T>(images, transforms, params_, fill, &*output);
    });
    if (!known) {
      return context.Error(absl::StrCat("unsupported images dtype ", DataTypeName(images.dtype())));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  TransformParams params_;
};

template <bool kHasFillValue>
absl::StatusOr<std::unique_ptr<Kernel>> BuildImageProjectiveTransform(
    const KernelBuildContext& context) {
  TransformParams params;
  params.has_fill_value = kHasFillValue;
  absl::StatusOr<std::string> interpolation = context.attrs.GetString("interpolation");
  if (!interpolation.ok()) return interpolation.status();
  if (*interpolation != "NEAREST" && *interpolation != "BILINEAR") {
    return context.Error(
        absl::StrCat("interpolation must be NEAREST or BILINEAR, got '", *interpolation, "'"));
  }
  params.bilinear = *interpolation == "BILINEAR";
  std::string fill_mode = "CONSTANT";
  if (context.attrs.Has("fill_mode")) {
    absl::StatusOr<std::string> read = context.attrs.GetString("fill_mode");
    if (!read.ok()) return read.status();
    fill_mode = *read;
  }
  if (fill_mode == "REFLECT") {
    params.fill_mode = FillMode::kReflect;
  } else if (fill_mode == "WRAP") {
    params.fill_mode = FillMode::kWrap;
  } else if (fill_mode == "CONSTANT") {
    params.fill_mode = FillMode::kConstant;
  } else if (fill_mode == "NEAREST") {
    params.fill_mode = FillMode::kNearest;
  } else {
    return context.Error(absl::StrCat("fill_mode must be REFLECT, WRAP, CONSTANT or NEAREST, got '",
                                      fill_mode, "'"));
  }
  return std::make_unique<ImageProjectiveTransformKernel>(params);
}

KernelDtypes TransformDtypes() {
  return {
      {"dtype",
       {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
        tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8}}};
}

// float16 and bfloat16 images are transformed in float32 and rounded once.
REGISTER_KERNEL_FACTORY("ImageProjectiveTransformV2",
                        Widened(BuildImageProjectiveTransform<false>, {0}, {0}), TransformDtypes());
REGISTER_KERNEL_FACTORY("ImageProjectiveTransformV3",
                        Widened(BuildImageProjectiveTransform<true>, {0}, {0}), TransformDtypes());

}  // namespace
}  // namespace tfjs::runtime::nn
