// The ops of tf.random.Generator, bit for bit as TF's CPU kernels: StatefulUniform /
// StandardNormal(V2) / TruncatedNormal / UniformInt / UniformFullInt draw from an RNG state
// (Philox: counter words 0-1, key word 2; StatefulStandardNormal's state starts with the
// algorithm) and move it on by 256 blocks per output element; RngSkip moves it on by 256 * delta
// blocks, RngReadAndSkip too after returning it; NonDeterministicInts gives fresh random bits.
//
// TF keeps the state in a resource variable. The runtime's graphs hold variables as constants
// (converter/passes/freeze_variables.h), so the state input is the variable's value, an int64
// vector: each kernel starts from the value it is first given and then keeps the state itself,
// moving it on as TF moves the variable, so a model loaded once gives TF's sequence run after
// run (each stateful node keeping its own state, where TF's nodes share one variable).
#include <mutex>
#include <optional>
#include <random>
#include <vector>

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

constexpr int kState = 0;
constexpr int kAlgorithm = 1;
constexpr int kPhiloxStateSize = 3;
// TF moves the state on by this many blocks per output element (and per unit of RngSkip's delta).
constexpr uint64_t kBlocksPerOutput = 256;

using FloatOutputs = TypeList<Half, BFloat16, float, double>;
using IntOutputs = TypeList<int32_t, int64_t>;
using FullIntOutputs = TypeList<int32_t, int64_t, uint32_t, uint64_t>;

enum class Kind {
  kUniform,
  kNormal,
  kNormalV1,
  kTruncatedNormal,
  kUniformInt,
  kFullInt,
  kSkip,
  kReadAndSkip
};

class StatefulRandomKernel : public Kernel {
 public:
  StatefulRandomKernel(Kind kind, DataType dtype) : kind_(kind), dtype_(dtype) {}

  absl::Status Compute(OpContext& context) const override {
    const int inputs = kind_ == Kind::kNormalV1 ? 2 : kind_ == Kind::kUniformInt ? 5 : 3;
    if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
    // The algorithm: from the state's first word (StatefulStandardNormal) or an input.
    int64_t state_offset = 0;
    if (kind_ == Kind::kNormalV1) {
      state_offset = 1;
    } else {
      absl::StatusOr<int64_t> alg = random::ReadAlgorithm(context.input(kAlgorithm));
      if (!alg.ok()) return context.Error(alg.status().message());
    }
    if (kind_ == Kind::kSkip || kind_ == Kind::kReadAndSkip) return Skip(context);
    const int shape_input = kind_ == Kind::kNormalV1 ? 1 : 2;
    absl::StatusOr<Shape> shape = random::ReadShape(context.input(shape_input));
    if (!shape.ok()) return context.Error(shape.status().message());
    absl::StatusOr<Tensor> output = Tensor::Allocate(dtype_, *shape);
    if (!output.ok()) return context.Error(output.status().message());
    const int64_t size = output->num_elements();
    // Checked before the state moves, as TF checks them before it updates the variable.
    int64_t lo = 0, hi = 0;
    if (kind_ == Kind::kUniformInt) {
      for (int k : {3, 4}) {
        if (context.input(k).rank() != 0) {
          return context.Error(absl::StrCat(k == 3 ? "minval" : "maxval",
                                            " must be 0-D, got shape ",
                                            ShapeString(context.input(k).shape())));
        }
      }
      if (context.input(3).dtype() != dtype_ || context.input(4).dtype() != dtype_) {
        return context.Error("minval and maxval must have the output's dtype");
      }
      lo = dtype_ == tensorflow::DT_INT32 ? *context.input(3).data<int32_t>()
                                          : *context.input(3).data<int64_t>();
      hi = dtype_ == tensorflow::DT_INT32 ? *context.input(4).data<int32_t>()
                                          : *context.input(4).data<int64_t>();
      if (!(lo < hi))
        return context.Error(absl::StrCat("Need minval < maxval, got ", lo, " >= ", hi));
    }
    absl::StatusOr<Philox> philox = Advance(context, state_offset, size);
    if (!philox.ok()) return philox.status();
    absl::Status status;
    switch (kind_) {
      case Kind::kUniformInt:
        status = DispatchDataType(IntOutputs(), context, dtype_, "dtype", [&](auto tag) {
          using T = decltype(tag);
          random::FillUniformInt(*philox, output->mutable_data<T>(), size, static_cast<T>(lo),
                                 static_cast<T>(hi));
          return absl::OkStatus();
        });
        break;
      case Kind::kFullInt:
        status = DispatchDataType(FullIntOutputs(), context, dtype_, "dtype", [&](auto tag) {
          random::FillFullInt(*philox, output->mutable_data<decltype(tag)>(), size);
          return absl::OkStatus();
        });
        break;
      default:
        status = DispatchDataType(FloatOutputs(), context, dtype_, "dtype", [&](auto tag) {
          using T = decltype(tag);
          T* out = output->mutable_data<T>();
          if (kind_ == Kind::kUniform) random::FillUniform(*philox, out, size);
          if (kind_ == Kind::kNormal || kind_ == Kind::kNormalV1) {
            random::FillNormal(*philox, out, size);
          }
          if (kind_ == Kind::kTruncatedNormal) random::FillTruncatedNormal(*philox, out, size);
          return absl::OkStatus();
        });
    }
    if (!status.ok()) return status;
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  // Loads the state on first use; the caller holds mutex_.
  absl::Status LoadState(const OpContext& context, int64_t state_offset) const {
    if (state_.has_value()) return absl::OkStatus();
    const Tensor& state = context.input(kState);
    if (state.dtype() != tensorflow::DT_INT64) {
      return context.Error(absl::StrCat("dtype of RNG state variable must be int64, not ",
                                        DataTypeName(state.dtype())));
    }
    if (state.rank() != 1) {
      return context.Error(
          absl::StrCat("RNG state must have one and only one dimension, not ", state.rank()));
    }
    if (state.dim(0) < state_offset + kPhiloxStateSize) {
      return context.Error(absl::StrCat("The size of the state must be at least ",
                                        state_offset + kPhiloxStateSize, "; got ", state.dim(0)));
    }
    if (state_offset == 1) {
      absl::StatusOr<int64_t> alg = random::ReadAlgorithm(
          Tensor::Scalar<int64_t>(tensorflow::DT_INT64, state.data<int64_t>()[0]));
      if (!alg.ok()) return context.Error(alg.status().message());
    }
    state_.emplace(state.values<int64_t>().begin(), state.values<int64_t>().end());
    return absl::OkStatus();
  }

  // The generator for `outputs` values, moving the state past them.
  absl::StatusOr<Philox> Advance(const OpContext& context, int64_t state_offset,
                                 int64_t outputs) const {
    std::lock_guard<std::mutex> lock(mutex_);
    if (absl::Status status = LoadState(context, state_offset); !status.ok()) return status;
    int64_t* words = state_->data() + state_offset;
    const Philox philox = random::PhiloxFromState(words);
    Philox next = philox;
    next.Skip(static_cast<uint64_t>(outputs) * kBlocksPerOutput);
    random::WritePhiloxState(next, words);
    return philox;
  }

  // RngSkip(resource, algorithm, delta: int64) and RngReadAndSkip(resource, alg, delta: uint64):
  // the counter moves on by 256 * delta blocks; RngReadAndSkip returns the state before.
  absl::Status Skip(OpContext& context) const {
    const Tensor& delta = context.input(2);
    const DataType delta_dtype =
        kind_ == Kind::kSkip ? tensorflow::DT_INT64 : tensorflow::DT_UINT64;
    if (delta.rank() != 0 || delta.dtype() != delta_dtype) {
      return context.Error(
          absl::StrCat("input 2 (0-based) must be a ", DataTypeName(delta_dtype), " scalar"));
    }
    const uint64_t blocks = *delta.data<uint64_t>() * kBlocksPerOutput;
    std::lock_guard<std::mutex> lock(mutex_);
    if (absl::Status status = LoadState(context, 0); !status.ok()) return status;
    if (kind_ == Kind::kReadAndSkip) {
      Tensor value = *Tensor::Zeros(tensorflow::DT_INT64, {kPhiloxStateSize});
      std::copy(state_->begin(), state_->begin() + kPhiloxStateSize, value.mutable_data<int64_t>());
      context.set_output(0, std::move(value));
    }
    Philox philox = random::PhiloxFromState(state_->data());
    philox.Skip(blocks);
    random::WritePhiloxState(philox, state_->data());
    return absl::OkStatus();
  }

  Kind kind_;
  DataType dtype_;
  mutable std::mutex mutex_;
  mutable std::optional<std::vector<int64_t>> state_;
};

template <Kind kKind>
absl::StatusOr<std::unique_ptr<Kernel>> BuildStateful(const KernelBuildContext& context) {
  DataType dtype = tensorflow::DT_INVALID;
  if (kKind != Kind::kSkip && kKind != Kind::kReadAndSkip) {
    absl::StatusOr<DataType> attr = context.attrs.GetType("dtype");
    if (!attr.ok()) return context.Error(attr.status().message());
    dtype = *attr;
  }
  return std::make_unique<StatefulRandomKernel>(kKind, dtype);
}

// NonDeterministicInts(shape): random bits from the system's entropy source, one 64-bit draw per
// element cast to `dtype`, as TF's kernel.
absl::Status ComputeNonDeterministicInts(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<Shape> shape = random::ReadShape(context.input(0));
  if (!shape.ok()) return context.Error(shape.status().message());
  DataType dtype = tensorflow::DT_INT64;
  if (auto it = context.node().attr().find("dtype"); it != context.node().attr().end()) {
    dtype = it->second.type();
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(dtype, *shape);
  if (!output.ok()) return context.Error(output.status().message());
  std::random_device device;
  auto draw = [&device] { return (uint64_t{device()} << 32) | device(); };
  return DispatchDataType(FullIntOutputs(), context, dtype, "dtype", [&](auto tag) {
    using T = decltype(tag);
    T* out = output->mutable_data<T>();
    for (int64_t i = 0; i < output->num_elements(); ++i) out[i] = static_cast<T>(draw());
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  });
}

const std::vector<DataType> kFloatDtypes = DtypesOf(FloatOutputs());

REGISTER_KERNEL_FACTORY("StatefulUniform", BuildStateful<Kind::kUniform>,
                        {{"dtype", kFloatDtypes}});
REGISTER_KERNEL_FACTORY("StatefulStandardNormalV2", BuildStateful<Kind::kNormal>,
                        {{"dtype", kFloatDtypes}});
REGISTER_KERNEL_FACTORY("StatefulStandardNormal", BuildStateful<Kind::kNormalV1>,
                        {{"dtype", kFloatDtypes}});
REGISTER_KERNEL_FACTORY("StatefulTruncatedNormal", BuildStateful<Kind::kTruncatedNormal>,
                        {{"dtype", kFloatDtypes}});
REGISTER_KERNEL_FACTORY("StatefulUniformInt", BuildStateful<Kind::kUniformInt>,
                        {{"dtype", DtypesOf(IntOutputs())}});
REGISTER_KERNEL_FACTORY("StatefulUniformFullInt", BuildStateful<Kind::kFullInt>,
                        {{"dtype", DtypesOf(FullIntOutputs())}});
REGISTER_KERNEL_FACTORY("RngSkip", BuildStateful<Kind::kSkip>);
REGISTER_KERNEL_FACTORY("RngReadAndSkip", BuildStateful<Kind::kReadAndSkip>);
REGISTER_KERNEL("NonDeterministicInts", ComputeNonDeterministicInts,
                {{"dtype", DtypesOf(FullIntOutputs())}});

}  // namespace
}  // namespace tfjs::runtime
