// Exact kernels for the dtypes the XNNPACK paths of Conv2D, DepthwiseConv2dNative, Conv3D,
// Conv2DBackpropInput, MaxPool and AvgPool do not take (float64, float16, bfloat16, integers):
// the reference convolution and pooling, computed in double (int64 for integers) and rounded
// once.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_REFERENCE_KERNELS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_REFERENCE_KERNELS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "runtime/kernel.h"

namespace tfjs::runtime::nn {

// True when the node's T attr (or its default) is float32, the dtype the fast paths compute.
bool IsFloat32Node(const KernelBuildContext& context);

// A convolution over `spatial_dims` dims (filter [k..., in, out], or [k..., in, multiplier] when
// `depthwise`); channels first when data_format is `channels_first_format`.
absl::StatusOr<std::unique_ptr<Kernel>> BuildReferenceConv(const KernelBuildContext& context,
                                                           int spatial_dims, bool depthwise,
                                                           absl::string_view channels_first_format);

// Conv2DBackpropInput.
absl::StatusOr<std::unique_ptr<Kernel>> BuildReferenceConv2DBackpropInput(
    const KernelBuildContext& context);

// MaxPool or AvgPool (the mean of the window's pixels inside the image).
absl::StatusOr<std::unique_ptr<Kernel>> BuildReferencePool(const KernelBuildContext& context,
                                                           bool average);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_REFERENCE_KERNELS_H_
