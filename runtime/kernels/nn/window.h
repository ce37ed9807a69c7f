// Window geometry of 2-D convolution and pooling as TF computes it: the strides, dilations,
// padding and data_format attrs, and each spatial dim's output size and padding.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_WINDOW_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_WINDOW_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/kernel.h"

namespace tfjs::runtime::nn {

enum class Padding { kValid, kSame, kExplicit };

// One spatial dim's window: kernel size, stride, dilation and (for kExplicit) padding.
struct WindowDim {
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t dilation = 1;
  int64_t explicit_before = 0;
  int64_t explicit_after = 0;
};

struct WindowAttrs {
  bool nchw = false;
  Padding padding = Padding::kValid;
  // Height and width. The kernel sizes come from `ksize` for pooling; convolutions fill them in
  // from the filter.
  WindowDim height;
  WindowDim width;
};

// Reads data_format, strides, padding, explicit_paddings, and `dilations` (when
// `has_dilations`) or `ksize` (when `has_ksize`), checking them as TF does: four entries each,
// 1 (or 0 padding) on the batch and channel dims.
absl::StatusOr<WindowAttrs> ReadWindowAttrs(const KernelBuildContext& context, bool has_dilations,
                                            bool has_ksize);

// One spatial dim of the output.
struct SpatialOutput {
  int64_t size = 0;
  int64_t pad_before = 0;
  int64_t pad_after = 0;
};

// TF's windowed output size: VALID pads nothing, SAME pads to ceil(input / stride) outputs with
// the odd pixel after, EXPLICIT uses the given padding. Fails when the window does not fit.
absl::StatusOr<SpatialOutput> ComputeSpatialOutput(int64_t input_size, const WindowDim& window,
                                                   Padding padding);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_WINDOW_H_
