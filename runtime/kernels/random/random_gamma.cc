// RandomGamma(shape, alpha): samples of Gamma(alpha, 1) with shape `shape` + alpha.shape (sample
// s for alpha a at s * alpha.size + a), by Marsaglia and Tsang's method. Seeded like the other
// random kernels (misc/random_stream.h); values cannot equal TF's. alpha <= 0 or NaN gives NaN.
#include <atomic>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/misc/random_stream.h"

namespace tfjs::runtime {
namespace {

constexpr int kShape = 0;
constexpr int kAlpha = 1;

double SampleGamma(double alpha, misc::RandomStream& stream) {
  if (!(alpha > 0)) return std::numeric_limits<double>::quiet_NaN();
  // For alpha < 1: Gamma(alpha) = Gamma(alpha + 1) * U^(1/alpha).
  const double boost = alpha < 1 ? std::pow(1.0 - stream.Uniform(), 1.0 / alpha) : 1.0;
  const double d = (alpha < 1 ? alpha + 1 : alpha) - 1.0 / 3;
  const double c = 1 / std::sqrt(9 * d);
  while (true) {
    const double x = stream.Normal();
    const double v = std::pow(1 + c * x, 3);
    if (v <= 0) continue;
    const double u = 1.0 - stream.Uniform();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v * boost;
  }
}

class RandomGammaKernel : public Kernel {
 public:
  explicit RandomGammaKernel(uint64_t seed) : seed_(seed) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& alpha = context.input(kAlpha);
    absl::StatusOr<std::vector<int64_t>> dims = misc::IndexValues(context.input(kShape), "shape");
    if (!dims.ok()) return context.Error(dims.status().message());
    if (context.input(kShape).rank() > 1) return context.Error("shape must be a vector");
    Shape shape(dims->begin(), dims->end());
    for (int64_t dim : shape) {
      if (dim < 0) return context.Error(absl::StrCat("shape has a negative dim: ", dim));
    }
    const int64_t samples = NumElements(shape);
    shape.insert(shape.end(), alpha.shape().begin(), alpha.shape().end());
    absl::StatusOr<Tensor> output = Tensor::Allocate(alpha.dtype(), shape);
    if (!output.ok()) return context.Error(output.status().message());
    misc::RandomStream stream = misc::StreamForRun(seed_, runs_.fetch_add(1));
    const int64_t alphas = alpha.num_elements();
    auto fill = [&](auto read, auto write) {
      for (int64_t s = 0; s < samples; ++s) {
        for (int64_t a = 0; a < alphas; ++a) write(s * alphas + a, SampleGamma(read(a), stream));
      }
    };
    switch (alpha.dtype()) {
      case tensorflow::DT_FLOAT:
        fill([&](int64_t a) { return double(alpha.data<float>()[a]); },
             [&](int64_t i, double v) { output->mutable_data<float>()[i] = float(v); });
        break;
      case tensorflow::DT_DOUBLE:
        fill([&](int64_t a) { return alpha.data<double>()[a]; },
             [&](int64_t i, double v) { output->mutable_data<double>()[i] = v; });
        break;
      case tensorflow::DT_HALF:
        fill([&](int64_t a) { return double(HalfToFloat(alpha.data<uint16_t>()[a])); },
             [&](int64_t i, double v) {
               output->mutable_data<uint16_t>()[i] = FloatToHalf(static_cast<float>(v));
             });
        break;
      default:
        return context.Error(absl::StrCat("alpha must be float16, float32 or float64, got ",
                                          DataTypeName(alpha.dtype())));
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  uint64_t seed_;
  mutable std::atomic<uint64_t> runs_{0};
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomGamma(const KernelBuildContext& context) {
  return std::make_unique<RandomGammaKernel>(misc::KernelSeed(context.node));
}

REGISTER_KERNEL_FACTORY("RandomGamma", BuildRandomGamma);

}  // namespace
}  // namespace tfjs::runtime
