// Direct N-D convolution (1 to 3 spatial dims, grouped, dilated, padded) and its two gradients,
// in channels-last layout on flat arrays of a compute type (double for floats, int64 for
// integers): the exact path behind the convolutions XNNPACK does not run (float64, integers,
// gradients, the generic Conv op).
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_CONV_REFERENCE_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_CONV_REFERENCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {

// The window attrs of a convolution node over `spatial_dims` dims: strides, dilations and
// explicit paddings per spatial dim, in spatial order whatever the data format.
struct ConvAttrs {
  int spatial_dims = 2;
  bool channels_first = false;
  Padding padding = Padding::kValid;
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pads_before;
  std::vector<int64_t> pads_after;
};

// Reads data_format (channels first when it equals `channels_first_format`; absent means
// channels last), strides, dilations (all 1 when the op has none), padding and explicit_paddings,
// checking them as TF does: spatial_dims + 2 entries, 1 on the batch and channel dims.
absl::StatusOr<ConvAttrs> ReadConvAttrs(const KernelBuildContext& context, int spatial_dims,
                                        absl::string_view channels_first_format);

// One convolution's sizes, channels last: input [batch, input..., in_channels], filter
// [filter..., in_channels / groups, out_channels], output [batch, output..., out_channels].
struct ConvGeometry {
  int64_t batch = 0;
  std::vector<int64_t> input;
  std::vector<int64_t> filter;
  std::vector<int64_t> output;
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pads_before;
  int64_t in_channels = 0;
  int64_t out_channels = 0;
  int64_t groups = 1;
};

// The geometry of `attrs` applied to the given sizes (spatial dims in spatial order); fails when
// the filter's input depth does not divide the input's, or the window does not fit.
absl::StatusOr<ConvGeometry> MakeConvGeometry(const ConvAttrs& attrs, int64_t batch,
                                              const std::vector<int64_t>& input_spatial,
                                              int64_t in_channels,
                                              const std::vector<int64_t>& filter_spatial,
                                              int64_t filter_in_channels, int64_t out_channels);

// Shapes of the geometry's tensors, channels last.
Shape ConvInputShape(const ConvGeometry& geometry);
Shape ConvFilterShape(const ConvGeometry& geometry);
Shape ConvOutputShape(const ConvGeometry& geometry);

// T is double or int64_t.
template <typename T>
std::vector<T> ConvForward(const ConvGeometry& geometry, const std::vector<T>& input,
                           const std::vector<T>& filter);
template <typename T>
std::vector<T> ConvBackpropInput(const ConvGeometry& geometry, const std::vector<T>& out_backprop,
                                 const std::vector<T>& filter);
template <typename T>
std::vector<T> ConvBackpropFilter(const ConvGeometry& geometry, const std::vector<T>& input,
                                  const std::vector<T>& out_backprop);

// [N, C, spatial...] <-> [N, spatial..., C] for a flat array of that shape.
template <typename T>
std::vector<T> ChannelsFirstToLastValues(const std::vector<T>& values, const Shape& shape);
template <typename T>
std::vector<T> ChannelsLastToFirstValues(const std::vector<T>& values, const Shape& shape);
// `shape` with its channel dim moved: [N, C, S...] -> [N, S..., C] and back.
Shape ChannelsFirstToLastShape(const Shape& shape);
Shape ChannelsLastToFirstShape(const Shape& shape);

}  // namespace tfjs::runtime::nn

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_CONV_REFERENCE_H_
