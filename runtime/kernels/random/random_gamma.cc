// RandomGamma (seeded) and StatelessRandomGammaV2 / V3 (a [2] seed; key, counter and alg):
// samples of Gamma(alpha, 1), bit for bit as TF's CPU kernels (samplers.h). RandomGamma's output
// is `shape` + alpha.shape; the stateless ops take the whole output shape, which must end with
// alpha's. Sample s of alpha a is element s * alpha.size + a and draws from block 256 * (a *
// samples_per_alpha + s) of the run's stream (RandomGamma reserves 256 blocks per output).
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

using AlphaTypes = TypeList<Half, float, double>;

// Fills `output` (samples_per_alpha * alpha.size elements) from `philox`.
absl::Status FillGamma(const OpContext& context, const Tensor& alpha, const Philox& philox,
                       Tensor& output) {
  const int64_t num_alphas = alpha.num_elements();
  if (output.num_elements() == 0) return absl::OkStatus();
  const int64_t samples_per_alpha = output.num_elements() / num_alphas;
  return DispatchDataType(AlphaTypes(), context, alpha.dtype(), "alpha", [&](auto tag) {
    using T = decltype(tag);
    const T* alphas = alpha.data<T>();
    T* out = output.mutable_data<T>();
    for (int64_t a = 0; a < num_alphas; ++a) {
      const double value = math::Widen(alphas[a]);
      for (int64_t s = 0; s < samples_per_alpha; ++s) {
        Philox local = philox;
        local.Skip(random::kBlocksPerSample * static_cast<uint64_t>(a * samples_per_alpha + s));
        out[s * num_alphas + a] = random::StoreSample<T>(random::SampleGamma(value, local));
      }
    }
    return absl::OkStatus();
  });
}

class RandomGammaKernel : public Kernel {
 public:
  explicit RandomGammaKernel(const tensorflow::NodeDef& node) : generator_(node) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    const Tensor& shape_tensor = context.input(0);
    const Tensor& alpha = context.input(1);
    if (shape_tensor.rank() != 1) {
      return context.Error(absl::StrCat("shape must be a vector of {int32,int64}, got shape: ",
                                        ShapeString(shape_tensor.shape())));
    }
    absl::StatusOr<Shape> shape = random::ReadShape(shape_tensor);
    if (!shape.ok()) return context.Error(shape.status().message());
    const int64_t samples_per_alpha = NumElements(*shape);
    shape->insert(shape->end(), alpha.shape().begin(), alpha.shape().end());
    absl::StatusOr<Tensor> output = Tensor::Allocate(alpha.dtype(), *shape);
    if (!output.ok()) return context.Error(output.status().message());
    if (output->num_elements() > 0) {
      const Philox philox = generator_.ReserveRandomOutputs(
          samples_per_alpha * alpha.num_elements(), random::kBlocksPerSample);
      if (absl::Status status = FillGamma(context, alpha, philox, *output); !status.ok()) {
        return status;
      }
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  random::GuardedPhilox generator_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildRandomGamma(const KernelBuildContext& context) {
  return std::make_unique<RandomGammaKernel>(context.node);
}

// True when `shape` ends with `suffix`.
bool EndsWith(const Shape& shape, const Shape& suffix) {
  if (suffix.size() > shape.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), shape.end() - suffix.size());
}

template <bool kV3>
absl::Status ComputeStatelessGamma(OpContext& context) {
  const int inputs = kV3 ? 5 : 3;
  if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
  const Tensor& alpha = context.input(inputs - 1);
  absl::StatusOr<Shape> shape = random::ReadShape(context.input(0));
  if (!shape.ok()) return context.Error(shape.status().message());
  if (!EndsWith(*shape, alpha.shape())) {
    return context.Error("Shape passed in must end with broadcasted shape.");
  }
  absl::StatusOr<Philox> philox =
      kV3 ? random::ReadKeyCounterAlg(context.input(1), context.input(2), context.input(3))
          : random::ReadStatelessSeed(context.input(1));
  if (!philox.ok()) return context.Error(philox.status().message());
  absl::StatusOr<Tensor> output = Tensor::Allocate(alpha.dtype(), *shape);
  if (!output.ok()) return context.Error(output.status().message());
  if (absl::Status status = FillGamma(context, alpha, *philox, *output); !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType> kIndexDtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL_FACTORY("RandomGamma", BuildRandomGamma,
                        {{"T", DtypesOf(AlphaTypes())}, {"S", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomGammaV2", ComputeStatelessGamma<false>,
                {{"dtype", DtypesOf(AlphaTypes())}, {"T", kIndexDtypes}, {"Tseed", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomGammaV3", ComputeStatelessGamma<true>,
                {{"dtype", DtypesOf(AlphaTypes())}, {"shape_dtype", kIndexDtypes}});

}  // namespace
}  // namespace tfjs::runtime
