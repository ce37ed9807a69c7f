// Multinomial (seeded) and StatelessMultinomial (a [2] seed): num_samples class indices per row of
// logits, bit for bit as TF's CPU kernel. Each row's cumulative sum of exp(logit - row max) over
// the finite logits is searched (upper bound) for RandDouble() * total, the doubles drawn two
// words each from one stream running through the rows (TF's single-shard order; TF splits large
// batches over its threads, each shard skipping ahead, which depends on TF's thread count).
// Multinomial reserves 256 blocks per (num_samples rounded up to 4) * 2 words per row.
#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/guarded_philox.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/random/random_inputs.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::TypeList;
using random::Half;
using random::Philox;

constexpr int kLogits = 0;
constexpr int kNumSamples = 1;
constexpr int kSeed = 2;

using LogitTypes = TypeList<Half, float, double>;
using OutputTypes = TypeList<int32_t, int64_t>;

// Checks the inputs and samples into a new [batch, num_samples] tensor of `output_dtype`.
// `reserve(batch, num_samples)` gives the generator.
template <typename Reserve>
absl::Status Sample(OpContext& context, DataType output_dtype, const Reserve& reserve) {
  const Tensor& logits = context.input(kLogits);
  const Tensor& num_samples_tensor = context.input(kNumSamples);
  if (logits.rank() != 2) {
    return context.Error(
        absl::StrCat("logits should be a matrix, got shape ", ShapeString(logits.shape())));
  }
  if (num_samples_tensor.rank() != 0 || num_samples_tensor.dtype() != tensorflow::DT_INT32) {
    return context.Error(absl::StrCat("num_samples should be an int32 scalar, got shape ",
                                      ShapeString(num_samples_tensor.shape())));
  }
  const int64_t samples = *num_samples_tensor.data<int32_t>();
  if (samples < 0) {
    return context.Error(absl::StrCat("num_samples should be nonnegative, got ", samples));
  }
  const int64_t batch = logits.dim(0);
  const int64_t classes = logits.dim(1);
  if (batch > std::numeric_limits<int32_t>::max() ||
      classes > std::numeric_limits<int32_t>::max()) {
    return context.Error(
        absl::StrCat("logits.shape = ", ShapeString(logits.shape()), " too large for int"));
  }
  if (classes <= 0) {
    return context.Error(absl::StrCat("num_classes should be positive, got ", classes));
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(output_dtype, {batch, samples});
  if (!output.ok()) return context.Error(output.status().message());
  if (output->num_elements() == 0) {
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }
  absl::StatusOr<Philox> philox = reserve(batch, samples);
  if (!philox.ok()) return context.Error(philox.status().message());
  random::SingleSample words(&*philox);
  std::vector<double> cdf(classes);
  std::vector<int64_t> drawn(batch * samples);
  absl::Status status =
      DispatchDataType(LogitTypes(), context, logits.dtype(), "logits", [&](auto tag) {
        using T = decltype(tag);
        const T* data = logits.data<T>();
        for (int64_t b = 0; b < batch; ++b) {
          const T* row = data + b * classes;
          double max = std::numeric_limits<double>::lowest();
          for (int64_t c = 0; c < classes; ++c) {
            const double value = math::Widen(row[c]);
            if (std::isfinite(value)) max = std::max(max, value);
          }
          double total = 0;
          for (int64_t c = 0; c < classes; ++c) {
            const double value = math::Widen(row[c]);
            if (std::isfinite(value)) total += std::exp(value - max);
            cdf[c] = total;
          }
          for (int64_t s = 0; s < samples; ++s) {
            const uint32_t x0 = words();
            const uint32_t x1 = words();
            const double target = random::Uint64ToDouble(x0, x1) * total;
            drawn[b * samples + s] = std::upper_bound(cdf.begin(), cdf.end(), target) - cdf.begin();
          }
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  status = DispatchDataType(OutputTypes(), context, output_dtype, "output_dtype", [&](auto tag) {
    using Out = decltype(tag);
    std::copy(drawn.begin(), drawn.end(), output->mutable_data<Out>());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::StatusOr<DataType> OutputDtype(const KernelBuildContext& context) {
  return context.attrs.GetType("output_dtype");
}

class MultinomialKernel : public Kernel {
 public:
  MultinomialKernel(const tensorflow::NodeDef& node, DataType output_dtype)
      : generator_(node), output_dtype_(output_dtype) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    return Sample(context, output_dtype_,
                  [&](int64_t batch, int64_t samples) -> absl::StatusOr<Philox> {
                    // Two words per double, samples rounded up to whole blocks.
                    const uint64_t words = static_cast<uint64_t>((samples + 3) / 4 * 4 * 2);
                    return generator_.ReserveRandomOutputs(batch * words, 256);
                  });
  }

 private:
  random::GuardedPhilox generator_;
  DataType output_dtype_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildMultinomial(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = OutputDtype(context);
  if (!dtype.ok()) return context.Error(dtype.status().message());
  return std::make_unique<MultinomialKernel>(context.node, *dtype);
}

absl::Status ComputeStatelessMultinomial(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  DataType output_dtype = tensorflow::DT_INT64;
  if (auto it = context.node().attr().find("output_dtype"); it != context.node().attr().end()) {
    output_dtype = it->second.type();
  }
  absl::StatusOr<Philox> philox = random::ReadStatelessSeed(context.input(kSeed));
  if (!philox.ok()) return context.Error(philox.status().message());
  return Sample(context, output_dtype,
                [&](int64_t, int64_t) -> absl::StatusOr<Philox> { return *philox; });
}

const std::vector<DataType> kSeedDtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL_FACTORY("Multinomial", BuildMultinomial,
                        {{"T", DtypesOf(LogitTypes())}, {"output_dtype", DtypesOf(OutputTypes())}});
REGISTER_KERNEL("StatelessMultinomial", ComputeStatelessMultinomial,
                {{"T", DtypesOf(LogitTypes())},
                 {"Tseed", kSeedDtypes},
                 {"output_dtype", DtypesOf(OutputTypes())}});

}  // namespace
}  // namespace tfjs::runtime
