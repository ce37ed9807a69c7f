// FakeQuantWithMinMaxVarsPerChannel(inputs [..., d], min [d], max [d]): FakeQuantWithMinMaxVars
// with one nudged [min, max] range per channel of the last dimension.
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fake_quant_math.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kMin = 1;
constexpr int kMax = 2;

class FakeQuantPerChannelKernel : public Kernel {
 public:
  FakeQuantPerChannelKernel(int num_bits, bool narrow_range)
      : num_bits_(num_bits), narrow_range_(narrow_range) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
    const Tensor& input = context.input(kInput);
    const Tensor& min = context.input(kMin);
    const Tensor& max = context.input(kMax);
    if (input.dtype() != tensorflow::DT_FLOAT || min.dtype() != tensorflow::DT_FLOAT ||
        max.dtype() != tensorflow::DT_FLOAT) {
      return context.Error("inputs, min and max must be float32");
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
    std::vector<misc::FakeQuantRange> ranges;
    ranges.reserve(depth);
    for (int64_t channel = 0; channel < depth; ++channel) {
      ranges.push_back(misc::NudgeRange(min.data<float>()[channel], max.data<float>()[channel],
                                        num_bits_, narrow_range_));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_FLOAT, input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    const float* in = input.data<float>();
    float* out = output->mutable_data<float>();
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      out[i] = misc::FakeQuantize(in[i], ranges[i % depth]);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  int num_bits_;
  bool narrow_range_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildFakeQuantPerChannel(
    const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  const int64_t num_bits = attrs.count("num_bits") ? attrs.at("num_bits").i() : 8;
  if (num_bits < 2 || num_bits > 16) {
    return context.Error(
        absl::StrCat("num_bits is out of range, expected between 2 and 16, was: ", num_bits));
  }
  const bool narrow_range = attrs.count("narrow_range") && attrs.at("narrow_range").b();
  return std::make_unique<FakeQuantPerChannelKernel>(static_cast<int>(num_bits), narrow_range);
}

REGISTER_KERNEL_FACTORY("FakeQuantWithMinMaxVarsPerChannel", BuildFakeQuantPerChannel);

}  // namespace
}  // namespace tfjs::runtime
