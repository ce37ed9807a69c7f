// Conv3DBackpropInputV2 (input_sizes, filter, out_backprop) and Conv3DBackpropInput (input,
// filter, out_backprop: the input's shape stands for input_sizes): the gradient of Conv3D with
// respect to its input, float32/float64, NDHWC. As TF's CPU kernel, NCDHW and dilations above 1
// are errors. A gather loop: rows [n, z, y] of the result compute independently.
#include <pthreadpool.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/window3d.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInputSizes = 0;
constexpr int kFilter = 1;
constexpr int kOutBackprop = 2;

// Shapes and window of one backprop, NDHWC: depth, height and width per spatial array entry.
struct Backprop3DGeometry {
  int64_t batch = 0, in_channels = 0, out_channels = 0;
  std::array<int64_t, 3> in_size{}, out_size{}, kernel{}, stride{}, pad_before{};
};

// Every input pixel sums the out_backprop pixels whose windows cover it, times the filter tap
// that joined them.
template <typename T>
struct Backprop3DTask {
  const Backprop3DGeometry* g;
  const T* filter;        // DHWIO
  const T* out_backprop;  // NDHWC
  T* input_backprop;      // NDHWC

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
    for (int64_t x = 0; x < g->in_size[2]; ++x) {
      T* out = input_backprop + (row * g->in_size[2] + x) * ci;
      std::fill(out, out + ci, T(0));
      for (int64_t kz = 0; kz < g->kernel[0]; ++kz) {
        const int64_t oz = Source(0, z, kz);
        if (oz < 0) continue;
        for (int64_t ky = 0; ky < g->kernel[1]; ++ky) {
          const int64_t oy = Source(1, y, ky);
          if (oy < 0) continue;
          for (int64_t kx = 0; kx < g->kernel[2]; ++kx) {
            const int64_t ox = Source(2, x, kx);
            if (ox < 0) continue;
            const T* dy = out_backprop +
                          (((n * g->out_size[0] + oz) * g->out_size[1] + oy) * g->out_size[2] +
                           ox) * co;
            const T* taps = filter + ((kz * g->kernel[1] + ky) * g->kernel[2] + kx) * ci * co;
            for (int64_t i = 0; i < ci; ++i) {
              T sum = 0;
              for (int64_t o = 0; o < co; ++o) sum += dy[o] * taps[i * co + o];
              out[i] += sum;
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

class Conv3DBackpropInputKernel : public Kernel {
 public:
  Conv3DBackpropInputKernel(Window3DAttrs attrs, bool takes_shape)
      : attrs_(std::move(attrs)), takes_shape_(takes_shape) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& filter = context.input(kFilter);
    const Tensor& out_backprop = context.input(kOutBackprop);
    if (filter.dtype() != out_backprop.dtype() ||
        (filter.dtype() != tensorflow::DT_FLOAT && filter.dtype() != tensorflow::DT_DOUBLE)) {
      return context.Error(absl::StrCat(
          "filter and out_backprop must both be float32 or float64, got ",
          DataTypeName(filter.dtype()), " and ", DataTypeName(out_backprop.dtype())));
    }
    absl::StatusOr<Shape> input_shape = InputShape(context.input(kInputSizes));
    if (!input_shape.ok()) return context.Error(input_shape.status().message());
    if (input_shape->size() != 5) return context.Error("input tensor must have 5 dimensions");
    if (filter.rank() != 5) return context.Error("filter_sizes tensor must have 5 dimensions");
    if (out_backprop.rank() != 5) {
      return context.Error("out_backprop tensor must have 5 dimensions");
    }
    if ((*input_shape)[4] != filter.dim(3)) {
      return context.Error(absl::StrCat(
          "input and filter_sizes must have the same number of channels. Got ",
          (*input_shape)[4], " for input and ", filter.dim(3), " for filter_sizes"));
    }
    if (out_backprop.dim(4) != filter.dim(4)) {
      return context.Error(absl::StrCat(
          "out_backprop and filter_sizes must have the same number of channels. Got ",
          out_backprop.dim(4), " for out_backprop and ", filter.dim(4), " for filter_sizes"));
    }
    if (out_backprop.dim(0) != (*input_shape)[0]) {
      return context.Error(absl::StrCat("input and out_backprop must have the same batch size, ",
                                        "got ", (*input_shape)[0], " and ", out_backprop.dim(0)));
    }
    Window3DAttrs attrs = attrs_;
    for (int d = 0; d < 3; ++d) attrs.dims[d].kernel = filter.dim(d);
    absl::StatusOr<std::array<SpatialOutput, 3>> out = ComputeOutput3D(*input_shape, attrs);
    if (!out.ok()) return context.Error(out.status().message());
    Backprop3DGeometry g;
    g.batch = (*input_shape)[0];
    g.in_channels = (*input_shape)[4];
    g.out_channels = filter.dim(4);
    for (int d = 0; d < 3; ++d) {
      if ((*out)[d].size != out_backprop.dim(1 + d)) {
        return context.Error(absl::StrCat(
            "Size of out_backprop doesn't match computed: actual = ", out_backprop.dim(1 + d),
            ", computed = ", (*out)[d].size, " spatial_dim: ", d, " input: ",
            (*input_shape)[1 + d], " filter: ", filter.dim(d), " stride: ",
            attrs.dims[d].stride));
      }
      g.in_size[d] = (*input_shape)[1 + d];
      g.out_size[d] = (*out)[d].size;
      g.kernel[d] = filter.dim(d);
      g.stride[d] = attrs.dims[d].stride;
      g.pad_before[d] = (*out)[d].pad_before;
    }
    absl::StatusOr<Tensor> result = Tensor::Allocate(filter.dtype(), *input_shape);
    if (!result.ok()) return context.Error(result.status().message());
    if (result->num_elements() > 0) {
      if (filter.dtype() == tensorflow::DT_FLOAT) {
        Run<float>(context, g, filter, out_backprop, *result);
      } else {
        Run<double>(context, g, filter, out_backprop, *result);
      }
    }
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
      return absl::InvalidArgumentError(absl::StrCat("input_sizes must be a vector, got shape ",
                                                     ShapeString(input.shape())));
    }
    Shape shape;
    for (int64_t i = 0; i < input.dim(0); ++i) {
      const int64_t dim = input.dtype() == tensorflow::DT_INT32 ? input.data<int32_t>()[i]
                                                                : input.data<int64_t>()[i];
      if (dim < 0) {
        return absl::InvalidArgumentError(absl::StrCat("input_sizes must not be negative, got ",
                                                       dim, " at ", i));
      }
      shape.push_back(dim);
    }
    return shape;
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
  if (attrs->channels_first) {
    return context.Error("Conv3DBackpropInputOpV2 only supports NDHWC on the CPU.");
  }
  for (const WindowDim& dim : attrs->dims) {
    if (dim.dilation != 1) {
      return context.Error(
          "Current CPU implementation does not yet support dilation rates larger than 1.");
    }
  }
  return std::make_unique<Conv3DBackpropInputKernel>(*std::move(attrs), takes_shape);
}

REGISTER_KERNEL_FACTORY("Conv3DBackpropInputV2", [](const KernelBuildContext& context) {
  return BuildConv3DBackpropInput(context, /*takes_shape=*/true);
});
REGISTER_KERNEL_FACTORY("Conv3DBackpropInput", [](const KernelBuildContext& context) {
  return BuildConv3DBackpropInput(context, /*takes_shape=*/false);
});

}  // namespace
}  // namespace tfjs::runtime::nn
