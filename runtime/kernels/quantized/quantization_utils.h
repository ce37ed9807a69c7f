// TensorFlow's quantized number rules (tensorflow/core/kernels/quantization_utils.h, as facts):
// how a quantized value of a [min, max] range maps to a float and back, and the requantizing of
// values from one range to another, to the float roundings TF's CPU kernels use.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_QUANTIZED_QUANTIZATION_UTILS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_QUANTIZED_QUANTIZATION_UTILS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::quantized {

// The quantized dtypes held as their storage integers: quint8 as uint8_t, qint32 as int32_t...
template <typename T>
struct QuantizedDataTypeOf;
template <>
struct QuantizedDataTypeOf<uint8_t> {
  static constexpr DataType value = tensorflow::DT_QUINT8;
};
template <>
struct QuantizedDataTypeOf<int8_t> {
  static constexpr DataType value = tensorflow::DT_QINT8;
};
template <>
struct QuantizedDataTypeOf<uint16_t> {
  static constexpr DataType value = tensorflow::DT_QUINT16;
};
template <>
struct QuantizedDataTypeOf<int16_t> {
  static constexpr DataType value = tensorflow::DT_QINT16;
};
template <>
struct QuantizedDataTypeOf<int32_t> {
  static constexpr DataType value = tensorflow::DT_QINT32;
};

// Names the storage type for the generic lambdas given to DispatchQuantized.
template <typename T>
struct QTag {
  using type = T;
};

// Calls fn(QTag<T>{}) with the storage type of quantized `dtype`; false for other dtypes.
template <typename Fn>
bool DispatchQuantized(DataType dtype, Fn&& fn) {
  switch (dtype) {
    case tensorflow::DT_QUINT8:
      fn(QTag<uint8_t>{});
      return true;
    case tensorflow::DT_QINT8:
      fn(QTag<int8_t>{});
      return true;
    case tensorflow::DT_QUINT16:
      fn(QTag<uint16_t>{});
      return true;
    case tensorflow::DT_QINT16:
      fn(QTag<int16_t>{});
      return true;
    case tensorflow::DT_QINT32:
      fn(QTag<int32_t>{});
      return true;
    default:
      return false;
  }
}

template <typename T>
constexpr int64_t Lowest() {
  return std::numeric_limits<T>::lowest();
}
template <typename T>
constexpr int64_t Highest() {
  return std::numeric_limits<T>::max();
}

// TF's FloatToQuantizedUnclamped: the code of `input` in T for [range_min, range_max], computed
// in double and int64 so that int32 overflow shows.
template <typename T>
int64_t FloatToQuantizedUnclamped(float input, float range_min, float range_max) {
  const int64_t lowest_quantized = Lowest<T>();
  if (range_min == range_max) return lowest_quantized;
  const int number_of_bits = sizeof(T) * 8;
  const int64_t number_of_steps = int64_t{1} << number_of_bits;
  const double range_adjust = number_of_steps / (number_of_steps - 1.0);
  const double range = (range_max - range_min) * range_adjust;
  const double range_scale = number_of_steps / range;
  int64_t quantized =
      static_cast<int64_t>(std::round(input * range_scale) - std::round(range_min * range_scale));
  return quantized + lowest_quantized;
}

// FloatToQuantizedUnclamped saturated to T's range.
template <typename T>
T FloatToQuantized(float input, float range_min, float range_max) {
  const int64_t quantized = FloatToQuantizedUnclamped<T>(input, range_min, range_max);
  return static_cast<T>(std::clamp(quantized, Lowest<T>(), Highest<T>()));
}

// TF's QuantizedToFloat: the float a code of T stands for in [range_min, range_max].
template <typename T>
float QuantizedToFloat(T input, float range_min, float range_max) {
  if (range_min == range_max) return range_min;
  const int number_of_bits = sizeof(T) * 8;
  const int64_t number_of_steps = int64_t{1} << number_of_bits;
  const double range_adjust = number_of_steps / (number_of_steps - 1.0);
  const double range = (range_max - range_min) * range_adjust;
  const double range_scale = range / number_of_steps;
  const double offset_input = static_cast<double>(input) - Lowest<T>();
  // The scale is rounded to float here, as the vectorized form below does.
  const float float_scale = static_cast<float>(range_scale);
  const double range_min_rounded = std::round(range_min / float_scale) * float_scale;
  return static_cast<float>(range_min_rounded + offset_input * range_scale);
}

template <typename T>
float FloatForOneQuantizedLevel(float range_min, float range_max) {
  return (range_max - range_min) / static_cast<float>(Highest<T>() - Lowest<T>());
}

// The range of the product of values of [min_a, max_a] (T1) and [min_b, max_b] (T2) in T3.
template <typename T1, typename T2, typename T3>
void QuantizationRangeForMultiplication(float min_a, float max_a, float min_b, float max_b,
                                        float* min_c, float* max_c) {
  const float level =
      FloatForOneQuantizedLevel<T1>(min_a, max_a) * FloatForOneQuantizedLevel<T2>(min_b, max_b);
  *min_c = level * static_cast<float>(Lowest<T3>());
  *max_c = level * static_cast<float>(Highest<T3>());
}

template <typename T1, typename T2>
T2 RequantizeInNewRange(T1 input, float min_input, float max_input, float min_new, float max_new) {
  return FloatToQuantized<T2>(QuantizedToFloat<T1>(input, min_input, max_input), min_new, max_new);
}

// The float-vectorized dequantization TF's kernels run (DEQUANTIZE_WITH_EIGEN): every step in
// float, so results can differ from QuantizedToFloat in the last bit.
template <typename T>
class FastDequantizer {
 public:
  FastDequantizer(float range_min, float range_max) {
    constexpr int64_t kSteps = int64_t{1} << (sizeof(T) * 8);
    range_scale_ = static_cast<float>((range_max - range_min) / (kSteps - 1.0));
    const float range_min_rounded =
        range_max == range_min ? range_min : std::round(range_min / range_scale_) * range_scale_;
    offset_ = range_min_rounded - static_cast<float>(Lowest<T>()) * range_scale_;
  }
  float operator()(T value) const { return offset_ + static_cast<float>(value) * range_scale_; }

 private:
  float range_scale_;
  float offset_;
};

// The float-vectorized quantization TF's kernels run (QUANTIZE_WITH_EIGEN).
template <typename T>
class FastQuantizer {
 public:
  FastQuantizer(float range_min, float range_max) {
    constexpr int64_t kSteps = int64_t{1} << (sizeof(T) * 8);
    range_scale_ = range_max == range_min
                       ? 0.0f
                       : static_cast<float>((kSteps - 1.0) / (range_max - range_min));
    const float range_min_scaled = std::round(range_min * range_scale_);
    offset_ = range_min_scaled - static_cast<float>(Lowest<T>());
    // Bounds that convert back to int32 without leaving its range.
    lower_ = std::max(static_cast<float>(Lowest<T>()), -2.147483648e+09f);
    upper_ = std::min(static_cast<float>(Highest<T>()), +2.147483520e+09f);
  }
  T operator()(float value) const {
    const float scaled = std::round(value * range_scale_) - offset_;
    // NaN converts to int32's lowest value, as x86's conversion gives.
    if (std::isnan(scaled)) return static_cast<T>(std::numeric_limits<int32_t>::lowest());
    return static_cast<T>(static_cast<int32_t>(std::min(std::max(scaled, lower_), upper_)));
  }

 private:
  float range_scale_;
  float offset_;
  float lower_;
  float upper_;
};

// Requantizes `count` values from [min_input, max_input] in T1 to [min_output, max_output] in
// T2 as TF's RequantizeManyInNewRangeUsingEigen: float dequantize-quantize, except qint32 to
// quint8, which TF computes in 16-bit fixed point.
template <typename T1, typename T2>
void RequantizeMany(const T1* input, int64_t count, float min_input, float max_input,
                    float min_output, float max_output, T2* output) {
  if constexpr (std::is_same_v<T1, int32_t> && std::is_same_v<T2, uint8_t>) {
    constexpr int kShift = 16;
    const float input_range = max_input - min_input;
    const float output_range = max_output - min_output;
    const float recip_output_range = output_range == 0.0f ? 0.0f : 255.0 / output_range;
    const float input_rezero = (min_input + max_input) / 2.0;
    const int64_t range_scale_fp =
        output_range == 0.0f
            ? 0
            : static_cast<int64_t>(255.0 * (1 << kShift) * input_range / output_range);
    const int64_t input_offset_fp =
        static_cast<int64_t>(input_rezero * recip_output_range * (1 << kShift));
    const int64_t output_offset_fp =
        output_range == 0.0f
            ? 0
            : static_cast<int64_t>((1 << kShift) * (min_output * 255.0) / output_range);
    const int64_t rounding_delta = 1 << (kShift - 1);
    for (int64_t i = 0; i < count; ++i) {
      const int64_t fp_value = ((static_cast<int64_t>(input[i]) * range_scale_fp) >> 32) +
                               (input_offset_fp - output_offset_fp + rounding_delta);
      output[i] = static_cast<uint8_t>(std::clamp<int64_t>(fp_value >> kShift, 0, 255));
    }
  } else {
    const FastDequantizer<T1> dequantize(min_input, max_input);
    const FastQuantizer<T2> quantize(min_output, max_output);
    for (int64_t i = 0; i < count; ++i) output[i] = quantize(dequantize(input[i]));
  }
}

// quint8 to qint32 as TF's RequantizeManyInNewRange8To32BitReference: the code of 0 plus a
// per-step multiplier, saturated.
inline void RequantizeMany8To32(const uint8_t* input, int64_t count, float min_input,
                                float max_input, float min_output, float max_output,
                                int32_t* output) {
  const float code_0 = QuantizedToFloat<uint8_t>(0, min_input, max_input);
  const float code_1 = QuantizedToFloat<uint8_t>(1, min_input, max_input);
  const int64_t code_0_int64 = FloatToQuantizedUnclamped<int32_t>(code_0, min_output, max_output);
  const int64_t code_1_int64 = FloatToQuantizedUnclamped<int32_t>(code_1, min_output, max_output);
  const int32_t mult = static_cast<int32_t>(code_1_int64 - code_0_int64);
  for (int64_t i = 0; i < count; ++i) {
    const int64_t value = code_0_int64 + static_cast<int64_t>(input[i]) * mult;
    output[i] = static_cast<int32_t>(std::clamp(value, Lowest<int32_t>(), Highest<int32_t>()));
  }
}

// The single float of a min or max input; InvalidArgument naming `what` when it is not float32
// or holds no element.
inline absl::StatusOr<float> RangeValue(const OpContext& context, int index,
                                        absl::string_view what) {
  const Tensor& tensor = context.input(index);
  if (tensor.dtype() != tensorflow::DT_FLOAT) {
    return context.Error(
        absl::StrCat(what, " must be float32, got ", DataTypeName(tensor.dtype())));
  }
  if (tensor.num_elements() < 1) {
    return context.Error(
        absl::StrCat(what, " must hold one value, got shape ", ShapeString(tensor.shape())));
  }
  return tensor.data<float>()[0];
}

// Like RangeValue, and the tensor must be a scalar (rank 0).
inline absl::StatusOr<float> ScalarRangeValue(const OpContext& context, int index,
                                              absl::string_view what) {
  const Tensor& tensor = context.input(index);
  if (tensor.rank() != 0) {
    return context.Error(absl::StrCat("`", what, "` must be rank 0 but is rank ", tensor.rank()));
  }
  return RangeValue(context, index, what);
}

// A float32 scalar output.
inline Tensor FloatScalar(float value) {
  return Tensor::Scalar<float>(tensorflow::DT_FLOAT, value);
}

// A float (already rounded) stored as T as TF's Eigen cast does on x86: qint32 through lrint and
// a wrap to 32 bits, the narrower types through a 32-bit truncating conversion (values outside
// int32, and NaN, give int32's lowest value first).
template <typename T>
T CastToQuantized(float value) {
  if constexpr (std::is_same_v<T, int32_t>) {
    if (std::isnan(value) || std::fabs(value) >= 9.2e18f) return 0;
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(std::llrint(value))));
  } else {
    if (!(value > -2147483649.0f && value < 2147483648.0f)) return static_cast<T>(0);
    return static_cast<T>(static_cast<int32_t>(value));
  }
}

// TF's round-half-to-even functor (cwise_ops.h): floor(x + 0.5), except exact halves, which go
// to the even neighbour.
template <typename F>
F RoundHalfToEven(F x) {
  const F round_val = std::floor(x + F(0.5));
  const F fraction = round_val - x;
  if (fraction == F(0.5)) return F(2) * std::floor(F(0.5) * x + F(0.5));
  return round_val;
}

// TF's round-half-up functor: floor(x + 0.5).
template <typename F>
F RoundHalfUp(F x) {
  return std::floor(x + F(0.5));
}

}  // namespace tfjs::runtime::quantized

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_QUANTIZED_QUANTIZATION_UTILS_H_
