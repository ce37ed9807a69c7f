// Conv: TF's generic convolution over 2 or 3 spatial dims with `batch_dims` leading batch dims
// (flattened for the computation), computed exactly by the reference convolution: double for
// floats (rounded once), int64 for int32 (wrapping as TF's int32 arithmetic).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/nn/conv_reference.h"
#include "runtime/kernels/nn/reference_kernels.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;
constexpr int kFilter = 1;

template <typename T>
std::vector<T> Convolve(const ConvGeometry& geometry, bool channels_first, const Tensor& input,
                        const Shape& flat_input_shape, const Tensor& filter) {
  std::vector<T> x = linalg::ValuesAs<T>(input);
  if (channels_first) x = ChannelsFirstToLastValues(x, flat_input_shape);
  std::vector<T> y = ConvForward(geometry, x, linalg::ValuesAs<T>(filter));
  if (channels_first) y = ChannelsLastToFirstValues(y, ConvOutputShape(geometry));
  return y;
}

class ConvKernel : public Kernel {
 public:
  ConvKernel(ConvAttrs attrs, int64_t batch_dims, bool depthwise = false)
      : attrs_(std::move(attrs)), batch_dims_(batch_dims), depthwise_(depthwise) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const Tensor& filter = context.input(kFilter);
    const int s = attrs_.spatial_dims;
    if (input.rank() != batch_dims_ + s + 1) {
      return context.Error(absl::StrCat(
          "The input must have ", batch_dims_, " batch dims and 2 or 3 spatial dimensions (rank ",
          batch_dims_ + s + 1, " for the strides given), got shape ", ShapeString(input.shape())));
    }
    if (filter.rank() != s + 2) {
      return context.Error(
          absl::StrCat("The filter must be rank ", s + 2, " but got ", filter.rank()));
    }
    if (filter.num_elements() == 0) {
      return context.Error(
          "filter must not have zero elements (i.e. all dimensions must be non-zero)");
    }
    // [batch..., rest] -> [prod(batch), rest].
    Shape flat = {1};
    for (int i = 0; i < batch_dims_; ++i) flat[0] *= input.dim(i);
    flat.insert(flat.end(), input.shape().begin() + batch_dims_, input.shape().end());
    const Shape last = attrs_.channels_first ? ChannelsFirstToLastShape(flat) : flat;
    if (last.back() != filter.dim(s)) {
      return context.Error(absl::StrCat("Input depth must be equal to filter depth: ", last.back(),
                                        " vs ", filter.dim(s)));
    }
    // Depthwise: filter [k..., in, multiplier] is the grouped [k..., 1, in * multiplier].
    absl::StatusOr<ConvGeometry> geometry = MakeConvGeometry(
        attrs_, last[0], std::vector<int64_t>(last.begin() + 1, last.end() - 1), last.back(),
        std::vector<int64_t>(filter.shape().begin(), filter.shape().begin() + s),
        depthwise_ ? 1 : filter.dim(s),
        depthwise_ ? filter.dim(s) * filter.dim(s + 1) : filter.dim(s + 1));
    if (!geometry.ok()) return context.Error(geometry.status().message());
    Shape out_shape = ConvOutputShape(*geometry);
    if (attrs_.channels_first) out_shape = ChannelsLastToFirstShape(out_shape);
    Shape expanded(input.shape().begin(), input.shape().begin() + batch_dims_);
    expanded.insert(expanded.end(), out_shape.begin() + 1, out_shape.end());
    absl::StatusOr<Tensor> output =
        input.dtype() == tensorflow::DT_INT32
            ? linalg::TensorFrom(
                  input.dtype(), expanded,
                  Convolve<int64_t>(*geometry, attrs_.channels_first, input, flat, filter))
            : linalg::TensorFrom(
                  input.dtype(), expanded,
                  Convolve<double>(*geometry, attrs_.channels_first, input, flat, filter));
    if (!output.ok()) return context.Error(output.status().message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  ConvAttrs attrs_;
  int64_t batch_dims_;
  bool depthwise_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildConv(const KernelBuildContext& context) {
  absl::StatusOr<int64_t> groups = context.attrs.GetInt("groups");
  if (!groups.ok()) return groups.status();
  if (*groups != 1) return context.Error("Grouped/Depthwise Convolutions are not supported yet.");
  absl::StatusOr<int64_t> batch_dims = context.attrs.GetInt("batch_dims");
  if (!batch_dims.ok()) return batch_dims.status();
  if (*batch_dims < 1) return context.Error("batch_dims must be at least 1");
  absl::StatusOr<std::vector<int64_t>> strides = context.attrs.GetIntList("strides");
  if (!strides.ok()) return strides.status();
  const int spatial_dims = static_cast<int>(strides->size()) - 2;
  if (spatial_dims != 2 && spatial_dims != 3) {
    return context.Error(absl::StrCat("The input must have 2 or 3 spatial dimensions but got ",
                                      spatial_dims, " (from ", strides->size(), " strides)"));
  }
  absl::StatusOr<std::string> format = context.attrs.GetString("data_format");
  if (!format.ok()) return format.status();
  if (*format != "CHANNELS_LAST" && *format != "CHANNELS_FIRST") {
    return context.Error(absl::StrCat("Unknown data format: ", *format));
  }
  absl::StatusOr<ConvAttrs> attrs = ReadConvAttrs(context, spatial_dims, "CHANNELS_FIRST");
  if (!attrs.ok()) return attrs.status();
  return std::make_unique<ConvKernel>(*std::move(attrs), *batch_dims);
}

}  // namespace

bool IsFloat32Node(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("T");
  return !dtype.ok() || *dtype == tensorflow::DT_FLOAT;
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildReferenceConv(
    const KernelBuildContext& context, int spatial_dims, bool depthwise,
    absl::string_view channels_first_format) {
  absl::StatusOr<ConvAttrs> attrs = ReadConvAttrs(context, spatial_dims, channels_first_format);
  if (!attrs.ok()) return attrs.status();
  return std::make_unique<ConvKernel>(*std::move(attrs), 1, depthwise);
}

namespace {

REGISTER_KERNEL_FACTORY("Conv", BuildConv,
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE, tensorflow::DT_INT32}}});

}  // namespace
}  // namespace tfjs::runtime::nn
