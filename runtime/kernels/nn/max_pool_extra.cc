// MaxPoolV2 (MaxPool with ksize and strides as int32 inputs) over NHWC images of every real
// dtype, the reference MaxPool / AvgPool for the dtypes XNNPACK lacks, and MaxPoolGradWithArgmax,
// which routes each gradient entry to the input element its argmax (MaxPoolWithArgmax's flattened
// index) names.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/nn/conv_reference.h"
#include "runtime/kernels/nn/reference_kernels.h"
#include "runtime/kernels/nn/window.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;
constexpr int kKsize = 1;
constexpr int kStrides = 2;
constexpr int kGrad = 1;
constexpr int kArgmax = 2;

absl::StatusOr<Padding> ReadPadding(const OpContext& context) {
  auto padding = context.node().attr().find("padding");
  if (padding == context.node().attr().end()) return context.Error("needs the padding attr");
  if (padding->second.s() == "SAME") return Padding::kSame;
  if (padding->second.s() == "VALID") return Padding::kValid;
  return context.Error(
      absl::StrCat("padding must be SAME or VALID, got '", padding->second.s(), "'"));
}

// A [1, rows, cols, 1] window list from an int32 input.
absl::StatusOr<std::vector<int64_t>> WindowList(const OpContext& context, int index,
                                                const char* what) {
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(context.input(index), what);
  if (!values.ok()) return context.Error(values.status().message());
  if (values->size() != 4) {
    return context.Error(absl::StrCat("Sliding window ", what, " field must specify 4 dimensions"));
  }
  if ((*values)[0] != 1 || (*values)[3] != 1) {
    return context.Error(
        absl::StrCat("Pooling is not yet supported on the batch nor depth "
                     "dimension (",
                     what, " [", absl::StrJoin(*values, ","), "])."));
  }
  if ((*values)[1] < 1 || (*values)[2] < 1) {
    return context.Error(absl::StrCat(what, " must be positive"));
  }
  return values;
}

// Max or average pooling of NHWC `x` over the window; the average counts only the window's
// pixels inside the image, as TF's AvgPool does.
template <typename T>
std::vector<T> Pool(const std::vector<T>& x, const Shape& shape, const WindowDim& wh,
                    const WindowDim& ww, const SpatialOutput& oh, const SpatialOutput& ow,
                    bool average) {
  const int64_t batch = shape[0], height = shape[1], width = shape[2], depth = shape[3];
  std::vector<T> y(batch * oh.size * ow.size * depth);
  std::vector<T> acc(depth);
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t r = 0; r < oh.size; ++r) {
      const int64_t r0 = std::max<int64_t>(0, r * wh.stride - oh.pad_before);
      const int64_t r1 = std::min(height, r * wh.stride - oh.pad_before + wh.kernel);
      for (int64_t c = 0; c < ow.size; ++c) {
        const int64_t c0 = std::max<int64_t>(0, c * ww.stride - ow.pad_before);
        const int64_t c1 = std::min(width, c * ww.stride - ow.pad_before + ww.kernel);
        std::fill(acc.begin(), acc.end(), average ? T(0) : std::numeric_limits<T>::lowest());
        for (int64_t i = r0; i < r1; ++i) {
          for (int64_t j = c0; j < c1; ++j) {
            const T* in = x.data() + ((b * height + i) * width + j) * depth;
            for (int64_t d = 0; d < depth; ++d) {
              if (average) {
                acc[d] += in[d];
              } else if (in[d] > acc[d] || in[d] != in[d]) {
                // NaN propagates, as Eigen's max reduction does.
                acc[d] = in[d];
              }
            }
          }
        }
        const int64_t count = std::max<int64_t>(1, (r1 - r0) * (c1 - c0));
        T* out = y.data() + ((b * oh.size + r) * ow.size + c) * depth;
        for (int64_t d = 0; d < depth; ++d) out[d] = average ? acc[d] / T(count) : acc[d];
      }
    }
  }
  return y;
}

class ReferencePoolKernel : public Kernel {
 public:
  ReferencePoolKernel(WindowAttrs window, bool average) : window_(window), average_(average) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-dimensional, got ", ShapeString(input.shape())));
    }
    const Shape shape = window_.nchw ? ChannelsFirstToLastShape(input.shape()) : input.shape();
    absl::StatusOr<SpatialOutput> oh =
        ComputeSpatialOutput(shape[1], window_.height, window_.padding);
    if (!oh.ok()) return context.Error(oh.status().message());
    absl::StatusOr<SpatialOutput> ow =
        ComputeSpatialOutput(shape[2], window_.width, window_.padding);
    if (!ow.ok()) return context.Error(ow.status().message());
    const Shape out_last = {shape[0], oh->size, ow->size, shape[3]};
    const Shape out_shape = window_.nchw ? ChannelsLastToFirstShape(out_last) : out_last;
    absl::StatusOr<Tensor> output = linalg::VisitRealComputeType(input.dtype(), [&](auto tag) {
      using T = decltype(tag);
      std::vector<T> x = linalg::ValuesAs<T>(input);
      if (window_.nchw) x = ChannelsFirstToLastValues(x, input.shape());
      std::vector<T> y = Pool(x, shape, window_.height, window_.width, *oh, *ow, average_);
      if (window_.nchw) y = ChannelsLastToFirstValues(y, out_last);
      return linalg::TensorFrom(input.dtype(), out_shape, y);
    });
    if (!output.ok()) return context.Error(output.status().message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  WindowAttrs window_;
  bool average_;
};

absl::Status ComputeMaxPoolV2(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  auto format = context.node().attr().find("data_format");
  if (format != context.node().attr().end() && format->second.s() != "NHWC") {
    return context.Error("Default MaxPoolingOp only supports NHWC on device type CPU");
  }
  if (input.rank() != 4) {
    return context.Error(
        absl::StrCat("input must be 4-dimensional, got ", ShapeString(input.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> ksize = WindowList(context, kKsize, "ksize");
  if (!ksize.ok()) return ksize.status();
  absl::StatusOr<std::vector<int64_t>> strides = WindowList(context, kStrides, "strides");
  if (!strides.ok()) return strides.status();
  absl::StatusOr<Padding> padding = ReadPadding(context);
  if (!padding.ok()) return padding.status();
  const WindowDim wh{.kernel = (*ksize)[1], .stride = (*strides)[1]};
  const WindowDim ww{.kernel = (*ksize)[2], .stride = (*strides)[2]};
  absl::StatusOr<SpatialOutput> oh = ComputeSpatialOutput(input.dim(1), wh, *padding);
  if (!oh.ok()) return context.Error(oh.status().message());
  absl::StatusOr<SpatialOutput> ow = ComputeSpatialOutput(input.dim(2), ww, *padding);
  if (!ow.ok()) return context.Error(ow.status().message());
  const Shape out_shape = {input.dim(0), oh->size, ow->size, input.dim(3)};
  absl::StatusOr<Tensor> output = linalg::VisitRealComputeType(input.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const std::vector<T> y = Pool(linalg::ValuesAs<T>(input), input.shape(), wh, ww, *oh, *ow,
                                  /*average=*/false);
    return linalg::TensorFrom(input.dtype(), out_shape, y);
  });
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeMaxPoolGradWithArgmax(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(kInput);
  const Tensor& grad = context.input(kGrad);
  if (input.rank() != 4) {
    return context.Error(
        absl::StrCat("input must be 4-dimensional, got ", ShapeString(input.shape())));
  }
  if (grad.shape() != context.input(kArgmax).shape()) {
    return context.Error(absl::StrCat("Expected grad shape to be ",
                                      ShapeString(context.input(kArgmax).shape()), ", but got ",
                                      ShapeString(grad.shape())));
  }
  if (grad.rank() != 4 || grad.dim(0) != input.dim(0) || grad.dim(3) != input.dim(3)) {
    return context.Error(absl::StrCat("grad of shape ", ShapeString(grad.shape()),
                                      " does not fit the input of shape ",
                                      ShapeString(input.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> argmax = misc::IndexValues(context.input(kArgmax), "argmax");
  if (!argmax.ok()) return context.Error(argmax.status().message());
  auto include_batch = context.node().attr().find("include_batch_in_index");
  const bool batch_in_index =
      include_batch != context.node().attr().end() && include_batch->second.b();
  const int64_t image = input.dim(1) * input.dim(2) * input.dim(3);
  const int64_t per_batch = grad.dim(0) == 0 ? 0 : grad.num_elements() / grad.dim(0);
  absl::StatusOr<Tensor> output = linalg::VisitRealComputeType(input.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const std::vector<T> g = linalg::ValuesAs<T>(grad);
    std::vector<T> out(input.num_elements(), T(0));
    for (size_t i = 0; i < g.size(); ++i) {
      const int64_t b = static_cast<int64_t>(i) / per_batch;
      const int64_t index = batch_in_index ? (*argmax)[i] : b * image + (*argmax)[i];
      if (index < 0 || index >= static_cast<int64_t>(out.size()) ||
          (!batch_in_index && (*argmax)[i] >= image)) {
        return absl::StatusOr<Tensor>(context.Error(
            absl::StrCat("Invalid input data: argmax ", (*argmax)[i], " is out of range")));
      }
      out[index] += g[i];
    }
    return linalg::TensorFrom(input.dtype(), input.shape(), out);
  });
  if (!output.ok()) return output.status();
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Kernel>> BuildReferencePool(const KernelBuildContext& context,
                                                           bool average) {
  absl::StatusOr<WindowAttrs> window =
      ReadWindowAttrs(context, /*has_dilations=*/false, /*has_ksize=*/true);
  if (!window.ok()) return window.status();
  return std::make_unique<ReferencePoolKernel>(*window, average);
}

namespace {

std::vector<DataType> MaxPoolV2Types() {
  return {tensorflow::DT_HALF,   tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
          tensorflow::DT_DOUBLE, tensorflow::DT_INT32,    tensorflow::DT_INT64,
          tensorflow::DT_UINT8,  tensorflow::DT_INT16,    tensorflow::DT_INT8,
          tensorflow::DT_UINT16};
}

REGISTER_KERNEL("MaxPoolV2", ComputeMaxPoolV2, {{"T", MaxPoolV2Types()}});
REGISTER_KERNEL("MaxPoolGradWithArgmax", ComputeMaxPoolGradWithArgmax,
                {{"T", dtypes::RealNumber()}, {"Targmax", {tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::nn
