// FakeQuantWithMinMaxVars: rounds floats onto the num_bits grid spanning [min, max], with TF's
// nudging of the range so that zero is exactly representable.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fake_quant_math.h"

namespace tfjs::runtime {
namespace {

constexpr int kInput = 0;
constexpr int kMin = 1;
constexpr int kMax = 2;

class FakeQuantKernel : public Kernel {
 public:
  FakeQuantKernel(int num_bits, bool narrow_range)
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
    if (min.rank() != 0 || max.rank() != 0) {
      return context.Error(absl::StrCat("`min` and `max` must be rank 0, got ",
                                        ShapeString(min.shape()), " and ",
                                        ShapeString(max.shape())));
    }
    const misc::FakeQuantRange range =
        misc::NudgeRange(min.data<float>()[0], max.data<float>()[0], num_bits_, narrow_range_);
    absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_FLOAT, input.shape());
    if (!output.ok()) return context.Error(output.status().message());
    for (int64_t i = 0; i < input.num_elements(); ++i) {
      output->mutable_data<float>()[i] = misc::FakeQuantize(input.data<float>()[i], range);
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  int num_bits_;
  bool narrow_range_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildFakeQuant(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  const int64_t num_bits = attrs.count("num_bits") ? attrs.at("num_bits").i() : 8;
  const bool narrow_range = attrs.count("narrow_range") && attrs.at("narrow_range").b();
  if (num_bits < 2 || num_bits > 16) {
    return context.Error(
        absl::StrCat("num_bits is out of range, expected between 2 and 16, was: ", num_bits));
  }
  return std::make_unique<FakeQuantKernel>(static_cast<int>(num_bits), narrow_range);
}

REGISTER_KERNEL_FACTORY("FakeQuantWithMinMaxVars", BuildFakeQuant);

}  // namespace
}  // namespace tfjs::runtime
