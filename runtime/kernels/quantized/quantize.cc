// QuantizeV2 (float to a quantized dtype) and Dequantize (back to float or bfloat16), in TF's
// MIN_COMBINED, MIN_FIRST and SCALED modes, for the whole tensor or per slice of `axis`.
#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

constexpr int kInput = 0;
constexpr int kMin = 1;
constexpr int kMax = 2;

enum class Mode { kMinCombined, kMinFirst, kScaled };

absl::StatusOr<Mode> ParseMode(const KernelBuildContext& context) {
  absl::StatusOr<std::string> mode = context.attrs.GetString("mode");
  if (!mode.ok()) return mode.status();
  if (*mode == "MIN_COMBINED") return Mode::kMinCombined;
  if (*mode == "MIN_FIRST") return Mode::kMinFirst;
  if (*mode == "SCALED") return Mode::kScaled;
  return context.Error(absl::StrCat(
      "Mode string must be 'MIN_COMBINED', 'MIN_FIRST', or 'SCALED', is '", *mode, "'"));
}

// How the tensor splits into slices along `axis`: [outer, slices, inner].
struct Slicing {
  int64_t slices = 1;
  int64_t inner = 1;
};

// Validates `axis` and the min/max element counts against the input as TF does.
absl::StatusOr<Slicing> SliceInput(const OpContext& context, int axis, const char* op_word) {
  const Tensor& input = context.input(kInput);
  if (axis < -1 || axis >= input.rank()) {
    return context.Error(
        absl::StrCat("Axis must be less than input dimension(", input.rank(), "), got ", axis));
  }
  Slicing slicing;
  if (axis > -1) {
    slicing.slices = input.dim(axis);
    for (int d = axis + 1; d < input.rank(); ++d) slicing.inner *= input.dim(d);
  }
  for (int index : {kMin, kMax}) {
    const Tensor& range = context.input(index);
    if (range.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(absl::StrCat(index == kMin ? "min" : "max", "_range must be float32"));
    }
    if (range.num_elements() != slicing.slices) {
      return context.Error(absl::StrCat(index == kMin ? "input_min" : "input_max",
                                        " must have as many elements as input on the ", op_word,
                                        " axis (", axis, "), got ", range.num_elements(),
                                        ", expected ", slicing.slices));
    }
  }
  return slicing;
}

int64_t SliceOf(int64_t index, const Slicing& slicing) {
  return (index / slicing.inner) % slicing.slices;
}

class QuantizeV2Kernel : public Kernel {
 public:
  QuantizeV2Kernel(DataType dtype, Mode mode, bool half_to_even, bool narrow_range, int axis,
                   float ensure_minimum_range)
      : dtype_(dtype),
        mode_(mode),
        half_to_even_(half_to_even),
        narrow_range_(narrow_range),
        axis_(axis),
        ensure_minimum_range_(ensure_minimum_range) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.dtype() != tensorflow::DT_FLOAT) return context.Error("input must be float32");
    absl::StatusOr<Slicing> slicing = SliceInput(context, axis_, "quantization");
    if (!slicing.ok()) return slicing.status();
    if (slicing->slices > 1 && mode_ == Mode::kMinFirst) {
      return absl::UnimplementedError(
          context.Error("MIN_FIRST mode is not implemented for Quantize with axis != -1.")
              .message());
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype_, input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    const Shape range_shape = slicing->slices == 1 ? Shape{} : context.input(kMin).shape();
    Tensor output_min = *Tensor::Allocate(tensorflow::DT_FLOAT, range_shape);
    Tensor output_max = *Tensor::Allocate(tensorflow::DT_FLOAT, range_shape);
    absl::Status status;
    DispatchQuantized(dtype_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      status = Quantize<T>(context, *slicing, output->mutable_data<T>(),
                           output_min.mutable_data<float>(), output_max.mutable_data<float>());
    });
    if (!status.ok()) return status;
    context.set_output(0, *std::move(output));
    context.set_output(1, std::move(output_min));
    context.set_output(2, std::move(output_max));
    return absl::OkStatus();
  }

 private:
  // One slice's adjusted range and scale.
  struct SliceRange {
    float min_range;
    float max_range;
    float scale;
  };

  template <typename T>
  absl::StatusOr<SliceRange> RangeOf(const OpContext& context, float input_min,
                                     float input_max) const {
    if (input_max < input_min) {
      return context.Error("input_max_range must be larger than input_min_range.");
    }
    SliceRange range;
    range.min_range = std::min(0.0f, input_min);
    const float epsilon = std::max(1.0f, std::max(std::fabs(input_min), std::fabs(input_max))) *
                          ensure_minimum_range_;
    range.max_range = std::max(0.0f, std::max(input_max, range.min_range + epsilon));
    if (mode_ == Mode::kMinCombined) {
      range.scale = (static_cast<double>(Highest<T>()) - static_cast<double>(Lowest<T>())) /
                    (range.max_range - range.min_range);
    } else if (mode_ == Mode::kScaled) {
      const int min_output = static_cast<int>(Lowest<T>()) + (narrow_range_ ? 1 : 0);
      const int max_output = static_cast<int>(Highest<T>());
      const float from_min = (min_output * range.min_range > 0) ? min_output / range.min_range
                                                                : std::numeric_limits<float>::max();
      const float from_max = (max_output * range.max_range > 0) ? max_output / range.max_range
                                                                : std::numeric_limits<float>::max();
      range.scale = std::min(from_min, from_max);
      range.min_range = min_output / range.scale;
      range.max_range = max_output / range.scale;
    }
    return range;
  }

  template <typename T>
  absl::Status Quantize(const OpContext& context, const Slicing& slicing, T* out, float* out_min,
                        float* out_max) const {
    const Tensor& input = context.input(kInput);
    const float* in = input.data<float>();
    const float* mins = context.input(kMin).data<float>();
    const float* maxs = context.input(kMax).data<float>();
    std::vector<SliceRange> ranges;
    for (int64_t slice = 0; slice < slicing.slices; ++slice) {
      absl::StatusOr<SliceRange> range = RangeOf<T>(context, mins[slice], maxs[slice]);
      if (!range.ok()) return range.status();
      ranges.push_back(*range);
      out_min[slice] = range->min_range;
      out_max[slice] = range->max_range;
    }
    const int64_t count = input.num_elements();
    if (count == 0) return absl::OkStatus();
    if (mode_ == Mode::kMinFirst) {
      const FastQuantizer<T> quantize(ranges[0].min_range, ranges[0].max_range);
      for (int64_t i = 0; i < count; ++i) out[i] = quantize(in[i]);
      return absl::OkStatus();
    }
    const float half_range =
        std::is_signed_v<T>
            ? (static_cast<double>(Highest<T>()) - static_cast<double>(Lowest<T>()) + 1) / 2.0f
            : 0.0f;
    for (int64_t i = 0; i < count; ++i) {
      const SliceRange& range = ranges[slicing.slices == 1 ? 0 : SliceOf(i, slicing)];
      const float clamped = std::max(std::min(in[i], range.max_range), range.min_range);
      if (mode_ == Mode::kScaled) {
        const float scaled = clamped * range.scale;
        out[i] = CastToQuantized<T>(half_to_even_ ? RoundHalfToEven(scaled) : std::round(scaled));
      } else if constexpr (std::is_signed_v<T>) {
        out[i] =
            CastToQuantized<T>(std::round((clamped - range.min_range) * range.scale - half_range));
      } else {
        out[i] = CastToQuantized<T>((clamped - range.min_range) * range.scale + 0.5f);
      }
    }
    return absl::OkStatus();
  }

  DataType dtype_;
  Mode mode_;
  bool half_to_even_;
  bool narrow_range_;
  int axis_;
  float ensure_minimum_range_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizeV2(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("T");
  absl::StatusOr<Mode> mode = ParseMode(context);
  absl::StatusOr<std::string> round_mode = context.attrs.GetString("round_mode");
  absl::StatusOr<bool> narrow_range = context.attrs.GetBool("narrow_range");
  absl::StatusOr<int64_t> axis = context.attrs.GetInt("axis");
  absl::StatusOr<float> ensure_minimum_range = context.attrs.GetFloat("ensure_minimum_range");
  for (const absl::Status& status :
       {dtype.status(), mode.status(), round_mode.status(), narrow_range.status(), axis.status(),
        ensure_minimum_range.status()}) {
    if (!status.ok()) return status;
  }
  if (*round_mode != "HALF_AWAY_FROM_ZERO" && *round_mode != "HALF_TO_EVEN") {
    return context.Error(
        absl::StrCat("Round mode string must be 'HALF_AWAY_FROM_ZERO' or 'HALF_TO_EVEN', is '",
                     *round_mode, "'"));
  }
  const bool half_to_even = *round_mode == "HALF_TO_EVEN";
  if (half_to_even && *mode != Mode::kScaled) {
    return context.Error("Round mode 'HALF_TO_EVEN' only supported for mode 'SCALED'");
  }
  return std::make_unique<QuantizeV2Kernel>(*dtype, *mode, half_to_even, *narrow_range,
                                            static_cast<int>(*axis), *ensure_minimum_range);
}

class DequantizeKernel : public Kernel {
 public:
  DequantizeKernel(DataType dtype, Mode mode, bool narrow_range, int axis)
      : dtype_(dtype), mode_(mode), narrow_range_(narrow_range), axis_(axis) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    absl::StatusOr<Slicing> slicing = SliceInput(context, axis_, "dequantization");
    if (!slicing.ok()) return slicing.status();
    if (slicing->slices > 1 && mode_ == Mode::kMinFirst) {
      return absl::UnimplementedError(
          context.Error("MIN_FIRST mode is not implemented for Dequantize with axis != -1.")
              .message());
    }
    std::vector<float> values(input.num_elements());
    const bool dispatched = DispatchQuantized(input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Dequantize<T>(context, *slicing, input.data<T>(), values.data());
    });
    if (!dispatched) {
      return context.Error(
          absl::StrCat("input has dtype ", DataTypeName(input.dtype()), ", not a quantized dtype"));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype_, input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    if (dtype_ == tensorflow::DT_FLOAT) {
      std::copy(values.begin(), values.end(), output->mutable_data<float>());
    } else {
      uint16_t* out = output->mutable_data<uint16_t>();
      for (size_t i = 0; i < values.size(); ++i) out[i] = FloatToBFloat16(values[i]);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  template <typename T>
  void Dequantize(const OpContext& context, const Slicing& slicing, const T* in, float* out) const {
    const float* mins = context.input(kMin).data<float>();
    const float* maxs = context.input(kMax).data<float>();
    const int64_t count = context.input(kInput).num_elements();
    if (count == 0) return;
    if (mode_ == Mode::kMinFirst) {
      const FastDequantizer<T> dequantize(mins[0], maxs[0]);
      for (int64_t i = 0; i < count; ++i) out[i] = dequantize(in[i]);
      return;
    }
    // Per slice: out = (value + offset) * scale + shift.
    struct Affine {
      float offset = 0;
      float scale;
      float shift = 0;
    };
    std::vector<Affine> affines;
    for (int64_t slice = 0; slice < slicing.slices; ++slice) {
      const float min_range = mins[slice];
      const float max_range = maxs[slice];
      Affine affine;
      if (mode_ == Mode::kMinCombined) {
        affine.offset =
            std::is_signed_v<T>
                ? (static_cast<float>(Highest<T>()) - static_cast<float>(Lowest<T>()) + 1) / 2.0f
                : 0.0f;
        affine.scale = (max_range - min_range) /
                       (static_cast<float>(Highest<T>()) - static_cast<float>(Lowest<T>()));
        affine.shift = min_range;
      } else {
        const int min_output = static_cast<int>(Lowest<T>()) + (narrow_range_ ? 1 : 0);
        const float max_output = static_cast<float>(Highest<T>());
        affine.scale = Lowest<T>() == 0 ? max_range / max_output
                                        : std::max(min_range / min_output, max_range / max_output);
      }
      affines.push_back(affine);
    }
    for (int64_t i = 0; i < count; ++i) {
      const Affine& affine = affines[slicing.slices == 1 ? 0 : SliceOf(i, slicing)];
      if (mode_ == Mode::kMinCombined) {
        out[i] = ((static_cast<float>(in[i]) + affine.offset) * affine.scale) + affine.shift;
      } else {
        out[i] = static_cast<float>(in[i]) * affine.scale;
      }
    }
  }

  DataType dtype_;
  Mode mode_;
  bool narrow_range_;
  int axis_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildDequantize(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("dtype");
  absl::StatusOr<Mode> mode = ParseMode(context);
  absl::StatusOr<bool> narrow_range = context.attrs.GetBool("narrow_range");
  absl::StatusOr<int64_t> axis = context.attrs.GetInt("axis");
  for (const absl::Status& status :
       {dtype.status(), mode.status(), narrow_range.status(), axis.status()}) {
    if (!status.ok()) return status;
  }
  if (*dtype == tensorflow::DT_BFLOAT16 && *mode != Mode::kMinCombined) {
    return context.Error("When output type is bfloat16, Mode string must be 'MIN_COMBINED'");
  }
  return std::make_unique<DequantizeKernel>(*dtype, *mode, *narrow_range, static_cast<int>(*axis));
}

const std::vector<DataType> kQuantizedTypes = {tensorflow::DT_QINT8, tensorflow::DT_QUINT8,
                                               tensorflow::DT_QINT16, tensorflow::DT_QUINT16,
                                               tensorflow::DT_QINT32};

REGISTER_KERNEL_FACTORY("QuantizeV2", BuildQuantizeV2, {{"T", kQuantizedTypes}});
REGISTER_KERNEL_FACTORY("Dequantize", BuildDequantize,
                        {{"T", kQuantizedTypes},
                         {"dtype", {tensorflow::DT_FLOAT, tensorflow::DT_BFLOAT16}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
