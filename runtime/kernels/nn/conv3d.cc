// Conv3D: a direct loop over NDHWC (NCDHW inputs are moved to NDHWC and back), SAME/VALID,
// strides and dilations. Output rows [n, z, y] compute independently on the threadpool.
#include <pthreadpool.h>

#include <array>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/layout.h"
#include "runtime/kernels/nn/reference_kernels.h"
#include "runtime/kernels/nn/window3d.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;
constexpr int kFilter = 1;

struct Conv3DTask {
  const Window3DAttrs* attrs;
  std::array<SpatialOutput, 3> out;
  std::array<int64_t, 3> in_size;
  std::array<int64_t, 3> kernel;
  int64_t in_channels = 0, out_channels = 0;
  const float* input;   // NDHWC
  const float* filter;  // DHWIO
  float* output;        // NDHWC

  // Output row `row` = (n * out_depth + z) * out_height + y.
  void ComputeRow(int64_t row) const {
    const int64_t y = row % out[1].size;
    const int64_t z = (row / out[1].size) % out[0].size;
    const int64_t n = row / (out[1].size * out[0].size);
    const WindowDim& wd = attrs->dims[0];
    const WindowDim& wh = attrs->dims[1];
    const WindowDim& ww = attrs->dims[2];
    for (int64_t x = 0; x < out[2].size; ++x) {
      float* result = output + (row * out[2].size + x) * out_channels;
      for (int64_t o = 0; o < out_channels; ++o) result[o] = 0.f;
      for (int64_t kz = 0; kz < kernel[0]; ++kz) {
        const int64_t iz = z * wd.stride - out[0].pad_before + kz * wd.dilation;
        if (iz < 0 || iz >= in_size[0]) continue;
        for (int64_t ky = 0; ky < kernel[1]; ++ky) {
          const int64_t iy = y * wh.stride - out[1].pad_before + ky * wh.dilation;
          if (iy < 0 || iy >= in_size[1]) continue;
          for (int64_t kx = 0; kx < kernel[2]; ++kx) {
            const int64_t ix = x * ww.stride - out[2].pad_before + kx * ww.dilation;
            if (ix < 0 || ix >= in_size[2]) continue;
            const float* pixel =
                input + (((n * in_size[0] + iz) * in_size[1] + iy) * in_size[2] + ix) * in_channels;
            const float* taps =
                filter + ((kz * kernel[1] + ky) * kernel[2] + kx) * in_channels * out_channels;
            for (int64_t i = 0; i < in_channels; ++i) {
              const float value = pixel[i];
              const float* tap_row = taps + i * out_channels;
              for (int64_t o = 0; o < out_channels; ++o) result[o] += value * tap_row[o];
            }
          }
        }
      }
    }
  }

  static void Run(void* task, size_t row) {
    static_cast<const Conv3DTask*>(task)->ComputeRow(static_cast<int64_t>(row));
  }
};

class Conv3DKernel : public Kernel {
 public:
  explicit Conv3DKernel(Window3DAttrs attrs) : attrs_(std::move(attrs)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& given = context.input(kInput);
    const Tensor& filter = context.input(kFilter);
    if (given.dtype() != tensorflow::DT_FLOAT || filter.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(absl::StrCat("input and filter must be float32, got ",
                                        DataTypeName(given.dtype()), " and ",
                                        DataTypeName(filter.dtype())));
    }
    if (given.rank() != 5 || filter.rank() != 5) {
      return context.Error(absl::StrCat("input and filter must be 5-D, got shapes ",
                                        ShapeString(given.shape()), " and ",
                                        ShapeString(filter.shape())));
    }
    Tensor input = given;
    if (attrs_.channels_first) {
      absl::StatusOr<Tensor> moved = ChannelsFirstToLast(given);
      if (!moved.ok()) return moved.status();
      input = *std::move(moved);
    }
    if (input.dim(4) != filter.dim(3)) {
      return context.Error(absl::StrCat("input depth ", input.dim(4),
                                        " must equal the filter's input depth ", filter.dim(3),
                                        " (filter shape ", ShapeString(filter.shape()), ")"));
    }
    Window3DAttrs attrs = attrs_;
    for (int i = 0; i < 3; ++i) attrs.dims[i].kernel = filter.dim(i);
    absl::StatusOr<std::array<SpatialOutput, 3>> out = ComputeOutput3D(input.shape(), attrs);
    if (!out.ok()) return context.Error(out.status().message());
    absl::StatusOr<Tensor> output = Tensor::Allocate(
        tensorflow::DT_FLOAT,
        {input.dim(0), (*out)[0].size, (*out)[1].size, (*out)[2].size, filter.dim(4)});
    if (!output.ok()) return output.status();
    if (output->num_elements() > 0) {
      Conv3DTask task{&attrs,
                      *out,
                      {input.dim(1), input.dim(2), input.dim(3)},
                      {filter.dim(0), filter.dim(1), filter.dim(2)},
                      input.dim(4),
                      filter.dim(4),
                      input.data<float>(),
                      filter.data<float>(),
                      output->mutable_data<float>()};
      pthreadpool_parallelize_1d(
          context.threadpool(), &Conv3DTask::Run, &task,
          static_cast<size_t>(input.dim(0) * (*out)[0].size * (*out)[1].size), 0);
    }
    if (attrs_.channels_first) {
      absl::StatusOr<Tensor> moved = ChannelsLastToFirst(*output);
      if (!moved.ok()) return moved.status();
      output = std::move(moved);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  Window3DAttrs attrs_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildConv3D(const KernelBuildContext& context) {
  absl::StatusOr<Window3DAttrs> attrs =
      ReadWindow3DAttrs(context, /*has_dilations=*/true, /*has_ksize=*/false);
  if (!attrs.ok()) return attrs.status();
  return std::make_unique<Conv3DKernel>(*std::move(attrs));
}

// float32 runs the fast path; the other dtypes TF's CPU kernels take run the exact reference.
REGISTER_KERNEL_FACTORY("Conv3D",
                        [](const KernelBuildContext& context) {
                          return IsFloat32Node(context)
                                     ? BuildConv3D(context)
                                     : BuildReferenceConv(context, 3, false, "NCDHW");
                        },
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::nn
