// The validated geometry of TF's image resize ops (ResizeBilinear, ResizeNearestNeighbor,
// ResizeBicubic, ResizeArea): images [batch, height, width, channels] and size [2].
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_RESIZE_SHAPE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_RESIZE_SHAPE_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/kernel.h"

namespace tfjs::runtime::nn {

struct ResizeShape {
  int64_t batch, in_height, in_width, channels, out_height, out_width;
  // Input pixels per output pixel along each axis (TF's CalculateResizeScale).
  float height_scale, width_scale;
};

// Reads inputs 0 (images) and 1 (size, int32 [out_height, out_width]) with the checks and
// messages of TF's ImageResizerState: images 4-D, output dimensions positive, at least one
// channel, input height and width non-zero (a zero batch is fine).
absl::StatusOr<ResizeShape> ReadResizeShape(const OpContext& context, bool align_corners);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_RESIZE_SHAPE_H_
