// Convolution layers: Conv1D/2D/3D (dilation, groups, channels_first, causal padding),
// DepthwiseConv2D, SeparableConv1D/2D, Conv2DTranspose, LocallyConnected1D/2D, ConvLSTM2D.
// channels_first layers transpose their input to channels last and their output back, as TF's CPU
// kernels compute channels last.
#include "absl/strings/str_cat.h"
#include "converter/keras/layer.h"

namespace tfjs::converter::keras {
namespace {

struct ConvParams {
  int n = 0;  // spatial dimensions
  std::vector<int64_t> kernel, strides, dilation;
  std::string padding;
  bool channels_first = false;
  bool use_bias = true;
};

ConvParams ReadConvParams(LayerCall& call, int n) {
  ConvParams p;
  p.n = n;
  p.kernel = call.Ints("kernel_size", n, 1);
  p.strides = call.Ints("strides", n, 1);
  p.dilation = call.Ints("dilation_rate", n, 1);
  p.padding = call.Str("padding", "valid");
  p.channels_first = call.Str("data_format", "channels_last") == "channels_first";
  p.use_bias = call.Bool("use_bias", true);
  if (p.padding != "valid" && p.padding != "same" && !(p.padding == "causal" && n == 1)) {
    call.Fail(absl::StrCat("padding '", p.padding, "' is not supported"));
  }
  return p;
}

int64_t ConvOutputLength(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                         const std::string& padding) {
  if (in < 0) return -1;
  const int64_t extent = (kernel - 1) * dilation + 1;
  if (padding == "valid") return (in - extent) / stride + 1;
  return (in + stride - 1) / stride;  // same, causal
}

std::vector<int32_t> ChannelsLastPerm(size_t rank) {
  std::vector<int32_t> perm = {0};
  for (size_t i = 2; i < rank; ++i) perm.push_back(static_cast<int32_t>(i));
  perm.push_back(1);
  return perm;
}

std::vector<int32_t> ChannelsFirstPerm(size_t rank) {
  std::vector<int32_t> perm = {0, static_cast<int32_t>(rank - 1)};
  for (size_t i = 1; i + 1 < rank; ++i) perm.push_back(static_cast<int32_t>(i));
  return perm;
}

// The input as [batch, spatial..., channels], checked to have rank n + 2 and known channels.
KTensor ChannelsLastInput(LayerCall& call, const ConvParams& p) {
  const KTensor& x = call.input();
  if (call.failed()) return {};
  if (static_cast<int>(x.shape.size()) != p.n + 2) {
    call.Fail(absl::StrCat("needs a rank-", p.n + 2, " input, got rank ", x.shape.size()));
    return {};
  }
  if (!p.channels_first) return x;
  Shape shape;
  for (int32_t i : ChannelsLastPerm(x.shape.size())) shape.push_back(x.shape[i]);
  return {call.b.Transpose(call.scope(), x.name, ChannelsLastPerm(x.shape.size())), shape};
}

// Bias, activation, and channels back first when the layer wants them so.
std::vector<KTensor> Finish(LayerCall& call, const ConvParams& p, std::string y, Shape shape,
                            size_t bias_index) {
  const int64_t channels = shape.back();
  if (p.use_bias) {
    const std::string bias = call.Weight(bias_index, {channels});
    if (call.failed()) return {};
    y = call.b.BiasAdd(call.scope(), y, bias);
  }
  y = ActivateFromConfig(call, "activation", y);
  if (p.channels_first) {
    const std::vector<int32_t> perm = ChannelsFirstPerm(shape.size());
    y = call.b.Transpose(call.scope(), y, perm);
    Shape first;
    for (int32_t i : perm) first.push_back(shape[i]);
    shape = first;
  }
  return {{y, shape}};
}

// ExpandDims(x, axis).
std::string Expand(LayerCall& call, const std::string& x, int axis) {
  tensorflow::NodeDef* node =
      call.b.Add("ExpandDims", call.scope(), {x, call.b.IntConst(call.scope(), {}, {axis})});
  SetType(node, "Tdim", tensorflow::DT_INT32);
  return node->name();
}

std::string SqueezeAxis(LayerCall& call, const std::string& x, int axis) {
  tensorflow::NodeDef* node = call.b.Add("Squeeze", call.scope(), {x});
  SetInts(node, "squeeze_dims", {axis});
  return node->name();
}

// Conv2D or Conv3D of channels-last x (rank 4 or 5) with a TF-layout filter.
std::string ConvOp(LayerCall& call, const std::string& x, const std::string& filter, int dims,
                   const std::vector<int64_t>& strides, const std::vector<int64_t>& dilation,
                   const std::string& padding) {
  tensorflow::NodeDef* node =
      call.b.Add(dims == 2 ? "Conv2D" : "Conv3D", call.scope(), {x, filter});
  std::vector<int64_t> s = {1}, d = {1};
  s.insert(s.end(), strides.begin(), strides.end());
  d.insert(d.end(), dilation.begin(), dilation.end());
  s.push_back(1);
  d.push_back(1);
  SetInts(node, "strides", s);
  SetInts(node, "dilations", d);
  SetString(node, "padding", padding == "same" ? "SAME" : "VALID");
  SetString(node, "data_format", dims == 2 ? "NHWC" : "NDHWC");
  if (dims == 2) {
    SetBool(node, "use_cudnn_on_gpu", true);
    SetInts(node, "explicit_paddings", {});
  }
  return node->name();
}

// Split(axis, x) into n parts.
std::string SplitOp(LayerCall& call, const std::string& x, int axis, int64_t n) {
  tensorflow::NodeDef* node =
      call.b.Add("Split", call.scope(), {call.b.IntConst(call.scope(), {}, {axis}), x});
  SetInt(node, "num_split", n);
  return node->name();
}

// The output shape of a convolution of `x` (channels last) with `p`'s kernel, strides, dilation
// and padding, with `channels_out` channels.
Shape ConvOutputShape(const KTensor& x, const ConvParams& p, int64_t channels_out) {
  Shape out = {x.shape[0]};
  for (int i = 0; i < p.n; ++i) {
    out.push_back(
        ConvOutputLength(x.shape[1 + i], p.kernel[i], p.strides[i], p.dilation[i], p.padding));
  }
  out.push_back(channels_out);
  return out;
}

// `x` as the convolution reads it, and the padding it then uses: causal padding left-pads the time
// axis by the dilated kernel's extent less one, then convolves "valid".
std::string CausalPadded(LayerCall& call, const ConvParams& p, const std::string& x,
                         std::string* padding) {
  *padding = p.padding;
  if (p.padding != "causal") return x;
  *padding = "valid";
  return call.b.Pad(call.scope(), x, {{0, 0}, {(p.kernel[0] - 1) * p.dilation[0], 0}, {0, 0}});
}

std::vector<KTensor> Conv(LayerCall& call, int n) {
  ConvParams p = ReadConvParams(call, n);
  const int64_t filters = call.Int("filters", 0);
  const int64_t groups = call.Int("groups", 1);
  if (call.failed()) return {};
  KTensor x = ChannelsLastInput(call, p);
  if (call.failed()) return {};
  const int64_t channels = x.shape.back();
  if (channels < 0 || groups < 1 || channels % groups != 0 || filters % groups != 0) {
    call.Fail(absl::StrCat("input channels ", channels, " do not split into ", groups, " groups"));
    return {};
  }
  Shape kernel_shape(p.kernel.begin(), p.kernel.end());
  kernel_shape.push_back(channels / groups);
  kernel_shape.push_back(filters);
  std::string kernel = call.Weight(0, kernel_shape);
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  const Shape out = ConvOutputShape(x, p, filters);
  std::string padding;
  std::string in = CausalPadded(call, p, x.name, &padding);
  std::vector<int64_t> strides = p.strides, dilation = p.dilation;
  if (n == 1) {
    in = Expand(call, in, 1);
    kernel = b.Reshape(call.scope(), kernel, {1, p.kernel[0], channels / groups, filters});
    strides.insert(strides.begin(), 1);
    dilation.insert(dilation.begin(), 1);
  }
  const int dims = n == 1 ? 2 : n;
  std::string y;
  if (groups == 1) {
    y = ConvOp(call, in, kernel, dims, strides, dilation, padding);
  } else {
    const std::string parts = SplitOp(call, in, dims + 1, groups);
    const std::string kernels = SplitOp(call, kernel, dims + 1, groups);
    std::vector<std::string> outs;
    for (int64_t g = 0; g < groups; ++g) {
      outs.push_back(ConvOp(call, absl::StrCat(parts, ":", g), absl::StrCat(kernels, ":", g), dims,
                            strides, dilation, padding));
    }
    y = b.Concat(call.scope(), outs, dims + 1);
  }
  if (n == 1) y = SqueezeAxis(call, y, 1);
  return Finish(call, p, y, out, 1);
}

std::vector<KTensor> Conv1D(LayerCall& call) { return Conv(call, 1); }
std::vector<KTensor> Conv2D(LayerCall& call) { return Conv(call, 2); }
std::vector<KTensor> Conv3D(LayerCall& call) { return Conv(call, 3); }

std::string DepthwiseOp(LayerCall& call, const std::string& x, const std::string& filter,
                        const std::vector<int64_t>& strides, const std::vector<int64_t>& dilation,
                        const std::string& padding) {
  tensorflow::NodeDef* node = call.b.Add("DepthwiseConv2dNative", call.scope(), {x, filter});
  SetInts(node, "strides", {1, strides[0], strides[1], 1});
  SetInts(node, "dilations", {1, dilation[0], dilation[1], 1});
  SetString(node, "padding", padding == "same" ? "SAME" : "VALID");
  SetString(node, "data_format", "NHWC");
  SetInts(node, "explicit_paddings", {});
  return node->name();
}

std::vector<KTensor> DepthwiseConv2D(LayerCall& call) {
  ConvParams p = ReadConvParams(call, 2);
  const int64_t multiplier = call.Int("depth_multiplier", 1);
  if (call.failed()) return {};
  KTensor x = ChannelsLastInput(call, p);
  if (call.failed()) return {};
  const int64_t channels = x.shape.back();
  const std::string kernel = call.Weight(0, {p.kernel[0], p.kernel[1], channels, multiplier});
  if (call.failed()) return {};
  const Shape out = ConvOutputShape(x, p, channels * multiplier);
  const std::string y = DepthwiseOp(call, x.name, kernel, p.strides, p.dilation, p.padding);
  return Finish(call, p, y, out, 1);
}

// Depthwise then a 1x1 convolution: weights depthwise_kernel, pointwise_kernel, bias.
std::vector<KTensor> SeparableConv(LayerCall& call, int n) {
  ConvParams p = ReadConvParams(call, n);
  const int64_t multiplier = call.Int("depth_multiplier", 1);
  const int64_t filters = call.Int("filters", 0);
  if (call.failed()) return {};
  KTensor x = ChannelsLastInput(call, p);
  if (call.failed()) return {};
  const int64_t channels = x.shape.back();
  Shape depthwise_shape(p.kernel.begin(), p.kernel.end());
  depthwise_shape.push_back(channels);
  depthwise_shape.push_back(multiplier);
  Shape pointwise_shape(n, 1);
  pointwise_shape.push_back(channels * multiplier);
  pointwise_shape.push_back(filters);
  std::string depthwise = call.Weight(0, depthwise_shape);
  std::string pointwise = call.Weight(1, pointwise_shape);
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  const Shape out = ConvOutputShape(x, p, filters);
  std::string padding;
  std::string in = CausalPadded(call, p, x.name, &padding);
  std::vector<int64_t> strides = p.strides, dilation = p.dilation;
  if (n == 1) {
    in = Expand(call, in, 1);
    depthwise = b.Reshape(call.scope(), depthwise, {1, p.kernel[0], channels, multiplier});
    pointwise = b.Reshape(call.scope(), pointwise, {1, 1, channels * multiplier, filters});
    strides.insert(strides.begin(), 1);
    dilation.insert(dilation.begin(), 1);
  }
  std::string y = DepthwiseOp(call, in, depthwise, strides, dilation, padding);
  y = ConvOp(call, y, pointwise, 2, {1, 1}, {1, 1}, "valid");
  if (n == 1) y = SqueezeAxis(call, y, 1);
  return Finish(call, p, y, out, 2);
}

std::vector<KTensor> SeparableConv1D(LayerCall& call) { return SeparableConv(call, 1); }
std::vector<KTensor> SeparableConv2D(LayerCall& call) { return SeparableConv(call, 2); }

// Keras's deconv_output_length.
int64_t DeconvOutputLength(int64_t in, int64_t kernel, const std::string& padding,
                           int64_t output_padding, bool has_output_padding, int64_t stride,
                           int64_t dilation) {
  const int64_t extent = kernel + (kernel - 1) * (dilation - 1);
  if (!has_output_padding) {
    if (padding == "valid") return in * stride + std::max<int64_t>(extent - stride, 0);
    return in * stride;
  }
  const int64_t pad = padding == "same" ? extent / 2 : 0;
  return (in - 1) * stride + extent - 2 * pad + output_padding;
}

// Conv2DBackpropInput of the input with kernel [kh, kw, filters, in_channels].
std::vector<KTensor> Conv2DTranspose(LayerCall& call) {
  ConvParams p = ReadConvParams(call, 2);
  const int64_t filters = call.Int("filters", 0);
  const bool has_output_padding = call.Has("output_padding");
  const std::vector<int64_t> output_padding = call.Ints("output_padding", 2, 0);
  if (call.failed()) return {};
  KTensor x = ChannelsLastInput(call, p);
  if (call.failed()) return {};
  const int64_t channels = x.shape.back();
  const std::string kernel = call.Weight(0, {p.kernel[0], p.kernel[1], filters, channels});
  if (call.failed()) return {};
  Shape out = {x.shape[0]};
  for (int i = 0; i < 2; ++i) {
    if (x.shape[1 + i] < 0) {
      call.Fail("needs known spatial dimensions");
      return {};
    }
    out.push_back(DeconvOutputLength(x.shape[1 + i], p.kernel[i], p.padding, output_padding[i],
                                     has_output_padding, p.strides[i], p.dilation[i]));
  }
  out.push_back(filters);
  GraphBuilder& b = call.b;
  const std::string sizes = b.BatchShape(call.scope(), x.name, {out[1], out[2], filters});
  tensorflow::NodeDef* node = b.Add("Conv2DBackpropInput", call.scope(), {sizes, kernel, x.name});
  SetInts(node, "strides", {1, p.strides[0], p.strides[1], 1});
  SetInts(node, "dilations", {1, p.dilation[0], p.dilation[1], 1});
  SetString(node, "padding", p.padding == "same" ? "SAME" : "VALID");
  SetString(node, "data_format", "NHWC");
  SetBool(node, "use_cudnn_on_gpu", true);
  SetInts(node, "explicit_paddings", {});
  return Finish(call, p, node->name(), out, 1);
}

// Keras's local_conv: per output position its own kernel [positions, patch features, filters].
// Patches are gathered by one strided slice per kernel offset, stacked so that each position's
// features are ordered as Keras flattens inputs[:, rows, cols, :] (channels_first: [:, :, rows,
// cols]), then multiplied position by position with BatchMatMul. Only padding 'valid', as Keras.
std::vector<KTensor> LocallyConnected(LayerCall& call, int n) {
  ConvParams p = ReadConvParams(call, n);
  const int64_t filters = call.Int("filters", 0);
  if (call.failed()) return {};
  const KTensor& x = call.input();
  if (call.failed()) return {};
  const size_t rank = static_cast<size_t>(n) + 2;
  if (x.shape.size() != rank || p.padding != "valid") {
    call.Fail(absl::StrCat("needs a rank-", rank, " input and padding 'valid'"));
    return {};
  }
  const int first = p.channels_first ? 2 : 1;
  const int64_t channels = x.shape[p.channels_first ? 1 : rank - 1];
  std::vector<int64_t> out;
  int64_t positions = 1, offsets = 1;
  for (int i = 0; i < n; ++i) {
    const int64_t len = x.shape[first + i];
    if (len < 0) {
      call.Fail("needs known spatial dimensions");
      return {};
    }
    out.push_back((len - p.kernel[i]) / p.strides[i] + 1);
    positions *= out.back();
    offsets *= p.kernel[i];
  }
  const int64_t features = offsets * channels;
  const std::string kernel = call.Weight(0, {positions, features, filters});
  if (call.failed()) return {};
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  std::vector<std::string> slices;
  std::vector<int64_t> offset(n, 0);
  for (int64_t k = 0; k < offsets; ++k) {
    std::vector<int32_t> begin(rank, 0), end(rank, 0), strides(rank, 1);
    int64_t end_mask = 0;
    for (size_t axis = 0; axis < rank; ++axis) {
      const int i = static_cast<int>(axis) - first;
      if (i < 0 || i >= n) {
        end_mask |= int64_t{1} << axis;
        continue;
      }
      begin[axis] = static_cast<int32_t>(offset[i]);
      end[axis] = static_cast<int32_t>(offset[i] + (out[i] - 1) * p.strides[i] + 1);
      strides[axis] = static_cast<int32_t>(p.strides[i]);
    }
    const int64_t r = static_cast<int64_t>(rank);
    tensorflow::NodeDef* slice = b.Add(
        "StridedSlice", s,
        {x.name, b.IntConst(s, {r}, begin), b.IntConst(s, {r}, end), b.IntConst(s, {r}, strides)});
    SetType(slice, "Index", tensorflow::DT_INT32);
    SetInt(slice, "begin_mask", 0);
    SetInt(slice, "end_mask", end_mask);
    SetInt(slice, "ellipsis_mask", 0);
    SetInt(slice, "new_axis_mask", 0);
    SetInt(slice, "shrink_axis_mask", 0);
    slices.push_back(slice->name());
    for (int i = n - 1; i >= 0; --i) {  // next offset, last axis fastest
      if (++offset[i] < p.kernel[i]) break;
      offset[i] = 0;
    }
  }
  // channels_last: [B, out..., offsets, C]; channels_first: [B, C, offsets, out...] moved to
  // [B, out..., C, offsets].
  tensorflow::NodeDef* stack = b.Add("Pack", s, slices);
  SetInt(stack, "N", offsets);
  SetInt(stack, "axis", p.channels_first ? 2 : n + 1);
  std::string patches = stack->name();
  if (p.channels_first) {
    std::vector<int32_t> perm = {0};
    for (int i = 0; i < n; ++i) perm.push_back(3 + i);
    perm.push_back(1);
    perm.push_back(2);
    patches = b.Transpose(s, patches, perm);
  }
  patches = b.Transpose(s, b.Reshape(s, patches, {-1, positions, features}), {1, 0, 2});
  tensorflow::NodeDef* matmul = b.Add("BatchMatMulV2", s, {patches, kernel});
  SetBool(matmul, "adj_x", false);
  SetBool(matmul, "adj_y", false);
  // [positions, B, filters] -> [out..., B, filters] -> Keras's permutation.
  Shape grid(out.begin(), out.end());
  grid.push_back(-1);
  grid.push_back(filters);
  std::vector<int32_t> perm;
  Shape shape = {x.shape[0]};
  if (p.channels_first) {
    perm = {n, n + 1};
    shape.push_back(filters);
  } else {
    perm = {n};
  }
  for (int i = 0; i < n; ++i) {
    perm.push_back(i);
    shape.push_back(out[i]);
  }
  if (!p.channels_first) {
    perm.push_back(n + 1);
    shape.push_back(filters);
  }
  std::string y = b.Transpose(s, b.Reshape(s, matmul->name(), grid), perm);
  if (p.use_bias) {
    // Keras's bias_add reshapes (not transposes) the [out..., filters] bias to the output's
    // layout.
    Shape bias_shape(out.begin(), out.end());
    bias_shape.push_back(filters);
    const std::string bias = call.Weight(1, bias_shape);
    if (call.failed()) return {};
    Shape target = shape;
    target[0] = 1;
    y = b.Binary("AddV2", s, y, b.Reshape(s, bias, target));
  }
  return {{ActivateFromConfig(call, "activation", y), shape}};
}

std::vector<KTensor> LocallyConnected1D(LayerCall& call) { return LocallyConnected(call, 1); }
std::vector<KTensor> LocallyConnected2D(LayerCall& call) { return LocallyConnected(call, 2); }

// ConvLSTM2D over a static time dimension, unrolled: per step conv(x_t, kernel) + bias and
// conv(h, recurrent_kernel) (padding 'same', stride 1), gates i, f, c, o as LSTM's.
std::vector<KTensor> ConvLSTM2D(LayerCall& call) {
  ConvParams p = ReadConvParams(call, 2);
  const int64_t filters = call.Int("filters", 0);
  const bool return_sequences = call.Bool("return_sequences", false);
  const bool return_state = call.Bool("return_state", false);
  const bool go_backwards = call.Bool("go_backwards", false);
  const std::string activation = call.Str("activation", "tanh");
  const std::string recurrent_activation = call.Str("recurrent_activation", "hard_sigmoid");
  if (call.Bool("stateful", false)) call.Fail("stateful recurrent layers are not supported");
  if (call.failed()) return {};
  const KTensor& x = call.input();
  if (call.failed()) return {};
  if (x.shape.size() != 5 || x.shape[1] < 0) {
    call.Fail("needs an input [batch, time, ...] of rank 5 with a static time dimension");
    return {};
  }
  GraphBuilder& b = call.b;
  const std::string& s = call.scope();
  // [B, T, H, W, C] whichever the layer's format.
  std::string in = x.name;
  Shape frame = {x.shape[0], x.shape[2], x.shape[3], x.shape[4]};
  if (p.channels_first) {
    in = b.Transpose(s, in, {0, 1, 3, 4, 2});
    frame = {x.shape[0], x.shape[3], x.shape[4], x.shape[2]};
  }
  const int64_t channels = frame[3];
  const std::string kernel = call.Weight(0, {p.kernel[0], p.kernel[1], channels, 4 * filters});
  const std::string recurrent = call.Weight(1, {p.kernel[0], p.kernel[1], filters, 4 * filters});
  const std::string bias = p.use_bias ? call.Weight(2, {4 * filters}) : "";
  if (call.failed()) return {};
  const int64_t oh =
      ConvOutputLength(frame[1], p.kernel[0], p.strides[0], p.dilation[0], p.padding);
  const int64_t ow =
      ConvOutputLength(frame[2], p.kernel[1], p.strides[1], p.dilation[1], p.padding);
  if (oh < 0 || ow < 0) {
    call.Fail("needs known spatial dimensions");
    return {};
  }
  const int64_t steps = x.shape[1];
  tensorflow::NodeDef* unstack = b.Add("Unpack", s, {in});
  SetInt(unstack, "num", steps);
  SetInt(unstack, "axis", 1);
  std::string h = b.BatchZeros(s, x.name, {oh, ow, filters});
  std::string c = h;
  std::vector<std::string> outputs;
  for (int64_t i = 0; i < steps; ++i) {
    const int64_t t = go_backwards ? steps - 1 - i : i;
    std::string z = ConvOp(call, absl::StrCat(unstack->name(), ":", t), kernel, 2, p.strides,
                           p.dilation, p.padding);
    if (p.use_bias) z = b.BiasAdd(s, z, bias);
    z = b.Binary("AddV2", s, z, ConvOp(call, h, recurrent, 2, {1, 1}, {1, 1}, "same"));
    const std::string gates = SplitOp(call, z, 3, 4);
    const std::string in_gate = Activate(call, recurrent_activation, gates + ":0");
    const std::string forget = Activate(call, recurrent_activation, gates + ":1");
    const std::string candidate = Activate(call, activation, gates + ":2");
    const std::string out_gate = Activate(call, recurrent_activation, gates + ":3");
    c = b.Binary("AddV2", s, b.Binary("Mul", s, forget, c), b.Binary("Mul", s, in_gate, candidate));
    h = b.Binary("Mul", s, out_gate, Activate(call, activation, c));
    if (call.failed()) return {};
    outputs.push_back(h);
  }
  auto to_format = [&](const std::string& y, bool sequence) {
    if (!p.channels_first) return y;
    return b.Transpose(
        s, y, sequence ? std::vector<int32_t>{0, 1, 4, 2, 3} : std::vector<int32_t>{0, 3, 1, 2});
  };
  const Shape state_shape =
      p.channels_first ? Shape{x.shape[0], filters, oh, ow} : Shape{x.shape[0], oh, ow, filters};
  std::vector<KTensor> result;
  if (return_sequences) {
    tensorflow::NodeDef* pack = b.Add("Pack", s, outputs);
    SetInt(pack, "N", steps);
    SetInt(pack, "axis", 1);
    Shape shape = state_shape;
    shape.insert(shape.begin() + 1, steps);
    result.push_back({to_format(pack->name(), true), shape});
  } else {
    result.push_back({to_format(h, false), state_shape});
  }
  if (return_state) {
    result.push_back({to_format(h, false), state_shape});
    result.push_back({to_format(c, false), state_shape});
  }
  return result;
}

}  // namespace

void RegisterConvLayers(Registry& registry) {
  registry["Conv1D"] = registry["Convolution1D"] = Conv1D;
  registry["Conv2D"] = registry["Convolution2D"] = Conv2D;
  registry["Conv3D"] = registry["Convolution3D"] = Conv3D;
  registry["DepthwiseConv2D"] = DepthwiseConv2D;
  registry["SeparableConv1D"] = registry["SeparableConvolution1D"] = SeparableConv1D;
  registry["SeparableConv2D"] = registry["SeparableConvolution2D"] = SeparableConv2D;
  registry["Conv2DTranspose"] = registry["Convolution2DTranspose"] = Conv2DTranspose;
  registry["LocallyConnected1D"] = LocallyConnected1D;
  registry["LocallyConnected2D"] = LocallyConnected2D;
  registry["ConvLSTM2D"] = ConvLSTM2D;
}

}  // namespace tfjs::converter::keras
