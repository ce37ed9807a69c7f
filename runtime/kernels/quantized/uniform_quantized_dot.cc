// UniformQuantizedDot and UniformQuantizedDotHybrid: [batch, k] x [k, n] matrix products of
// uniform quantized operands (rhs per tensor or per output channel), the first requantized to the
// output's scales, the second in float after quantizing lhs per batch row on the fly.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/uniform_quant_utils.h"

namespace tfjs::runtime::quantized {
namespace {

// Inputs of both ops.
constexpr int kLhs = 0;
constexpr int kRhs = 1;

// Checks lhs [batch, k] and rhs [k, n].
absl::Status CheckDotShapes(const OpContext& context, const Tensor& lhs, const Tensor& rhs) {
  if (lhs.rank() != 2 || rhs.rank() != 2) {
    return context.Error(absl::StrCat("lhs and rhs must be rank 2, given shapes ",
                                      ShapeString(lhs.shape()), " and ", ShapeString(rhs.shape())));
  }
  if (lhs.dim(1) != rhs.dim(0)) {
    return context.Error(absl::StrCat("lhs.dim_size(1) and rhs.dim_size(0) must be equal, given ",
                                      lhs.dim(1), " and ", rhs.dim(0)));
  }
  return absl::OkStatus();
}

// The rhs axis both ops allow: per tensor or per output channel (1).
absl::Status CheckRhsAxis(const KernelBuildContext& context, int axis) {
  if (axis != -1 && axis != 1) {
    return context.Error(
        "rhs_quantization_axis Attr must be -1 (per-tensor) or 1 (per-channel along output "
        "feature dimension).");
  }
  return absl::OkStatus();
}

// Sum over k of (lhs[b, k] - lhs_zero) * (rhs[k, c] - rhs_zero[c]) for every (b, c), in int32
// as TF accumulates.
std::vector<int32_t> Accumulate(const int8_t* lhs, const int32_t* lhs_zero, const int8_t* rhs,
                                const Tensor& rhs_zero_points, int64_t batches, int64_t depth,
                                int64_t channels) {
  const bool per_channel = rhs_zero_points.rank() == 1;
  const int32_t* rhs_zero = rhs_zero_points.data<int32_t>();
  std::vector<int32_t> acc(batches * channels, 0);
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t k = 0; k < depth; ++k) {
      const int32_t left = static_cast<int32_t>(lhs[b * depth + k]) - lhs_zero[b];
      for (int64_t c = 0; c < channels; ++c) {
        const int32_t right =
            static_cast<int32_t>(rhs[k * channels + c]) - rhs_zero[per_channel ? c : 0];
        int32_t& sum = acc[b * channels + c];
        sum =
            static_cast<int32_t>(static_cast<uint32_t>(sum) + static_cast<uint32_t>(left * right));
      }
    }
  }
  return acc;
}

// --- UniformQuantizedDot ------------------------------------------------------------------------

class UniformQuantizedDotKernel : public Kernel {
 public:
  UniformQuantizedDotKernel(int rhs_axis, int out_axis, int32_t out_min, int32_t out_max)
      : rhs_axis_(rhs_axis), out_axis_(out_axis), out_min_(out_min), out_max_(out_max) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(8, 8); !status.ok()) return status;
    const Tensor& lhs = context.input(kLhs);
    const Tensor& rhs = context.input(kRhs);
    if (absl::Status status = CheckDotShapes(context, lhs, rhs); !status.ok()) return status;
    const Tensor& lhs_scales = context.input(2);
    const Tensor& lhs_zero_points = context.input(3);
    const Tensor& rhs_scales = context.input(4);
    const Tensor& rhs_zero_points = context.input(5);
    const Tensor& out_scales = context.input(6);
    const Tensor& out_zero_points = context.input(7);
    const int64_t batches = lhs.dim(0);
    const int64_t channels = rhs.dim(1);
    const Shape out_shape = {batches, channels};
    for (const absl::Status& status :
         {CheckQuantizationParams(context, lhs.shape(), lhs_scales, lhs_zero_points, -1, "lhs"),
          CheckQuantizationParams(context, rhs.shape(), rhs_scales, rhs_zero_points, rhs_axis_,
                                  "rhs"),
          CheckQuantizationParams(context, out_shape, out_scales, out_zero_points, out_axis_,
                                  "output"),
          CheckPositive(context, lhs_scales, "lhs/rhs/output"),
          CheckPositive(context, rhs_scales, "lhs/rhs/output"),
          CheckPositive(context, out_scales, "lhs/rhs/output")}) {
      if (!status.ok()) return status;
    }
    // One multiplier per output channel (or one for all): lhs_scale * rhs_scale / output_scale.
    const int64_t slices = rhs_axis_ == 1 ? channels : 1;
    std::vector<int32_t> multipliers(slices);
    std::vector<int> shifts(slices);
    const float lhs_scale = lhs_scales.data<float>()[0];
    for (int64_t c = 0; c < slices; ++c) {
      const double multiplier = static_cast<double>(lhs_scale) * rhs_scales.data<float>()[c] /
                                out_scales.data<float>()[out_axis_ == 1 ? c : 0];
      if (absl::Status status =
              QuantizeMultiplier(context, multiplier, &multipliers[c], &shifts[c]);
          !status.ok()) {
        return status;
      }
    }
    const std::vector<int32_t> lhs_zero(batches, lhs_zero_points.data<int32_t>()[0]);
    const std::vector<int32_t> acc =
        Accumulate(lhs.data<int8_t>(), lhs_zero.data(), rhs.data<int8_t>(), rhs_zero_points,
                   batches, lhs.dim(1), channels);
    Tensor output = *Tensor::Allocate(tensorflow::DT_QINT32, out_shape);
    int32_t* out = output.mutable_data<int32_t>();
    const int32_t* out_zero = out_zero_points.data<int32_t>();
    for (int64_t b = 0; b < batches; ++b) {
      for (int64_t c = 0; c < channels; ++c) {
        const int64_t s = slices == 1 ? 0 : c;
        const int32_t value =
            static_cast<int32_t>(static_cast<uint32_t>(MultiplyByQuantizedMultiplier(
                                     acc[b * channels + c], multipliers[s], shifts[s])) +
                                 static_cast<uint32_t>(out_zero[out_axis_ == 1 ? c : 0]));
        out[b * channels + c] = std::clamp(value, out_min_, out_max_);
      }
    }
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  int rhs_axis_;
  int out_axis_;
  int32_t out_min_;
  int32_t out_max_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformQuantizedDot(
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
  if (*lhs_axis != -1) return context.Error("lhs_quantization_axis Attr must be -1 (per-tensor).");
  if (absl::Status status = CheckRhsAxis(context, *rhs_axis); !status.ok()) return status;
  if (*out_axis != -1 && *out_axis != 1) {
    return context.Error(
        "output_quantization_axis Attr must be -1 (per-tensor) or 1 (per-channel along output "
        "feature dimension).");
  }
  if (*rhs_axis == -1 && *out_axis != -1) {
    return context.Error(
        "If rhs is per-tensor quantized, output must be also per-tensor quantized.");
  }
  return std::make_unique<UniformQuantizedDotKernel>(*rhs_axis, *out_axis, range->first,
                                                     range->second);
}

REGISTER_KERNEL_FACTORY("UniformQuantizedDot", BuildUniformQuantizedDot,
                        {{"Tin", {tensorflow::DT_QINT8}}, {"Tout", {tensorflow::DT_QINT32}}});

// --- UniformQuantizedDotHybrid ------------------------------------------------------------------

class UniformQuantizedDotHybridKernel : public Kernel {
 public:
  explicit UniformQuantizedDotHybridKernel(int rhs_axis) : rhs_axis_(rhs_axis) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& lhs = context.input(kLhs);
    const Tensor& rhs = context.input(kRhs);
    const Tensor& rhs_scales = context.input(2);
    const Tensor& rhs_zero_points = context.input(3);
    for (const absl::Status& status : {CheckDotShapes(context, lhs, rhs),
                                       CheckQuantizationParams(context, rhs.shape(), rhs_scales,
                                                               rhs_zero_points, rhs_axis_, "rhs"),
                                       CheckPositive(context, rhs_scales, "rhs")}) {
      if (!status.ok()) return status;
    }
    const int64_t batches = lhs.dim(0);
    const int64_t depth = lhs.dim(1);
    const int64_t channels = rhs.dim(1);
    // lhs quantized per batch row to qint8's whole range.
    std::vector<int8_t> lhs_codes(lhs.num_elements());
    std::vector<float> lhs_scales(batches);
    std::vector<int32_t> lhs_zero(batches);
    const float* in = lhs.data<float>();
    for (int64_t b = 0; b < batches; ++b) {
      const float* row = in + b * depth;
      const auto [low, high] = std::minmax_element(row, row + depth);
      const AsymmetricQuantizer quantize(depth == 0 ? 0.0f : *low, depth == 0 ? 0.0f : *high,
                                         Lowest<int8_t>(), Highest<int8_t>());
      lhs_scales[b] = quantize.scale();
      lhs_zero[b] = quantize.zero_point();
      for (int64_t k = 0; k < depth; ++k) lhs_codes[b * depth + k] = quantize(row[k]);
    }
    const std::vector<int32_t> acc =
        Accumulate(lhs_codes.data(), lhs_zero.data(), rhs.data<int8_t>(), rhs_zero_points, batches,
                   depth, channels);
    Tensor output = *Tensor::Allocate(tensorflow::DT_FLOAT, {batches, channels});
    float* out = output.mutable_data<float>();
    const float* rhs_scale = rhs_scales.data<float>();
    for (int64_t b = 0; b < batches; ++b) {
      for (int64_t c = 0; c < channels; ++c) {
        out[b * channels + c] = static_cast<float>(acc[b * channels + c]) * lhs_scales[b] *
                                rhs_scale[rhs_axis_ == 1 ? c : 0];
      }
    }
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  int rhs_axis_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformQuantizedDotHybrid(
    const KernelBuildContext& context) {
  absl::StatusOr<int> rhs_axis = ReadAxis(context, "rhs_quantization_axis");
  if (!rhs_axis.ok()) return rhs_axis.status();
  if (absl::Status status = CheckRhsAxis(context, *rhs_axis); !status.ok()) return status;
  return std::make_unique<UniformQuantizedDotHybridKernel>(*rhs_axis);
}

REGISTER_KERNEL_FACTORY("UniformQuantizedDotHybrid", BuildUniformQuantizedDotHybrid,
                        {{"Tlhs", {tensorflow::DT_FLOAT}},
                         {"Trhs", {tensorflow::DT_QINT8}},
                         {"Tout", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
