// The uniform quantized ops (scale and zero point per tensor or per slice of an axis):
// UniformQuantize, UniformDequantize, UniformRequantize, UniformQuantizedAdd and
// UniformQuantizedClipByValue, with TF's fixed-point multiplier (TFLite's single rounding).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"
#include "runtime/kernels/quantized/uniform_quant_utils.h"

namespace tfjs::runtime::quantized {
namespace {

// TF's EvalRequantize from (scales, zero points) at `in_axis` to `out_axis`, into [min, max].
// A per-axis side uses the axis of whichever side has one.
template <typename Tin, typename Tout>
absl::Status Requantize(const OpContext& context, const Tensor& input, const Tensor& in_scales,
                        const Tensor& in_zero_points, const Tensor& out_scales,
                        const std::vector<int32_t>& out_zero_points, int in_axis, int out_axis,
                        int32_t min, int32_t max, Tout* out) {
  const int axis = in_axis >= 0 ? in_axis : out_axis;
  if (axis >= input.rank()) {
    return context.Error(
        absl::StrCat("quantization axis ", axis, " is out of range for rank ", input.rank()));
  }
  const int64_t slices = axis >= 0 ? input.dim(axis) : 1;
  const bool in_per_axis = in_scales.rank() == 1;
  const bool out_per_axis = out_scales.rank() == 1;
  std::vector<int32_t> multipliers(slices);
  std::vector<int> shifts(slices);
  for (int64_t i = 0; i < slices; ++i) {
    const double multiplier = static_cast<double>(in_scales.data<float>()[in_per_axis ? i : 0]) /
                              out_scales.data<float>()[out_per_axis ? i : 0];
    if (absl::Status status = QuantizeMultiplier(context, multiplier, &multipliers[i], &shifts[i]);
        !status.ok()) {
      return status;
    }
  }
  const AxisIndex slice_of(input.shape(), axis);
  const Tin* in = input.data<Tin>();
  const int32_t* in_zero = in_zero_points.data<int32_t>();
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    const int64_t s = slice_of(i);
    const int32_t centered = static_cast<int32_t>(in[i]) - in_zero[in_per_axis ? s : 0];
    const int32_t value = MultiplyByQuantizedMultiplier(centered, multipliers[s], shifts[s]) +
                          out_zero_points[out_per_axis ? s : 0];
    out[i] = static_cast<Tout>(std::max(std::min(value, max), min));
  }
  return absl::OkStatus();
}

// --- UniformQuantize ----------------------------------------------------------------------------

// x86's float to int32 conversion: values outside int32 (and NaN) give its lowest value.
int32_t FloatToInt32(float value) {
  if (!(value >= -2147483648.0f && value < 2147483648.0f)) return Lowest<int32_t>();
  return static_cast<int32_t>(value);
}

class UniformQuantizeKernel : public Kernel {
 public:
  UniformQuantizeKernel(DataType out_type, int axis, int32_t min, int32_t max)
      : out_type_(out_type), axis_(axis), min_(min), max_(max) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& input = context.input(0);
    const Tensor& scales = context.input(1);
    const Tensor& zero_points = context.input(2);
    if (absl::Status status =
            CheckQuantizationParams(context, input.shape(), scales, zero_points, axis_, "");
        !status.ok()) {
      return status;
    }
    Tensor output = *Tensor::Allocate(out_type_, input.shape());
    const AxisIndex slice_of(input.shape(), axis_);
    const float* in = input.data<float>();
    DispatchQuantized(out_type_, [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* out = output.mutable_data<T>();
      for (int64_t i = 0; i < input.num_elements(); ++i) {
        const int64_t s = slice_of(i);
        const float inv_scale = 1.0f / scales.data<float>()[s];
        const int32_t code = static_cast<int32_t>(
            static_cast<uint32_t>(FloatToInt32(std::floor(in[i] * inv_scale + 0.5f))) +
            static_cast<uint32_t>(zero_points.data<int32_t>()[s]));
        out[i] = static_cast<T>(std::max(std::min(code, max_), min_));
      }
    });
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  DataType out_type_;
  int axis_;
  int32_t min_;
  int32_t max_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformQuantize(const KernelBuildContext& context) {
  absl::StatusOr<DataType> out_type = context.attrs.GetType("Tout");
  absl::StatusOr<int> axis = ReadAxis(context, "quantization_axis");
  absl::StatusOr<std::pair<int32_t, int32_t>> range =
      ReadMinMax(context, "quantization_min_val", "quantization_max_val");
  for (const absl::Status& status : {out_type.status(), axis.status(), range.status()}) {
    if (!status.ok()) return status;
  }
  return std::make_unique<UniformQuantizeKernel>(*out_type, *axis, range->first, range->second);
}

REGISTER_KERNEL_FACTORY("UniformQuantize", BuildUniformQuantize,
                        {{"Tin", {tensorflow::DT_FLOAT}},
                         {"Tout",
                          {tensorflow::DT_QINT8, tensorflow::DT_QUINT8, tensorflow::DT_QINT32}}});

// --- UniformDequantize --------------------------------------------------------------------------

class UniformDequantizeKernel : public Kernel {
 public:
  explicit UniformDequantizeKernel(int axis) : axis_(axis) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& input = context.input(0);
    const Tensor& scales = context.input(1);
    const Tensor& zero_points = context.input(2);
    for (const absl::Status& status :
         {CheckQuantizationParams(context, input.shape(), scales, zero_points, axis_, ""),
          CheckPositive(context, scales, "rhs")}) {
      if (!status.ok()) return status;
    }
    Tensor output = *Tensor::Allocate(tensorflow::DT_FLOAT, input.shape());
    const AxisIndex slice_of(input.shape(), axis_);
    float* out = output.mutable_data<float>();
    const bool dispatched = DispatchQuantized(input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* in = input.data<T>();
      for (int64_t i = 0; i < input.num_elements(); ++i) {
        const int64_t s = slice_of(i);
        const int32_t centered = static_cast<int32_t>(
            static_cast<uint32_t>(in[i]) - static_cast<uint32_t>(zero_points.data<int32_t>()[s]));
        out[i] = static_cast<float>(centered) * scales.data<float>()[s];
      }
    });
    if (!dispatched) return context.Error("input must be qint8 or qint32");
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  int axis_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformDequantize(const KernelBuildContext& context) {
  absl::StatusOr<int> axis = ReadAxis(context, "quantization_axis");
  if (!axis.ok()) return axis.status();
  return std::make_unique<UniformDequantizeKernel>(*axis);
}

REGISTER_KERNEL_FACTORY("UniformDequantize", BuildUniformDequantize,
                        {{"Tin", {tensorflow::DT_QINT8, tensorflow::DT_QINT32}},
                         {"Tout", {tensorflow::DT_FLOAT}}});

// --- UniformRequantize --------------------------------------------------------------------------

class UniformRequantizeKernel : public Kernel {
 public:
  UniformRequantizeKernel(int in_axis, int out_axis, int32_t min, int32_t max)
      : in_axis_(in_axis), out_axis_(out_axis), min_(min), max_(max) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor& input = context.input(0);
    for (const absl::Status& status :
         {CheckQuantizationParams(context, input.shape(), context.input(1), context.input(2),
                                  in_axis_, "input"),
          CheckQuantizationParams(context, input.shape(), context.input(3), context.input(4),
                                  out_axis_, "output"),
          CheckPositive(context, context.input(1), "input/output"),
          CheckPositive(context, context.input(3), "input/output")}) {
      if (!status.ok()) return status;
    }
    const Tensor& out_zero = context.input(4);
    const std::vector<int32_t> out_zero_points(out_zero.values<int32_t>().begin(),
                                               out_zero.values<int32_t>().end());
    Tensor output = *Tensor::Allocate(tensorflow::DT_QINT8, input.shape());
    absl::Status status;
    const bool dispatched = DispatchQuantized(input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      status = Requantize<T, int8_t>(context, input, context.input(1), context.input(2),
                                     context.input(3), out_zero_points, in_axis_, out_axis_, min_,
                                     max_, output.mutable_data<int8_t>());
    });
    if (!dispatched) return context.Error("input must be qint8 or qint32");
    if (!status.ok()) return status;
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  int in_axis_;
  int out_axis_;
  int32_t min_;
  int32_t max_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformRequantize(const KernelBuildContext& context) {
  absl::StatusOr<int> in_axis = ReadAxis(context, "input_quantization_axis");
  absl::StatusOr<int> out_axis = ReadAxis(context, "output_quantization_axis");
  absl::StatusOr<std::pair<int32_t, int32_t>> range =
      ReadMinMax(context, "output_quantization_min_val", "output_quantization_max_val");
  for (const absl::Status& status : {in_axis.status(), out_axis.status(), range.status()}) {
    if (!status.ok()) return status;
  }
  if (*in_axis >= 0 && *out_axis >= 0 && *in_axis != *out_axis) {
    return context.Error(
        "If input and output is both per-axis quantized, the quantization axis must be same.");
  }
  return std::make_unique<UniformRequantizeKernel>(*in_axis, *out_axis, range->first,
                                                   range->second);
}

REGISTER_KERNEL_FACTORY("UniformRequantize", BuildUniformRequantize,
                        {{"Tin", {tensorflow::DT_QINT8, tensorflow::DT_QINT32}},
                         {"Tout", {tensorflow::DT_QINT8}}});

// --- UniformQuantizedAdd ------------------------------------------------------------------------

class UniformQuantizedAddKernel : public Kernel {
 public:
  UniformQuantizedAddKernel(int lhs_axis, int rhs_axis, int out_axis, int32_t min, int32_t max)
      : lhs_axis_(lhs_axis), rhs_axis_(rhs_axis), out_axis_(out_axis), min_(min), max_(max) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(8, 8); !status.ok()) return status;
    const Tensor& lhs = context.input(0);
    const Tensor& rhs = context.input(1);
    const Tensor& out_scales = context.input(6);
    const Tensor& out_zero_points = context.input(7);
    for (const absl::Status& status :
         {CheckQuantizationParams(context, lhs.shape(), context.input(2), context.input(3),
                                  lhs_axis_, "lhs"),
          CheckQuantizationParams(context, rhs.shape(), context.input(4), context.input(5),
                                  rhs_axis_, "rhs")}) {
      if (!status.ok()) return status;
    }
    absl::StatusOr<Shape> shape = OutputShape(context, lhs.shape(), rhs.shape());
    if (!shape.ok()) return shape.status();
    const int out_rank = static_cast<int>(shape->size());
    for (const absl::Status& status :
         {CheckQuantizationParams(context, *shape, out_scales, out_zero_points, out_axis_,
                                  "output"),
          CheckPositive(context, context.input(2), "lhs/rhs/output"),
          CheckPositive(context, context.input(4), "lhs/rhs/output"),
          CheckPositive(context, out_scales, "lhs/rhs/output")}) {
      if (!status.ok()) return status;
    }
    for (const auto& [operand, axis] :
         {std::make_pair(&lhs, lhs_axis_), std::make_pair(&rhs, rhs_axis_)}) {
      if (axis >= 0 && out_axis_ >= 0 && operand->rank() - axis != out_rank - out_axis_) {
        return context.Error(absl::StrCat(operand == &lhs ? "lhs" : "rhs",
                                          " and output are both per-axis quantized, the "
                                          "quantization axis must match."));
      }
    }
    // Both operands move to the output scales with zero points of 0, then add with
    // broadcasting, plus the output zero point.
    const std::vector<int32_t> zeros(std::max<int64_t>(out_scales.num_elements(), 1), 0);
    std::vector<int32_t> lhs_moved(lhs.num_elements()), rhs_moved(rhs.num_elements());
    for (const absl::Status& status :
         {Requantize<int32_t, int32_t>(context, lhs, context.input(2), context.input(3), out_scales,
                                       zeros, lhs_axis_, out_axis_ == -1 ? -1 : lhs_axis_,
                                       Lowest<int32_t>(), Highest<int32_t>(), lhs_moved.data()),
          Requantize<int32_t, int32_t>(context, rhs, context.input(4), context.input(5), out_scales,
                                       zeros, rhs_axis_, out_axis_, Lowest<int32_t>(),
                                       Highest<int32_t>(), rhs_moved.data())}) {
      if (!status.ok()) return status;
    }
    Tensor output = *Tensor::Allocate(tensorflow::DT_QINT32, *shape);
    int32_t* out = output.mutable_data<int32_t>();
    const int32_t* zero = out_zero_points.data<int32_t>();
    const AxisIndex out_slice(*shape, out_axis_);
    for (int64_t i = 0; i < output.num_elements(); ++i) {
      int64_t remain = i, lhs_i = 0, rhs_i = 0, lhs_inner = 1, rhs_inner = 1;
      for (int d = out_rank - 1; d >= 0; --d) {
        const int64_t index = remain % (*shape)[d];
        remain /= (*shape)[d];
        const int lhs_d = d - (out_rank - lhs.rank());
        if (lhs_d >= 0) {
          lhs_i += (lhs.dim(lhs_d) == 1 ? 0 : index) * lhs_inner;
          lhs_inner *= lhs.dim(lhs_d);
        }
        const int rhs_d = d - (out_rank - rhs.rank());
        if (rhs_d >= 0) {
          rhs_i += (rhs.dim(rhs_d) == 1 ? 0 : index) * rhs_inner;
          rhs_inner *= rhs.dim(rhs_d);
        }
      }
      const int32_t sum = static_cast<int32_t>(static_cast<uint32_t>(lhs_moved[lhs_i]) +
                                               static_cast<uint32_t>(rhs_moved[rhs_i]) +
                                               static_cast<uint32_t>(zero[out_slice(i)]));
      out[i] = std::clamp(sum, min_, max_);
    }
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  // Broadcasts as TF's UniformQuantizedAdd: a scalar operand takes the other's shape.
  static absl::StatusOr<Shape> OutputShape(const OpContext& context, const Shape& lhs,
                                           const Shape& rhs) {
    if (lhs.empty()) return rhs;
    if (rhs.empty()) return lhs;
    const size_t rank = std::max(lhs.size(), rhs.size());
    Shape out(rank);
    for (size_t j = 0; j < rank; ++j) {
      const int64_t l = j < lhs.size() ? lhs[lhs.size() - 1 - j] : 1;
      const int64_t r = j < rhs.size() ? rhs[rhs.size() - 1 - j] : 1;
      if (l != 1 && r != 1 && l != r) {
        return context.Error(
            absl::StrCat("Cannot Add tensors of shapes: ", ShapeString(lhs), ShapeString(rhs)));
      }
      out[rank - 1 - j] = l == 1 ? r : l;
    }
    return out;
  }

  int lhs_axis_;
  int rhs_axis_;
  int out_axis_;
  int32_t min_;
  int32_t max_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformQuantizedAdd(
    const KernelBuildContext& context) {
  absl::StatusOr<int> lhs_axis = ReadAxis(context, "lhs_quantization_axis");
  absl::StatusOr<int> rhs_axis = ReadAxis(context, "rhs_quantization_axis");
  absl::StatusOr<int> out_axis = ReadAxis(context, "output_quantization_axis");
  absl::StatusOr<std::pair<int32_t, int32_t>> range =
      ReadMinMax(context, "output_quantization_min_val", "output_quantization_max_val");
  for (const absl::Status& status :
       {lhs_axis.status(), rhs_axis.status(), out_axis.status(), range.status()}) {
    if (!status.ok()) return status;
  }
  return std::make_unique<UniformQuantizedAddKernel>(*lhs_axis, *rhs_axis, *out_axis, range->first,
                                                     range->second);
}

REGISTER_KERNEL_FACTORY("UniformQuantizedAdd", BuildUniformQuantizedAdd,
                        {{"T", {tensorflow::DT_QINT32}}});

// --- UniformQuantizedClipByValue ----------------------------------------------------------------

class UniformQuantizedClipByValueKernel : public Kernel {
 public:
  explicit UniformQuantizedClipByValueKernel(int axis) : axis_(axis) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
    const Tensor& operand = context.input(0);
    const Tensor& min = context.input(1);
    const Tensor& max = context.input(2);
    const Tensor& scales = context.input(3);
    if (absl::Status status =
            CheckQuantizationParams(context, operand.shape(), scales, context.input(4), axis_, "");
        !status.ok()) {
      return status;
    }
    if (min.shape() != scales.shape() || max.shape() != scales.shape()) {
      return context.Error(
          absl::StrCat("min and max must have the shape of scales ", ShapeString(scales.shape()),
                       ", given ", ShapeString(min.shape()), " and ", ShapeString(max.shape())));
    }
    Tensor output = *Tensor::Allocate(tensorflow::DT_QINT32, operand.shape());
    const AxisIndex slice_of(operand.shape(), axis_);
    const int32_t* in = operand.data<int32_t>();
    int32_t* out = output.mutable_data<int32_t>();
    for (int64_t i = 0; i < operand.num_elements(); ++i) {
      const int64_t s = slice_of(i);
      out[i] = std::min(std::max(in[i], min.data<int32_t>()[s]), max.data<int32_t>()[s]);
    }
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  int axis_;
};

// The op's quantization_min_val/max_val attrs do not enter TF's computation.
absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformQuantizedClipByValue(
    const KernelBuildContext& context) {
  absl::StatusOr<int> axis = ReadAxis(context, "quantization_axis");
  if (!axis.ok()) return axis.status();
  return std::make_unique<UniformQuantizedClipByValueKernel>(*axis);
}

REGISTER_KERNEL_FACTORY("UniformQuantizedClipByValue", BuildUniformQuantizedClipByValue,
                        {{"T", {tensorflow::DT_QINT32}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
