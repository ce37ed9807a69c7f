// The gradients of convolutions that transposed-convolution graphs run besides
// Conv2DBackpropInput: Conv2DBackpropFilter, Conv3DBackpropFilter(V2) and the depthwise
// DepthwiseConv2dNativeBackpropFilter / DepthwiseConv2dNativeBackpropInput, computed exactly in
// double by the reference convolution (conv_reference.h) and rounded once to the node's dtype.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/nn/conv_reference.h"
#include "runtime/kernels/nn/reference_kernels.h"

namespace tfjs::runtime::nn {
namespace {

using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_HALF;

// Input 0 is the forward input (or its sizes), 1 the filter (or its sizes), 2 the output's
// gradient.
constexpr int kInput = 0;
constexpr int kFilter = 1;
constexpr int kOutBackprop = 2;

struct GradSpec {
  int spatial_dims = 2;
  bool depthwise = false;
  // Computes the filter's gradient (else the input's).
  bool filter_gradient = true;
  // The operand whose gradient is computed comes as a sizes vector (else as a tensor whose shape
  // is taken).
  bool sizes_input = true;
  const char* channels_first_format = "NCHW";
};

// The shape an operand stands for: the values of an int32 sizes vector, or a tensor's shape.
absl::StatusOr<Shape> OperandShape(const OpContext& context, const Tensor& tensor, bool sizes,
                                   int rank, const char* what) {
  if (!sizes) {
    if (tensor.rank() != rank) {
      return context.Error(absl::StrCat(what, " must be ", rank, "-dimensional, got shape ",
                                        ShapeString(tensor.shape())));
    }
    return tensor.shape();
  }
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(tensor, what);
  if (!values.ok()) return context.Error(values.status().message());
  if (tensor.rank() != 1 || static_cast<int>(values->size()) != rank) {
    return context.Error(absl::StrCat(what, " must be a vector of ", rank, " sizes, got shape ",
                                      ShapeString(tensor.shape())));
  }
  for (int64_t size : *values) {
    if (size < 0) return context.Error(absl::StrCat(what, " must not be negative"));
  }
  return Shape(values->begin(), values->end());
}

class ConvGradKernel : public Kernel {
 public:
  ConvGradKernel(GradSpec spec, ConvAttrs attrs) : spec_(spec), attrs_(std::move(attrs)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const int rank = spec_.spatial_dims + 2;
    const bool filter_sizes = spec_.filter_gradient && spec_.sizes_input;
    const bool input_sizes = !spec_.filter_gradient && spec_.sizes_input;
    absl::StatusOr<Shape> input_shape =
        OperandShape(context, context.input(kInput), input_sizes, rank, "input");
    if (!input_shape.ok()) return input_shape.status();
    absl::StatusOr<Shape> filter_shape =
        OperandShape(context, context.input(kFilter), filter_sizes, rank, "filter");
    if (!filter_shape.ok()) return filter_shape.status();
    const Tensor& out_backprop = context.input(kOutBackprop);
    if (out_backprop.rank() != rank) {
      return context.Error(absl::StrCat("out_backprop must be ", rank, "-dimensional, got shape ",
                                        ShapeString(out_backprop.shape())));
    }
    const DataType dtype = out_backprop.dtype();
    const Shape input_last =
        attrs_.channels_first ? ChannelsFirstToLastShape(*input_shape) : *input_shape;
    const int s = spec_.spatial_dims;
    const std::vector<int64_t> input_spatial(input_last.begin() + 1, input_last.end() - 1);
    const std::vector<int64_t> filter_spatial(filter_shape->begin(), filter_shape->begin() + s);
    const int64_t in_channels = input_last.back();
    if (spec_.depthwise && (*filter_shape)[s] != in_channels) {
      return context.Error(absl::StrCat("input and filter must have the same depth: ", in_channels,
                                        " vs ", (*filter_shape)[s]));
    }
    absl::StatusOr<ConvGeometry> geometry =
        spec_.depthwise
            ? MakeConvGeometry(attrs_, input_last[0], input_spatial, in_channels, filter_spatial, 1,
                               in_channels * (*filter_shape)[s + 1])
            : MakeConvGeometry(attrs_, input_last[0], input_spatial, in_channels, filter_spatial,
                               (*filter_shape)[s], (*filter_shape)[s + 1]);
    if (!geometry.ok()) return context.Error(geometry.status().message());
    const Shape expected_last = ConvOutputShape(*geometry);
    const Shape expected =
        attrs_.channels_first ? ChannelsLastToFirstShape(expected_last) : expected_last;
    if (out_backprop.shape() != expected) {
      return context.Error(absl::StrCat("Size of out_backprop doesn't match computed: actual = ",
                                        ShapeString(out_backprop.shape()),
                                        ", computed = ", ShapeString(expected)));
    }
    std::vector<double> dy = linalg::ValuesAs<double>(out_backprop);
    if (attrs_.channels_first) dy = ChannelsFirstToLastValues(dy, out_backprop.shape());
    absl::StatusOr<Tensor> output;
    if (spec_.filter_gradient) {
      std::vector<double> x = linalg::ValuesAs<double>(context.input(kInput));
      if (attrs_.channels_first) x = ChannelsFirstToLastValues(x, *input_shape);
      output = linalg::TensorFrom(dtype, *filter_shape, ConvBackpropFilter(*geometry, x, dy));
    } else {
      std::vector<double> dx =
          ConvBackpropInput(*geometry, dy, linalg::ValuesAs<double>(context.input(kFilter)));
      if (attrs_.channels_first) dx = ChannelsLastToFirstValues(dx, input_last);
      output = linalg::TensorFrom(dtype, *input_shape, dx);
    }
    if (!output.ok()) return context.Error(output.status().message());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  GradSpec spec_;
  ConvAttrs attrs_;
};

KernelFactory GradFactory(GradSpec spec) {
  return [spec](const KernelBuildContext& context) -> absl::StatusOr<std::unique_ptr<Kernel>> {
    absl::StatusOr<ConvAttrs> attrs =
        ReadConvAttrs(context, spec.spatial_dims, spec.channels_first_format);
    if (!attrs.ok()) return attrs.status();
    return std::make_unique<ConvGradKernel>(spec, *std::move(attrs));
  };
}

}  // namespace

absl::StatusOr<std::unique_ptr<Kernel>> BuildReferenceConv2DBackpropInput(
    const KernelBuildContext& context) {
  return GradFactory({.filter_gradient = false})(context);
}

namespace {

KernelDtypes FloatDtypes() { return {{"T", linalg::HalfAndFloatTypes()}}; }

REGISTER_KERNEL_FACTORY("Conv2DBackpropFilter", GradFactory({}), FloatDtypes());
REGISTER_KERNEL_FACTORY("Conv3DBackpropFilterV2",
                        GradFactory({.spatial_dims = 3, .channels_first_format = "NCDHW"}),
                        FloatDtypes());
REGISTER_KERNEL_FACTORY("Conv3DBackpropFilter",
                        GradFactory({.spatial_dims = 3, .sizes_input = false}),
                        {{"T", {DT_HALF, DT_FLOAT, DT_DOUBLE}}});
REGISTER_KERNEL_FACTORY("DepthwiseConv2dNativeBackpropFilter", GradFactory({.depthwise = true}),
                        FloatDtypes());
REGISTER_KERNEL_FACTORY("DepthwiseConv2dNativeBackpropInput",
                        GradFactory({.depthwise = true, .filter_gradient = false}), FloatDtypes());

}  // namespace
}  // namespace tfjs::runtime::nn
