#include "runtime/kernels/nn/resize_shape.h"

#include "absl/strings/str_cat.h"

namespace tfjs::runtime::nn {
namespace {

float ResizeScale(int64_t in_size, int64_t out_size, bool align_corners) {
  return (align_corners && out_size > 1) ? (in_size - 1) / static_cast<float>(out_size - 1)
                                         : in_size / static_cast<float>(out_size);
}

}  // namespace

absl::StatusOr<ResizeShape> ReadResizeShape(const OpContext& context, bool align_corners) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& images = context.input(0);
  const Tensor& size = context.input(1);
  if (images.rank() != 4) {
    return context.Error(
        absl::StrCat("input must be 4-dimensional, got shape ", ShapeString(images.shape())));
  }
  if (size.dtype() != tensorflow::DT_INT32 || size.rank() != 1 || size.dim(0) != 2) {
    return context.Error(absl::StrCat("size must be an int32 vector of 2 elements, got ",
                                      DataTypeName(size.dtype()), " ", ShapeString(size.shape())));
  }
  ResizeShape shape;
  shape.batch = images.dim(0);
  shape.in_height = images.dim(1);
  shape.in_width = images.dim(2);
  shape.channels = images.dim(3);
  shape.out_height = size.data<int32_t>()[0];
  shape.out_width = size.data<int32_t>()[1];
  if (shape.out_height <= 0 || shape.out_width <= 0) {
    return context.Error(absl::StrCat("output dimensions must be positive, got [",
                                      shape.out_height, ",", shape.out_width, "]"));
  }
  if (shape.channels <= 0) return context.Error("image must have at least one channel");
  if (shape.in_height <= 0 || shape.in_width <= 0) {
    return context.Error("input image must be of non-zero size");
  }
  shape.height_scale = ResizeScale(shape.in_height, shape.out_height, align_corners);
  shape.width_scale = ResizeScale(shape.in_width, shape.out_width, align_corners);
  return shape;
}

}  // namespace tfjs::runtime::nn
