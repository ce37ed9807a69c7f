// ScaleAndTranslate(images [batch, height, width, channels], size [2], scale [2], translation
// [2]): resampling by a separable kernel as TF's CPU kernel computes it. Output pixel x samples the
// input at (x + 0.5) / scale - translation / scale; the kernel (lanczos1/3/5, gaussian, box,
// triangle, keyscubic, mitchellcubic) is widened by 1 / scale when downsampling with antialias;
// each span's weights are normalized, spans sampling outside the image are empty. Rows are
// resampled first, then columns, in float32.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

using math::DtypesOf;
using math::TypeList;

using ImageTypes = TypeList<math::Half, math::BFloat16, float, double, int8_t, int16_t, int32_t,
                            int64_t, uint8_t, uint16_t>;

enum class KernelType {
  kLanczos1,
  kLanczos3,
  kLanczos5,
  kGaussian,
  kBox,
  kTriangle,
  kKeysCubic,
  kMitchellCubic
};

// TF's sampling kernels (sampling_kernels.h).
struct SamplingKernel {
  KernelType type;

  float Radius() const {
    switch (type) {
      case KernelType::kLanczos1:
        return 1.0f;
      case KernelType::kLanczos3:
        return 3.0f;
      case KernelType::kLanczos5:
        return 5.0f;
      case KernelType::kGaussian:
        return 3.0f * 0.5f;
      case KernelType::kKeysCubic:
      case KernelType::kMitchellCubic:
        return 2.0f;
      default:
        return 1.0f;
    }
  }

  float operator()(float x) const {
    x = std::abs(x);
    switch (type) {
      case KernelType::kLanczos1:
      case KernelType::kLanczos3:
      case KernelType::kLanczos5: {
        constexpr float kPi = 3.14159265359f;
        const float radius = Radius();
        if (x > radius) return 0.0f;
        if (x <= 1e-3f) return 1.0f;
        return radius * std::sin(kPi * x) * std::sin(kPi * x / radius) / (kPi * kPi * x * x);
      }
      case KernelType::kGaussian: {
        constexpr float kStddev = 0.5f;
        if (x >= Radius()) return 0.0f;
        return static_cast<float>(std::exp(-x * x / (2.0 * kStddev * kStddev)));
      }
      case KernelType::kBox:
        if (x < 0.5f) return 1.0f;
        if (x == 0.5f) return 0.5f;
        return 0.0f;
      case KernelType::kTriangle:
        return x < 1.0f ? 1.0f - x : 0.0f;
      case KernelType::kKeysCubic:
        if (x >= 2.0f) return 0.0f;
        if (x >= 1.0f) return ((-0.5f * x + 2.5f) * x - 4.0f) * x + 2.0f;
        return ((1.5f * x - 2.5f) * x) * x + 1.0f;
      case KernelType::kMitchellCubic:
        if (x >= 2.0f) return 0.0f;
        if (x >= 1.0f) {
          return (((-7.0f / 18.0f) * x + 2.0f) * x - 10.0f / 3.0f) * x + 16.0f / 9.0f;
        }
        return (((7.0f / 6.0f) * x - 2.0f) * x) * x + 8.0f / 9.0f;
    }
    return 0.0f;
  }
};

struct Spans {
  int64_t size = 0;
  std::vector<int64_t> starts;
  std::vector<float> weights;  // size per output
};

absl::StatusOr<Spans> ComputeSpans(const SamplingKernel& kernel, int64_t output_size,
                                   int64_t input_size, float scale, float translate,
                                   bool antialias) {
  const float inv_scale = 1.0 / scale;
  const float inv_translate = -inv_scale * translate;
  const float kernel_scale = antialias ? std::max(inv_scale, 1.0f) : 1.0f;
  Spans spans;
  spans.size = std::min<int64_t>(
      2 * static_cast<int64_t>(std::ceil(kernel.Radius() * kernel_scale)) + 1, input_size);
  spans.starts.assign(output_size, 0);
  spans.weights.assign(spans.size * output_size, 0.0f);
  const float one_over_kernel_scale = 1.0f / kernel_scale;
  std::vector<float> temp;
  for (int64_t x = 0; x < output_size; ++x) {
    const float sample = (x + 0.5f) * inv_scale + inv_translate;
    if (sample < 0 || sample > input_size) continue;
    int64_t start = static_cast<int64_t>(std::ceil(sample - kernel.Radius() * kernel_scale - 0.5f));
    int64_t end = static_cast<int64_t>(std::floor(sample + kernel.Radius() * kernel_scale - 0.5f));
    start = std::clamp<int64_t>(start, 0, input_size - 1);
    end = std::clamp<int64_t>(end, 0, input_size - 1) + 1;
    if (end - start > spans.size) {
      return absl::InternalError(
          absl::StrCat("Span is too large: ", end - start, " vs ", spans.size, "."));
    }
    float total = 0.0f;
    temp.clear();
    for (int64_t source = start; source < end; ++source) {
      const float position = static_cast<float>(source) + 0.5f - sample;
      const float weight = kernel(std::abs(position * one_over_kernel_scale));
      total += weight;
      temp.push_back(weight);
    }
    if (std::abs(total) >= 1000.0f * std::numeric_limits<float>::min()) {
      const float inverse = 1.0f / total;
      for (size_t k = 0; k < temp.size(); ++k) {
        spans.weights[spans.size * x + k] = temp[k] * inverse;
      }
    }
    spans.starts[x] = start;
  }
  return spans;
}

class ScaleAndTranslateKernel : public Kernel {
 public:
  ScaleAndTranslateKernel(SamplingKernel kernel, bool antialias)
      : kernel_(kernel), antialias_(antialias) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& images = context.input(0);
    const Tensor& size = context.input(1);
    if (images.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-dimensional", ShapeString(images.shape())));
    }
    if (size.dtype() != tensorflow::DT_INT32 || size.rank() != 1) {
      return context.Error(
          absl::StrCat("output_shape_t must be 1-dimensional", ShapeString(size.shape())));
    }
    if (size.num_elements() != 2) {
      return context.Error(
          absl::StrCat("output_shape_t must have two elements", ShapeString(size.shape())));
    }
    const int64_t out_height = size.data<int32_t>()[0], out_width = size.data<int32_t>()[1];
    const int64_t batch = images.dim(0), height = images.dim(1), width = images.dim(2);
    const int64_t channels = images.dim(3);
    if (height > std::numeric_limits<int32_t>::max() ||
        width > std::numeric_limits<int32_t>::max()) {
      return context.Error("input sizes must be between 0 and max int32");
    }
    if (out_height <= 0 || out_width <= 0) {
      return context.Error("output dimensions must be positive");
    }
    if (channels <= 0) return context.Error("image must have at least one channel");
    if (height <= 0 || width <= 0) return context.Error("input image must be of non-zero size");
    absl::StatusOr<Tensor> output =
        Tensor::Zeros(tensorflow::DT_FLOAT, {batch, out_height, out_width, channels});
    if (!output.ok()) return context.Error(output.status().message());
    if (output->num_elements() == 0) {
      context.set_output(0, *std::move(output));
      return absl::OkStatus();
    }
    float pair[2][2];
    const char* names[2] = {"scale_t", "translate_t"};
    for (int k = 0; k < 2; ++k) {
      const Tensor& t = context.input(2 + k);
      if (t.dtype() != tensorflow::DT_FLOAT || t.rank() != 1) {
        return context.Error(
            absl::StrCat(names[k], " must be 1-dimensional", ShapeString(t.shape())));
      }
      if (t.num_elements() != 2) {
        return context.Error(
            absl::StrCat(names[k], " must have two elements", ShapeString(t.shape())));
      }
      pair[k][0] = t.data<float>()[0];
      pair[k][1] = t.data<float>()[1];
    }
    if (!(pair[0][0] > 0 && pair[0][1] > 0)) {
      return context.Error("Scale must be greater than zero.");
    }
    absl::StatusOr<Spans> rows =
        ComputeSpans(kernel_, out_height, height, pair[0][0], pair[1][0], antialias_);
    if (!rows.ok()) return rows.status();
    absl::StatusOr<Spans> cols =
        ComputeSpans(kernel_, out_width, width, pair[0][1], pair[1][1], antialias_);
    if (!cols.ok()) return cols.status();
    std::vector<float> intermediate(out_height * width * channels);
    return math::DispatchDataType(ImageTypes(), context, images.dtype(), "images", [&](auto tag) {
      using T = decltype(tag);
      float* out = output->mutable_data<float>();
      const int64_t row_size = width * channels;
      for (int64_t b = 0; b < batch; ++b) {
        const T* image = images.data<T>() + b * height * row_size;
        for (int64_t y = 0; y < out_height; ++y) {
          float* target = intermediate.data() + y * row_size;
          std::fill(target, target + row_size, 0.0f);
          const int64_t start = rows->starts[y];
          const int64_t span = std::min(start + rows->size, height) - start;
          for (int64_t k = 0; k < span; ++k) {
            const float w = rows->weights[y * rows->size + k];
            const T* source = image + (start + k) * row_size;
            for (int64_t i = 0; i < row_size; ++i) {
              target[i] += w * static_cast<float>(math::Widen(source[i]));
            }
          }
        }
        float* result = out + b * out_height * out_width * channels;
        for (int64_t y = 0; y < out_height; ++y) {
          for (int64_t x = 0; x < out_width; ++x) {
            float* pixel = result + (y * out_width + x) * channels;
            const int64_t start = cols->starts[x];
            const int64_t span = std::min(start + cols->size, width) - start;
            for (int64_t k = 0; k < span; ++k) {
              const float w = cols->weights[x * cols->size + k];
              const float* source = intermediate.data() + y * row_size + (start + k) * channels;
              for (int64_t c = 0; c < channels; ++c) pixel[c] += w * source[c];
            }
          }
        }
      }
      context.set_output(0, *std::move(output));
      return absl::OkStatus();
    });
  }

 private:
  SamplingKernel kernel_;
  bool antialias_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildScaleAndTranslate(const KernelBuildContext& context) {
  absl::StatusOr<std::string> name = context.attrs.GetString("kernel_type");
  absl::StatusOr<bool> antialias = context.attrs.GetBool("antialias");
  if (!name.ok()) return context.Error(name.status().message());
  if (!antialias.ok()) return context.Error(antialias.status().message());
  static const std::pair<const char*, KernelType> kTypes[] = {
      {"lanczos1", KernelType::kLanczos1},
      {"lanczos3", KernelType::kLanczos3},
      {"lanczos5", KernelType::kLanczos5},
      {"gaussian", KernelType::kGaussian},
      {"box", KernelType::kBox},
      {"triangle", KernelType::kTriangle},
      {"keyscubic", KernelType::kKeysCubic},
      {"mitchellcubic", KernelType::kMitchellCubic}};
  for (const auto& [type_name, type] : kTypes) {
    if (*name == type_name) {
      return std::make_unique<ScaleAndTranslateKernel>(SamplingKernel{type}, *antialias);
    }
  }
  return context.Error(absl::StrCat("Unrecognized kernel type: ", *name));
}

REGISTER_KERNEL_FACTORY("ScaleAndTranslate", BuildScaleAndTranslate,
                        {{"T", DtypesOf(ImageTypes())}});

}  // namespace
}  // namespace tfjs::runtime
