#include "runtime/kernels/nn/conv_reference.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tfjs::runtime::nn {
namespace {

// A list attr of spatial_dims + 2 entries, or `fallback` when the node and the table lack it.
absl::StatusOr<std::vector<int64_t>> ReadDimList(const KernelBuildContext& context,
                                                 const char* name, size_t size,
                                                 std::vector<int64_t> fallback) {
  absl::StatusOr<std::vector<int64_t>> values = context.attrs.GetIntList(name);
  if (!values.ok() && fallback.empty()) return values.status();
  // An absent attr, or an empty list (the generic Conv op's default), takes the fallback.
  if (!values.ok() || values->empty()) values = std::move(fallback);
  if (values->size() != size) {
    return context.Error(absl::StrCat(name, " must have ", size, " entries, got [",
                                      absl::StrJoin(*values, ","), "]"));
  }
  return values;
}

// Up to three spatial dims, the missing ones of size 1.
struct Dims3 {
  std::array<int64_t, 3> input{1, 1, 1}, filter{1, 1, 1}, output{1, 1, 1};
  std::array<int64_t, 3> stride{1, 1, 1}, dilation{1, 1, 1}, pad{0, 0, 0};
};

Dims3 Pad3(const ConvGeometry& g) {
  Dims3 d;
  for (size_t i = 0; i < g.input.size(); ++i) {
    d.input[i] = g.input[i];
    d.filter[i] = g.filter[i];
    d.output[i] = g.output[i];
    d.stride[i] = g.strides[i];
    d.dilation[i] = g.dilations[i];
    d.pad[i] = g.pads_before[i];
  }
  return d;
}

// Calls fn(input_pixel, output_pixel, filter_tap) for every output pixel and filter tap whose
// input pixel lies inside the input (pixels count batch and spatial positions).
template <typename Fn>
void ForEachTap(const ConvGeometry& g, Fn&& fn) {
  const Dims3 d = Pad3(g);
  for (int64_t b = 0; b < g.batch; ++b) {
    for (int64_t o0 = 0; o0 < d.output[0]; ++o0) {
      for (int64_t o1 = 0; o1 < d.output[1]; ++o1) {
        for (int64_t o2 = 0; o2 < d.output[2]; ++o2) {
          const int64_t out_pixel = ((b * d.output[0] + o0) * d.output[1] + o1) * d.output[2] + o2;
          for (int64_t k0 = 0; k0 < d.filter[0]; ++k0) {
            const int64_t i0 = o0 * d.stride[0] - d.pad[0] + k0 * d.dilation[0];
            if (i0 < 0 || i0 >= d.input[0]) continue;
            for (int64_t k1 = 0; k1 < d.filter[1]; ++k1) {
              const int64_t i1 = o1 * d.stride[1] - d.pad[1] + k1 * d.dilation[1];
              if (i1 < 0 || i1 >= d.input[1]) continue;
              for (int64_t k2 = 0; k2 < d.filter[2]; ++k2) {
                const int64_t i2 = o2 * d.stride[2] - d.pad[2] + k2 * d.dilation[2];
                if (i2 < 0 || i2 >= d.input[2]) continue;
                const int64_t in_pixel =
                    ((b * d.input[0] + i0) * d.input[1] + i1) * d.input[2] + i2;
                const int64_t tap = (k0 * d.filter[1] + k1) * d.filter[2] + k2;
                fn(in_pixel, out_pixel, tap);
              }
            }
          }
        }
      }
    }
  }
}

// The permutation of a channels-first shape to channels last (or back, with `to_last` false).
template <typename T>
std::vector<T> MoveChannels(const std::vector<T>& values, const Shape& shape, bool to_last) {
  const int64_t batch = shape[0];
  const int64_t channels = to_last ? shape[1] : shape.back();
  int64_t spatial = 1;
  for (size_t i = to_last ? 2 : 1; i < shape.size() - (to_last ? 0 : 1); ++i) spatial *= shape[i];
  std::vector<T> out(values.size());
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t c = 0; c < channels; ++c) {
      for (int64_t s = 0; s < spatial; ++s) {
        const int64_t first = (b * channels + c) * spatial + s;
        const int64_t last = (b * spatial + s) * channels + c;
        if (to_last) {
          out[last] = values[first];
        } else {
          out[first] = values[last];
        }
      }
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<ConvAttrs> ReadConvAttrs(const KernelBuildContext& context, int spatial_dims,
                                        absl::string_view channels_first_format) {
  ConvAttrs attrs;
  attrs.spatial_dims = spatial_dims;
  const size_t size = spatial_dims + 2;
  if (context.attrs.Has("data_format")) {
    absl::StatusOr<std::string> format = context.attrs.GetString("data_format");
    if (!format.ok()) return format.status();
    attrs.channels_first = *format == channels_first_format;
  }
  const int first_spatial = attrs.channels_first ? 2 : 1;
  const int channel = attrs.channels_first ? 1 : spatial_dims + 1;
  absl::StatusOr<std::vector<int64_t>> strides = ReadDimList(context, "strides", size, {});
  if (!strides.ok()) return strides.status();
  absl::StatusOr<std::vector<int64_t>> dilations =
      ReadDimList(context, "dilations", size, std::vector<int64_t>(size, 1));
  if (!dilations.ok()) return dilations.status();
  if ((*strides)[0] != 1 || (*strides)[channel] != 1) {
    return context.Error(
        "Current implementation does not yet support strides in the batch and depth dimensions.");
  }
  if ((*dilations)[0] != 1 || (*dilations)[channel] != 1) {
    return context.Error(
        "Current implementation does not yet support dilations in the batch and depth "
        "dimensions.");
  }
  for (int i = 0; i < spatial_dims; ++i) {
    attrs.strides.push_back((*strides)[first_spatial + i]);
    attrs.dilations.push_back((*dilations)[first_spatial + i]);
    if (attrs.strides.back() < 1 || attrs.dilations.back() < 1) {
      return context.Error("strides and dilations must be positive");
    }
  }
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!padding.ok()) return padding.status();
  attrs.pads_before.assign(spatial_dims, 0);
  attrs.pads_after.assign(spatial_dims, 0);
  if (*padding == "VALID") {
    attrs.padding = Padding::kValid;
  } else if (*padding == "SAME") {
    attrs.padding = Padding::kSame;
  } else if (*padding == "EXPLICIT") {
    attrs.padding = Padding::kExplicit;
    absl::StatusOr<std::vector<int64_t>> pads = context.attrs.GetIntList("explicit_paddings");
    if (!pads.ok()) return pads.status();
    if (pads->size() != 2 * size) {
      return context.Error(
          absl::StrCat("explicit_paddings must have ", 2 * size, " entries, got ", pads->size()));
    }
    if ((*pads)[0] != 0 || (*pads)[1] != 0 || (*pads)[2 * channel] != 0 ||
        (*pads)[2 * channel + 1] != 0) {
      return context.Error("explicit_paddings on the batch and channel dims must be 0");
    }
    if (*std::min_element(pads->begin(), pads->end()) < 0) {
      return context.Error("explicit_paddings must not be negative");
    }
    for (int i = 0; i < spatial_dims; ++i) {
      attrs.pads_before[i] = (*pads)[2 * (first_spatial + i)];
      attrs.pads_after[i] = (*pads)[2 * (first_spatial + i) + 1];
    }
  } else {
    return context.Error(
        absl::StrCat("padding must be SAME, VALID or EXPLICIT, got '", *padding, "'"));
  }
  return attrs;
}

absl::StatusOr<ConvGeometry> MakeConvGeometry(const ConvAttrs& attrs, int64_t batch,
                                              const std::vector<int64_t>& input_spatial,
                                              int64_t in_channels,
                                              const std::vector<int64_t>& filter_spatial,
                                              int64_t filter_in_channels, int64_t out_channels) {
  ConvGeometry g;
  g.batch = batch;
  g.input = input_spatial;
  g.filter = filter_spatial;
  g.strides = attrs.strides;
  g.dilations = attrs.dilations;
  g.in_channels = in_channels;
  g.out_channels = out_channels;
  if (filter_in_channels <= 0 || in_channels % filter_in_channels != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("input depth must be evenly divisible by filter "
                     "depth: ",
                     in_channels, " vs ", filter_in_channels));
  }
  g.groups = in_channels / filter_in_channels;
  if (out_channels % g.groups != 0) {
    return absl::InvalidArgumentError(absl::StrCat("output depth ", out_channels,
                                                   " must be evenly divisible by the number of "
                                                   "groups ",
                                                   g.groups));
  }
  for (size_t i = 0; i < input_spatial.size(); ++i) {
    WindowDim window;
    window.kernel = filter_spatial[i];
    window.stride = attrs.strides[i];
    window.dilation = attrs.dilations[i];
    window.explicit_before = attrs.pads_before[i];
    window.explicit_after = attrs.pads_after[i];
    absl::StatusOr<SpatialOutput> out =
        ComputeSpatialOutput(input_spatial[i], window, attrs.padding);
    if (!out.ok()) return out.status();
    g.output.push_back(out->size);
    g.pads_before.push_back(out->pad_before);
  }
  return g;
}

Shape ConvInputShape(const ConvGeometry& g) {
  Shape shape = {g.batch};
  shape.insert(shape.end(), g.input.begin(), g.input.end());
  shape.push_back(g.in_channels);
  return shape;
}

Shape ConvFilterShape(const ConvGeometry& g) {
  Shape shape(g.filter.begin(), g.filter.end());
  shape.push_back(g.in_channels / g.groups);
  shape.push_back(g.out_channels);
  return shape;
}

Shape ConvOutputShape(const ConvGeometry& g) {
  Shape shape = {g.batch};
  shape.insert(shape.end(), g.output.begin(), g.output.end());
  shape.push_back(g.out_channels);
  return shape;
}

template <typename T>
std::vector<T> ConvForward(const ConvGeometry& g, const std::vector<T>& input,
                           const std::vector<T>& filter) {
  std::vector<T> output(NumElements(ConvOutputShape(g)), T(0));
  const int64_t ci_per_group = g.in_channels / g.groups;
  const int64_t co_per_group = g.out_channels / g.groups;
  ForEachTap(g, [&](int64_t in_pixel, int64_t out_pixel, int64_t tap) {
    const T* in = input.data() + in_pixel * g.in_channels;
    const T* taps = filter.data() + tap * ci_per_group * g.out_channels;
    T* out = output.data() + out_pixel * g.out_channels;
    for (int64_t group = 0; group < g.groups; ++group) {
      for (int64_t ci = 0; ci < ci_per_group; ++ci) {
        const T x = in[group * ci_per_group + ci];
        const T* f = taps + ci * g.out_channels + group * co_per_group;
        T* o = out + group * co_per_group;
        for (int64_t co = 0; co < co_per_group; ++co) o[co] += x * f[co];
      }
    }
  });
  return output;
}

template <typename T>
std::vector<T> ConvBackpropInput(const ConvGeometry& g, const std::vector<T>& out_backprop,
                                 const std::vector<T>& filter) {
  std::vector<T> in_backprop(NumElements(ConvInputShape(g)), T(0));
  const int64_t ci_per_group = g.in_channels / g.groups;
  const int64_t co_per_group = g.out_channels / g.groups;
  ForEachTap(g, [&](int64_t in_pixel, int64_t out_pixel, int64_t tap) {
    T* in = in_backprop.data() + in_pixel * g.in_channels;
    const T* taps = filter.data() + tap * ci_per_group * g.out_channels;
    const T* out = out_backprop.data() + out_pixel * g.out_channels;
    for (int64_t group = 0; group < g.groups; ++group) {
      for (int64_t ci = 0; ci < ci_per_group; ++ci) {
        const T* f = taps + ci * g.out_channels + group * co_per_group;
        const T* o = out + group * co_per_group;
        T sum = T(0);
        for (int64_t co = 0; co < co_per_group; ++co) sum += o[co] * f[co];
        in[group * ci_per_group + ci] += sum;
      }
    }
  });
  return in_backprop;
}

template <typename T>
std::vector<T> ConvBackpropFilter(const ConvGeometry& g, const std::vector<T>& input,
                                  const std::vector<T>& out_backprop) {
  std::vector<T> filter_backprop(NumElements(ConvFilterShape(g)), T(0));
  const int64_t ci_per_group = g.in_channels / g.groups;
  const int64_t co_per_group = g.out_channels / g.groups;
  ForEachTap(g, [&](int64_t in_pixel, int64_t out_pixel, int64_t tap) {
    const T* in = input.data() + in_pixel * g.in_channels;
    T* taps = filter_backprop.data() + tap * ci_per_group * g.out_channels;
    const T* out = out_backprop.data() + out_pixel * g.out_channels;
    for (int64_t group = 0; group < g.groups; ++group) {
      for (int64_t ci = 0; ci < ci_per_group; ++ci) {
        const T x = in[group * ci_per_group + ci];
        T* f = taps + ci * g.out_channels + group * co_per_group;
        const T* o = out + group * co_per_group;
        for (int64_t co = 0; co < co_per_group; ++co) f[co] += x * o[co];
      }
    }
  });
  return filter_backprop;
}

template <typename T>
std::vector<T> ChannelsFirstToLastValues(const std::vector<T>& values, const Shape& shape) {
  return MoveChannels(values, shape, true);
}

template <typename T>
std::vector<T> ChannelsLastToFirstValues(const std::vector<T>& values, const Shape& shape) {
  return MoveChannels(values, shape, false);
}

Shape ChannelsFirstToLastShape(const Shape& shape) {
  Shape out = {shape[0]};
  out.insert(out.end(), shape.begin() + 2, shape.end());
  out.push_back(shape[1]);
  return out;
}

Shape ChannelsLastToFirstShape(const Shape& shape) {
  Shape out = {shape[0], shape.back()};
  out.insert(out.end(), shape.begin() + 1, shape.end() - 1);
  return out;
}

#define TFJS_CONV_REFERENCE_INSTANTIATE(T)                                                   \
  template std::vector<T> ConvForward<T>(const ConvGeometry&, const std::vector<T>&,         \
                                         const std::vector<T>&);                             \
  template std::vector<T> ConvBackpropInput<T>(const ConvGeometry&, const std::vector<T>&,   \
                                               const std::vector<T>&);                       \
  template std::vector<T> ConvBackpropFilter<T>(const ConvGeometry&, const std::vector<T>&,  \
                                                const std::vector<T>&);                      \
  template std::vector<T> ChannelsFirstToLastValues<T>(const std::vector<T>&, const Shape&); \
  template std::vector<T> ChannelsLastToFirstValues<T>(const std::vector<T>&, const Shape&);
TFJS_CONV_REFERENCE_INSTANTIATE(double)
TFJS_CONV_REFERENCE_INSTANTIATE(int64_t)
#undef TFJS_CONV_REFERENCE_INSTANTIATE

}  // namespace tfjs::runtime::nn
