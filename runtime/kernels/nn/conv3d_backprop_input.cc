// Conv3DBackpropInputV2 (input_sizes, filter, out_backprop) and Conv3DBackpropInput (input,
// filter, out_backprop: the input's shape stands for input_sizes): the gradient of Conv3D with
// respect to its input, in the dtypes TF's CPU kernels register (float16, float32, float64; V2
// also bfloat16); float16 and bfloat16 are computed in float32 and rounded once. V2 takes NDHWC and
// NCDHW (TF's CPU kernel refuses NCDHW; TF's layout optimizer runs such nodes as NDHWC, which is
// what the corpus's references hold); dilations above 1 are errors, as in TF. A gather loop: rows
// [n, z, y] of the result compute independently.
#include <pthreadpool.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/nn/half.h"
#include "runtime/kernels/nn/window3d.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInputSizes = 0;
constexpr int kFilter = 1;
constexpr int kOutBackprop = 2;

// Element strides of an [N, D, H, W] x C tensor: batch, the three spatial dims, channel.
struct Strides {
  int64_t n = 0, c = 0;
  std::array<int64_t, 3> spatial{};
};

Strides StridesOf(const std::array<int64_t, 3>& size, int64_t channels, bool channels_first) {
  Strides s;
  const int64_t volume = size[0] * size[1] * size[2];
  s.c = channels_first ? volume : 1;
  const int64_t pixel = channels_first ? 1 : channels;
  s.spatial = {size[1] * size[2] * pixel, size[2] * pixel, pixel};
  s.n = volume * channels;
  return s;
}

// Shapes and window of one backprop: depth, height and width per spatial array entry.
struct Backprop3DGeometry {
  int64_t batch = 0, in_channels = 0, out_channels = 0;
  std::array<int64_t, 3> in_size{}, out_size{}, kernel{}, stride{}, pad_before{};
  Strides in, out;  // Of input_backprop and out_backprop, in the node's layout.
};

// Every input pixel sums the out_backprop pixels whose windows cover it, times the filter tap
// that joined them.
template <typename T>
struct Backprop3DTask {
  const Backprop3DGeometry* g;
  const T* filter;        // DHWIO
  const T* out_backprop;  // NDHWC or NCDHW
  T* input_backprop;      // as out_backprop

  // The output index along spatial dim `d` whose window puts tap `k` on input index `i`, or -1.
  int64_t Source(int d, int64_t i, int64_t k) const {
    const int64_t t = i + g->pad_before[d] - k;
    if (t < 0 || t % g->stride[d] != 0) return -1;
    const int64_t o = t / g->stride[d];
    return o < g->out_size[d] ? o : -1;
  }

  // Row (n * in_depth + z) * in_height + y.
  void ComputeRow(int64_t row) const {
    const int64_t y = row % g->in_size[1];
    const int64_t z = (row / g->in_size[1]) % g->in_size[0];
    const int64_t n = row / (g->in_size[1] * g->in_size[0]);
    const int64_t ci = g->in_channels, co = g->out_channels;
    const Strides& is = g->in;
    const Strides& os = g->out;
    for (int64_t x = 0; x < g->in_size[2]; ++x) {
      T* out =
          input_backprop + n * is.n + z * is.spatial[0] + y * is.spatial[1] + x * is.spatial[2];
      for (int64_t i = 0; i < ci; ++i) out[i * is.c] = T(0);
      for (int64_t kz = 0; kz < g->kernel[0]; ++kz) {
        const int64_t oz = Source(0, z, kz);
        if (oz < 0) continue;
        for (int64_t ky = 0; ky < g->kernel[1]; ++ky) {
          const int64_t oy = Source(1, y, ky);
          if (oy < 0) continue;
          for (int64_t kx = 0; kx < g->kernel[2]; ++kx) {
            const int64_t ox = Source(2, x, kx);
            if (ox < 0) continue;
            const T* dy = out_backprop + n * os.n + oz * os.spatial[0] + oy * os.spatial[1] +
                          ox * os.spatial[2];
            const T* taps = filter + ((kz * g->kernel[1] + ky) * g->kernel[2] + kx) * ci * co;
            for (int64_t i = 0; i < ci; ++i) {
              T sum = 0;
              for (int64_t o = 0; o < co; ++o) sum += dy[o * os.c] * taps[i * co + o];
              out[i * is.c] += sum;
            }
          }
        }
      }
    }
  }

  static void Run(void* task, size_t row) {
    static_cast<const Backprop3DTask*>(task)->ComputeRow(static_cast<int64_t>(row));
  }
};

bool IsSupportedDtype(DataType dtype) {
  return dtype == tensorflow::DT_FLOAT || dtype == tensorflow::DT_DOUBLE || Is16BitFloat(dtype);
}

class Conv3DBackpropInputKernel : public Kernel {
 public:
  Conv3DBackpropInputKernel(Window3DAttrs attrs, bool takes_shape)
      : attrs_(std::move(attrs)), takes_shape_(takes_shape) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& filter = context.input(kFilter);
    const Tensor& out_backprop = context.input(kOutBackprop);
    if (filter.dtype() != out_backprop.dtype() || !IsSupportedDtype(filter.dtype())) {
      return context.Error(absl::StrCat(
          "filter and out_backprop must both be float16, bfloat16, float32 or float64, got ",
          DataTypeName(filter.dtype()), " and ", DataTypeName(out_backprop.dtype())));
    }
    absl::StatusOr<Shape> input_shape = InputShape(context.input(kInputSizes));
    if (!input_shape.ok()) return context.Error(input_shape.status().message());
    if (input_shape->size() != 5) return context.Error("input tensor must have 5 dimensions");
    if (filter.rank() != 5) return context.Error("filter_sizes tensor must have 5 dimensions");
    if (out_backprop.rank() != 5) {
      return context.Error("out_backprop tensor must have 5 dimensions");
    }
    // Channel and first spatial dim of the node's layout.
    const int channel = attrs_.channels_first ? 1 : 4;
    const int spatial = attrs_.channels_first ? 2 : 1;
    if ((*input_shape)[channel] != filter.dim(3)) {
      return context.Error(absl::StrCat(
          "input and filter_sizes must have the same number of channels. Got ",
          (*input_shape)[channel], " for input and ", filter.dim(3), " for filter_sizes"));
    }
    if (out_backprop.dim(channel) != filter.dim(4)) {
      return context.Error(absl::StrCat(
          "out_backprop and filter_sizes must have the same number of channels. Got ",
          out_backprop.dim(channel), " for out_backprop and ", filter.dim(4), " for filter_sizes"));
    }
    if (out_backprop.dim(0) != (*input_shape)[0]) {
      return context.Error(absl::StrCat("input and out_backprop must have the same batch size, ",
                                        "got ", (*input_shape)[0], " and ", out_backprop.dim(0)));
    }
    const Shape channels_last = {(*input_shape)[0], (*input_shape)[spatial],
                                 (*input_shape)[spatial + 1], (*input_shape)[spatial + 2],
                                 (*input_shape)[channel]};
    Window3DAttrs attrs = attrs_;
    for (int d = 0; d < 3; ++d) attrs.dims[d].kernel = filter.dim(d);
    absl::StatusOr<std::array<SpatialOutput, 3>> out = ComputeOutput3D(channels_last, attrs);
    if (!out.ok()) return context.Error(out.status().message());
    Backprop3DGeometry g;
    g.batch = channels_last[0];
    g.in_channels = channels_last[4];
    g.out_channels = filter.dim(4);
    for (int d = 0; d < 3; ++d) {
      if ((*out)[d].size != out_backprop.dim(spatial + d)) {
        return context.Error(absl::StrCat(
            "Size of out_backprop doesn't match computed: actual = ", out_backprop.dim(spatial + d),
            ", computed = ", (*out)[d].size, " spatial_dim: ", d, " input: ", channels_last[1 + d],
            " filter: ", filter.dim(d), " stride: ", attrs.dims[d].stride));
      }
      g.in_size[d] = channels_last[1 + d];
      g.out_size[d] = (*out)[d].size;
      g.kernel[d] = filter.dim(d);
      g.stride[d] = attrs.dims[d].stride;
      g.pad_before[d] = (*out)[d].pad_before;
    }
    g.in = StridesOf(g.in_size, g.in_channels, attrs_.channels_first);
    g.out = StridesOf(g.out_size, g.out_channels, attrs_.channels_first);
    absl::StatusOr<Tensor> result = Compute(context, g, filter, out_backprop, *input_shape);
    if (!result.ok()) return context.Error(result.status().message());
    context.set_output(0, *std::move(result));
    return absl::OkStatus();
  }

 private:
  // V2: the values of input_sizes (int32/int64, 5 dims); V1: the shape of the input tensor.
  absl::StatusOr<Shape> InputShape(const Tensor& input) const {
    if (!takes_shape_) return input.shape();
    if (input.dtype() != tensorflow::DT_INT32 && input.dtype() != tensorflow::DT_INT64) {
      return absl::InvalidArgumentError(
          absl::StrCat("input_sizes must be int32 or int64, got ", DataTypeName(input.dtype())));
    }
    if (input.rank() != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("input_sizes must be a vector, got shape ", ShapeString(input.shape())));
    }
    Shape shape;
    for (int64_t i = 0; i < input.dim(0); ++i) {
      const int64_t dim = input.dtype() == tensorflow::DT_INT32 ? input.data<int32_t>()[i]
                                                                : input.data<int64_t>()[i];
      if (dim < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("input_sizes must not be negative, got ", dim, " at ", i));
      }
      shape.push_back(dim);
    }
    return shape;
  }

  // The input gradient in the filter's dtype; 16-bit floats go through float32.
  static absl::StatusOr<Tensor> Compute(OpContext& context, const Backprop3DGeometry& g,
                                        const Tensor& filter, const Tensor& out_backprop,
                                        const Shape& shape) {
    const DataType dtype = filter.dtype();
    if (Is16BitFloat(dtype)) {
      absl::StatusOr<Tensor> wide_filter = WidenToFloat(filter);
      if (!wide_filter.ok()) return wide_filter.status();
      absl::StatusOr<Tensor> wide_backprop = WidenToFloat(out_backprop);
      if (!wide_backprop.ok()) return wide_backprop.status();
      absl::StatusOr<Tensor> wide = Compute(context, g, *wide_filter, *wide_backprop, shape);
      if (!wide.ok()) return wide.status();
      return NarrowedFromFloat(*wide, dtype);
    }
    absl::StatusOr<Tensor> result = Tensor::Allocate(dtype, shape);
    if (!result.ok() || result->num_elements() == 0) return result;
    if (dtype == tensorflow::DT_FLOAT) {
      Run<float>(context, g, filter, out_backprop, *result);
    } else {
      Run<double>(context, g, filter, out_backprop, *result);
    }
    return result;
  }

  template <typename T>
  static void Run(OpContext& context, const Backprop3DGeometry& g, const Tensor& filter,
                  const Tensor& out_backprop, Tensor& result) {
    Backprop3DTask<T> task{&g, filter.data<T>(), out_backprop.data<T>(), result.mutable_data<T>()};
    pthreadpool_parallelize_1d(context.threadpool(), &Backprop3DTask<T>::Run, &task,
                               static_cast<size_t>(g.batch * g.in_size[0] * g.in_size[1]), 0);
  }

  Window3DAttrs attrs_;
  bool takes_shape_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildConv3DBackpropInput(const KernelBuildContext& context,
                                                                 bool takes_shape) {
  absl::StatusOr<Window3DAttrs> attrs =
      ReadWindow3DAttrs(context, /*has_dilations=*/true, /*has_ksize=*/false);
  if (!attrs.ok()) return attrs.status();
  for (const WindowDim& dim : attrs->dims) {
    if (dim.dilation != 1) {
      return context.Error(
          "Current CPU implementation does not yet support dilation rates larger than 1.");
    }
  }
  return std::make_unique<Conv3DBackpropInputKernel>(*std::move(attrs), takes_shape);
}

REGISTER_KERNEL_FACTORY("Conv3DBackpropInputV2",
                        [](const KernelBuildContext& context) {
                          return BuildConv3DBackpropInput(context, /*takes_shape=*/true);
                        },
                        {{"T", math::DtypesOf(math::AllFloatTypes())},
                         {"Tshape", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL_FACTORY("Conv3DBackpropInput",
                        [](const KernelBuildContext& context) {
                          return BuildConv3DBackpropInput(context, /*takes_shape=*/false);
                        },
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::nn
