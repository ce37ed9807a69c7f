// UniformQuantizedConvolution and UniformQuantizedConvolutionHybrid: XLA-style N-d convolution
// (strides, SAME/VALID/EXPLICIT padding, lhs and rhs dilation, feature and batch groups, any
// dimension order through `dimension_numbers`) of uniform quantized operands; the first
// requantizes to the output's scales, the second quantizes its float lhs per batch on the fly and
// returns float.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "proto/uniform_quant_ops_attr.pb.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/uniform_quant_utils.h"

namespace tfjs::runtime::quantized {
namespace {

constexpr int kLhs = 0;
constexpr int kRhs = 1;

// Where batch, features and spatial axes sit in lhs ("input"), rhs ("kernel") and output.
struct DimensionNumbers {
  int64_t input_batch = 0;
  int64_t input_feature = 1;
  std::vector<int64_t> input_spatial;
  int64_t kernel_output_feature = 0;
  int64_t kernel_input_feature = 1;
  std::vector<int64_t> kernel_spatial;
  int64_t output_batch = 0;
  int64_t output_feature = 1;
  std::vector<int64_t> output_spatial;
};

// The attrs as given; lists may be empty (filled per call from the operands' rank).
struct ConvAttrs {
  std::vector<int64_t> window_strides;
  std::string padding;
  std::vector<int64_t> explicit_padding;
  std::vector<int64_t> lhs_dilation;
  std::vector<int64_t> rhs_dilation;
  int64_t feature_group_count = 1;
  int64_t batch_group_count = 1;
  // False when the dimension_numbers attr is empty: TF's NCHW / OIHW / NCHW defaults.
  bool has_dimension_numbers = false;
  DimensionNumbers dimension_numbers;
};

// The convolution of one lhs and rhs shape, everything resolved.
struct ConvGeometry {
  DimensionNumbers dims;
  std::vector<int64_t> strides;
  std::vector<int64_t> lhs_dilation;
  std::vector<int64_t> rhs_dilation;
  // (begin, end) per spatial axis.
  std::vector<int64_t> padding;
  int64_t feature_group_count = 1;
  int64_t batch_group_count = 1;
  Shape output_shape;
};

int64_t DilatedSize(int64_t size, int64_t dilation) {
  return size == 0 ? 0 : size + (dilation - 1) * (size - 1);
}

absl::StatusOr<ConvAttrs> ReadConvAttrs(const KernelBuildContext& context) {
  ConvAttrs attrs;
  absl::StatusOr<std::vector<int64_t>> strides = context.attrs.GetIntList("window_strides");
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  absl::StatusOr<std::vector<int64_t>> explicit_padding =
      context.attrs.GetIntList("explicit_padding");
  absl::StatusOr<std::vector<int64_t>> lhs_dilation = context.attrs.GetIntList("lhs_dilation");
  absl::StatusOr<std::vector<int64_t>> rhs_dilation = context.attrs.GetIntList("rhs_dilation");
  absl::StatusOr<int64_t> feature_groups = context.attrs.GetInt("feature_group_count");
  absl::StatusOr<int64_t> batch_groups = context.attrs.GetInt("batch_group_count");
  absl::StatusOr<std::string> dimension_numbers = context.attrs.GetString("dimension_numbers");
  for (const absl::Status& status :
       {strides.status(), padding.status(), explicit_padding.status(), lhs_dilation.status(),
        rhs_dilation.status(), feature_groups.status(), batch_groups.status(),
        dimension_numbers.status()}) {
    if (!status.ok()) return status;
  }
  if (*padding != "SAME" && *padding != "VALID" && *padding != "EXPLICIT") {
    return context.Error(
        absl::StrCat("padding must be SAME, VALID or EXPLICIT, given \"", *padding, "\""));
  }
  attrs.window_strides = *std::move(strides);
  attrs.padding = *std::move(padding);
  attrs.explicit_padding = *std::move(explicit_padding);
  attrs.lhs_dilation = *std::move(lhs_dilation);
  attrs.rhs_dilation = *std::move(rhs_dilation);
  attrs.feature_group_count = *feature_groups;
  attrs.batch_group_count = *batch_groups;
  if (!dimension_numbers->empty()) {
    tensorflow::UniformQuantizedConvolutionDimensionNumbersAttr proto;
    if (!proto.ParseFromString(*dimension_numbers)) {
      return context.Error("Error parsing convolution dimension numbers.");
    }
    attrs.has_dimension_numbers = true;
    DimensionNumbers& dims = attrs.dimension_numbers;
    dims.input_batch = proto.input_batch_dimension();
    dims.input_feature = proto.input_feature_dimension();
    dims.input_spatial.assign(proto.input_spatial_dimensions().begin(),
                              proto.input_spatial_dimensions().end());
    dims.kernel_output_feature = proto.kernel_output_feature_dimension();
    dims.kernel_input_feature = proto.kernel_input_feature_dimension();
    dims.kernel_spatial.assign(proto.kernel_spatial_dimensions().begin(),
                               proto.kernel_spatial_dimensions().end());
    dims.output_batch = proto.output_batch_dimension();
    dims.output_feature = proto.output_feature_dimension();
    dims.output_spatial.assign(proto.output_spatial_dimensions().begin(),
                               proto.output_spatial_dimensions().end());
  }
  return attrs;
}

// A per-axis list attr: empty gives ones; otherwise one positive value per spatial axis.
absl::Status FillSpatialList(const OpContext& context, const char* name,
                             const std::vector<int64_t>& given, int64_t spatial,
                             std::vector<int64_t>* out) {
  if (given.empty()) {
    out->assign(spatial, 1);
    return absl::OkStatus();
  }
  if (static_cast<int64_t>(given.size()) != spatial) {
    return context.Error(absl::StrCat("Size of ", name, " Attr must be dims - 2. Given dims ",
                                      spatial + 2, " and ", name, " size ", given.size()));
  }
  for (int64_t value : given) {
    if (value < 1) {
      return context.Error(absl::StrCat("All elements of ", name, " must be >= 1. Given [",
                                        absl::StrJoin(given, ", "), "]"));
    }
  }
  *out = given;
  return absl::OkStatus();
}

// Each of the three layouts must name every axis of the rank once.
absl::Status CheckDimensionNumbers(const OpContext& context, const DimensionNumbers& dims,
                                   int rank) {
  const auto is_permutation = [rank](int64_t a, int64_t b, const std::vector<int64_t>& spatial) {
    std::vector<int64_t> all = {a, b};
    all.insert(all.end(), spatial.begin(), spatial.end());
    if (static_cast<int>(all.size()) != rank) return false;
    std::sort(all.begin(), all.end());
    for (int i = 0; i < rank; ++i) {
      if (all[i] != i) return false;
    }
    return true;
  };
  if (!is_permutation(dims.input_batch, dims.input_feature, dims.input_spatial) ||
      !is_permutation(dims.kernel_output_feature, dims.kernel_input_feature, dims.kernel_spatial) ||
      !is_permutation(dims.output_batch, dims.output_feature, dims.output_spatial)) {
    return context.Error(absl::StrCat(
        "dimension_numbers must give the batch, feature and rank - 2 spatial dimensions of lhs, "
        "rhs and output as a permutation of [0, ",
        rank, ")"));
  }
  return absl::OkStatus();
}

// TF's UniformQuantizedConvolutionParams::ValidateOrFillParamsAndValidateShape, padding list
// and CalculateOutputShape.
absl::StatusOr<ConvGeometry> Resolve(const OpContext& context, const ConvAttrs& attrs,
                                     const Shape& lhs, const Shape& rhs) {
  if (lhs.size() != rhs.size()) {
    return context.Error(absl::StrCat(
        "lhs and rhs must have same dims. Given lhs and rhs of shapes: ", ShapeString(lhs),
        ShapeString(rhs)));
  }
  const int rank = static_cast<int>(lhs.size());
  if (rank <= 2) {
    return context.Error(absl::StrCat("lhs and rhs shape dims must be at least 3. Given: ", rank));
  }
  const int64_t spatial = rank - 2;
  ConvGeometry g;
  for (const absl::Status& status :
       {FillSpatialList(context, "window_strides", attrs.window_strides, spatial, &g.strides),
        FillSpatialList(context, "lhs_dilation", attrs.lhs_dilation, spatial, &g.lhs_dilation),
        FillSpatialList(context, "rhs_dilation", attrs.rhs_dilation, spatial, &g.rhs_dilation)}) {
    if (!status.ok()) return status;
  }
  if (attrs.has_dimension_numbers) {
    g.dims = attrs.dimension_numbers;
    if (absl::Status status = CheckDimensionNumbers(context, g.dims, rank); !status.ok()) {
      return status;
    }
  } else {
    for (int64_t i = 0; i < spatial; ++i) {
      g.dims.input_spatial.push_back(2 + i);
      g.dims.kernel_spatial.push_back(2 + i);
      g.dims.output_spatial.push_back(2 + i);
    }
  }
  const DimensionNumbers& dims = g.dims;
  g.feature_group_count = attrs.feature_group_count;
  g.batch_group_count = attrs.batch_group_count;
  if (g.feature_group_count <= 0) {
    return context.Error(absl::StrCat("feature_group_count must be a positive integer, given: ",
                                      g.feature_group_count));
  }
  const int64_t lhs_features = lhs[dims.input_feature];
  const int64_t rhs_in_features = rhs[dims.kernel_input_feature];
  const int64_t rhs_out_features = rhs[dims.kernel_output_feature];
  if (lhs_features % g.feature_group_count != 0) {
    return context.Error(
        absl::StrCat("feature_group_count must divide lhs feature dimension size, but ",
                     g.feature_group_count, " does not divide ", lhs_features));
  }
  if (rhs_in_features == 0 || lhs_features % rhs_in_features != 0) {
    return context.Error(
        absl::StrCat("rhs input feature dimension must divide lhs feature dimension size, but ",
                     rhs_in_features, " does not divide ", lhs_features));
  }
  if (lhs_features / g.feature_group_count != rhs_in_features) {
    return context.Error(absl::StrCat(
        "lhs feature dimension size divided by feature_group_count must equal the rhs input "
        "feature dimension size, but ",
        lhs_features, " / ", g.feature_group_count, " != ", rhs_in_features));
  }
  if (rhs_out_features % g.feature_group_count != 0) {
    return context.Error(
        absl::StrCat("rhs output dimension size must be a multiple of feature_group_count, but ",
                     rhs_out_features, " is not a multiple of ", g.feature_group_count));
  }
  if (g.batch_group_count <= 0) {
    return context.Error(absl::StrCat("batch_group_count Attr must be a positive integer. Given: ",
                                      g.batch_group_count));
  }
  const int64_t lhs_batch = lhs[dims.input_batch];
  if (lhs_batch % g.batch_group_count != 0) {
    return context.Error(
        absl::StrCat("batch_group_count must divide lhs batch dimension size, but ",
                     g.batch_group_count, " does not divide ", lhs_batch));
  }
  if (rhs_out_features % g.batch_group_count != 0) {
    return context.Error(
        absl::StrCat("rhs output dimension size must be a multiple of batch_group_count, but ",
                     rhs_out_features, " is not a multiple of ", g.batch_group_count));
  }
  if (g.batch_group_count > 1 && lhs_batch != g.batch_group_count) {
    // Which lhs batch row an output (batch, feature) reads is not settled here beyond one row
    // per group (see the kernel's notes): refused rather than guessed.
    return context.Error(absl::StrCat(
        "batch_group_count > 1 is supported only when it equals the lhs batch size, given ",
        g.batch_group_count, " and ", lhs_batch));
  }
  // Padding.
  if (attrs.padding == "EXPLICIT") {
    if (static_cast<int64_t>(attrs.explicit_padding.size()) != 2 * spatial) {
      return context.Error(
          absl::StrCat("Size of explicit_padding Attr must be 2 * (rank - 2). Given rank ", rank,
                       " and explicit_padding of size ", attrs.explicit_padding.size()));
    }
    for (int64_t value : attrs.explicit_padding) {
      if (value < 0) {
        return context.Error(absl::StrCat("All explicit_padding elements must be >= 0, Given [",
                                          absl::StrJoin(attrs.explicit_padding, ", "), "]"));
      }
    }
    g.padding = attrs.explicit_padding;
  } else {
    if (!attrs.explicit_padding.empty()) {
      return context.Error(absl::StrCat(
          "explicit_padding Attr must be empty if padding is not EXPLICIT. Given padding ",
          attrs.padding, " and explicit_padding of size ", attrs.explicit_padding.size()));
    }
    g.padding.assign(2 * spatial, 0);
    if (attrs.padding == "SAME") {
      for (int64_t i = 0; i < spatial; ++i) {
        const int64_t lhs_size = DilatedSize(lhs[dims.input_spatial[i]], g.lhs_dilation[i]);
        const int64_t rhs_size = DilatedSize(rhs[dims.kernel_spatial[i]], g.rhs_dilation[i]);
        const int64_t out_size = (lhs_size + g.strides[i] - 1) / g.strides[i];
        const int64_t total =
            std::max<int64_t>((out_size - 1) * g.strides[i] + rhs_size - lhs_size, 0);
        g.padding[2 * i] = total / 2;
        g.padding[2 * i + 1] = total - total / 2;
      }
    }
  }
  // Output shape.
  g.output_shape.assign(rank, 0);
  g.output_shape[dims.output_batch] = lhs_batch / g.batch_group_count;
  g.output_shape[dims.output_feature] = rhs_out_features;
  for (int64_t i = 0; i < spatial; ++i) {
    const int64_t lhs_size = DilatedSize(lhs[dims.input_spatial[i]], g.lhs_dilation[i]);
    const int64_t rhs_size = DilatedSize(rhs[dims.kernel_spatial[i]], g.rhs_dilation[i]);
    const int64_t span = lhs_size + g.padding[2 * i] + g.padding[2 * i + 1] - rhs_size;
    if (span < 0) {
      return context.Error(absl::StrCat(
          "the dilated rhs (", rhs_size, ") is larger than the padded, dilated lhs (",
          lhs_size + g.padding[2 * i] + g.padding[2 * i + 1], ") in spatial dimension ", i));
    }
    g.output_shape[dims.output_spatial[i]] = span / g.strides[i] + 1;
  }
  return g;
}

std::vector<int64_t> RowMajorStrides(const Shape& shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (int d = static_cast<int>(shape.size()) - 2; d >= 0; --d) {
    strides[d] = strides[d + 1] * shape[d + 1];
  }
  return strides;
}

// Advances a multi-index over `sizes`; false once it wraps to all zeros.
bool Next(std::vector<int64_t>& index, const std::vector<int64_t>& sizes) {
  for (int d = static_cast<int>(index.size()) - 1; d >= 0; --d) {
    if (++index[d] < sizes[d]) return true;
    index[d] = 0;
  }
  return false;
}

// For every output element: the int32 sum over its window and input features of
// (lhs - lhs_zero[lhs batch]) * (rhs - rhs_zero[output feature]); positions in the padding or in
// the holes of lhs dilation add nothing (they hold the zero point). Calls
// emit(output flat index, sum, lhs batch, output feature).
template <typename Emit>
void Convolve(const ConvGeometry& g, const Shape& lhs_shape, const int8_t* lhs,
              const int32_t* lhs_zero, const Shape& rhs_shape, const int8_t* rhs,
              const int32_t* rhs_zero, bool rhs_per_channel, Emit emit) {
  const DimensionNumbers& dims = g.dims;
  const int spatial = static_cast<int>(dims.input_spatial.size());
  const std::vector<int64_t> lhs_strides = RowMajorStrides(lhs_shape);
  const std::vector<int64_t> rhs_strides = RowMajorStrides(rhs_shape);
  const std::vector<int64_t> out_strides = RowMajorStrides(g.output_shape);
  const int64_t out_batches = g.output_shape[dims.output_batch];
  const int64_t out_features = g.output_shape[dims.output_feature];
  const int64_t in_features = rhs_shape[dims.kernel_input_feature];
  const int64_t per_feature_group = out_features / g.feature_group_count;
  const int64_t per_batch_group = out_features / g.batch_group_count;
  std::vector<int64_t> out_sizes(spatial), kernel_sizes(spatial), lhs_sizes(spatial);
  for (int i = 0; i < spatial; ++i) {
    out_sizes[i] = g.output_shape[dims.output_spatial[i]];
    kernel_sizes[i] = rhs_shape[dims.kernel_spatial[i]];
    lhs_sizes[i] = lhs_shape[dims.input_spatial[i]];
  }
  for (int i = 0; i < spatial; ++i) {
    if (out_sizes[i] == 0) return;
  }
  for (int64_t ob = 0; ob < out_batches; ++ob) {
    for (int64_t of = 0; of < out_features; ++of) {
      const int64_t feature_group = of / per_feature_group;
      const int64_t lb = (of / per_batch_group) * out_batches + ob;
      const int32_t right_zero = rhs_zero[rhs_per_channel ? of : 0];
      std::vector<int64_t> out_pos(spatial, 0);
      do {
        int64_t out_index =
            ob * out_strides[dims.output_batch] + of * out_strides[dims.output_feature];
        for (int i = 0; i < spatial; ++i)
          out_index += out_pos[i] * out_strides[dims.output_spatial[i]];
        uint32_t sum = 0;
        std::vector<int64_t> k_pos(spatial, 0);
        bool any_kernel = true;
        for (int i = 0; i < spatial; ++i) any_kernel = any_kernel && kernel_sizes[i] > 0;
        while (any_kernel) {
          int64_t lhs_offset = lb * lhs_strides[dims.input_batch];
          int64_t rhs_offset = of * rhs_strides[dims.kernel_output_feature];
          bool inside = true;
          for (int i = 0; i < spatial && inside; ++i) {
            const int64_t p =
                out_pos[i] * g.strides[i] - g.padding[2 * i] + k_pos[i] * g.rhs_dilation[i];
            if (p < 0 || p % g.lhs_dilation[i] != 0 || p / g.lhs_dilation[i] >= lhs_sizes[i]) {
              inside = false;
              break;
            }
            lhs_offset += (p / g.lhs_dilation[i]) * lhs_strides[dims.input_spatial[i]];
            rhs_offset += k_pos[i] * rhs_strides[dims.kernel_spatial[i]];
          }
          if (inside) {
            for (int64_t ic = 0; ic < in_features; ++ic) {
              const int64_t lf = feature_group * in_features + ic;
              const int32_t left =
                  static_cast<int32_t>(lhs[lhs_offset + lf * lhs_strides[dims.input_feature]]) -
                  lhs_zero[lb];
              const int32_t right =
                  static_cast<int32_t>(
                      rhs[rhs_offset + ic * rhs_strides[dims.kernel_input_feature]]) -
                  right_zero;
              sum += static_cast<uint32_t>(left * right);
            }
          }
          if (!Next(k_pos, kernel_sizes)) break;
        }
        emit(out_index, static_cast<int32_t>(sum), lb, of);
      } while (Next(out_pos, out_sizes));
    }
  }
}

// The rhs and output axes TF allows: per tensor or along the (kernel) output feature dimension.
absl::Status CheckAxes(const KernelBuildContext& context, const ConvAttrs& attrs, int rhs_axis,
                       const int* out_axis) {
  const int64_t kernel_out =
      attrs.has_dimension_numbers ? attrs.dimension_numbers.kernel_output_feature : 0;
  if (rhs_axis != -1 && rhs_axis != kernel_out) {
    return context.Error(
        "rhs_quantization_axis Attr must be -1 (per-tensor) or "
        "dimension_numbers.kernel_output_feature_dimension (per-channel).");
  }
  if (out_axis == nullptr) return absl::OkStatus();
  const int64_t output_feature =
      attrs.has_dimension_numbers ? attrs.dimension_numbers.output_feature : 1;
  if (*out_axis != -1 && *out_axis != output_feature) {
    return context.Error(
        "output_quantization_axis Attr must be -1 (per-tensor) or "
        "dimension_numbers.output_feature_dimension (per-channel).");
  }
  if (rhs_axis == -1 && *out_axis != -1) {
    return context.Error(
        "If rhs is per-tensor quantized, output must be also per-tensor quantized.");
  }
  return absl::OkStatus();
}

// --- UniformQuantizedConvolution ----------------------------------------------------------------

class UniformQuantizedConvolutionKernel : public Kernel {
 public:
  UniformQuantizedConvolutionKernel(ConvAttrs attrs, int rhs_axis, int out_axis, int32_t out_min,
                                    int32_t out_max)
      : attrs_(std::move(attrs)),
        rhs_axis_(rhs_axis),
        out_axis_(out_axis),
        out_min_(out_min),
        out_max_(out_max) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(8, 8); !status.ok()) return status;
    const Tensor& lhs = context.input(kLhs);
    const Tensor& rhs = context.input(kRhs);
    const Tensor& lhs_scales = context.input(2);
    const Tensor& lhs_zero_points = context.input(3);
    const Tensor& rhs_scales = context.input(4);
    const Tensor& rhs_zero_points = context.input(5);
    const Tensor& out_scales = context.input(6);
    const Tensor& out_zero_points = context.input(7);
    absl::StatusOr<ConvGeometry> geometry = Resolve(context, attrs_, lhs.shape(), rhs.shape());
    if (!geometry.ok()) return geometry.status();
    for (const absl::Status& status :
         {CheckQuantizationParams(context, lhs.shape(), lhs_scales, lhs_zero_points, -1, "lhs"),
          CheckQuantizationParams(context, rhs.shape(), rhs_scales, rhs_zero_points, rhs_axis_,
                                  "rhs"),
          CheckQuantizationParams(context, geometry->output_shape, out_scales, out_zero_points,
                                  out_axis_, "output"),
          CheckPositive(context, lhs_scales, "lhs/rhs/output"),
          CheckPositive(context, rhs_scales, "lhs/rhs/output"),
          CheckPositive(context, out_scales, "lhs/rhs/output")}) {
      if (!status.ok()) return status;
    }
    const int64_t features = geometry->output_shape[geometry->dims.output_feature];
    const int64_t slices = rhs_axis_ == -1 ? 1 : features;
    std::vector<int32_t> multipliers(slices);
    std::vector<int> shifts(slices);
    const float lhs_scale = lhs_scales.data<float>()[0];
    for (int64_t f = 0; f < slices; ++f) {
      const double multiplier = static_cast<double>(lhs_scale) * rhs_scales.data<float>()[f] /
                                out_scales.data<float>()[out_axis_ == -1 ? 0 : f];
      if (absl::Status status =
              QuantizeMultiplier(context, multiplier, &multipliers[f], &shifts[f]);
          !status.ok()) {
        return status;
      }
    }
    const std::vector<int32_t> lhs_zero(std::max<int64_t>(lhs.dim(geometry->dims.input_batch), 1),
                                        lhs_zero_points.data<int32_t>()[0]);
    Tensor output = *Tensor::Zeros(tensorflow::DT_QINT32, geometry->output_shape);
    int32_t* out = output.mutable_data<int32_t>();
    const int32_t* out_zero = out_zero_points.data<int32_t>();
    Convolve(
        *geometry, lhs.shape(), lhs.data<int8_t>(), lhs_zero.data(), rhs.shape(),
        rhs.data<int8_t>(), rhs_zero_points.data<int32_t>(), rhs_axis_ != -1,
        [&](int64_t index, int32_t sum, int64_t, int64_t feature) {
          const int64_t s = slices == 1 ? 0 : feature;
          const int32_t value = static_cast<int32_t>(
              static_cast<uint32_t>(MultiplyByQuantizedMultiplier(sum, multipliers[s], shifts[s])) +
              static_cast<uint32_t>(out_zero[out_axis_ == -1 ? 0 : feature]));
          out[index] = std::clamp(value, out_min_, out_max_);
        });
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  ConvAttrs attrs_;
  int rhs_axis_;
  int out_axis_;
  int32_t out_min_;
  int32_t out_max_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformQuantizedConvolution(
    const KernelBuildContext& context) {
  absl::StatusOr<ConvAttrs> attrs = ReadConvAttrs(context);
  absl::StatusOr<int> lhs_axis = ReadAxis(context, "lhs_quantization_axis");
  absl::StatusOr<int> rhs_axis = ReadAxis(context, "rhs_quantization_axis");
  absl::StatusOr<int> out_axis = ReadAxis(context, "output_quantization_axis");
  absl::StatusOr<std::pair<int32_t, int32_t>> range =
      ReadMinMax(context, "output_quantization_min_val", "output_quantization_max_val");
  for (const absl::Status& status :
       {attrs.status(), lhs_axis.status(), rhs_axis.status(), out_axis.status(), range.status()}) {
    if (!status.ok()) return status;
  }
  if (*lhs_axis != -1) return context.Error("lhs_quantization_axis Attr must be -1 (per-tensor).");
  if (absl::Status status = CheckAxes(context, *attrs, *rhs_axis, &*out_axis); !status.ok()) {
    return status;
  }
  return std::make_unique<UniformQuantizedConvolutionKernel>(
      *std::move(attrs), *rhs_axis, *out_axis, range->first, range->second);
}

REGISTER_KERNEL_FACTORY("UniformQuantizedConvolution", BuildUniformQuantizedConvolution,
                        {{"Tin", {tensorflow::DT_QINT8}}, {"Tout", {tensorflow::DT_QINT32}}});

// --- UniformQuantizedConvolutionHybrid ----------------------------------------------------------

class UniformQuantizedConvolutionHybridKernel : public Kernel {
 public:
  UniformQuantizedConvolutionHybridKernel(ConvAttrs attrs, int rhs_axis)
      : attrs_(std::move(attrs)), rhs_axis_(rhs_axis) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
    const Tensor& lhs = context.input(kLhs);
    const Tensor& rhs = context.input(kRhs);
    const Tensor& rhs_scales = context.input(2);
    const Tensor& rhs_zero_points = context.input(3);
    absl::StatusOr<ConvGeometry> geometry = Resolve(context, attrs_, lhs.shape(), rhs.shape());
    if (!geometry.ok()) return geometry.status();
    for (const absl::Status& status : {CheckQuantizationParams(context, rhs.shape(), rhs_scales,
                                                               rhs_zero_points, rhs_axis_, "rhs"),
                                       CheckPositive(context, rhs_scales, "rhs")}) {
      if (!status.ok()) return status;
    }
    // lhs quantized per batch (along input_batch_dimension) to qint8's whole range.
    const int batch_dim = static_cast<int>(geometry->dims.input_batch);
    const int64_t batches = lhs.dim(batch_dim);
    const int64_t inner = RowMajorStrides(lhs.shape())[batch_dim];
    const auto batch_of = [&](int64_t i) { return (i / inner) % batches; };
    const float* in = lhs.data<float>();
    std::vector<float> low(batches, 0.0f), high(batches, 0.0f);
    for (int64_t i = 0; i < lhs.num_elements(); ++i) {
      const int64_t b = batch_of(i);
      low[b] = std::min(low[b], in[i]);
      high[b] = std::max(high[b], in[i]);
    }
    std::vector<AsymmetricQuantizer> quantizers;
    std::vector<float> lhs_scales(batches);
    std::vector<int32_t> lhs_zero(batches);
    for (int64_t b = 0; b < batches; ++b) {
      quantizers.emplace_back(low[b], high[b], Lowest<int8_t>(), Highest<int8_t>());
      lhs_scales[b] = quantizers[b].scale();
      lhs_zero[b] = quantizers[b].zero_point();
    }
    std::vector<int8_t> codes(lhs.num_elements());
    for (int64_t i = 0; i < lhs.num_elements(); ++i) codes[i] = quantizers[batch_of(i)](in[i]);
    Tensor output = *Tensor::Zeros(tensorflow::DT_FLOAT, geometry->output_shape);
    float* out = output.mutable_data<float>();
    const float* rhs_scale = rhs_scales.data<float>();
    Convolve(*geometry, lhs.shape(), codes.data(), lhs_zero.data(), rhs.shape(), rhs.data<int8_t>(),
             rhs_zero_points.data<int32_t>(), rhs_axis_ != -1,
             [&](int64_t index, int32_t sum, int64_t batch, int64_t feature) {
               out[index] = static_cast<float>(sum) * lhs_scales[batch] *
                            rhs_scale[rhs_axis_ == -1 ? 0 : feature];
             });
    context.set_output(0, std::move(output));
    return absl::OkStatus();
  }

 private:
  ConvAttrs attrs_;
  int rhs_axis_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildUniformQuantizedConvolutionHybrid(
    const KernelBuildContext& context) {
  absl::StatusOr<ConvAttrs> attrs = ReadConvAttrs(context);
  absl::StatusOr<int> rhs_axis = ReadAxis(context, "rhs_quantization_axis");
  for (const absl::Status& status : {attrs.status(), rhs_axis.status()}) {
    if (!status.ok()) return status;
  }
  if (absl::Status status = CheckAxes(context, *attrs, *rhs_axis, nullptr); !status.ok()) {
    return status;
  }
  return std::make_unique<UniformQuantizedConvolutionHybridKernel>(*std::move(attrs), *rhs_axis);
}

REGISTER_KERNEL_FACTORY("UniformQuantizedConvolutionHybrid", BuildUniformQuantizedConvolutionHybrid,
                        {{"Tlhs", {tensorflow::DT_FLOAT}},
                         {"Trhs", {tensorflow::DT_QINT8}},
                         {"Tout", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
