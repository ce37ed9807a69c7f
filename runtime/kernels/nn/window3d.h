// Window geometry of 3-D convolution and pooling as TF computes it: the strides, dilations,
// ksize, padding and data_format (NDHWC or NCDHW) attrs of Conv3D, AvgPool3D and MaxPool3D.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_WINDOW3D_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_WINDOW3D_H_

#include <array>

#include "absl/status/statusor.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {

struct Window3DAttrs {
  bool channels_first = false;
  // SAME or VALID.
  Padding padding = Padding::kValid;
  // Depth, height and width. Convolutions fill in the kernel sizes from the filter.
  std::array<WindowDim, 3> dims;
};

// Reads data_format, strides, padding, and `dilations` (when `has_dilations`) or `ksize` (when
// `has_ksize`), checking them as TF does: five entries each, 1 on the batch and channel dims.
absl::StatusOr<Window3DAttrs> ReadWindow3DAttrs(const KernelBuildContext& context,
                                                bool has_dilations, bool has_ksize);

// Each spatial dim's output size and padding for a channels-last [N,D,H,W,C] input shape.
absl::StatusOr<std::array<SpatialOutput, 3>> ComputeOutput3D(const Shape& input_shape,
                                                             const Window3DAttrs& attrs);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_WINDOW3D_H_
