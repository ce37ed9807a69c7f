// RandomPoisson / RandomPoissonV2 (seeded) and StatelessRandomPoisson (a [2] seed): samples of
// Poisson(rate), bit for bit as TF's CPU kernels (samplers.h). The seeded ops' output is `shape`
// + rate.shape; the stateless op takes the whole output shape, which must end with rate's. Sample
// s of rate r is element s * rate.size + r and draws from block 256 * (r * samples_per_rate + s)
// of the run's stream. V1 gives rate's dtype (float16/32/64); V2 and the stateless op take
// float16/32/64, int32 or int64 rates and give `dtype` (the same set). As in TF, a negative rate
// samples 0 and +inf gives inf (0 for integer outputs); a NaN rate gives NaN (0 for integers),
// where TF's sampler would not return.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/guarded_philox.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/random/random_inputs.h"
#include "runtime/kernels/random/samplers.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::TypeList;
using random::Half;
using random::Philox;

using FloatRates = TypeList<Half, float, double>;
using PoissonTypes = TypeList<Half, float, double, int32_t, int64_t>;

double RateValue(Half value) { return math::Widen(value); }
template <typename T>
double RateValue(T value) {
  return static_cast<double>(value);
}

// Fills `output` (samples_per_rate * rate.size elements) from `philox`.
absl::Status FillPoisson(const OpContext& context, const Tensor& rate, const Philox& philox,
                         Tensor& output) {
  if (output.num_elements() == 0) return absl::OkStatus();
  const int64_t num_rates = rate.num_elements();
  const int64_t samples_per_rate = output.num_elements() / num_rates;
  return DispatchDataType(PoissonTypes(), context, rate.dtype(), "rate", [&](auto rate_tag) {
    using R = decltype(rate_tag);
    return DispatchDataType(PoissonTypes(), context, output.dtype(), "dtype", [&](auto out_tag) {
      using U = decltype(out_tag);
      const R* rates = rate.data<R>();
      U* out = output.mutable_data<U>();
      const double highest = random::HighestValue<U>();
      for (int64_t r = 0; r < num_rates; ++r) {
        const double value = RateValue(rates[r]);
        for (int64_t s = 0; s < samples_per_rate; ++s) {
          Philox local = philox;
          local.Skip(random::kBlocksPerSample * static_cast<uint64_t>(r * samples_per_rate + s));
          double sample = random::SamplePoisson(value, highest, local);
          // TF writes the type's "infinity", which is 0 for integers.
          if (std::is_integral_v<U> && std::isinf(sample)) sample = 0;
          out[s * num_rates + r] = random::StoreSample<U>(sample);
        }
      }
      return absl::OkStatus();
    });
  });
}

class RandomPoissonKernel : public Kernel {
 public:
  RandomPoissonKernel(const tensorflow::NodeDef& node, DataType output_dtype)
      : generator_(node), output_dtype_(output_dtype) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& rate = context.input(1);
    if (output_dtype_ == tensorflow::DT_INVALID && rate.dtype() != tensorflow::DT_HALF &&
        rate.dtype() != tensorflow::DT_FLOAT && rate.dtype() != tensorflow::DT_DOUBLE) {
      return context.Error(absl::StrCat("rate must be float16, float32 or float64, got ",
                                        DataTypeName(rate.dtype())));
    }
    if (context.input(0).rank() != 1) {
      return context.Error(absl::StrCat("shape must be a vector of {int32,int64}, got shape ",
                                        ShapeString(context.input(0).shape())));
    }
    absl::StatusOr<Shape> shape = random::ReadShape(context.input(0));
    if (!shape.ok()) return context.Error(shape.status().message());
    const int64_t samples_per_rate = NumElements(*shape);
    shape->insert(shape->end(), rate.shape().begin(), rate.shape().end());
    const DataType dtype = output_dtype_ == tensorflow::DT_INVALID ? rate.dtype() : output_dtype_;
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype, *shape);
    if (!output.ok()) return context.Error(output.status().message());
    if (samples_per_rate > 0) {
      const Philox philox = generator_.ReserveRandomOutputs(samples_per_rate * rate.num_elements(),
                                                            random::kBlocksPerSample);
      if (absl::Status status = FillPoisson(context, rate, philox, *output); !status.ok()) {
        return status;
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  random::GuardedPhilox generator_;
  // DT_INVALID: rate's dtype (V1).
  DataType output_dtype_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomPoisson(const KernelBuildContext& context) {
  return std::make_unique<RandomPoissonKernel>(context.node, tensorflow::DT_INVALID);
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomPoissonV2(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("dtype");
  if (!dtype.ok()) return context.Error(dtype.status().message());
  return std::make_unique<RandomPoissonKernel>(context.node, *dtype);
}

absl::Status ComputeStatelessPoisson(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& rate = context.input(2);
  absl::StatusOr<Shape> shape = random::ReadShape(context.input(0));
  if (!shape.ok()) return context.Error(shape.status().message());
  absl::StatusOr<Philox> philox = random::ReadStatelessSeed(context.input(1));
  if (!philox.ok()) return context.Error(philox.status().message());
  const Shape& suffix = rate.shape();
  if (suffix.size() > shape->size() ||
      !std::equal(suffix.begin(), suffix.end(), shape->end() - suffix.size())) {
    return context.Error("Shape passed in must end with broadcasted shape.");
  }
  DataType dtype = tensorflow::DT_INVALID;
  if (auto it = context.node().attr().find("dtype"); it != context.node().attr().end()) {
    dtype = it->second.type();
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(dtype, *shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (absl::Status status = FillPoisson(context, rate, *philox, *output); !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType> kIndexDtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL_FACTORY("RandomPoisson", BuildRandomPoisson,
                        {{"dtype", DtypesOf(FloatRates())}, {"S", kIndexDtypes}});
REGISTER_KERNEL_FACTORY("RandomPoissonV2", BuildRandomPoissonV2,
                        {{"R", DtypesOf(PoissonTypes())},
                         {"dtype", DtypesOf(PoissonTypes())},
                         {"S", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomPoisson", ComputeStatelessPoisson,
                {{"Rtype", DtypesOf(PoissonTypes())},
                 {"dtype", DtypesOf(PoissonTypes())},
                 {"T", kIndexDtypes},
                 {"Tseed", kIndexDtypes}});

}  // namespace
}  // namespace tfjs::runtime
