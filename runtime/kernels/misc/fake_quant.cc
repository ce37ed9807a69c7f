// FakeQuantWithMinMaxVars (min, max inputs), its PerChannel form and FakeQuantWithMinMaxArgs
// (min, max attrs): round floats onto the num_bits grid spanning [min, max], with TF's nudging of
// the range so that zero is exactly representable.
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fake_quant_math.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kMin = 1;
constexpr int kMax = 2;

// FakeQuantWithMinMaxVars (scalar min and max) and FakeQuantWithMinMaxVarsPerChannel (min and
// max of the last dimension's size, one range per channel).
class FakeQuantVarsKernel : public Kernel {
 public:
  FakeQuantVarsKernel(int num_bits, bool narrow_range, bool per_channel)
      : num_bits_(num_bits), narrow_range_(narrow_range), per_channel_(per_channel) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const Tensor& min = context.input(kMin);
    const Tensor& max = context.input(kMax);
    if (input.dtype() != tensorflow::DT_FLOAT || min.dtype() != tensorflow::DT_FLOAT ||
        max.dtype() != tensorflow::DT_FLOAT) {
      return context.Error("inputs, min and max must be float32");
    }
    absl::StatusOr<int64_t> depth = RangeCount(context, input, min, max);
    if (!depth.ok()) return depth.status();
    std::vector<misc::FakeQuantRange> ranges;
    ranges.reserve(*depth);
    for (int64_t channel = 0; channel < *depth; ++channel) {
      ranges.push_back(misc::NudgeRange(min.data<float>()[channel], max.data<float>()[channel],
                                        num_bits_, narrow_range_));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_FLOAT, input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    const float* in = input.data<float>();
    float* out = output->mutable_data<float>();
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      out[i] = misc::FakeQuantize(in[i], ranges[i % *depth]);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  // How many ranges min and max hold (1, or the channels of the last dimension), checking
  // their shapes as TF does.
  absl::StatusOr<int64_t> RangeCount(const OpContext& context, const Tensor& input,
                                     const Tensor& min, const Tensor& max) const {
    if (!per_channel_) {
      if (min.rank() != 0 || max.rank() != 0) {
        return context.Error(absl::StrCat("`min` and `max` must be rank 0, got ",
                                          ShapeString(min.shape()), " and ",
                                          ShapeString(max.shape())));
      }
      return 1;
    }
    if (input.rank() < 1) return context.Error("inputs must be at least rank 1, got a scalar");
    const int64_t depth = input.dim(input.rank() - 1);
    for (const Tensor* range : {&min, &max}) {
      const char* name = range == &min ? "min" : "max";
      if (range->rank() != 1) {
        return context.Error(absl::StrCat("`", name, "` must be rank 1, got ",
                                          ShapeString(range->shape())));
      }
      if (range->dim(0) != depth) {
        return context.Error(absl::StrCat(name, " has incorrect size, expected ", depth,
                                          " was ", range->dim(0)));
      }
    }
    return depth;
  }

  int num_bits_;
  bool narrow_range_;
  bool per_channel_;
};

// FakeQuantWithMinMaxArgs: the range is fixed when the node is built.
class FakeQuantArgsKernel : public Kernel {
 public:
  explicit FakeQuantArgsKernel(misc::FakeQuantRange range) : range_(range) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    if (input.dtype() != tensorflow::DT_FLOAT) return context.Error("inputs must be float32");
    absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_FLOAT, input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      output->mutable_data<float>()[i] = misc::FakeQuantize(input.data<float>()[i], range_);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  misc::FakeQuantRange range_;
};

absl::StatusOr<int> ReadNumBits(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  const int64_t num_bits = attrs.count("num_bits") ? attrs.at("num_bits").i() : 8;
  if (num_bits < 2 || num_bits > 16) {
    return context.Error(
        absl::StrCat("num_bits is out of range, expected between 2 and 16, was: ", num_bits));
  }
  return static_cast<int>(num_bits);
}

template <bool kPerChannel>
absl::StatusOr<std::unique_ptr<Kernel>> BuildFakeQuantVars(const KernelBuildContext& context) {
  absl::StatusOr<int> num_bits = ReadNumBits(context);
  if (!num_bits.ok()) return num_bits.status();
  const auto& attrs = context.node.attr();
  const bool narrow_range = attrs.count("narrow_range") && attrs.at("narrow_range").b();
  return std::make_unique<FakeQuantVarsKernel>(*num_bits, narrow_range, kPerChannel);
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildFakeQuantArgs(const KernelBuildContext& context) {
  absl::StatusOr<int> num_bits = ReadNumBits(context);
  if (!num_bits.ok()) return num_bits.status();
  const auto& attrs = context.node.attr();
  const bool narrow_range = attrs.count("narrow_range") && attrs.at("narrow_range").b();
  const float min = attrs.count("min") ? attrs.at("min").f() : -6.0f;
  const float max = attrs.count("max") ? attrs.at("max").f() : 6.0f;
  if (!(min < max)) {
    return context.Error(absl::StrCat("min has to be smaller than max, was: min = ", min,
                                      ", max = ", max));
  }
  return std::make_unique<FakeQuantArgsKernel>(
      misc::NudgeRange(min, max, *num_bits, narrow_range));
}

REGISTER_KERNEL_FACTORY("FakeQuantWithMinMaxVars", BuildFakeQuantVars<false>);
REGISTER_KERNEL_FACTORY("FakeQuantWithMinMaxVarsPerChannel", BuildFakeQuantVars<true>);
REGISTER_KERNEL_FACTORY("FakeQuantWithMinMaxArgs", BuildFakeQuantArgs);

}  // namespace
}  // namespace tfjs::runtime
