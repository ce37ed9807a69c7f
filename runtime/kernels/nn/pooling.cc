// MaxPool and AvgPool on XNNPACK's NHWC pooling. Padding never counts: MaxPool ignores it and
// AvgPool divides by the number of real input pixels in each window, as TF does. A float32 node
// takes the clamps reading it (Relu after MaxPool) as XNNPACK's output bounds.
#include <algorithm>
#include <limits>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/epilogue.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/layout.h"
#include "runtime/kernels/nn/operator_pool.h"
#include "runtime/kernels/nn/reference_kernels.h"
#include "runtime/kernels/nn/window.h"
#include "runtime/kernels/nn/xnnpack_util.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;

enum class PoolType { kMax, kAverage };

// A 1x1 window only subsamples, which XNNPACK's pooling operators refuse to do.
void Subsample(const float* input, float* output, int64_t batch, int64_t height, int64_t width,
               int64_t channels, int64_t out_height, int64_t out_width, int64_t stride_h,
               int64_t stride_w) {
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t y = 0; y < out_height; ++y) {
      for (int64_t x = 0; x < out_width; ++x) {
        const float* pixel =
            input + ((b * height + y * stride_h) * width + x * stride_w) * channels;
        float* out = output + ((b * out_height + y) * out_width + x) * channels;
        std::copy(pixel, pixel + channels, out);
      }
    }
  }
}

class PoolKernel : public Kernel {
 public:
  PoolKernel(PoolType type, WindowAttrs window, float output_min, float output_max)
      : type_(type), window_(std::move(window)), output_min_(output_min), output_max_(output_max) {}

  // Takes clamps (Relu, Relu6, Maximum or Minimum by a scalar): pooling's output bounds.
  absl::StatusOr<std::unique_ptr<Kernel>> WithEpilogue(const Epilogue& epilogue) const override {
    if (epilogue.has_affine() || epilogue.has_slope() || epilogue.gate != nullptr ||
        epilogue.ConstantShape().size() > 4) {
      return nullptr;
    }
    const float lo = std::max(output_min_, epilogue.min);
    const float hi = std::min(output_max_, epilogue.max);
    if (lo > hi) return nullptr;
    return std::make_unique<PoolKernel>(type_, window_, lo, hi);
  }

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& given = context.input(kInput);
    if (given.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(
          absl::StrCat("input must be float32, got ", DataTypeName(given.dtype())));
    }
    if (given.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-D, got shape ", ShapeString(given.shape())));
    }
    Tensor input = given;
    if (window_.nchw) {
      absl::StatusOr<Tensor> transposed = NchwToNhwc(given);
      if (!transposed.ok()) return transposed.status();
      input = *std::move(transposed);
    }
    const int64_t batch = input.dim(0), height = input.dim(1), width = input.dim(2);
    const int64_t channels = input.dim(3);
    absl::StatusOr<SpatialOutput> out_height =
        ComputeSpatialOutput(height, window_.height, window_.padding);
    if (!out_height.ok()) return context.Error(out_height.status().message());
    absl::StatusOr<SpatialOutput> out_width =
        ComputeSpatialOutput(width, window_.width, window_.padding);
    if (!out_width.ok()) return context.Error(out_width.status().message());
    absl::StatusOr<Tensor> output = Tensor::Allocate(
        tensorflow::DT_FLOAT, {batch, out_height->size, out_width->size, channels});
    if (!output.ok()) return output.status();

    // XNNPACK's bounds turn NaN into a bound; runs fed non-finite values clamp afterwards, keeping
    // NaN as TF's Relu does, and so do subsampling windows, which XNNPACK does not compute.
    const bool subsample = window_.height.kernel * window_.width.kernel == 1;
    const bool clamp_after = context.exact_non_finite() || subsample;
    const float lowest = clamp_after ? -std::numeric_limits<float>::infinity() : output_min_;
    const float highest = clamp_after ? std::numeric_limits<float>::infinity() : output_max_;
    if (output->num_elements() > 0 && subsample) {
      if (out_height->pad_before + out_height->pad_after + out_width->pad_before +
              out_width->pad_after !=
          0) {
        return context.Error("a 1x1 window with explicit padding is not supported");
      }
      Subsample(input.data<float>(), output->mutable_data<float>(), batch, height, width, channels,
                out_height->size, out_width->size, window_.height.stride, window_.width.stride);
    } else if (output->num_elements() > 0) {
      auto create = [&]() -> absl::StatusOr<UniqueOperator> {
        xnn_operator_t op = nullptr;
        const xnn_status status =
            type_ == PoolType::kMax
                ? xnn_create_max_pooling2d_nhwc_f32(
                      out_height->pad_before, out_width->pad_after, out_height->pad_after,
                      out_width->pad_before, window_.height.kernel, window_.width.kernel,
                      window_.height.stride, window_.width.stride, /*dilation_height=*/1,
                      /*dilation_width=*/1, channels, channels, channels, lowest, highest,
                      /*flags=*/0, &op)
                : xnn_create_average_pooling2d_nhwc_f32(
                      out_height->pad_before, out_width->pad_after, out_height->pad_after,
                      out_width->pad_before, window_.height.kernel, window_.width.kernel,
                      window_.height.stride, window_.width.stride, channels, channels, channels,
                      lowest, highest, /*flags=*/0, &op);
        if (absl::Status error = XnnStatus(status, "create pooling"); !error.ok()) return error;
        return UniqueOperator(op);
      };
      absl::StatusOr<OperatorPool::Lease> lease =
          pool_.Acquire({out_height->pad_before, out_height->pad_after, out_width->pad_before,
                         out_width->pad_after, channels, clamp_after},
                        create);
      if (!lease.ok()) return context.Error(lease.status().message());
      pthreadpool_t threadpool =
          PoolForWork(context.threadpool(), output->num_elements() * window_.height.kernel *
                                                window_.width.kernel);
      xnn_status status = type_ == PoolType::kMax
                              ? xnn_setup_max_pooling2d_nhwc_f32(
                                    lease->get(), batch, height, width, input.data<float>(),
                                    output->mutable_data<float>(), threadpool)
                              : xnn_setup_average_pooling2d_nhwc_f32(
                                    lease->get(), batch, height, width, input.data<float>(),
                                    output->mutable_data<float>(), threadpool);
      if (status == xnn_status_success) status = xnn_run_operator(lease->get(), threadpool);
      if (absl::Status error = XnnStatus(status, "pooling"); !error.ok()) {
        return context.Error(error.message());
      }
    }

    Epilogue clamp;
    clamp.min = output_min_;
    clamp.max = output_max_;
    if (clamp_after && clamp.has_clamp()) {
      ApplyEpilogues({clamp}, channels, output->mutable_data<float>(), output->num_elements(),
                     context.threadpool());
    }

    if (window_.nchw) {
      absl::StatusOr<Tensor> transposed = NhwcToNchw(*output);
      if (!transposed.ok()) return transposed.status();
      output = std::move(transposed);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  PoolType type_;
  WindowAttrs window_;
  // XNNPACK's output bounds: infinite, or the clamps of fused readers.
  float output_min_;
  float output_max_;
  mutable OperatorPool pool_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildPool(const KernelBuildContext& context,
                                                  PoolType type) {
  if (absl::Status status = InitializeXnnpack(); !status.ok()) {
    return context.Error(status.message());
  }
  absl::StatusOr<WindowAttrs> window =
      ReadWindowAttrs(context, /*has_dilations=*/false, /*has_ksize=*/true);
  if (!window.ok()) return window.status();
  if (type == PoolType::kAverage && window->padding == Padding::kExplicit) {
    return context.Error(
        "AvgPool takes SAME or VALID padding, got EXPLICIT (only MaxPool and the convolutions "
        "take explicit_paddings)");
  }
  return std::make_unique<PoolKernel>(type, *std::move(window),
                                      -std::numeric_limits<float>::infinity(),
                                      std::numeric_limits<float>::infinity());
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildMaxPool(const KernelBuildContext& context) {
  return BuildPool(context, PoolType::kMax);
}
absl::StatusOr<std::unique_ptr<Kernel>> BuildAvgPool(const KernelBuildContext& context) {
  return BuildPool(context, PoolType::kAverage);
}

// float32 runs on XNNPACK; the other dtypes TF's CPU kernels take run the exact reference.
REGISTER_KERNEL_FACTORY("MaxPool",
                        [](const KernelBuildContext& context) {
                          return IsFloat32Node(context) ? BuildMaxPool(context)
                                                        : BuildReferencePool(context, false);
                        },
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                           tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                           tensorflow::DT_UINT16}}});
REGISTER_KERNEL_FACTORY("AvgPool",
                        [](const KernelBuildContext& context) {
                          return IsFloat32Node(context) ? BuildAvgPool(context)
                                                        : BuildReferencePool(context, true);
                        },
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime::nn
