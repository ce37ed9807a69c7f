// ResizeArea(images [batch, height, width, channels], size [2]): each output pixel is the
// average of the input area it covers, input pixels weighted by the fraction they overlap; always
// float32 output. Cell weights, index clamping (align_corners spans may reach past the edge) and
// the float32 accumulation order follow TF's CPU kernel.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/nn/half.h"
#include "runtime/kernels/nn/resize_shape.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kImages = 0;

int64_t Clamp(int64_t index, int64_t size) {
  return std::min(size - 1, std::max<int64_t>(0, index));
}

// How much of input cell `cell` lies in the output cell's span [low, high) of input coordinates.
float CellWeight(int64_t cell, float low, float high, float scale) {
  if (cell < low) return cell + 1 > high ? scale : cell + 1 - low;
  return cell + 1 > high ? high - cell : 1.0f;
}

// The input cells one output index covers along one axis: [start, end) with the weights of the
// first and the last.
struct AreaSpan {
  int64_t start = 0;
  int64_t end = 0;
  float start_weight = 0;
  float last_weight = 0;
};

std::vector<AreaSpan> AreaSpans(int64_t out_size, float scale) {
  std::vector<AreaSpan> spans(out_size);
  for (int64_t i = 0; i < out_size; ++i) {
    const float low = i * scale;
    const float high = (i + 1) * scale;
    AreaSpan& span = spans[i];
    span.start = static_cast<int64_t>(std::floor(low));
    span.end = static_cast<int64_t>(std::ceil(high));
    span.start_weight = CellWeight(span.start, low, high, scale);
    span.last_weight = CellWeight(span.end - 1, low, high, scale);
  }
  return spans;
}

template <typename T>
void ResizeAreaImages(const ResizeShape& r, const T* input, float* output) {
  const std::vector<AreaSpan> x_spans = AreaSpans(r.out_width, r.width_scale);
  const float normalizer = static_cast<float>(1.0 / (r.height_scale * r.width_scale));
  std::vector<const T*> rows;
  std::vector<float> row_weights;
  for (int64_t b = 0; b < r.batch; ++b) {
    const T* image = input + b * r.in_height * r.in_width * r.channels;
    for (int64_t y = 0; y < r.out_height; ++y) {
      const float low = y * r.height_scale;
      const float high = (y + 1) * r.height_scale;
      rows.clear();
      row_weights.clear();
      const int64_t first = static_cast<int64_t>(std::floor(low));
      const int64_t end = static_cast<int64_t>(std::ceil(high));
      for (int64_t i = first; i < end; ++i) {
        rows.push_back(image + Clamp(i, r.in_height) * r.in_width * r.channels);
        row_weights.push_back(CellWeight(i, low, high, r.height_scale));
      }
      for (const AreaSpan& span : x_spans) {
        for (int64_t c = 0; c < r.channels; ++c) {
          auto at = [&](const T* row, int64_t x) {
            return static_cast<float>(row[Clamp(x, r.in_width) * r.channels + c]);
          };
          float sum = 0;
          for (size_t k = 0; k < rows.size(); ++k) {
            float row_sum = at(rows[k], span.start) * span.start_weight;
            if (span.start + 1 != span.end) {
              for (int64_t x = span.start + 1; x < span.end - 1; ++x) row_sum += at(rows[k], x);
              row_sum += at(rows[k], span.end - 1) * span.last_weight;
            }
            sum += row_sum * row_weights[k];
          }
          *output++ = sum * normalizer;
        }
      }
    }
  }
}

class ResizeAreaKernel : public Kernel {
 public:
  explicit ResizeAreaKernel(bool align_corners) : align_corners_(align_corners) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<ResizeShape> resize = ReadResizeShape(context, align_corners_);
    if (!resize.ok()) return resize.status();
    const Tensor& images = context.input(kImages);
    absl::StatusOr<Tensor> output =
        Tensor::Allocate(tensorflow::DT_FLOAT,
                         {resize->batch, resize->out_height, resize->out_width, resize->channels});
    if (!output.ok()) return context.Error(output.status().message());
    const bool known = math::DispatchTag(misc::NoHalfRealTypes(), images.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      ResizeAreaImages(*resize, images.data<T>(), output->mutable_data<float>());
    });
    if (!known) {
      return context.Error(
          absl::StrCat("cannot resize images of dtype ", DataTypeName(images.dtype())));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  bool align_corners_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildResizeArea(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  return std::make_unique<ResizeAreaKernel>(attrs.count("align_corners") &&
                                            attrs.at("align_corners").b());
}

// float16 and bfloat16 images are widened; the output is float32 for every dtype, as in TF.
REGISTER_KERNEL_FACTORY("ResizeArea", Widened(BuildResizeArea, {kImages}, {}),
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                           tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                           tensorflow::DT_UINT16}}});

}  // namespace
}  // namespace tfjs::runtime::nn
