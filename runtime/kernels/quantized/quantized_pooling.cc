// QuantizedMaxPool and QuantizedAvgPool on quint8 NHWC tensors: the float range passes through
// unchanged; the average is the integer mean (truncated) of the window's in-bounds values.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

// One spatial dim of a pooling window: output size and leading padding, as TF's
// GetWindowedOutputSize computes them.
struct WindowDim {
  int64_t out;
  int64_t pad;
};

WindowDim Window(int64_t in, int64_t window, int64_t stride, bool same) {
  if (!same) return {(in - window + stride) / stride, 0};
  const int64_t out = (in + stride - 1) / stride;
  const int64_t needed = std::max<int64_t>(0, (out - 1) * stride + window - in);
  return {out, needed / 2};
}

class QuantizedPoolKernel : public Kernel {
 public:
  QuantizedPoolKernel(bool average, std::vector<int64_t> ksize, std::vector<int64_t> strides,
                      bool same)
      : average_(average), ksize_(std::move(ksize)), strides_(std::move(strides)), same_(same) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& input = context.input(0);
    absl::StatusOr<float> min_input = RangeValue(context, 1, "min_input");
    absl::StatusOr<float> max_input = RangeValue(context, 2, "max_input");
    if (!min_input.ok()) return min_input.status();
    if (!max_input.ok()) return max_input.status();
    if (input.rank() != 4) return context.Error("tensor_in must be 4-dimensional");
    if (input.dtype() != tensorflow::DT_QUINT8) return context.Error("input must be quint8");
    const int64_t batch = input.dim(0), rows = input.dim(1), cols = input.dim(2);
    const int64_t depth = input.dim(3);
    const WindowDim wy = Window(rows, ksize_[1], strides_[1], same_);
    const WindowDim wx = Window(cols, ksize_[2], strides_[2], same_);
    if (wy.out < 0 || wx.out < 0) {
      return context.Error(absl::StrCat("Computed output size would be negative: input ",
                                        ShapeString(input.shape())));
    }
    Tensor output = *Tensor::Allocate(tensorflow::DT_QUINT8, {batch, wy.out, wx.out, depth});
    const uint8_t* in = input.data<uint8_t>();
    uint8_t* out = output.mutable_data<uint8_t>();
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t oy = 0; oy < wy.out; ++oy) {
        const int64_t y_start = oy * strides_[1] - wy.pad;
        const int64_t y0 = std::max<int64_t>(y_start, 0);
        const int64_t y1 = std::min(y_start + ksize_[1], rows);
        for (int64_t ox = 0; ox < wx.out; ++ox) {
          const int64_t x_start = ox * strides_[2] - wx.pad;
          const int64_t x0 = std::max<int64_t>(x_start, 0);
          const int64_t x1 = std::min(x_start + ksize_[2], cols);
          for (int64_t c = 0; c < depth; ++c) {
            int32_t result = 0;
            int32_t count = 0;
            for (int64_t y = y0; y < y1; ++y) {
              for (int64_t x = x0; x < x1; ++x) {
                const int32_t value = in[((b * rows + y) * cols + x) * depth + c];
                result = average_ ? result + value : std::max(result, value);
                ++count;
              }
            }
            if (average_ && count > 0) result /= count;
            out[((b * wy.out + oy) * wx.out + ox) * depth + c] = static_cast<uint8_t>(result);
          }
        }
      }
    }
    context.set_output(0, std::move(output));
    context.set_output(1, FloatScalar(*min_input));
    context.set_output(2, FloatScalar(*max_input));
    return absl::OkStatus();
  }

 private:
  bool average_;
  std::vector<int64_t> ksize_;
  std::vector<int64_t> strides_;
  bool same_;
};

template <bool kAverage>
absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizedPool(const KernelBuildContext& context) {
  absl::StatusOr<std::vector<int64_t>> ksize = context.attrs.GetIntList("ksize");
  absl::StatusOr<std::vector<int64_t>> strides = context.attrs.GetIntList("strides");
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  for (const absl::Status& status : {ksize.status(), strides.status(), padding.status()}) {
    if (!status.ok()) return status;
  }
  if (ksize->size() != 4) {
    return context.Error("Sliding window ksize field must specify 4 dimensions");
  }
  if (strides->size() != 4) {
    return context.Error("Sliding window strides field must specify 4 dimensions");
  }
  if ((*ksize)[0] != 1 || (*strides)[0] != 1) {
    return absl::UnimplementedError(
        context.Error("Pooling is not yet supported on the batch dimension.").message());
  }
  if ((*ksize)[3] != 1 || (*strides)[3] != 1) {
    return absl::UnimplementedError(
        context.Error("Non-spatial pooling is not yet supported.").message());
  }
  for (int d = 1; d < 3; ++d) {
    if ((*ksize)[d] < 1 || (*strides)[d] < 1) {
      return context.Error("ksize and strides must be positive");
    }
  }
  if (*padding != "SAME" && *padding != "VALID") {
    return context.Error(absl::StrCat("padding must be SAME or VALID, got ", *padding));
  }
  return std::make_unique<QuantizedPoolKernel>(kAverage, *ksize, *strides, *padding == "SAME");
}

REGISTER_KERNEL_FACTORY("QuantizedMaxPool", BuildQuantizedPool<false>,
                        {{"T", {tensorflow::DT_QUINT8}}});
REGISTER_KERNEL_FACTORY("QuantizedAvgPool", BuildQuantizedPool<true>,
                        {{"T", {tensorflow::DT_QUINT8}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
