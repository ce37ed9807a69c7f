// CropAndResize: crops boxes (normalized [y1, x1, y2, x2]) out of a batch of NHWC images and
// resizes each to crop_size, bilinearly or to the nearest pixel, as TF's CPU kernel does: float
// math, sample points outside the image take extrapolation_value.
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

constexpr int kImage = 0;
constexpr int kBoxes = 1;
constexpr int kBoxIndex = 2;
constexpr int kCropSize = 3;

struct CropParams {
  bool bilinear = true;
  float extrapolation_value = 0.f;
};

// Where crop row (or column) `i` of `count` samples the image, for a box edge pair [lo, hi] on an
// image dim of `size`.
float SamplePoint(float lo, float hi, int64_t i, int64_t count, int64_t size) {
  if (count > 1) {
    const float scale = (hi - lo) * (size - 1) / (count - 1);
    return lo * (size - 1) + i * scale;
  }
  return static_cast<float>(0.5 * (lo + hi) * (size - 1));
}

bool Outside(float point, int64_t size) {
  return !(point >= 0 && point <= static_cast<float>(size - 1));
}

template <typename T>
void CropAndResize(const Tensor& image, const float* boxes, const int32_t* box_index,
                   int64_t num_boxes, int64_t crop_height, int64_t crop_width,
                   const CropParams& params, float* output) {
  const int64_t height = image.dim(1), width = image.dim(2), depth = image.dim(3);
  const T* pixels = image.data<T>();
  for (int64_t b = 0; b < num_boxes; ++b) {
    const float y1 = boxes[b * 4], x1 = boxes[b * 4 + 1];
    const float y2 = boxes[b * 4 + 2], x2 = boxes[b * 4 + 3];
    const T* source = pixels + box_index[b] * height * width * depth;
    for (int64_t y = 0; y < crop_height; ++y) {
      const float in_y = SamplePoint(y1, y2, y, crop_height, height);
      float* row = output + (b * crop_height + y) * crop_width * depth;
      if (Outside(in_y, height)) {
        for (int64_t i = 0; i < crop_width * depth; ++i) row[i] = params.extrapolation_value;
        continue;
      }
      for (int64_t x = 0; x < crop_width; ++x) {
        const float in_x = SamplePoint(x1, x2, x, crop_width, width);
        float* out = row + x * depth;
        if (Outside(in_x, width)) {
          for (int64_t d = 0; d < depth; ++d) out[d] = params.extrapolation_value;
          continue;
        }
        if (!params.bilinear) {
          const int64_t cy = static_cast<int64_t>(std::roundf(in_y));
          const int64_t cx = static_cast<int64_t>(std::roundf(in_x));
          const T* pixel = source + (cy * width + cx) * depth;
          for (int64_t d = 0; d < depth; ++d) out[d] = static_cast<float>(pixel[d]);
          continue;
        }
        const int64_t top = static_cast<int64_t>(std::floor(in_y));
        const int64_t bottom = static_cast<int64_t>(std::ceil(in_y));
        const int64_t left = static_cast<int64_t>(std::floor(in_x));
        const int64_t right = static_cast<int64_t>(std::ceil(in_x));
        const float y_lerp = in_y - top;
        const float x_lerp = in_x - left;
        const T* top_left = source + (top * width + left) * depth;
        const T* top_right = source + (top * width + right) * depth;
        const T* bottom_left = source + (bottom * width + left) * depth;
        const T* bottom_right = source + (bottom * width + right) * depth;
        for (int64_t d = 0; d < depth; ++d) {
          const float tl = static_cast<float>(top_left[d]);
          const float tr = static_cast<float>(top_right[d]);
          const float bl = static_cast<float>(bottom_left[d]);
          const float br = static_cast<float>(bottom_right[d]);
          const float upper = tl + (tr - tl) * x_lerp;
          const float lower = bl + (br - bl) * x_lerp;
          out[d] = upper + (lower - upper) * y_lerp;
        }
      }
    }
  }
}

class CropAndResizeKernel : public Kernel {
 public:
  explicit CropAndResizeKernel(CropParams params) : params_(params) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& image = context.input(kImage);
    const Tensor& boxes = context.input(kBoxes);
    const Tensor& box_index = context.input(kBoxIndex);
    const Tensor& crop_size = context.input(kCropSize);
    if (image.rank() != 4) {
      return context.Error(
          absl::StrCat("image must be 4-D, got shape ", ShapeString(image.shape())));
    }
    if (image.dim(1) <= 0 || image.dim(2) <= 0) {
      return context.Error(absl::StrCat("image dimensions must be positive, got shape ",
                                        ShapeString(image.shape())));
    }
    if (boxes.dtype() != tensorflow::DT_FLOAT || boxes.rank() != 2 || boxes.dim(1) != 4) {
      return context.Error(absl::StrCat("boxes must be float32 of shape [num_boxes, 4], got ",
                                        DataTypeName(boxes.dtype()), " ",
                                        ShapeString(boxes.shape())));
    }
    const int64_t num_boxes = boxes.dim(0);
    if (box_index.dtype() != tensorflow::DT_INT32 || box_index.rank() != 1 ||
        box_index.dim(0) != num_boxes) {
      return context.Error(absl::StrCat("box_ind must be int32 of shape [", num_boxes, "], got ",
                                        DataTypeName(box_index.dtype()), " ",
                                        ShapeString(box_index.shape())));
    }
    if (crop_size.dtype() != tensorflow::DT_INT32 || crop_size.rank() != 1 ||
        crop_size.dim(0) != 2) {
      return context.Error(absl::StrCat("crop_size must be an int32 vector of 2 elements, got ",
                                        DataTypeName(crop_size.dtype()), " ",
                                        ShapeString(crop_size.shape())));
    }
    const int64_t crop_height = crop_size.data<int32_t>()[0];
    const int64_t crop_width = crop_size.data<int32_t>()[1];
    if (crop_height <= 0 || crop_width <= 0) {
      return context.Error(absl::StrCat("crop dimensions must be positive, got [", crop_height, ",",
                                        crop_width, "]"));
    }
    for (int64_t b = 0; b < num_boxes; ++b) {
      const int32_t index = box_index.data<int32_t>()[b];
      if (index < 0 || index >= image.dim(0)) {
        return context.Error(
            absl::StrCat("box_ind[", b, "] = ", index, " is outside [0, ", image.dim(0), ")"));
      }
    }
    absl::StatusOr<Tensor> output =
        Tensor::Allocate(tensorflow::DT_FLOAT, {num_boxes, crop_height, crop_width, image.dim(3)});
    if (!output.ok()) return output.status();
    const float* box_values = boxes.data<float>();
    const int32_t* indices = box_index.data<int32_t>();
    float* out = output->mutable_data<float>();
    const bool known = math::DispatchTag(misc::NoHalfRealTypes(), image.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      CropAndResize<T>(image, box_values, indices, num_boxes, crop_height, crop_width, params_,
                       out);
    });
    if (!known) {
      return context.Error(absl::StrCat("unsupported image dtype ", DataTypeName(image.dtype())));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  CropParams params_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildCropAndResize(const KernelBuildContext& context) {
  CropParams params;
  if (context.attrs.Has("method")) {
    absl::StatusOr<std::string> method = context.attrs.GetString("method");
    if (!method.ok()) return method.status();
    if (*method != "bilinear" && *method != "nearest") {
      return context.Error(
          absl::StrCat("method must be 'bilinear' or 'nearest', got '", *method, "'"));
    }
    params.bilinear = *method == "bilinear";
  }
  if (context.attrs.Has("extrapolation_value")) {
    absl::StatusOr<float> value = context.attrs.GetFloat("extrapolation_value");
    if (!value.ok()) return value.status();
    params.extrapolation_value = *value;
  }
  return std::make_unique<CropAndResizeKernel>(params);
}

// float16 images are widened; the crops are float32 for every image dtype, as in TF.
REGISTER_KERNEL_FACTORY("CropAndResize", Widened(BuildCropAndResize, {0}, {}),
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                           tensorflow::DT_INT8, tensorflow::DT_INT16, tensorflow::DT_INT32,
                           tensorflow::DT_INT64, tensorflow::DT_UINT8, tensorflow::DT_UINT16}}});

}  // namespace
}  // namespace tfjs::runtime::nn
