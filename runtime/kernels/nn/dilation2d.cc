// Dilation2D: grayscale morphological dilation of NHWC images by a [rows, cols, depth]
// structuring function, out = max over taps of input + filter (in T), taps outside the image
// skipped.
#include <algorithm>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/nn/half.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;
constexpr int kFilter = 1;

struct DilationParams {
  Padding padding = Padding::kValid;
  WindowDim height;
  WindowDim width;
};

template <typename T>
void Dilate(const Tensor& input, const Tensor& filter, const DilationParams& p,
            const SpatialOutput& oh, const SpatialOutput& ow, T* output) {
  const int64_t batch = input.dim(0), height = input.dim(1), width = input.dim(2);
  const int64_t depth = input.dim(3);
  const int64_t rows = filter.dim(0), cols = filter.dim(1);
  const T* in = input.data<T>();
  const T* f = filter.data<T>();
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t y = 0; y < oh.size; ++y) {
      const int64_t y_start = y * p.height.stride - oh.pad_before;
      for (int64_t x = 0; x < ow.size; ++x) {
        const int64_t x_start = x * p.width.stride - ow.pad_before;
        T* out = output + ((b * oh.size + y) * ow.size + x) * depth;
        std::fill(out, out + depth, std::numeric_limits<T>::lowest());
        for (int64_t r = 0; r < rows; ++r) {
          const int64_t iy = y_start + r * p.height.dilation;
          if (iy < 0 || iy >= height) continue;
          for (int64_t c = 0; c < cols; ++c) {
            const int64_t ix = x_start + c * p.width.dilation;
            if (ix < 0 || ix >= width) continue;
            const T* pixel = in + ((b * height + iy) * width + ix) * depth;
            const T* taps = f + (r * cols + c) * depth;
            for (int64_t d = 0; d < depth; ++d) {
              const T value = static_cast<T>(pixel[d] + taps[d]);
              if (value > out[d]) out[d] = value;
            }
          }
        }
      }
    }
  }
}

class Dilation2DKernel : public Kernel {
 public:
  explicit Dilation2DKernel(DilationParams params) : params_(std::move(params)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const Tensor& filter = context.input(kFilter);
    if (input.dtype() != filter.dtype()) {
      return context.Error(absl::StrCat("input and filter must have one dtype, got ",
                                        DataTypeName(input.dtype()), " and ",
                                        DataTypeName(filter.dtype())));
    }
    if (input.rank() != 4 || filter.rank() != 3) {
      return context.Error(absl::StrCat("input must be 4-D and filter 3-D, got shapes ",
                                        ShapeString(input.shape()), " and ",
                                        ShapeString(filter.shape())));
    }
    if (input.dim(3) != filter.dim(2)) {
      return context.Error(absl::StrCat("input depth ", input.dim(3),
                                        " must equal the filter depth ", filter.dim(2)));
    }
    if (filter.dim(0) == 0 || filter.dim(1) == 0) {
      return context.Error(
          absl::StrCat("filter of shape ", ShapeString(filter.shape()), " is empty"));
    }
    WindowDim height = params_.height, width = params_.width;
    height.kernel = filter.dim(0);
    width.kernel = filter.dim(1);
    absl::StatusOr<SpatialOutput> oh = ComputeSpatialOutput(input.dim(1), height, params_.padding);
    if (!oh.ok()) return context.Error(oh.status().message());
    absl::StatusOr<SpatialOutput> ow = ComputeSpatialOutput(input.dim(2), width, params_.padding);
    if (!ow.ok()) return context.Error(ow.status().message());
    absl::StatusOr<Tensor> output =
        Tensor::Allocate(input.dtype(), {input.dim(0), oh->size, ow->size, input.dim(3)});
    if (!output.ok()) return output.status();
    const bool known = math::DispatchTag(misc::NoHalfRealTypes(), input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Dilate(input, filter, params_, *oh, *ow, output->mutable_data<T>());
    });
    if (!known) {
      return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(input.dtype())));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  DilationParams params_;
};

// Reads a [1, rows, cols, 1] list attr into the two spatial values.
absl::Status ReadSpatialPair(const KernelBuildContext& context, const char* name, int64_t* rows,
                             int64_t* cols) {
  absl::StatusOr<std::vector<int64_t>> values = context.attrs.GetIntList(name);
  if (!values.ok()) return values.status();
  if (values->size() != 4 || (*values)[0] != 1 || (*values)[3] != 1 || (*values)[1] < 1 ||
      (*values)[2] < 1) {
    return context.Error(absl::StrCat(name,
                                      " must be [1, rows, cols, 1] with positive rows and "
                                      "cols, got [",
                                      absl::StrJoin(*values, ","), "]"));
  }
  *rows = (*values)[1];
  *cols = (*values)[2];
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildDilation2D(const KernelBuildContext& context) {
  DilationParams params;
  if (absl::Status status =
          ReadSpatialPair(context, "strides", &params.height.stride, &params.width.stride);
      !status.ok()) {
    return status;
  }
  if (absl::Status status =
          ReadSpatialPair(context, "rates", &params.height.dilation, &params.width.dilation);
      !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!padding.ok()) return padding.status();
  if (*padding == "SAME") {
    params.padding = Padding::kSame;
  } else if (*padding == "VALID") {
    params.padding = Padding::kValid;
  } else {
    return context.Error(absl::StrCat("padding must be SAME or VALID, got '", *padding, "'"));
  }
  return std::make_unique<Dilation2DKernel>(std::move(params));
}

// Every real dtype; float16 and bfloat16 are computed in float32 and rounded once.
REGISTER_KERNEL_FACTORY("Dilation2D", Widened(BuildDilation2D, {kInput, kFilter}, {0}),
                        {{"T", dtypes::RealNumber()}});

}  // namespace
}  // namespace tfjs::runtime::nn
