// ResizeBilinear, ResizeNearestNeighbor and ResizeBicubic, computing source positions exactly as
// TF's CPU kernels do (align_corners, half_pixel_centers, float arithmetic).
#include <pthreadpool.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
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

struct ResizeAttrs {
  bool align_corners = false;
  bool half_pixel_centers = false;
};

// One output coordinate's two source rows (or columns) and the weight of the upper one.
struct Interpolation {
  int64_t lower;
  int64_t upper;
  float lerp;
};

std::vector<Interpolation> BilinearInterpolation(int64_t out_size, int64_t in_size, float scale,
                                                 bool half_pixel_centers) {
  std::vector<Interpolation> result(out_size);
  for (int64_t i = 0; i < out_size; ++i) {
    const float in = half_pixel_centers ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                                        : static_cast<float>(i) * scale;
    const float in_floor = std::floor(in);
    result[i].lower = std::max(static_cast<int64_t>(in_floor), int64_t{0});
    result[i].upper = std::min(static_cast<int64_t>(std::ceil(in)), in_size - 1);
    result[i].lerp = in - in_floor;
  }
  return result;
}

// The source index of each output coordinate for nearest-neighbor resizing.
std::vector<int64_t> NearestIndices(int64_t out_size, int64_t in_size, float scale,
                                    const ResizeAttrs& attrs) {
  std::vector<int64_t> result(out_size);
  for (int64_t i = 0; i < out_size; ++i) {
    const float in = attrs.half_pixel_centers ? (static_cast<float>(i) + 0.5f) * scale
                                              : static_cast<float>(i) * scale;
    int64_t index = std::min(attrs.align_corners ? static_cast<int64_t>(std::round(in))
                                                 : static_cast<int64_t>(std::floor(in)),
                             in_size - 1);
    if (attrs.half_pixel_centers) index = std::max(index, int64_t{0});
    result[i] = index;
  }
  return result;
}

// One output coordinate's four source rows (or columns) and their cubic-convolution weights.
struct CubicTaps {
  int64_t index[4];
  float weight[4];
};

// TF samples the cubic kernel from a table of kCubicTableSize + 1 entries per tap pair, with
// a = -0.5 (Keys) for half-pixel centers and a = -0.75 otherwise.
constexpr int64_t kCubicTableSize = 1 << 10;

const std::vector<float>& CubicCoefficients(bool keys) {
  auto make = [](double a) {
    auto* table = new std::vector<float>((kCubicTableSize + 1) * 2);
    for (int64_t i = 0; i <= kCubicTableSize; ++i) {
      float x = static_cast<float>(i * 1.0 / kCubicTableSize);
      (*table)[i * 2] = static_cast<float>(((a + 2) * x - (a + 3)) * x * x + 1);
      x += 1.0f;
      (*table)[i * 2 + 1] = static_cast<float>(((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
    }
    return table;
  };
  static const std::vector<float>* const kKeys = make(-0.5);
  static const std::vector<float>* const kLegacy = make(-0.75);
  return keys ? *kKeys : *kLegacy;
}

std::vector<CubicTaps> CubicInterpolation(int64_t out_size, int64_t in_size, float scale,
                                          bool half_pixel_centers) {
  const std::vector<float>& table = CubicCoefficients(half_pixel_centers);
  std::vector<CubicTaps> result(out_size);
  for (int64_t i = 0; i < out_size; ++i) {
    const float in = half_pixel_centers ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                                        : static_cast<float>(i) * scale;
    const int64_t in_floor = static_cast<int64_t>(std::floor(in));
    const int64_t offset = lrintf((in - static_cast<float>(in_floor)) * kCubicTableSize);
    const float weights[4] = {table[offset * 2 + 1], table[offset * 2],
                              table[(kCubicTableSize - offset) * 2],
                              table[(kCubicTableSize - offset) * 2 + 1]};
    CubicTaps& taps = result[i];
    float sum = 0;
    for (int k = 0; k < 4; ++k) {
      const int64_t wanted = in_floor - 1 + k;
      taps.index[k] = std::min(in_size - 1, std::max(int64_t{0}, wanted));
      // Half-pixel centers drop taps outside the image and renormalize; the legacy kernel
      // repeats the edge pixel.
      taps.weight[k] = !half_pixel_centers || taps.index[k] == wanted ? weights[k] : 0.0f;
      sum += taps.weight[k];
    }
    if (half_pixel_centers && std::fabs(sum) >= 1000.0f * std::numeric_limits<float>::min()) {
      for (float& weight : taps.weight) weight *= 1.0f / sum;
    }
  }
  return result;
}

template <typename T>
void ResizeBicubicRows(const T* images, float* output, const ResizeShape& s,
                       const std::vector<CubicTaps>& ys, const std::vector<CubicTaps>& xs,
                       pthreadpool_t threadpool) {
  const int64_t c = s.channels;
  pthreadpool_parallelize_2d(
      threadpool,
      [&](size_t b, size_t y) {
        const T* rows[4];
        for (int k = 0; k < 4; ++k) {
          rows[k] = images + (b * s.in_height + ys[y].index[k]) * s.in_width * c;
        }
        float* out = output + (b * s.out_height + y) * s.out_width * c;
        for (int64_t x = 0; x < s.out_width; ++x) {
          for (int64_t ch = 0; ch < c; ++ch) {
            // Vertically first at each of the four columns, then horizontally, as TF does.
            float value = 0;
            for (int j = 0; j < 4; ++j) {
              const int64_t at = xs[x].index[j] * c + ch;
              const float column = ys[y].weight[0] * static_cast<float>(rows[0][at]) +
                                   ys[y].weight[1] * static_cast<float>(rows[1][at]) +
                                   ys[y].weight[2] * static_cast<float>(rows[2][at]) +
                                   ys[y].weight[3] * static_cast<float>(rows[3][at]);
              value += xs[x].weight[j] * column;
            }
            out[x * c + ch] = value;
          }
        }
      },
      static_cast<size_t>(s.batch), static_cast<size_t>(s.out_height));
}

template <typename T>
void ResizeBilinearRows(const T* images, float* output, const ResizeShape& s,
                        const std::vector<Interpolation>& ys, const std::vector<Interpolation>& xs,
                        pthreadpool_t threadpool) {
  const int64_t c = s.channels;
  pthreadpool_parallelize_2d(
      threadpool,
      [&](size_t b, size_t y) {
        const T* top = images + ((b * s.in_height) + ys[y].lower) * s.in_width * c;
        const T* bottom = images + ((b * s.in_height) + ys[y].upper) * s.in_width * c;
        const float y_lerp = ys[y].lerp;
        float* out = output + (b * s.out_height + y) * s.out_width * c;
        for (int64_t x = 0; x < s.out_width; ++x) {
          const int64_t left = xs[x].lower * c, right = xs[x].upper * c;
          const float x_lerp = xs[x].lerp;
          for (int64_t ch = 0; ch < c; ++ch) {
            const float top_left = static_cast<float>(top[left + ch]);
            const float top_right = static_cast<float>(top[right + ch]);
            const float bottom_left = static_cast<float>(bottom[left + ch]);
            const float bottom_right = static_cast<float>(bottom[right + ch]);
            const float top_value = top_left + (top_right - top_left) * x_lerp;
            const float bottom_value = bottom_left + (bottom_right - bottom_left) * x_lerp;
            out[x * c + ch] = top_value + (bottom_value - top_value) * y_lerp;
          }
        }
      },
      static_cast<size_t>(s.batch), static_cast<size_t>(s.out_height));
}

absl::StatusOr<ResizeAttrs> ReadResizeAttrs(const KernelBuildContext& context) {
  ResizeAttrs attrs;
  if (context.attrs.Has("align_corners")) {
    absl::StatusOr<bool> value = context.attrs.GetBool("align_corners");
    if (!value.ok()) return value.status();
    attrs.align_corners = *value;
  }
  if (context.attrs.Has("half_pixel_centers")) {
    absl::StatusOr<bool> value = context.attrs.GetBool("half_pixel_centers");
    if (!value.ok()) return value.status();
    attrs.half_pixel_centers = *value;
  }
  if (attrs.align_corners && attrs.half_pixel_centers) {
    return context.Error("if half_pixel_centers is true, align_corners must be false");
  }
  return attrs;
}

// The per-axis taps and the row loop of bilinear interpolation.
struct Bilinear {
  static std::vector<Interpolation> Taps(int64_t out_size, int64_t in_size, float scale,
                                         bool half_pixel_centers) {
    return BilinearInterpolation(out_size, in_size, scale, half_pixel_centers);
  }
  template <typename T>
  static void Rows(const T* images, float* output, const ResizeShape& s,
                   const std::vector<Interpolation>& ys, const std::vector<Interpolation>& xs,
                   pthreadpool_t threadpool) {
    ResizeBilinearRows(images, output, s, ys, xs, threadpool);
  }
};

// The per-axis taps and the row loop of Keys' bicubic interpolation.
struct Bicubic {
  static std::vector<CubicTaps> Taps(int64_t out_size, int64_t in_size, float scale,
                                     bool half_pixel_centers) {
    return CubicInterpolation(out_size, in_size, scale, half_pixel_centers);
  }
  template <typename T>
  static void Rows(const T* images, float* output, const ResizeShape& s,
                   const std::vector<CubicTaps>& ys, const std::vector<CubicTaps>& xs,
                   pthreadpool_t threadpool) {
    ResizeBicubicRows(images, output, s, ys, xs, threadpool);
  }
};

// A resize that interpolates real-valued images into float32, as TF's ResizeBilinear and
// ResizeBicubic do for every input dtype; `Method` gives the taps and the row loop.
template <typename Method>
class InterpolatingResizeKernel : public Kernel {
 public:
  explicit InterpolatingResizeKernel(ResizeAttrs attrs) : attrs_(attrs) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<ResizeShape> shape = ReadResizeShape(context, attrs_.align_corners);
    if (!shape.ok()) return shape.status();
    const Tensor& images = context.input(kImages);
    absl::StatusOr<Tensor> output = Tensor::Allocate(
        tensorflow::DT_FLOAT, {shape->batch, shape->out_height, shape->out_width, shape->channels});
    if (!output.ok()) return output.status();
    if (output->num_elements() > 0) {
      const auto ys = Method::Taps(shape->out_height, shape->in_height, shape->height_scale,
                                   attrs_.half_pixel_centers);
      const auto xs = Method::Taps(shape->out_width, shape->in_width, shape->width_scale,
                                   attrs_.half_pixel_centers);
      float* out = output->mutable_data<float>();
      pthreadpool_t pool = context.threadpool();
      const bool known = math::DispatchTag(misc::NoHalfRealTypes(), images.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        Method::Rows(images.data<T>(), out, *shape, ys, xs, pool);
      });
      if (!known) {
        return context.Error(
            absl::StrCat("unsupported images dtype ", DataTypeName(images.dtype())));
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  ResizeAttrs attrs_;
};

class ResizeNearestNeighborKernel : public Kernel {
 public:
  explicit ResizeNearestNeighborKernel(ResizeAttrs attrs) : attrs_(attrs) {}

  absl::Status Compute(OpContext& context) const override {
    absl::StatusOr<ResizeShape> shape = ReadResizeShape(context, attrs_.align_corners);
    if (!shape.ok()) return shape.status();
    const Tensor& images = context.input(kImages);
    const int64_t element = DataTypeSize(images.dtype());
    if (element == 0) {
      return context.Error(
          absl::StrCat("cannot resize images of dtype ", DataTypeName(images.dtype())));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(
        images.dtype(), {shape->batch, shape->out_height, shape->out_width, shape->channels});
    if (!output.ok()) return output.status();
    if (output->num_elements() > 0) {
      const std::vector<int64_t> ys =
          NearestIndices(shape->out_height, shape->in_height, shape->height_scale, attrs_);
      const std::vector<int64_t> xs =
          NearestIndices(shape->out_width, shape->in_width, shape->width_scale, attrs_);
      const char* in = static_cast<const char*>(images.raw_data());
      char* out = output->mutable_data<char>();
      const ResizeShape& s = *shape;
      const int64_t pixel_bytes = s.channels * element;
      pthreadpool_parallelize_2d(
          context.threadpool(),
          [&](size_t b, size_t y) {
            const char* row = in + (b * s.in_height + ys[y]) * s.in_width * pixel_bytes;
            char* out_row = out + (b * s.out_height + y) * s.out_width * pixel_bytes;
            for (int64_t x = 0; x < s.out_width; ++x) {
              std::memcpy(out_row + x * pixel_bytes, row + xs[x] * pixel_bytes, pixel_bytes);
            }
          },
          static_cast<size_t>(s.batch), static_cast<size_t>(s.out_height));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  ResizeAttrs attrs_;
};

template <typename ResizeKernel>
absl::StatusOr<std::unique_ptr<Kernel>> BuildResize(const KernelBuildContext& context) {
  absl::StatusOr<ResizeAttrs> attrs = ReadResizeAttrs(context);
  if (!attrs.ok()) return attrs.status();
  return std::make_unique<ResizeKernel>(*attrs);
}

// TF's CPU dtypes; float16 and bfloat16 images are widened (Bilinear and Bicubic output float32
// for every dtype, as in TF; NearestNeighbor copies elements).
const KernelDtypes kResizeDtypes = {
    {"T",
     {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
      tensorflow::DT_INT8, tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64,
      tensorflow::DT_UINT8, tensorflow::DT_UINT16}}};

REGISTER_KERNEL_FACTORY("ResizeBilinear",
                        Widened(BuildResize<InterpolatingResizeKernel<Bilinear>>, {kImages}, {}),
                        kResizeDtypes);
REGISTER_KERNEL_FACTORY("ResizeBicubic",
                        Widened(BuildResize<InterpolatingResizeKernel<Bicubic>>, {kImages}, {}),
                        kResizeDtypes);
REGISTER_KERNEL_FACTORY("ResizeNearestNeighbor", BuildResize<ResizeNearestNeighborKernel>,
                        kResizeDtypes);

}  // namespace
}  // namespace tfjs::runtime::nn
