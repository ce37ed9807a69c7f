// ImageProjectiveTransformV2(images, transforms, output_shape): NHWC images sampled at
// projectively transformed points, as TF's CPU kernel: output (x, y) reads input
// ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k) with k = c0 x + c1 y + 1 (k == 0 gives 0),
// mapped into the image by fill_mode (REFLECT, WRAP, CONSTANT, NEAREST; CONSTANT reads 0 outside)
// and read by NEAREST (rounded) or BILINEAR interpolation in float32, cast back to the dtype
// (truncating for integers). V3 (nn/image_projective_transform.cc) adds a fill value.
#include <algorithm>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using math::BFloat16;
using math::DispatchDataType;
using math::DtypesOf;
using math::Half;
using math::TypeList;

using ImageTypes = TypeList<Half, BFloat16, float, double, int32_t, int64_t, uint8_t>;

enum class FillMode { kReflect, kWrap, kConstant, kNearest };

// TF's map_coordinate for each fill mode (float math, integer truncations as TF's).
float MapCoordinate(FillMode mode, float coord, int64_t len) {
  const float last = static_cast<float>(len - 1);
  if (mode == FillMode::kConstant) return coord;
  if (mode == FillMode::kNearest) return std::clamp(coord, 0.f, last);
  if (mode == FillMode::kReflect) {
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
  } else {  // kWrap
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
  }
  return std::clamp(coord, 0.f, last);
}

// The pixel of an integral coordinate, or -1 outside [0, len) (NaN included).
int64_t PixelIndex(float coord, int64_t len) {
  return coord >= 0 && coord < static_cast<float>(len) ? static_cast<int64_t>(coord) : -1;
}

absl::Status ComputeTransform(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& images = context.input(0);
  const Tensor& transforms = context.input(1);
  const Tensor& output_shape = context.input(2);
  if (images.rank() != 4) {
    return context.Error(
        absl::StrCat("Input images must have rank 4, got shape ", ShapeString(images.shape())));
  }
  if (transforms.dtype() != tensorflow::DT_FLOAT || transforms.rank() != 2 ||
      transforms.dim(1) != 8 || (transforms.dim(0) != 1 && transforms.dim(0) != images.dim(0))) {
    return context.Error(
        absl::StrCat("Input transform should be num_images x 8 or 1 x 8, got shape ",
                     ShapeString(transforms.shape())));
  }
  if (output_shape.dtype() != tensorflow::DT_INT32 || output_shape.rank() != 1 ||
      output_shape.dim(0) != 2) {
    return context.Error("output_shape must be a 1-D int32 tensor of 2 elements");
  }
  const int64_t out_height = output_shape.data<int32_t>()[0];
  const int64_t out_width = output_shape.data<int32_t>()[1];
  if (out_height <= 0 || out_width <= 0) {
    return context.Error("output dimensions must be positive");
  }
  const auto& attrs = context.node().attr();
  const std::string interpolation =
      attrs.count("interpolation") ? attrs.at("interpolation").s() : "";
  if (interpolation != "NEAREST" && interpolation != "BILINEAR") {
    return context.Error(absl::StrCat("Invalid interpolation ", interpolation,
                                      ". Supported types: NEAREST, BILINEAR"));
  }
  const std::string fill_name = attrs.count("fill_mode") ? attrs.at("fill_mode").s() : "CONSTANT";
  FillMode mode;
  if (fill_name == "REFLECT") {
    mode = FillMode::kReflect;
  } else if (fill_name == "WRAP") {
    mode = FillMode::kWrap;
  } else if (fill_name == "CONSTANT") {
    mode = FillMode::kConstant;
  } else if (fill_name == "NEAREST") {
    mode = FillMode::kNearest;
  } else {
    return context.Error(absl::StrCat("Invalid fill_mode ", fill_name,
                                      ". Supported types: REFLECT, WRAP, CONSTANT, NEAREST"));
  }
  const bool bilinear = interpolation == "BILINEAR";
  const int64_t batch = images.dim(0), height = images.dim(1), width = images.dim(2);
  const int64_t channels = images.dim(3);
  absl::StatusOr<Tensor> output =
      Tensor::Allocate(images.dtype(), {batch, out_height, out_width, channels});
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status =
      DispatchDataType(ImageTypes(), context, images.dtype(), "images", [&](auto tag) {
        using T = decltype(tag);
        const T zero = math::Narrow<T>(0);
        T* out = output->mutable_data<T>();
        for (int64_t b = 0; b < batch; ++b) {
          const float* t = transforms.data<float>() + (transforms.dim(0) == 1 ? 0 : 8 * b);
          const T* image = images.data<T>() + b * height * width * channels;
          auto read = [&](float y, float x, int64_t c) {
            const int64_t iy = PixelIndex(y, height), ix = PixelIndex(x, width);
            return iy < 0 || ix < 0 ? zero : image[(iy * width + ix) * channels + c];
          };
          auto value = [&](float y, float x, int64_t c) {
            return static_cast<float>(math::Widen(read(y, x, c)));
          };
          for (int64_t y = 0; y < out_height; ++y) {
            for (int64_t x = 0; x < out_width; ++x) {
              T* pixel = out + ((b * out_height + y) * out_width + x) * channels;
              const float fx = static_cast<float>(x), fy = static_cast<float>(y);
              const float projection = t[6] * fx + t[7] * fy + 1.f;
              if (projection == 0) {
                std::fill(pixel, pixel + channels, zero);
                continue;
              }
              const float in_x =
                  MapCoordinate(mode, (t[0] * fx + t[1] * fy + t[2]) / projection, width);
              const float in_y =
                  MapCoordinate(mode, (t[3] * fx + t[4] * fy + t[5]) / projection, height);
              for (int64_t c = 0; c < channels; ++c) {
                if (!bilinear) {
                  pixel[c] = read(std::round(in_y), std::round(in_x), c);
                  continue;
                }
                const float y0 = std::floor(in_y), x0 = std::floor(in_x);
                const float y1 = y0 + 1, x1 = x0 + 1;
                const float top = (x1 - in_x) * value(y0, x0, c) + (in_x - x0) * value(y0, x1, c);
                const float bottom =
                    (x1 - in_x) * value(y1, x0, c) + (in_x - x0) * value(y1, x1, c);
                const float mixed = (y1 - in_y) * top + (in_y - y0) * bottom;
                if constexpr (std::is_integral_v<T>) {
                  pixel[c] = static_cast<T>(mixed);
                } else {
                  pixel[c] = math::Narrow<T>(static_cast<math::ComputeType<T>>(mixed));
                }
              }
            }
          }
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("ImageProjectiveTransformV2", ComputeTransform,
                {{"dtype", DtypesOf(ImageTypes())}});

}  // namespace
}  // namespace tfjs::runtime
