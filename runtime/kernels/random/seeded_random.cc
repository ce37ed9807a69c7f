// The seeded TF1 random ops, bit for bit as TF's CPU kernels: RandomUniform, RandomStandardNormal
// and TruncatedNormal (float16, bfloat16, float32, float64) and RandomUniformInt (int32, int64).
// Each run takes the node's Philox stream (guarded_philox.h) where the last run left it, reserving
// 256 blocks per output element as TF does, and fills the output as TF's FillPhiloxRandom.
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
using random::BFloat16;
using random::GuardedPhilox;
using random::Half;
using random::Philox;

constexpr int kShape = 0;
constexpr int kMinval = 1;
constexpr int kMaxval = 2;
// TF reserves this many 128-bit blocks per output element.
constexpr uint64_t kBlocksPerOutput = 256;

using FloatOutputs = TypeList<Half, BFloat16, float, double>;
using IntOutputs = TypeList<int32_t, int64_t>;

enum class Distribution { kUniform, kNormal, kTruncatedNormal, kUniformInt };

class SeededRandomKernel : public Kernel {
 public:
  SeededRandomKernel(Distribution distribution, const tensorflow::NodeDef& node, DataType dtype)
      : distribution_(distribution), generator_(node), dtype_(dtype) {}

  absl::Status Compute(OpContext& context) const override {
    const int inputs = distribution_ == Distribution::kUniformInt ? 3 : 1;
    if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
    absl::StatusOr<Shape> shape = random::ReadShape(context.input(kShape));
    if (!shape.ok()) return context.Error(shape.status().message());
    if (distribution_ == Distribution::kUniformInt) return UniformInt(context, *shape);
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype_, *shape);
    if (!output.ok()) return context.Error(output.status().message());
    const int64_t size = output->num_elements();
    absl::Status status = DispatchDataType(FloatOutputs(), context, dtype_, "dtype", [&](auto tag) {
      using T = decltype(tag);
      T* out = output->mutable_data<T>();
      const Philox philox = generator_.ReserveRandomOutputs(size, kBlocksPerOutput);
      switch (distribution_) {
        case Distribution::kUniform:
          random::FillUniform(philox, out, size);
          break;
        case Distribution::kNormal:
          random::FillNormal(philox, out, size);
          break;
        default:
          random::FillTruncatedNormal(philox, out, size);
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  // minval + bits % (maxval - minval); an empty output takes no samples and skips the check.
  absl::Status UniformInt(OpContext& context, const Shape& shape) const {
    const Tensor& minval = context.input(kMinval);
    const Tensor& maxval = context.input(kMaxval);
    if (minval.rank() != 0) {
      return context.Error(
          absl::StrCat("minval must be 0-D, got shape ", ShapeString(minval.shape())));
    }
    if (maxval.rank() != 0) {
      return context.Error(
          absl::StrCat("maxval must be 0-D, got shape ", ShapeString(maxval.shape())));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(minval.dtype(), shape);
    if (!output.ok()) return context.Error(output.status().message());
    absl::Status status =
        DispatchDataType(IntOutputs(), context, minval.dtype(), "minval", [&](auto tag) {
          using T = decltype(tag);
          if (maxval.dtype() != minval.dtype()) {
            return context.Error("maxval must have minval's dtype");
          }
          const int64_t size = output->num_elements();
          if (size == 0) return absl::OkStatus();
          const T lo = *minval.data<T>();
          const T hi = *maxval.data<T>();
          if (!(lo < hi)) {
            return context.Error(absl::StrCat("Need minval < maxval: ", lo, " >= ", hi));
          }
          random::FillUniformInt(generator_.ReserveRandomOutputs(size, kBlocksPerOutput),
                                 output->mutable_data<T>(), size, lo, hi);
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

  Distribution distribution_;
  GuardedPhilox generator_;
  DataType dtype_;
};

template <Distribution kDistribution>
absl::StatusOr<std::unique_ptr<Kernel>> BuildSeededRandom(const KernelBuildContext& context) {
  DataType dtype = tensorflow::DT_INVALID;
  if (kDistribution != Distribution::kUniformInt) {
    absl::StatusOr<DataType> attr = context.attrs.GetType("dtype");
    if (!attr.ok()) return context.Error(attr.status().message());
    dtype = *attr;
  }
  return std::make_unique<SeededRandomKernel>(kDistribution, context.node, dtype);
}

const std::vector<DataType> kShapeDtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL_FACTORY("RandomUniform", BuildSeededRandom<Distribution::kUniform>,
                        {{"dtype", DtypesOf(FloatOutputs())}, {"T", kShapeDtypes}});
REGISTER_KERNEL_FACTORY("RandomStandardNormal", BuildSeededRandom<Distribution::kNormal>,
                        {{"dtype", DtypesOf(FloatOutputs())}, {"T", kShapeDtypes}});
REGISTER_KERNEL_FACTORY("TruncatedNormal", BuildSeededRandom<Distribution::kTruncatedNormal>,
                        {{"dtype", DtypesOf(FloatOutputs())}, {"T", kShapeDtypes}});
REGISTER_KERNEL_FACTORY("RandomUniformInt", BuildSeededRandom<Distribution::kUniformInt>,
                        {{"Tout", DtypesOf(IntOutputs())}, {"T", kShapeDtypes}});

}  // namespace
}  // namespace tfjs::runtime
