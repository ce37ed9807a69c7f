// Conv2DBackpropInput: the gradient of Conv2D with respect to its input (a transposed
// convolution), as a gather loop so rows of the result compute independently on the threadpool.
#include <pthreadpool.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/layout.h"
#include "runtime/kernels/nn/reference_kernels.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInputSizes = 0;
constexpr int kFilter = 1;
constexpr int kOutBackprop = 2;

// Shapes and window of one backprop, in NHWC terms.
struct BackpropGeometry {
  int64_t batch = 0, in_height = 0, in_width = 0, in_channels = 0;
  int64_t out_height = 0, out_width = 0, out_channels = 0;
  int64_t kernel_height = 0, kernel_width = 0;
  int64_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int64_t pad_top = 0, pad_left = 0;
};

// Every input pixel sums the out_backprop pixels whose windows cover it, times the filter tap
// that joined them. Rows [b, y] are independent.
struct BackpropTask {
  const BackpropGeometry* g;
  const float* filter;        // HWIO
  const float* out_backprop;  // NHWC
  float* input_backprop;      // NHWC

  void ComputeRow(int64_t row) const {
    const int64_t b = row / g->in_height, iy = row % g->in_height;
    const int64_t ci = g->in_channels, co = g->out_channels;
    for (int64_t ix = 0; ix < g->in_width; ++ix) {
      float* out = input_backprop + (row * g->in_width + ix) * ci;
      std::fill(out, out + ci, 0.f);
      for (int64_t ky = 0; ky < g->kernel_height; ++ky) {
        const int64_t ty = iy + g->pad_top - ky * g->dilation_h;
        if (ty < 0 || ty % g->stride_h != 0) continue;
        const int64_t oy = ty / g->stride_h;
        if (oy >= g->out_height) continue;
        for (int64_t kx = 0; kx < g->kernel_width; ++kx) {
          const int64_t tx = ix + g->pad_left - kx * g->dilation_w;
          if (tx < 0 || tx % g->stride_w != 0) continue;
          const int64_t ox = tx / g->stride_w;
          if (ox >= g->out_width) continue;
          const float* dy = out_backprop + ((b * g->out_height + oy) * g->out_width + ox) * co;
          const float* taps = filter + (ky * g->kernel_width + kx) * ci * co;
          for (int64_t i = 0; i < ci; ++i) {
            float sum = 0.f;
            for (int64_t o = 0; o < co; ++o) sum += dy[o] * taps[i * co + o];
            out[i] += sum;
          }
        }
      }
    }
  }

  static void Run(void* task, size_t row) {
    static_cast<const BackpropTask*>(task)->ComputeRow(static_cast<int64_t>(row));
  }
};

// The input's shape in `nchw` order or NHWC, from input_sizes: its 4 dims, or its 2 spatial
// dims with batch and channels taken from out_backprop and the filter.
absl::StatusOr<Shape> ReadInputSizes(const Tensor& sizes, bool nchw, const Tensor& out_backprop,
                                     const Tensor& filter) {
  if (sizes.dtype() != tensorflow::DT_INT32 && sizes.dtype() != tensorflow::DT_INT64) {
    return absl::InvalidArgumentError(
        absl::StrCat("input_sizes must be int32 or int64, got ", DataTypeName(sizes.dtype())));
  }
  if (sizes.rank() != 1 || (sizes.dim(0) != 4 && sizes.dim(0) != 2)) {
    return absl::InvalidArgumentError(
        absl::StrCat("input_sizes must be a vector of 4 (or 2 spatial) dims, got shape ",
                     ShapeString(sizes.shape())));
  }
  Shape dims;
  for (int64_t i = 0; i < sizes.dim(0); ++i) {
    dims.push_back(sizes.dtype() == tensorflow::DT_INT32 ? sizes.data<int32_t>()[i]
                                                         : sizes.data<int64_t>()[i]);
  }
  if (dims.size() == 2) {
    dims = nchw ? Shape{out_backprop.dim(0), filter.dim(2), dims[0], dims[1]}
                : Shape{out_backprop.dim(0), dims[0], dims[1], filter.dim(2)};
  }
  for (int64_t dim : dims) {
    if (dim < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("input_sizes must not be negative, got ", ShapeString(dims)));
    }
  }
  return dims;
}

class ConvBackpropInputKernel : public Kernel {
 public:
  explicit ConvBackpropInputKernel(WindowAttrs window) : window_(std::move(window)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& filter = context.input(kFilter);
    const Tensor& given_backprop = context.input(kOutBackprop);
    if (filter.dtype() != tensorflow::DT_FLOAT || given_backprop.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(absl::StrCat("filter and out_backprop must be float32, got ",
                                        DataTypeName(filter.dtype()), " and ",
                                        DataTypeName(given_backprop.dtype())));
    }
    if (filter.rank() != 4 || given_backprop.rank() != 4) {
      return context.Error(absl::StrCat("filter and out_backprop must be 4-D, got shapes ",
                                        ShapeString(filter.shape()), " and ",
                                        ShapeString(given_backprop.shape())));
    }
    absl::StatusOr<Shape> sizes =
        ReadInputSizes(context.input(kInputSizes), window_.nchw, given_backprop, filter);
    if (!sizes.ok()) return context.Error(sizes.status().message());
    const Shape nhwc =
        window_.nchw ? Shape{(*sizes)[0], (*sizes)[2], (*sizes)[3], (*sizes)[1]} : *sizes;
    Tensor out_backprop = given_backprop;
    if (window_.nchw) {
      absl::StatusOr<Tensor> transposed = NchwToNhwc(given_backprop);
      if (!transposed.ok()) return transposed.status();
      out_backprop = *std::move(transposed);
    }

    BackpropGeometry g;
    g.batch = nhwc[0];
    g.in_height = nhwc[1];
    g.in_width = nhwc[2];
    g.in_channels = nhwc[3];
    g.kernel_height = filter.dim(0);
    g.kernel_width = filter.dim(1);
    g.out_channels = filter.dim(3);
    if (filter.dim(2) != g.in_channels) {
      return context.Error(absl::StrCat("input depth ", g.in_channels,
                                        " must equal the filter's input depth ", filter.dim(2)));
    }
    if (out_backprop.dim(0) != g.batch) {
      return context.Error(absl::StrCat("out_backprop batch ", out_backprop.dim(0),
                                        " must equal the input batch ", g.batch));
    }
    if (out_backprop.dim(3) != g.out_channels) {
      return context.Error(absl::StrCat("out_backprop depth ", out_backprop.dim(3),
                                        " must equal the filter's output depth ", g.out_channels));
    }
    WindowDim height = window_.height, width = window_.width;
    height.kernel = g.kernel_height;
    width.kernel = g.kernel_width;
    absl::StatusOr<SpatialOutput> out_height =
        ComputeSpatialOutput(g.in_height, height, window_.padding);
    if (!out_height.ok()) return context.Error(out_height.status().message());
    absl::StatusOr<SpatialOutput> out_width =
        ComputeSpatialOutput(g.in_width, width, window_.padding);
    if (!out_width.ok()) return context.Error(out_width.status().message());
    if (out_height->size != out_backprop.dim(1) || out_width->size != out_backprop.dim(2)) {
      return context.Error(
          absl::StrCat("out_backprop's spatial size [", out_backprop.dim(1), ",",
                       out_backprop.dim(2), "] does not match the [", out_height->size, ",",
                       out_width->size, "] a convolution of the input ", ShapeString(*sizes),
                       " with the filter ", ShapeString(filter.shape()), " produces"));
    }
    g.out_height = out_height->size;
    g.out_width = out_width->size;
    g.stride_h = height.stride;
    g.stride_w = width.stride;
    g.dilation_h = height.dilation;
    g.dilation_w = width.dilation;
    g.pad_top = out_height->pad_before;
    g.pad_left = out_width->pad_before;

    absl::StatusOr<Tensor> result = Tensor::Allocate(tensorflow::DT_FLOAT, nhwc);
    if (!result.ok()) return result.status();
    if (result->num_elements() > 0) {
      BackpropTask task{&g, filter.data<float>(), out_backprop.data<float>(),
                        result->mutable_data<float>()};
      pthreadpool_parallelize_1d(context.threadpool(), &BackpropTask::Run, &task,
                                 static_cast<size_t>(g.batch * g.in_height), 0);
    }
    if (window_.nchw) {
      absl::StatusOr<Tensor> transposed = NhwcToNchw(*result);
      if (!transposed.ok()) return transposed.status();
      result = std::move(transposed);
    }
    context.set_output(0, *std::move(result));
    return absl::OkStatus();
  }

 private:
  WindowAttrs window_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildConvBackpropInput(const KernelBuildContext& context) {
  absl::StatusOr<WindowAttrs> window =
      ReadWindowAttrs(context, /*has_dilations=*/true, /*has_ksize=*/false);
  if (!window.ok()) return window.status();
  return std::make_unique<ConvBackpropInputKernel>(*std::move(window));
}

// float32 runs the fast path; the other dtypes TF's CPU kernels take run the exact reference.
REGISTER_KERNEL_FACTORY("Conv2DBackpropInput",
                        [](const KernelBuildContext& context) {
                          return IsFloat32Node(context)
                                     ? BuildConvBackpropInput(context)
                                     : BuildReferenceConv2DBackpropInput(context);
                        },
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE, tensorflow::DT_INT32}}});

}  // namespace
}  // namespace tfjs::runtime::nn
