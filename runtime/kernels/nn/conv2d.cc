// Conv2D, DepthwiseConv2dNative (alias DepthwiseConv2d), their fused forms _FusedConv2D and
// FusedDepthwiseConv2dNative, and TF.js's Conv1D as a Conv2D over a height-1 image, on XNNPACK's
// NHWC convolution. Constant filters are packed once, at load.
#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/epilogue.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/fused_ops.h"
#include "runtime/kernels/nn/layout.h"
#include "runtime/kernels/nn/operator_pool.h"
#include "runtime/kernels/nn/reference_kernels.h"
#include "runtime/kernels/nn/window.h"
#include "runtime/kernels/nn/xnnpack_util.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kInput = 0;
constexpr int kFilter = 1;
constexpr int kFirstArg = 2;

// The filter (with any batch-norm scale folded in) and bias in XNNPACK's layout: OHWI for a
// convolution, 1HW(C*M) for a depthwise one.
struct PackedWeights {
  int64_t kernel_height = 0;
  int64_t kernel_width = 0;
  // The filter's input channels (C for depthwise) and output channels (C*M for depthwise).
  int64_t input_channels = 0;
  int64_t output_channels = 0;
  std::vector<float> kernel;
  // Empty when there is no addend.
  std::vector<float> bias;
};

struct ConvParams {
  bool depthwise = false;
  WindowAttrs window;
  FusedOps fused;
  // Epilogues taken from readers (Kernel::WithEpilogue), after the addend: `fold` (an affine,
  // no clamp) is folded into the packed weights; [output_min, output_max] is XNNPACK's clamp
  // (Relu's and Relu6's bounds included); `post` runs after the activation.
  Epilogue fold;
  float output_min = -std::numeric_limits<float>::infinity();
  float output_max = std::numeric_limits<float>::infinity();
  std::vector<Epilogue> post;

  // True when the activation is none, Relu or Relu6: XNNPACK's clamp computes it.
  bool clamp_activation() const {
    return fused.activation == Activation::kNone || fused.activation == Activation::kRelu ||
           fused.activation == Activation::kRelu6;
  }
};

// Per output channel, the addend's affine followed by the epilogues folded into the weights.
absl::StatusOr<ChannelAffine> OutputAffine(const ConvParams& params,
                                           absl::Span<const Tensor* const> addend_args,
                                           int64_t channels) {
  absl::StatusOr<ChannelAffine> affine = ComputeChannelAffine(params.fused, addend_args, channels);
  if (!affine.ok() || !params.fold.has_affine()) return affine;
  Epilogue addend;
  addend.scale = std::move(affine->scale);
  addend.bias = std::move(affine->bias);
  std::optional<Epilogue> folded = ComposeEpilogues(addend, params.fold, channels);
  if (!folded) {
    return absl::InvalidArgumentError(
        absl::StrCat("a fused epilogue does not fit the ", channels, " output channels"));
  }
  affine->scale = std::move(folded->scale);
  affine->bias = std::move(folded->bias);
  return affine;
}

// Checks `filter` (HWIO, or HWCM for depthwise) and the addend inputs, and packs them.
absl::StatusOr<PackedWeights> PackWeights(const ConvParams& params, const Tensor& filter,
                                          absl::Span<const Tensor* const> addend_args) {
  if (filter.dtype() != tensorflow::DT_FLOAT) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter must be float32, got ", DataTypeName(filter.dtype())));
  }
  if (filter.rank() != 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter must be 4-D, got shape ", ShapeString(filter.shape())));
  }
  PackedWeights packed;
  packed.kernel_height = filter.dim(0);
  packed.kernel_width = filter.dim(1);
  packed.input_channels = filter.dim(2);
  packed.output_channels = params.depthwise ? filter.dim(2) * filter.dim(3) : filter.dim(3);
  if (packed.kernel_height == 0 || packed.kernel_width == 0 || packed.input_channels == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("filter of shape ", ShapeString(filter.shape()), " is empty"));
  }
  absl::StatusOr<ChannelAffine> affine =
      OutputAffine(params, addend_args, packed.output_channels);
  if (!affine.ok()) return affine.status();
  packed.bias = std::move(affine->bias);
  const std::vector<float>& scale = affine->scale;

  const float* in = filter.data<float>();
  const int64_t spatial = packed.kernel_height * packed.kernel_width;
  const int64_t out_channels = packed.output_channels;
  packed.kernel.resize(filter.num_elements());
  if (params.depthwise) {
    // HW(C*M) is already XNNPACK's depthwise layout.
    for (int64_t i = 0; i < filter.num_elements(); ++i) {
      packed.kernel[i] = scale.empty() ? in[i] : in[i] * scale[i % out_channels];
    }
    return packed;
  }
  const int64_t in_channels = packed.input_channels;
  for (int64_t o = 0; o < out_channels; ++o) {
    const float factor = scale.empty() ? 1.f : scale[o];
    for (int64_t s = 0; s < spatial; ++s) {
      for (int64_t i = 0; i < in_channels; ++i) {
        packed.kernel[(o * spatial + s) * in_channels + i] =
            in[(s * in_channels + i) * out_channels + o] * factor;
      }
    }
  }
  return packed;
}

// How many groups the input's channels form: C for depthwise, C / filter input channels
// otherwise (TF's grouped convolution).
absl::StatusOr<int64_t> ConvGroups(bool depthwise, const PackedWeights& weights, int64_t channels) {
  if (depthwise) {
    if (channels != weights.input_channels) {
      return absl::InvalidArgumentError(absl::StrCat("input has ", channels,
                                                     " channels but the depthwise filter expects ",
                                                     weights.input_channels));
    }
    return channels;
  }
  if (channels == 0 || channels % weights.input_channels != 0) {
    return absl::InvalidArgumentError(absl::StrCat("input has ", channels,
                                                   " channels, not a multiple of the filter's ",
                                                   weights.input_channels, " input channels"));
  }
  const int64_t groups = channels / weights.input_channels;
  if (weights.output_channels % groups != 0) {
    return absl::InvalidArgumentError(absl::StrCat("the filter's ", weights.output_channels,
                                                   " output channels do not split into ", groups,
                                                   " groups"));
  }
  return groups;
}

// The output's spatial extent and padding, and the channel groups, for one input shape.
struct ConvGeometry {
  SpatialOutput height;
  SpatialOutput width;
  int64_t groups = 1;
};

class ConvKernel : public Kernel {
 public:
  // Reads the constant filter again (the graph releases it once packed).
  using FilterReader = std::function<absl::StatusOr<Tensor>()>;

  // `packed` (set when the filter and addends are the constants `read_filter` reads and `args`)
  // has its kernel dropped: XNNPACK operators pack their own copy, so the kernel is packed
  // again, from the filter read again, only when an operator is created.
  ConvKernel(ConvParams params, std::optional<PackedWeights> packed, FilterReader read_filter,
             std::vector<Tensor> args)
      : params_(std::move(params)),
        packed_(std::move(packed)),
        read_filter_(std::move(read_filter)),
        constant_args_(std::move(args)) {
    if (packed_) packed_->kernel = std::vector<float>();
  }

  std::vector<int> PackedInputs() const override {
    if (!packed_) return {};
    return {kFilter};
  }

  // Takes an epilogue of the output channels when the filter is a constant and the layout NHWC:
  // its affine folds into the weights while nothing clamps before it, clamps narrow XNNPACK's,
  // and the rest (gated steps and slopes too) runs as one pass after the activation.
  absl::StatusOr<std::unique_ptr<Kernel>> WithEpilogue(const Epilogue& epilogue) const override {
    if (!packed_ || params_.window.nchw) return nullptr;
    const int64_t channels = packed_->output_channels;
    // The output is 4-D: constants of a higher rank would grow it.
    if (!epilogue.FitsChannels(channels) || epilogue.ConstantShape().size() > 4) return nullptr;
    const Epilogue step = epilogue.Widened(channels);
    ConvParams params = params_;
    const bool unclamped = params.output_min == -std::numeric_limits<float>::infinity() &&
                           params.output_max == std::numeric_limits<float>::infinity();
    const bool simple = params.post.empty() && params.clamp_activation() &&
                        step.gate == nullptr && !step.has_slope();
    if (simple && unclamped) {
      Epilogue affine = step;
      affine.min = -std::numeric_limits<float>::infinity();
      affine.max = std::numeric_limits<float>::infinity();
      std::optional<Epilogue> fold = ComposeEpilogues(params.fold, affine, channels);
      if (!fold) return nullptr;
      params.fold = *std::move(fold);
      params.output_min = step.min;
      params.output_max = step.max;
    } else if (simple && !step.has_affine()) {
      params.output_min = std::max(params.output_min, step.min);
      params.output_max = std::min(params.output_max, step.max);
      if (params.output_min > params.output_max) return nullptr;
    } else if (std::optional<Epilogue> composed =
                   params.post.empty() ? std::nullopt
                                       : ComposeEpilogues(params.post.back(), step, channels)) {
      params.post.back() = *std::move(composed);
    } else {
      params.post.push_back(step);
    }
    // The new kernel keeps the filter's shape and its own bias; XNNPACK packs the weights (read
    // again) when it creates the kernel's first operator.
    std::vector<const Tensor*> args;
    for (const Tensor& arg : constant_args_) args.push_back(&arg);
    absl::StatusOr<ChannelAffine> affine = OutputAffine(params, args, channels);
    if (!affine.ok()) return affine.status();
    PackedWeights packed = *packed_;
    packed.bias = std::move(affine->bias);
    return std::make_unique<ConvKernel>(std::move(params), std::move(packed), read_filter_,
                                        constant_args_);
  }

  absl::Status Compute(OpContext& context) const override {
    const FusedOps& fused = params_.fused;
    if (absl::Status status = context.CheckNumInputs(2 + fused.num_args, 2 + fused.num_args);
        !status.ok()) {
      return status;
    }
    const Tensor& given = context.input(kInput);
    if (given.dtype() != tensorflow::DT_FLOAT) {
      return context.Error(
          absl::StrCat("input must be float32, got ", DataTypeName(given.dtype())));
    }
    if (given.rank() != 4) {
      return context.Error(
          absl::StrCat("input must be 4-D, got shape ", ShapeString(given.shape())));
    }
    Tensor input = given;
    if (params_.window.nchw) {
      absl::StatusOr<Tensor> transposed = NchwToNhwc(given);
      if (!transposed.ok()) return transposed.status();
      input = *std::move(transposed);
    }

    std::optional<PackedWeights> unpacked;
    const PackedWeights* weights = packed_ ? &*packed_ : nullptr;
    if (weights == nullptr) {
      std::vector<const Tensor*> args;
      for (int i = 0; i < fused.addend_arg_count(); ++i) {
        args.push_back(&context.input(kFirstArg + i));
      }
      absl::StatusOr<PackedWeights> packed = PackWeights(params_, context.input(kFilter), args);
      if (!packed.ok()) return context.Error(packed.status().message());
      unpacked = *std::move(packed);
      weights = &*unpacked;
    }

    absl::StatusOr<int64_t> groups = ConvGroups(params_.depthwise, *weights, input.dim(3));
    if (!groups.ok()) return context.Error(groups.status().message());

    WindowDim height = params_.window.height;
    WindowDim width = params_.window.width;
    height.kernel = weights->kernel_height;
    width.kernel = weights->kernel_width;
    absl::StatusOr<SpatialOutput> out_height =
        ComputeSpatialOutput(input.dim(1), height, params_.window.padding);
    if (!out_height.ok()) return context.Error(out_height.status().message());
    absl::StatusOr<SpatialOutput> out_width =
        ComputeSpatialOutput(input.dim(2), width, params_.window.padding);
    if (!out_width.ok()) return context.Error(out_width.status().message());

    absl::StatusOr<Tensor> output = Tensor::Allocate(
        tensorflow::DT_FLOAT,
        {input.dim(0), out_height->size, out_width->size, weights->output_channels});
    if (!output.ok()) return output.status();
    std::vector<float> prelu_alpha;
    if (fused.activation == Activation::kPrelu) {
      absl::StatusOr<std::vector<float>> alpha = BroadcastPreluAlpha(
          context.input(kFirstArg + fused.prelu_alpha_index()), output->shape());
      if (!alpha.ok()) return context.Error(alpha.status().message());
      prelu_alpha = *std::move(alpha);
    }

    if (output->num_elements() > 0) {
      const ConvGeometry geometry{*out_height, *out_width, *groups};
      // XNNPACK turns NaN into the activation's lower bound; the exact loop keeps it, as TF does.
      const bool exact = context.exact_non_finite();
      if (exact) {
        if (weights->kernel.empty()) {
          absl::StatusOr<PackedWeights> packed = PackConstants();
          if (!packed.ok()) return context.Error(packed.status().message());
          unpacked = *std::move(packed);
          weights = &*unpacked;
        }
        ConvolveExactly(*weights, input, geometry, &*output);
      } else if (absl::Status status = Convolve(context, *weights, input, geometry, &*output);
                 !status.ok()) {
        return status;
      }
      if (exact || !params_.clamp_activation()) {
        ApplyActivation(fused, prelu_alpha, output->mutable_data<float>(), output->num_elements(),
                        context.threadpool());
      }
      std::vector<Epilogue> epilogues;
      if (exact) {  // XNNPACK's clamp (bounds beyond the activation's), keeping NaN.
        Epilogue clamp;
        clamp.min = params_.output_min;
        clamp.max = params_.output_max;
        if (clamp.has_clamp()) epilogues.push_back(clamp);
      }
      epilogues.insert(epilogues.end(), params_.post.begin(), params_.post.end());
      ApplyEpilogues(epilogues, weights->output_channels, output->mutable_data<float>(),
                     output->num_elements(), context.threadpool());
    }

    if (params_.window.nchw) {
      absl::StatusOr<Tensor> transposed = NhwcToNchw(*output);
      if (!transposed.ok()) return transposed.status();
      output = std::move(transposed);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  // The convolution as plain sums of products, so NaN and infinities combine as IEEE says; for
  // runs fed non-finite values only.
  void ConvolveExactly(const PackedWeights& weights, const Tensor& input,
                       const ConvGeometry& geometry, Tensor* output) const {
    const int64_t batch = input.dim(0), in_height = input.dim(1), in_width = input.dim(2);
    const int64_t channels = input.dim(3);
    const int64_t out_channels = weights.output_channels;
    const int64_t group_output = out_channels / geometry.groups;
    // Input channels one output channel reads: the filter's for a convolution, 1 for depthwise.
    const int64_t group_input = params_.depthwise ? 1 : weights.input_channels;
    const int64_t kernel_width = weights.kernel_width;
    const int64_t spatial = weights.kernel_height * kernel_width;
    const WindowDim& height = params_.window.height;
    const WindowDim& width = params_.window.width;
    const float* in = input.data<float>();
    float* out = output->mutable_data<float>();
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t oy = 0; oy < geometry.height.size; ++oy) {
        for (int64_t ox = 0; ox < geometry.width.size; ++ox) {
          for (int64_t oc = 0; oc < out_channels; ++oc) {
            const int64_t first_channel = params_.depthwise ? oc / (out_channels / channels)
                                                            : oc / group_output * group_input;
            float sum = weights.bias.empty() ? 0.f : weights.bias[oc];
            for (int64_t s = 0; s < spatial; ++s) {
              const int64_t iy = oy * height.stride - geometry.height.pad_before +
                                 s / kernel_width * height.dilation;
              const int64_t ix =
                  ox * width.stride - geometry.width.pad_before + s % kernel_width * width.dilation;
              if (iy < 0 || iy >= in_height || ix < 0 || ix >= in_width) continue;
              const float* pixel = in + ((b * in_height + iy) * in_width + ix) * channels;
              for (int64_t i = 0; i < group_input; ++i) {
                const float weight = params_.depthwise
                                         ? weights.kernel[s * out_channels + oc]
                                         : weights.kernel[(oc * spatial + s) * group_input + i];
                sum += pixel[first_channel + i] * weight;
              }
            }
            *out++ = sum;
          }
        }
      }
    }
  }

  // Runs XNNPACK's convolution of NHWC `input` into `output`, with a pooled operator when the
  // weights are the kernel's own.
  absl::Status Convolve(OpContext& context, const PackedWeights& weights, const Tensor& input,
                        const ConvGeometry& geometry, Tensor* output) const {
    const int64_t groups = geometry.groups;
    const size_t group_input = params_.depthwise ? 1 : weights.input_channels;
    const size_t group_output = weights.output_channels / groups;
    const float output_min = params_.output_min, output_max = params_.output_max;
    auto create = [&]() -> absl::StatusOr<UniqueOperator> {
      std::optional<PackedWeights> repacked;
      const PackedWeights* packed = &weights;
      if (weights.kernel.empty()) {
        absl::StatusOr<PackedWeights> constants = PackConstants();
        if (!constants.ok()) return constants.status();
        repacked = *std::move(constants);
        packed = &*repacked;
      }
      xnn_operator_t op = nullptr;
      const xnn_status status = xnn_create_convolution2d_nhwc_f32(
          geometry.height.pad_before, geometry.width.pad_after, geometry.height.pad_after,
          geometry.width.pad_before, weights.kernel_height, weights.kernel_width,
          params_.window.height.stride, params_.window.width.stride, params_.window.height.dilation,
          params_.window.width.dilation, groups, group_input, group_output, input.dim(3),
          weights.output_channels, packed->kernel.data(),
          weights.bias.empty() ? nullptr : weights.bias.data(), output_min, output_max,
          params_.depthwise ? XNN_FLAG_DEPTHWISE_CONVOLUTION : 0, &op);
      if (absl::Status error = XnnStatus(status, "create_convolution2d_nhwc_f32"); !error.ok()) {
        return error;
      }
      return UniqueOperator(op);
    };

    std::optional<OperatorPool::Lease> lease;
    UniqueOperator owned;
    xnn_operator_t op = nullptr;
    if (packed_) {  // then `weights` is *packed_
      absl::StatusOr<OperatorPool::Lease> leased =
          pool_.Acquire({geometry.height.pad_before, geometry.height.pad_after,
                         geometry.width.pad_before, geometry.width.pad_after, groups},
                        create);
      if (!leased.ok()) return context.Error(leased.status().message());
      lease.emplace(*std::move(leased));
      op = lease->get();
    } else {
      absl::StatusOr<UniqueOperator> created = create();
      if (!created.ok()) return context.Error(created.status().message());
      owned = *std::move(created);
      op = owned.get();
    }
    const int64_t multiply_adds = output->num_elements() * weights.kernel_height *
                                  weights.kernel_width * static_cast<int64_t>(group_input);
    pthreadpool_t threadpool = PoolForWork(context.threadpool(), multiply_adds);
    xnn_status status = xnn_setup_convolution2d_nhwc_f32(
        op, input.dim(0), input.dim(1), input.dim(2), input.data<float>(),
        output->mutable_data<float>(), threadpool);
    if (status == xnn_status_success) status = xnn_run_operator(op, threadpool);
    if (absl::Status error = XnnStatus(status, "convolution"); !error.ok()) {
      return context.Error(error.message());
    }
    return absl::OkStatus();
  }

  absl::StatusOr<PackedWeights> PackConstants() const {
    absl::StatusOr<Tensor> filter = read_filter_();
    if (!filter.ok()) return filter.status();
    std::vector<const Tensor*> args;
    for (const Tensor& arg : constant_args_) args.push_back(&arg);
    return PackWeights(params_, *filter, args);
  }

  ConvParams params_;
  // Set when the filter and addend inputs are constants; its kernel is empty.
  std::optional<PackedWeights> packed_;
  FilterReader read_filter_;
  std::vector<Tensor> constant_args_;
  mutable OperatorPool pool_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildConv(const KernelBuildContext& context,
                                                  bool depthwise) {
  if (absl::Status status = InitializeXnnpack(); !status.ok()) {
    return context.Error(status.message());
  }
  ConvParams params;
  params.depthwise = depthwise;
  absl::StatusOr<WindowAttrs> window =
      ReadWindowAttrs(context, /*has_dilations=*/true, /*has_ksize=*/false);
  if (!window.ok()) return window.status();
  params.window = *window;
  absl::StatusOr<FusedOps> fused = ReadFusedOps(context, /*allow_batch_norm=*/true);
  if (!fused.ok()) return fused.status();
  params.fused = *fused;
  ActivationBounds(params.fused.activation, &params.output_min, &params.output_max);

  std::optional<PackedWeights> packed;
  const auto& constants = context.constant_inputs;
  std::vector<const Tensor*> args;
  bool all_constant = constants.size() > kFilter && constants[kFilter] != nullptr;
  for (int i = 0; all_constant && i < params.fused.addend_arg_count(); ++i) {
    const size_t index = kFirstArg + i;
    all_constant = index < constants.size() && constants[index] != nullptr;
    if (all_constant) args.push_back(constants[index]);
  }
  if (all_constant) {
    absl::StatusOr<PackedWeights> weights = PackWeights(params, *constants[kFilter], args);
    if (!weights.ok()) return context.Error(weights.status().message());
    packed = *std::move(weights);
  }
  ConvKernel::FilterReader read_filter;
  std::vector<Tensor> arg_values;
  if (packed) {
    read_filter = [read = context.read_constant_input] { return read(kFilter); };
    for (const Tensor* arg : args) arg_values.push_back(*arg);
  }
  return std::make_unique<ConvKernel>(std::move(params), std::move(packed), std::move(read_filter),
                                      std::move(arg_values));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildConv2D(const KernelBuildContext& context) {
  return BuildConv(context, /*depthwise=*/false);
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildDepthwiseConv2D(const KernelBuildContext& context) {
  return BuildConv(context, /*depthwise=*/true);
}

// Conv1D: input [N,W,C] (NWC) or [N,C,W] (NCW), filter [W,I,O], runs as a Conv2D whose image
// and filter have height 1.
class Conv1DKernel : public Kernel {
 public:
  explicit Conv1DKernel(std::unique_ptr<ConvKernel> conv, bool ncw)
      : conv_(std::move(conv)), ncw_(ncw) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const Tensor& filter = context.input(kFilter);
    if (input.rank() != 3) {
      return context.Error(
          absl::StrCat("input must be 3-D, got shape ", ShapeString(input.shape())));
    }
    if (filter.rank() != 3) {
      return context.Error(
          absl::StrCat("filter must be 3-D, got shape ", ShapeString(filter.shape())));
    }
    absl::StatusOr<Tensor> image =
        ncw_ ? input.Reshaped({input.dim(0), input.dim(1), 1, input.dim(2)})
             : input.Reshaped({input.dim(0), 1, input.dim(1), input.dim(2)});
    if (!image.ok()) return image.status();
    absl::StatusOr<Tensor> filter_2d =
        filter.Reshaped({1, filter.dim(0), filter.dim(1), filter.dim(2)});
    if (!filter_2d.ok()) return filter_2d.status();
    const std::vector<Tensor> inputs = {*std::move(image), *std::move(filter_2d)};
    std::vector<Tensor> outputs;
    OpContext inner(context.node(), inputs, &outputs, context.threadpool());
    if (absl::Status status = conv_->Compute(inner); !status.ok()) return status;
    const Tensor& output = outputs[0];
    absl::StatusOr<Tensor> squeezed =
        ncw_ ? output.Reshaped({output.dim(0), output.dim(1), output.dim(3)})
             : output.Reshaped({output.dim(0), output.dim(2), output.dim(3)});
    if (!squeezed.ok()) return squeezed.status();
    context.set_output(0, *std::move(squeezed));
    return absl::OkStatus();
  }

 private:
  std::unique_ptr<ConvKernel> conv_;
  bool ncw_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildConv1D(const KernelBuildContext& context) {
  if (absl::Status status = InitializeXnnpack(); !status.ok()) {
    return context.Error(status.message());
  }
  ConvParams params;
  absl::StatusOr<std::string> format = context.attrs.GetString("data_format");
  if (!format.ok()) return format.status();
  if (*format != "NWC" && *format != "NCW") {
    return context.Error(absl::StrCat("data_format must be NWC or NCW, got ", *format));
  }
  params.window.nchw = *format == "NCW";
  absl::StatusOr<int64_t> stride = context.attrs.GetInt("stride");
  if (!stride.ok()) return stride.status();
  absl::StatusOr<int64_t> dilation = context.attrs.GetInt("dilation");
  if (!dilation.ok()) return dilation.status();
  if (*stride < 1 || *dilation < 1) {
    return context.Error(
        absl::StrCat("stride (", *stride, ") and dilation (", *dilation, ") must be positive"));
  }
  params.window.width.stride = *stride;
  params.window.width.dilation = *dilation;
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!padding.ok()) return padding.status();
  if (*padding == "SAME") {
    params.window.padding = Padding::kSame;
  } else if (*padding == "VALID") {
    params.window.padding = Padding::kValid;
  } else {
    return context.Error(absl::StrCat("padding must be SAME or VALID, got '", *padding, "'"));
  }

  std::optional<PackedWeights> packed;
  ConvKernel::FilterReader read_filter;
  const auto& constants = context.constant_inputs;
  if (constants.size() > kFilter && constants[kFilter] != nullptr) {
    const Tensor& filter = *constants[kFilter];
    if (filter.rank() != 3) {
      return context.Error(
          absl::StrCat("filter must be 3-D, got shape ", ShapeString(filter.shape())));
    }
    absl::StatusOr<Tensor> filter_2d =
        filter.Reshaped({1, filter.dim(0), filter.dim(1), filter.dim(2)});
    if (!filter_2d.ok()) return filter_2d.status();
    absl::StatusOr<PackedWeights> weights = PackWeights(params, *filter_2d, {});
    if (!weights.ok()) return context.Error(weights.status().message());
    packed = *std::move(weights);
    read_filter = [read = context.read_constant_input]() -> absl::StatusOr<Tensor> {
      absl::StatusOr<Tensor> filter = read(kFilter);
      if (!filter.ok()) return filter.status();
      return filter->Reshaped({1, filter->dim(0), filter->dim(1), filter->dim(2)});
    };
  }
  const bool ncw = params.window.nchw;
  return std::make_unique<Conv1DKernel>(
      std::make_unique<ConvKernel>(std::move(params), std::move(packed), std::move(read_filter),
                                   std::vector<Tensor>()),
      ncw);
}

// float32 runs on XNNPACK; the other dtypes TF's CPU kernels take run the exact reference.
REGISTER_KERNEL_FACTORY("Conv2D",
                        [](const KernelBuildContext& context) {
                          return IsFloat32Node(context)
                                     ? BuildConv2D(context)
                                     : BuildReferenceConv(context, 2, false, "NCHW");
                        },
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE, tensorflow::DT_INT32}}});
// TF.js's Conv1D and DepthwiseConv2d (whose row has no type attr), and the fused convolutions
// (their bias, batch norm and activations), run float32 on XNNPACK only.
REGISTER_KERNEL_FACTORY("Conv1D", BuildConv1D, {{"T", {tensorflow::DT_FLOAT}}});
REGISTER_KERNEL_FACTORY("DepthwiseConv2d", BuildDepthwiseConv2D);
REGISTER_KERNEL_FACTORY("_FusedConv2D", BuildConv2D, {{"T", {tensorflow::DT_FLOAT}}});
REGISTER_KERNEL_FACTORY("DepthwiseConv2dNative",
                        [](const KernelBuildContext& context) {
                          return IsFloat32Node(context)
                                     ? BuildDepthwiseConv2D(context)
                                     : BuildReferenceConv(context, 2, true, "NCHW");
                        },
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                           tensorflow::DT_DOUBLE}}});
REGISTER_KERNEL_FACTORY("FusedDepthwiseConv2dNative", BuildDepthwiseConv2D,
                        {{"T", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime::nn
