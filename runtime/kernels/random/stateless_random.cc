// The stateless random ops, bit for bit as TF's CPU kernels: StatelessRandomUniform / Normal /
// TruncatedNormal / UniformInt / UniformFullInt (a [2] seed) and their V2 forms (key, counter and
// alg tensors), and StatelessRandomGetKeyCounter / GetKeyCounterAlg / GetAlg, which turn a seed
// into the V2 inputs. The values are pure functions of the seed (random/philox.h).
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/random/random_inputs.h"

namespace tfjs::runtime {
namespace {

using math::DispatchDataType;
using math::DtypesOf;
using math::TypeList;
using random::BFloat16;
using random::Half;
using random::Philox;

constexpr int kShape = 0;
constexpr int kSeed = 1;
constexpr int kKey = 1;
constexpr int kCounter = 2;
constexpr int kAlg = 3;

using FloatOutputs = TypeList<Half, BFloat16, float, double>;
using IntOutputs = TypeList<int32_t, int64_t>;
using FullIntOutputs = TypeList<int32_t, int64_t, uint32_t, uint64_t>;
const std::vector<DataType> kIndexDtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

enum class Distribution { kUniform, kNormal, kTruncatedNormal, kUniformInt, kFullInt };

// The generator of a V1 (seed) or V2 (key, counter, alg) node.
absl::StatusOr<Philox> ReadGenerator(const OpContext& context, bool v2) {
  if (v2) {
    return random::ReadKeyCounterAlg(context.input(kKey), context.input(kCounter),
                                     context.input(kAlg));
  }
  return random::ReadStatelessSeed(context.input(kSeed));
}

template <Distribution kDistribution, bool kV2>
absl::Status ComputeStateless(OpContext& context) {
  const int bounds = kDistribution == Distribution::kUniformInt ? 2 : 0;
  const int inputs = (kV2 ? 4 : 2) + bounds;
  if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
  absl::StatusOr<Shape> shape = random::ReadShape(context.input(kShape));
  if (!shape.ok()) return context.Error(shape.status().message());
  absl::StatusOr<Philox> philox = ReadGenerator(context, kV2);
  if (!philox.ok()) return context.Error(philox.status().message());
  DataType dtype = tensorflow::DT_FLOAT;
  if (bounds > 0) {
    dtype = context.input(inputs - 2).dtype();
  } else if (auto it = context.node().attr().find("dtype"); it != context.node().attr().end()) {
    dtype = it->second.type();
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(dtype, *shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t size = output->num_elements();
  absl::Status status;
  if constexpr (kDistribution == Distribution::kUniformInt) {
    const Tensor& minval = context.input(inputs - 2);
    const Tensor& maxval = context.input(inputs - 1);
    if (minval.rank() != 0) {
      return context.Error(
          absl::StrCat("minval must be 0-D, got shape ", ShapeString(minval.shape())));
    }
    if (maxval.rank() != 0) {
      return context.Error(
          absl::StrCat("maxval must be 0-D, got shape ", ShapeString(maxval.shape())));
    }
    status = DispatchDataType(IntOutputs(), context, dtype, "minval", [&](auto tag) {
      using T = decltype(tag);
      if (maxval.dtype() != minval.dtype()) return context.Error("maxval must have minval's dtype");
      const T lo = *minval.data<T>();
      const T hi = *maxval.data<T>();
      if (size == 0) return absl::OkStatus();
      if (!(lo < hi))
        return context.Error(absl::StrCat("Need minval < maxval, got ", lo, " >= ", hi));
      random::FillUniformInt(*philox, output->mutable_data<T>(), size, lo, hi);
      return absl::OkStatus();
    });
  } else if constexpr (kDistribution == Distribution::kFullInt) {
    status = DispatchDataType(FullIntOutputs(), context, dtype, "dtype", [&](auto tag) {
      random::FillFullInt(*philox, output->mutable_data<decltype(tag)>(), size);
      return absl::OkStatus();
    });
  } else {
    status = DispatchDataType(FloatOutputs(), context, dtype, "dtype", [&](auto tag) {
      using T = decltype(tag);
      T* out = output->mutable_data<T>();
      if (kDistribution == Distribution::kUniform) random::FillUniform(*philox, out, size);
      if (kDistribution == Distribution::kNormal) random::FillNormal(*philox, out, size);
      if (kDistribution == Distribution::kTruncatedNormal) {
        random::FillTruncatedNormal(*philox, out, size);
      }
      return absl::OkStatus();
    });
  }
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// key (uint64 [1]), counter (uint64 [2]) and, with kWithAlg, alg (int32 scalar, Philox).
template <bool kWithKeyCounter, bool kWithAlg>
absl::Status ComputeGetKeyCounterAlg(OpContext& context) {
  const int inputs = kWithKeyCounter ? 1 : 0;
  if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
  int next_output = 0;
  if constexpr (kWithKeyCounter) {
    absl::StatusOr<Philox> philox = random::ReadStatelessSeed(context.input(0));
    if (!philox.ok()) return context.Error(philox.status().message());
    Tensor key = *Tensor::Allocate(tensorflow::DT_UINT64, {1});
    Tensor counter = *Tensor::Allocate(tensorflow::DT_UINT64, {2});
    random::KeyCounterWords(*philox, key.mutable_data<uint64_t>(),
                            counter.mutable_data<uint64_t>());
    context.set_output(next_output++, std::move(key));
    context.set_output(next_output++, std::move(counter));
  }
  if constexpr (kWithAlg) {
    context.set_output(next_output,
                       Tensor::Scalar<int32_t>(tensorflow::DT_INT32, random::kAlgPhilox));
  }
  return absl::OkStatus();
}

const std::vector<DataType> kFloatDtypes = DtypesOf(FloatOutputs());

REGISTER_KERNEL("StatelessRandomUniform", (ComputeStateless<Distribution::kUniform, false>),
                {{"dtype", kFloatDtypes}, {"T", kIndexDtypes}, {"Tseed", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomNormal", (ComputeStateless<Distribution::kNormal, false>),
                {{"dtype", kFloatDtypes}, {"T", kIndexDtypes}, {"Tseed", kIndexDtypes}});
REGISTER_KERNEL("StatelessTruncatedNormal",
                (ComputeStateless<Distribution::kTruncatedNormal, false>),
                {{"dtype", kFloatDtypes}, {"T", kIndexDtypes}, {"Tseed", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomUniformInt", (ComputeStateless<Distribution::kUniformInt, false>),
                {{"dtype", DtypesOf(IntOutputs())}, {"T", kIndexDtypes}, {"Tseed", kIndexDtypes}});
// TF registers every seed dtype the op allows, and its GenerateKey refuses the unsigned ones when
// the node runs; so does ReadStatelessSeed.
REGISTER_KERNEL("StatelessRandomUniformFullInt", (ComputeStateless<Distribution::kFullInt, false>),
                {{"dtype", DtypesOf(FullIntOutputs())},
                 {"T", kIndexDtypes},
                 {"Tseed",
                  {tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT32,
                   tensorflow::DT_UINT64}}});
REGISTER_KERNEL("StatelessRandomUniformV2", (ComputeStateless<Distribution::kUniform, true>),
                {{"dtype", kFloatDtypes}, {"Tshape", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomNormalV2", (ComputeStateless<Distribution::kNormal, true>),
                {{"dtype", kFloatDtypes}, {"Tshape", kIndexDtypes}});
REGISTER_KERNEL("StatelessTruncatedNormalV2",
                (ComputeStateless<Distribution::kTruncatedNormal, true>),
                {{"dtype", kFloatDtypes}, {"Tshape", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomUniformIntV2", (ComputeStateless<Distribution::kUniformInt, true>),
                {{"dtype", DtypesOf(IntOutputs())}, {"Tshape", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomUniformFullIntV2", (ComputeStateless<Distribution::kFullInt, true>),
                {{"dtype", DtypesOf(FullIntOutputs())}, {"Tshape", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomGetKeyCounter", (ComputeGetKeyCounterAlg<true, false>),
                {{"Tseed", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomGetKeyCounterAlg", (ComputeGetKeyCounterAlg<true, true>),
                {{"Tseed", kIndexDtypes}});
REGISTER_KERNEL("StatelessRandomGetAlg", (ComputeGetKeyCounterAlg<false, true>));

}  // namespace
}  // namespace tfjs::runtime
