// MaxPoolWithArgmax: NHWC max pooling that also outputs, for each maximum, the flat index of the
// input element it came from: ((b * height + y) * width + x) * channels + c, where the b term
// counts only with include_batch_in_index. The first maximum in window order wins ties.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/nn/half.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;

struct ArgmaxParams {
  WindowAttrs window;
  DataType index_dtype = tensorflow::DT_INT64;
  bool include_batch_in_index = false;
};

template <typename T, typename Index>
void MaxPoolWithArgmax(const ArgmaxParams& params, const Tensor& input, const SpatialOutput& oh,
                       const SpatialOutput& ow, T* output, Index* argmax) {
  const int64_t batch = input.dim(0), height = input.dim(1), width = input.dim(2);
  const int64_t channels = input.dim(3);
  const WindowDim& wh = params.window.height;
  const WindowDim& ww = params.window.width;
  const T* in = input.data<T>();
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t y = 0; y < oh.size; ++y) {
      const int64_t y_start = y * wh.stride - oh.pad_before;
      for (int64_t x = 0; x < ow.size; ++x) {
        const int64_t x_start = x * ww.stride - ow.pad_before;
        const int64_t out_offset = ((b * oh.size + y) * ow.size + x) * channels;
        for (int64_t c = 0; c < channels; ++c) {
          T best = T(0);
          int64_t best_index = -1;
          for (int64_t iy = std::max<int64_t>(y_start, 0);
               iy < std::min(y_start + wh.kernel, height); ++iy) {
            for (int64_t ix = std::max<int64_t>(x_start, 0);
                 ix < std::min(x_start + ww.kernel, width); ++ix) {
              const int64_t index = ((b * height + iy) * width + ix) * channels + c;
              if (best_index == -1 || in[index] > best) {
                best = in[index];
                best_index = index;
              }
            }
          }
          if (!params.include_batch_in_index && best_index >= 0) {
            best_index -= b * height * width * channels;
          }
          output[out_offset + c] = best;
          argmax[out_offset + c] = static_cast<Index>(best_index);
        }
      }
    }
  }
}

class MaxPoolWithArgmaxKernel : public Kernel {
 public:
  explicit MaxPoolWithArgmaxKernel(ArgmaxParams params) : params_(std::move(params)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const DataType dtype = input.dtype();
    if (input.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-D, got shape ", ShapeString(input.shape())));
    }
    absl::StatusOr<SpatialOutput> oh =
        ComputeSpatialOutput(input.dim(1), params_.window.height, params_.window.padding);
    if (!oh.ok()) return context.Error(oh.status().message());
    absl::StatusOr<SpatialOutput> ow =
        ComputeSpatialOutput(input.dim(2), params_.window.width, params_.window.padding);
    if (!ow.ok()) return context.Error(ow.status().message());
    const Shape shape = {input.dim(0), oh->size, ow->size, input.dim(3)};
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype, shape);
    if (!output.ok()) return output.status();
    absl::StatusOr<Tensor> argmax = Tensor::Allocate(params_.index_dtype, shape);
    if (!argmax.ok()) return argmax.status();
    if (params_.index_dtype == tensorflow::DT_INT32 &&
        input.num_elements() > std::numeric_limits<int32_t>::max()) {
      return context.Error("the input has too many elements for int32 argmax indices");
    }
    const bool known = math::DispatchTag(misc::NoHalfRealTypes(), dtype, [&](auto tag) {
      Run<typename decltype(tag)::type>(input, *oh, *ow, *output, *argmax);
    });
    if (!known) return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dtype)));
    context.set_output(0, *std::move(output));
    context.set_output(1, *std::move(argmax));
    return absl::OkStatus();
  }

 private:
  template <typename T>
  void Run(const Tensor& input, const SpatialOutput& oh, const SpatialOutput& ow, Tensor& output,
           Tensor& argmax) const {
    if (params_.index_dtype == tensorflow::DT_INT32) {
      MaxPoolWithArgmax(params_, input, oh, ow, output.mutable_data<T>(),
                        argmax.mutable_data<int32_t>());
    } else {
      MaxPoolWithArgmax(params_, input, oh, ow, output.mutable_data<T>(),
                        argmax.mutable_data<int64_t>());
    }
  }

  ArgmaxParams params_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildMaxPoolWithArgmax(const KernelBuildContext& context) {
  ArgmaxParams params;
  absl::StatusOr<WindowAttrs> window =
      ReadWindowAttrs(context, /*has_dilations=*/false, /*has_ksize=*/true);
  if (!window.ok()) return window.status();
  if (window->nchw) return context.Error("MaxPoolWithArgmax supports only NHWC");
  if (window->padding == Padding::kExplicit) {
    return context.Error("padding must be SAME or VALID, got 'EXPLICIT'");
  }
  params.window = *window;
  if (context.attrs.Has("Targmax")) {
    absl::StatusOr<DataType> dtype = context.attrs.GetType("Targmax");
    if (!dtype.ok()) return dtype.status();
    if (*dtype != tensorflow::DT_INT32 && *dtype != tensorflow::DT_INT64) {
      return context.Error(
          absl::StrCat("Targmax must be int32 or int64, got ", DataTypeName(*dtype)));
    }
    params.index_dtype = *dtype;
  }
  if (context.attrs.Has("include_batch_in_index")) {
    absl::StatusOr<bool> include = context.attrs.GetBool("include_batch_in_index");
    if (!include.ok()) return include.status();
    params.include_batch_in_index = *include;
  }
  return std::make_unique<MaxPoolWithArgmaxKernel>(std::move(params));
}

// Every real dtype (float16 and bfloat16 through float32, exact for a max); TF's CPU kernel
// takes int64 indices only.
REGISTER_KERNEL_FACTORY("MaxPoolWithArgmax", Widened(BuildMaxPoolWithArgmax, {kInput}, {0}),
                        {{"T", dtypes::RealNumber()}, {"Targmax", {tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::nn
