// CropAndResizeGradImage and CropAndResizeGradBoxes: the gradients of CropAndResize
// (nn/crop_and_resize.cc) with respect to the image and to the boxes, as TF's CPU kernels compute
// them. Crop pixel (y, x) of box b samples the image at in_y = y1 * (H - 1) + y * (y2 - y1) *
// (H - 1) / (crop_h - 1) (the box centre when crop_h == 1), likewise in_x; samples outside the
// image and boxes whose box_ind is outside [0, batch) contribute nothing. The image gradient
// spreads each incoming gradient over the four bilinear neighbours (or the nearest pixel),
// accumulating in T; the box gradient is the image's finite-difference slope times the incoming
// gradient, times d(in_y)/d(y1), d(in_y)/d(y2), ... .
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::Half;
using math::TypeList;

using GradImageTypes = TypeList<Half, float, double>;
using ImageTypes =
    TypeList<Half, float, double, int8_t, int16_t, int32_t, int64_t, uint8_t, uint16_t>;

// Checks boxes [num_boxes, 4] float and box_ind [num_boxes] int32 and that every box_ind lies in
// [0, batch); gives num_boxes.
absl::StatusOr<int64_t> CheckBoxes(const OpContext& context, const Tensor& boxes,
                                   const Tensor& box_ind, int64_t batch) {
  if (boxes.num_elements() == 0 && box_ind.num_elements() == 0) return 0;
  if (boxes.dtype() != tensorflow::DT_FLOAT || boxes.rank() != 2) {
    return context.Error(absl::StrCat("boxes must be 2-D", ShapeString(boxes.shape())));
  }
  if (boxes.dim(1) != 4) return context.Error("boxes must have 4 columns");
  if (box_ind.dtype() != tensorflow::DT_INT32 || box_ind.rank() != 1) {
    return context.Error(absl::StrCat("box_index must be 1-D", ShapeString(box_ind.shape())));
  }
  if (box_ind.dim(0) != boxes.dim(0)) {
    return context.Error(
        absl::StrCat("box_index has incompatible shape", ShapeString(box_ind.shape())));
  }
  for (int32_t index : box_ind.values<int32_t>()) {
    if (index < 0 || index >= batch) {
      return context.Error(absl::StrCat("box_index has values outside [0, batch_size)"));
    }
  }
  return boxes.dim(0);
}

// The sampling coordinate of crop row (or column) `i` of `crop` along an image side of `size`.
float SampleCoordinate(float lo, float hi, int64_t i, int64_t crop, int64_t size) {
  if (crop > 1) {
    const float scale = (hi - lo) * static_cast<float>(size - 1) / static_cast<float>(crop - 1);
    return lo * static_cast<float>(size - 1) + static_cast<float>(i) * scale;
  }
  return static_cast<float>(0.5 * (lo + hi) * static_cast<double>(size - 1));
}

absl::Status ComputeGradImage(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& grads = context.input(0);
  const Tensor& boxes = context.input(1);
  const Tensor& box_ind = context.input(2);
  const Tensor& image_size = context.input(3);
  if (grads.dtype() != tensorflow::DT_FLOAT || grads.rank() != 4) {
    return context.Error(absl::StrCat("grads image must be 4-D", ShapeString(grads.shape())));
  }
  const int64_t crop_height = grads.dim(1), crop_width = grads.dim(2);
  if (crop_height <= 0 || crop_width <= 0) {
    return context.Error("grads dimensions must be positive");
  }
  if (image_size.dtype() != tensorflow::DT_INT32 || image_size.rank() != 1 ||
      image_size.dim(0) != 4) {
    return context.Error(absl::StrCat("image_size must be a 1-D tensor of 4 int32 elements, got ",
                                      ShapeString(image_size.shape())));
  }
  const int32_t* size = image_size.data<int32_t>();
  const int64_t batch = size[0], height = size[1], width = size[2], depth = size[3];
  absl::StatusOr<int64_t> num_boxes = CheckBoxes(context, boxes, box_ind, batch);
  if (!num_boxes.ok()) return num_boxes.status();
  if (grads.dim(0) != *num_boxes) return context.Error("boxes and grads have incompatible shape");
  if (height <= 0 || width <= 0) return context.Error("image dimensions must be positive");
  if (grads.dim(3) != depth) return context.Error("image_size and grads are incompatible");
  const auto& attrs = context.node().attr();
  const std::string method = attrs.count("method") ? attrs.at("method").s() : "bilinear";
  if (method != "bilinear" && method != "nearest") {
    return context.Error("method must be 'bilinear' or 'nearest'");
  }
  DataType dtype = tensorflow::DT_FLOAT;
  if (attrs.count("T")) dtype = attrs.at("T").type();
  absl::StatusOr<Tensor> output = Tensor::Zeros(dtype, {batch, height, width, depth});
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status = DispatchDataType(GradImageTypes(), context, dtype, "T", [&](auto tag) {
    using T = decltype(tag);
    T* out = output->mutable_data<T>();
    auto add = [&](int64_t b, int64_t y, int64_t x, int64_t d, float value) {
      T& target = out[((b * height + y) * width + x) * depth + d];
      target = math::Narrow<T>(math::Widen(target) + math::Widen(math::Narrow<T>(value)));
    };
    const float* g = grads.data<float>();
    for (int64_t b = 0; b < *num_boxes; ++b) {
      const float* box = boxes.data<float>() + 4 * b;
      const int64_t b_in = box_ind.data<int32_t>()[b];
      for (int64_t y = 0; y < crop_height; ++y) {
        const float in_y = SampleCoordinate(box[0], box[2], y, crop_height, height);
        if (in_y < 0 || in_y > height - 1) continue;
        const int64_t top = static_cast<int64_t>(std::floor(in_y));
        const int64_t bottom = static_cast<int64_t>(std::ceil(in_y));
        const float y_lerp = in_y - top;
        for (int64_t x = 0; x < crop_width; ++x) {
          const float in_x = SampleCoordinate(box[1], box[3], x, crop_width, width);
          if (in_x < 0 || in_x > width - 1) continue;
          const float* grad = g + ((b * crop_height + y) * crop_width + x) * depth;
          if (method == "bilinear") {
            const int64_t left = static_cast<int64_t>(std::floor(in_x));
            const int64_t right = static_cast<int64_t>(std::ceil(in_x));
            const float x_lerp = in_x - left;
            for (int64_t d = 0; d < depth; ++d) {
              const float dtop = (1 - y_lerp) * grad[d];
              add(b_in, top, left, d, (1 - x_lerp) * dtop);
              add(b_in, top, right, d, x_lerp * dtop);
              const float dbottom = y_lerp * grad[d];
              add(b_in, bottom, left, d, (1 - x_lerp) * dbottom);
              add(b_in, bottom, right, d, x_lerp * dbottom);
            }
          } else {
            const int64_t nearest_x = static_cast<int64_t>(std::round(in_x));
            const int64_t nearest_y = static_cast<int64_t>(std::round(in_y));
            for (int64_t d = 0; d < depth; ++d) add(b_in, nearest_y, nearest_x, d, grad[d]);
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

absl::Status ComputeGradBoxes(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& grads = context.input(0);
  const Tensor& image = context.input(1);
  const Tensor& boxes = context.input(2);
  const Tensor& box_ind = context.input(3);
  if (grads.dtype() != tensorflow::DT_FLOAT || grads.rank() != 4) {
    return context.Error(absl::StrCat("grads image must be 4-D", ShapeString(grads.shape())));
  }
  const int64_t crop_height = grads.dim(1), crop_width = grads.dim(2), depth = grads.dim(3);
  if (crop_height <= 0 || crop_width <= 0) {
    return context.Error("grads dimensions must be positive");
  }
  if (image.rank() != 4) {
    return context.Error(absl::StrCat("input image must be 4-D", ShapeString(image.shape())));
  }
  const int64_t batch = image.dim(0), height = image.dim(1), width = image.dim(2);
  if (height <= 0 || width <= 0) return context.Error("image dimensions must be positive");
  if (image.dim(3) != depth) return context.Error("image, grads depth differ");
  absl::StatusOr<int64_t> num_boxes = CheckBoxes(context, boxes, box_ind, batch);
  if (!num_boxes.ok()) return num_boxes.status();
  if (grads.dim(0) != *num_boxes) return context.Error("boxes and grads have incompatible shape");
  const auto& attrs = context.node().attr();
  if (attrs.count("method") && attrs.at("method").s() != "bilinear") {
    return context.Error("method must be 'bilinear'");
  }
  Tensor output = *Tensor::Zeros(tensorflow::DT_FLOAT, {*num_boxes, 4});
  float* out = output.mutable_data<float>();
  absl::Status status =
      DispatchDataType(ImageTypes(), context, image.dtype(), "image", [&](auto tag) {
        using T = decltype(tag);
        const T* pixels = image.data<T>();
        auto pixel = [&](int64_t b, int64_t y, int64_t x, int64_t d) -> float {
          return static_cast<float>(
              math::Widen(pixels[((b * height + y) * width + x) * depth + d]));
        };
        const float height_ratio =
            crop_height > 1 ? static_cast<float>(height - 1) / static_cast<float>(crop_height - 1)
                            : 0;
        const float width_ratio =
            crop_width > 1 ? static_cast<float>(width - 1) / static_cast<float>(crop_width - 1) : 0;
        for (int64_t b = 0; b < *num_boxes; ++b) {
          const float* box = boxes.data<float>() + 4 * b;
          const int64_t b_in = box_ind.data<int32_t>()[b];
          float* grad_box = out + 4 * b;
          for (int64_t y = 0; y < crop_height; ++y) {
            // TF scales by the ratio here, rounding differently from the image gradient.
            const float in_y = crop_height > 1
                                   ? box[0] * static_cast<float>(height - 1) +
                                         y * ((box[2] - box[0]) * height_ratio)
                                   : SampleCoordinate(box[0], box[2], y, crop_height, height);
            if (in_y < 0 || in_y > height - 1) continue;
            const int64_t top = static_cast<int64_t>(std::floor(in_y));
            const int64_t bottom = static_cast<int64_t>(std::ceil(in_y));
            const float y_lerp = in_y - top;
            for (int64_t x = 0; x < crop_width; ++x) {
              const float in_x = crop_width > 1
                                     ? box[1] * static_cast<float>(width - 1) +
                                           x * ((box[3] - box[1]) * width_ratio)
                                     : SampleCoordinate(box[1], box[3], x, crop_width, width);
              if (in_x < 0 || in_x > width - 1) continue;
              const int64_t left = static_cast<int64_t>(std::floor(in_x));
              const int64_t right = static_cast<int64_t>(std::ceil(in_x));
              const float x_lerp = in_x - left;
              for (int64_t d = 0; d < depth; ++d) {
                const float top_left = pixel(b_in, top, left, d);
                const float top_right = pixel(b_in, top, right, d);
                const float bottom_left = pixel(b_in, bottom, left, d);
                const float bottom_right = pixel(b_in, bottom, right, d);
                float grad_y =
                    (1 - x_lerp) * (bottom_left - top_left) + x_lerp * (bottom_right - top_right);
                float grad_x =
                    (1 - y_lerp) * (top_right - top_left) + y_lerp * (bottom_right - bottom_left);
                const float top_grad =
                    grads.data<float>()[((b * crop_height + y) * crop_width + x) * depth + d];
                grad_y *= top_grad;
                grad_x *= top_grad;
                if (crop_height > 1) {
                  grad_box[0] += grad_y * (height - 1 - y * height_ratio);
                  grad_box[2] += grad_y * (y * height_ratio);
                } else {
                  grad_box[0] += grad_y * 0.5 * (height - 1);
                  grad_box[2] += grad_y * 0.5 * (height - 1);
                }
                if (crop_width > 1) {
                  grad_box[1] += grad_x * (width - 1 - x * width_ratio);
                  grad_box[3] += grad_x * (x * width_ratio);
                } else {
                  grad_box[1] += grad_x * 0.5 * (width - 1);
                  grad_box[3] += grad_x * 0.5 * (width - 1);
                }
              }
            }
          }
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  context.set_output(0, std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("CropAndResizeGradImage", ComputeGradImage, {{"T", DtypesOf(GradImageTypes())}});
REGISTER_KERNEL("CropAndResizeGradBoxes", ComputeGradBoxes, {{"T", DtypesOf(ImageTypes())}});

}  // namespace
}  // namespace tfjs::runtime
