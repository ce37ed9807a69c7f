// QuantizeAndDequantize (V1 to V4): round floats onto a num_bits integer grid that keeps zero
// exact and scale back, over the whole tensor or per slice of `axis`, with the range given as
// inputs (or attrs for V1) or taken from the data.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

constexpr int kInput = 0;
constexpr int kInputMin = 1;
constexpr int kInputMax = 2;
constexpr int kNumBits = 3;

// Which of TF's four ops the kernel runs: they differ in where num_bits and the range come from.
enum class Version { kV1, kV2, kV3 };

struct Options {
  Version version = Version::kV2;
  bool signed_input = true;
  int num_bits = 8;  // V3 reads it from an input.
  bool range_given = false;
  bool half_to_even = true;
  bool narrow_range = false;
  int axis = -1;
  float attr_min = 0;  // V1's range attrs.
  float attr_max = 0;
};

// TF's ComputeQuantizationRange: widens one side of [min, max] so that the grid of
// [min_quantized, max_quantized] keeps zero exact, and gives the scale and its inverse.
template <typename T>
void ComputeQuantizationRange(bool signed_input, int num_bits, bool narrow_range, T* min_range,
                              T* max_range, T* scale, T* inverse_scale) {
  const int64_t min_quantized = signed_input ? (narrow_range ? -(int64_t{1} << (num_bits - 1)) + 1
                                                             : -(int64_t{1} << (num_bits - 1)))
                                             : 0;
  const int64_t max_quantized =
      signed_input ? (int64_t{1} << (num_bits - 1)) - 1 : (int64_t{1} << num_bits) - 1;
  const T from_min_side =
      (min_quantized * *min_range > 0) ? min_quantized / *min_range : std::numeric_limits<T>::max();
  const T from_max_side =
      (max_quantized * *max_range > 0) ? max_quantized / *max_range : std::numeric_limits<T>::max();
  if (from_min_side < from_max_side) {
    *scale = from_min_side;
    *inverse_scale = *min_range / min_quantized;
    *max_range = max_quantized * *inverse_scale;
  } else {
    *scale = from_max_side;
    *inverse_scale = *max_range / max_quantized;
    *min_range = min_quantized * *inverse_scale;
  }
}

class QuantizeAndDequantizeKernel : public Kernel {
 public:
  explicit QuantizeAndDequantizeKernel(Options options) : options_(options) {}

  absl::Status Compute(OpContext& context) const override {
    const int num_inputs = options_.version == Version::kV1   ? 1
                           : options_.version == Version::kV3 ? 4
                                                              : 3;
    if (absl::Status status = context.CheckNumInputs(num_inputs, num_inputs); !status.ok()) {
      return status;
    }
    const Tensor& input = context.input(kInput);
    return math::DispatchDataType(math::FloatTypes(), context, input.dtype(), "input",
                                  [&](auto type) { return Run<decltype(type)>(context); });
  }

 private:
  absl::StatusOr<int> NumBits(const OpContext& context) const {
    int num_bits = options_.num_bits;
    if (options_.version == Version::kV3) {
      const Tensor& bits = context.input(kNumBits);
      if (bits.dtype() != tensorflow::DT_INT32 || bits.num_elements() != 1) {
        return context.Error(absl::StrCat("num_bits must be an int32 scalar, got ",
                                          DataTypeName(bits.dtype()), " ",
                                          ShapeString(bits.shape())));
      }
      num_bits = bits.data<int32_t>()[0];
    }
    if (num_bits <= 0 || num_bits >= (options_.signed_input ? 62 : 63)) {
      return context.Error(absl::StrCat("num_bits is out of range: ", num_bits,
                                        " with signed_input_ ", options_.signed_input));
    }
    return num_bits;
  }

  // The given range of every slice, after TF's checks; empty when the data sets the range.
  template <typename T>
  absl::StatusOr<std::vector<std::pair<T, T>>> GivenRanges(const OpContext& context,
                                                           int64_t depth) const {
    std::vector<std::pair<T, T>> ranges;
    if (!options_.range_given) return ranges;
    if (options_.version == Version::kV1) {
      ranges.emplace_back(static_cast<T>(options_.attr_min), static_cast<T>(options_.attr_max));
      return ranges;
    }
    const Tensor& min = context.input(kInputMin);
    const Tensor& max = context.input(kInputMax);
    const DataType dtype = context.input(kInput).dtype();
    if (min.dtype() != dtype || max.dtype() != dtype) {
      return context.Error("input_min and input_max must have the input's dtype");
    }
    if (options_.axis == -1) {
      if (min.num_elements() != 1 || max.num_elements() != 1) {
        return context.Error(absl::StrCat("input_min and input_max must be scalars, got ",
                                          ShapeString(min.shape()), " and ",
                                          ShapeString(max.shape())));
      }
      const T min_value = min.data<T>()[0];
      const T max_value = max.data<T>()[0];
      if (min_value > max_value) {
        return context.Error(
            absl::StrCat("Invalid range: input_min ", min_value, " > input_max ", max_value));
      }
      ranges.emplace_back(min_value, max_value);
      return ranges;
    }
    for (const Tensor* range : {&min, &max}) {
      if (range->rank() != 1 || range->dim(0) != depth) {
        return context.Error(absl::StrCat(
            range == &min ? "input_min" : "input_max", "_tensor has incorrect size, was ",
            range->rank() == 1 ? range->dim(0) : -1, " expected ", depth, " to match dim ",
            options_.axis, " of the input ", ShapeString(range->shape())));
      }
    }
    for (int64_t i = 0; i < depth; ++i) ranges.emplace_back(min.data<T>()[i], max.data<T>()[i]);
    return ranges;
  }

  template <typename T>
  absl::Status Run(OpContext& context) const {
    const Tensor& input = context.input(kInput);
    const int axis = options_.axis;
    if (axis < -1 || axis >= input.rank()) {
      return context.Error(
          absl::StrCat("Shape must be at least rank ", axis + 1, " but is rank ", input.rank()));
    }
    absl::StatusOr<int> num_bits = NumBits(context);
    if (!num_bits.ok()) return num_bits.status();
    const int64_t depth = axis == -1 ? 1 : input.dim(axis);
    int64_t inner = 1;
    for (int d = axis + 1; axis >= 0 && d < input.rank(); ++d) inner *= input.dim(d);
    absl::StatusOr<std::vector<std::pair<T, T>>> given = GivenRanges<T>(context, depth);
    if (!given.ok()) return given.status();
    const T* in = input.data<T>();
    const int64_t count = input.num_elements();
    const auto slice_of = [&](int64_t i) { return axis == -1 ? 0 : (i / inner) % depth; };
    std::vector<std::pair<T, T>> ranges = *given;
    if (!options_.range_given) {
      // The data's own range per slice, as Eigen's min/max reductions start it.
      ranges.assign(depth, {std::numeric_limits<T>::max(), std::numeric_limits<T>::lowest()});
      for (int64_t i = 0; i < count; ++i) {
        std::pair<T, T>& range = ranges[slice_of(i)];
        range.first = std::min(range.first, in[i]);
        range.second = std::max(range.second, in[i]);
      }
    }
    struct Grid {
      T min_range, max_range, scale, inverse_scale;
    };
    std::vector<Grid> grids;
    for (const auto& [min_range, max_range] : ranges) {
      Grid grid{min_range, max_range, 0, 0};
      ComputeQuantizationRange<T>(options_.signed_input, *num_bits, options_.narrow_range,
                                  &grid.min_range, &grid.max_range, &grid.scale,
                                  &grid.inverse_scale);
      grids.push_back(grid);
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < count; ++i) {
      const Grid& grid = grids[slice_of(i)];
      T value = in[i];
      // Clamping keeps values inside the quantized type when the range is given.
      if (options_.range_given) value = std::max(std::min(value, grid.max_range), grid.min_range);
      const T scaled = value * grid.scale;
      out[i] = (options_.half_to_even ? RoundHalfToEven(scaled) : RoundHalfUp(scaled)) *
               grid.inverse_scale;
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

  Options options_;
};

// Reads the attrs the op has; `version` says which.
template <Version kVersion>
absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizeAndDequantize(
    const KernelBuildContext& context) {
  Options options;
  options.version = kVersion;
  absl::StatusOr<bool> signed_input = context.attrs.GetBool("signed_input");
  absl::StatusOr<bool> range_given = context.attrs.GetBool("range_given");
  if (!signed_input.ok()) return signed_input.status();
  if (!range_given.ok()) return range_given.status();
  options.signed_input = *signed_input;
  options.range_given = *range_given;
  if (kVersion != Version::kV3) {
    absl::StatusOr<int64_t> num_bits = context.attrs.GetInt("num_bits");
    if (!num_bits.ok()) return num_bits.status();
    if (*num_bits <= 0 || *num_bits >= (options.signed_input ? 62 : 63)) {
      return context.Error(absl::StrCat("num_bits is out of range: ", *num_bits,
                                        " with signed_input_ ", options.signed_input));
    }
    options.num_bits = static_cast<int>(*num_bits);
  }
  if (kVersion == Version::kV1) {
    absl::StatusOr<float> min = context.attrs.GetFloat("input_min");
    absl::StatusOr<float> max = context.attrs.GetFloat("input_max");
    if (!min.ok()) return min.status();
    if (!max.ok()) return max.status();
    if (options.range_given && *min > *max) {
      return context.Error(absl::StrCat("Invalid range: input_min ", *min, " > input_max ", *max));
    }
    options.attr_min = *min;
    options.attr_max = *max;
    return std::make_unique<QuantizeAndDequantizeKernel>(options);
  }
  absl::StatusOr<bool> narrow_range = context.attrs.GetBool("narrow_range");
  absl::StatusOr<int64_t> axis = context.attrs.GetInt("axis");
  if (!narrow_range.ok()) return narrow_range.status();
  if (!axis.ok()) return axis.status();
  options.narrow_range = *narrow_range;
  options.axis = static_cast<int>(*axis);
  if (kVersion == Version::kV2) {
    absl::StatusOr<std::string> round_mode = context.attrs.GetString("round_mode");
    if (!round_mode.ok()) return round_mode.status();
    if (*round_mode != "HALF_UP" && *round_mode != "HALF_TO_EVEN") {
      return context.Error(absl::StrCat(
          "Round mode string must be 'HALF_UP' or 'HALF_TO_EVEN', is '", *round_mode, "'"));
    }
    options.half_to_even = *round_mode == "HALF_TO_EVEN";
  }
  return std::make_unique<QuantizeAndDequantizeKernel>(options);
}

const std::vector<DataType> kFloatTypes = math::DtypesOf(math::FloatTypes());

REGISTER_KERNEL_FACTORY("QuantizeAndDequantize", BuildQuantizeAndDequantize<Version::kV1>,
                        {{"T", kFloatTypes}});
REGISTER_KERNEL_FACTORY("QuantizeAndDequantizeV2", BuildQuantizeAndDequantize<Version::kV2>,
                        {{"T", kFloatTypes}});
REGISTER_KERNEL_FACTORY("QuantizeAndDequantizeV3", BuildQuantizeAndDequantize<Version::kV3>,
                        {{"T", kFloatTypes}});
// V4 is V2 with a different gradient: TF registers V2's kernel for it.
REGISTER_KERNEL_FACTORY("QuantizeAndDequantizeV4", BuildQuantizeAndDequantize<Version::kV2>,
                        {{"T", kFloatTypes}});

}  // namespace
}  // namespace tfjs::runtime::quantized
