// What TF's uniform quantized ops share (uniform_quant_ops/math_utils.h, tensor_utils.h, as
// facts): the checks of scales and zero points, the slice of a per-axis parameter an element
// takes, and the Q31 fixed-point multiplier outputs are requantized with.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_QUANTIZED_UNIFORM_QUANT_UTILS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_QUANTIZED_UNIFORM_QUANT_UTILS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {

// TF's QuantizationAxisAndShapeValid: scales and zero points of one shape, a scalar pair for
// axis -1, else vectors as long as the data's axis.
inline absl::Status CheckQuantizationParams(const OpContext& context, const Shape& data,
                                            const Tensor& scales, const Tensor& zero_points,
                                            int axis, const char* what) {
  if (scales.shape() != zero_points.shape()) {
    return context.Error(absl::StrCat(what,
                                      " scales and zero_points shape must be same, but given "
                                      "scales shape ",
                                      ShapeString(scales.shape()), " and zero_points shape ",
                                      ShapeString(zero_points.shape())));
  }
  if (scales.dtype() != tensorflow::DT_FLOAT || zero_points.dtype() != tensorflow::DT_INT32) {
    return context.Error(absl::StrCat(what, " scales must be float32 and zero_points int32"));
  }
  if (axis < -1 || axis >= static_cast<int>(data.size())) {
    return context.Error(absl::StrCat(
        what, " quantization_axis must be -1 or in range [0, input.rank), but given ", axis));
  }
  if (axis == -1 ? scales.rank() != 0 : (scales.rank() != 1 || scales.dim(0) != data[axis])) {
    return context.Error(absl::StrCat(what, " scales and zero_points must be ",
                                      axis == -1 ? "scalars" : "vectors of the axis' size",
                                      " for quantization_axis ", axis, ", given shape ",
                                      ShapeString(scales.shape())));
  }
  return absl::OkStatus();
}

inline absl::Status CheckPositive(const OpContext& context, const Tensor& scales,
                                  const char* what) {
  for (float scale : scales.values<float>()) {
    if (!(scale > 0)) {
      return context.Error(absl::StrCat(what, " scales elements must be all positive."));
    }
  }
  return absl::OkStatus();
}

// The slice of `axis` flat element `i` lies in; 0 for axis -1.
class AxisIndex {
 public:
  AxisIndex(const Shape& shape, int axis) : axis_(axis) {
    if (axis < 0) return;
    size_ = shape[axis];
    for (size_t d = axis + 1; d < shape.size(); ++d) inner_ *= shape[d];
  }
  int64_t operator()(int64_t i) const { return axis_ < 0 ? 0 : (i / inner_) % size_; }

 private:
  int axis_;
  int64_t size_ = 1;
  int64_t inner_ = 1;
};

// TF's QuantizeMultiplier: a positive double as a Q31 multiplier and a shift.
inline absl::Status QuantizeMultiplier(const OpContext& context, double multiplier,
                                       int32_t* quantized, int* shift) {
  if (!std::isfinite(multiplier) || multiplier <= 0) {
    return context.Error(
        absl::StrCat("double_multiplier must be a poisitive finite number. Given ", multiplier));
  }
  const double q = std::frexp(multiplier, shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * (int64_t{1} << 31)));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {
    *shift = 0;
    q_fixed = 0;
  }
  if (*shift > 30) {
    *shift = 30;
    q_fixed = (int64_t{1} << 31) - 1;
  }
  *quantized = static_cast<int32_t>(q_fixed);
  return absl::OkStatus();
}

// x * multiplier * 2^shift with one rounding (half up), saturated to int32.
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int64_t total_shift = 31 - shift;
  const int64_t round = int64_t{1} << (total_shift - 1);
  const int64_t result = (x * static_cast<int64_t>(multiplier) + round) >> total_shift;
  return static_cast<int32_t>(std::clamp<int64_t>(result, Lowest<int32_t>(), Highest<int32_t>()));
}

// TF's AffineQuantize: floor(x / scale + 0.5) + zero_point in float, clamped to [min, max].
inline int32_t AffineQuantize(float value, float inv_scale, int32_t zero_point, int32_t min,
                              int32_t max) {
  const float scaled = std::floor(value * inv_scale + 0.5f);
  // x86's conversion: values outside int32 (and NaN) give its lowest value.
  const int32_t code = scaled >= -2147483648.0f && scaled < 2147483648.0f
                           ? static_cast<int32_t>(scaled)
                           : Lowest<int32_t>();
  const int32_t shifted =
      static_cast<int32_t>(static_cast<uint32_t>(code) + static_cast<uint32_t>(zero_point));
  return std::clamp(shifted, min, max);
}

// TF's AsymmetricQuantize (TFLite's AsymmetricQuantizeFloats, with AffineQuantize's rounding)
// of values whose least and greatest are `low` and `high`, to codes of [min, max]: the range is
// widened to hold 0 and the zero point comes from whichever end has the smaller error. A range
// of width zero gives scale 1, zero point 0 and zero codes.
class AsymmetricQuantizer {
 public:
  AsymmetricQuantizer(float low, float high, int32_t min, int32_t max) : min_(min), max_(max) {
    const double rmin = std::min(0.0f, low);
    const double rmax = std::max(0.0f, high);
    const double qmin = min;
    const double qmax = max;
    scale_ = static_cast<float>((rmax - rmin) / (qmax - qmin));
    if (rmax - rmin != 0) inv_scale_ = static_cast<float>((qmax - qmin) / (rmax - rmin));
    if (scale_ == 0 || !std::isfinite(inv_scale_)) {
      scale_ = 1.0f;
      all_zero_ = true;
      return;
    }
    const double from_min = qmin - rmin / scale_;
    const double from_max = qmax - rmax / scale_;
    const double from_min_error = std::abs(qmin) + std::abs(rmin / scale_);
    const double from_max_error = std::abs(qmax) + std::abs(rmax / scale_);
    const double zero = from_min_error < from_max_error ? from_min : from_max;
    if (zero <= qmin) {
      zero_point_ = min;
    } else if (zero >= qmax) {
      zero_point_ = max;
    } else {
      zero_point_ = static_cast<int32_t>(std::round(zero));
    }
  }

  float scale() const { return scale_; }
  int32_t zero_point() const { return zero_point_; }
  int32_t operator()(float value) const {
    return all_zero_ ? 0 : AffineQuantize(value, inv_scale_, zero_point_, min_, max_);
  }

 private:
  int32_t min_;
  int32_t max_;
  float scale_ = 1.0f;
  float inv_scale_ = 0.0f;
  int32_t zero_point_ = 0;
  bool all_zero_ = false;
};

inline absl::StatusOr<int> ReadAxis(const KernelBuildContext& context, const char* name) {
  absl::StatusOr<int64_t> axis = context.attrs.GetInt(name);
  if (!axis.ok()) return axis.status();
  if (*axis < -1) return context.Error(absl::StrCat(name, " must be >= -1, given: ", *axis));
  return static_cast<int>(*axis);
}

inline absl::StatusOr<std::pair<int32_t, int32_t>> ReadMinMax(const KernelBuildContext& context,
                                                              const char* min_name,
                                                              const char* max_name) {
  absl::StatusOr<int64_t> min = context.attrs.GetInt(min_name);
  absl::StatusOr<int64_t> max = context.attrs.GetInt(max_name);
  if (!min.ok()) return min.status();
  if (!max.ok()) return max.status();
  return std::make_pair(static_cast<int32_t>(*min), static_cast<int32_t>(*max));
}

}  // namespace tfjs::runtime::quantized

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_QUANTIZED_UNIFORM_QUANT_UTILS_H_
