// Broadcasting arithmetic: Add, AddV2, Sub, Mul, Div, RealDiv, DivNoNan, FloorDiv, FloorMod,
// Mod, TruncateDiv, TruncateMod, Maximum, Minimum, SquaredDifference, Pow, Atan2, NextAfter, and
// the zero-safe MulNoNan, Xdivy, Xlogy, Xlog1py.
#include <algorithm>
#include <complex>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "runtime/epilogue.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/broadcast.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::math {
namespace {

constexpr int kX = 0;
constexpr int kY = 1;

// What integer inputs of an op must not contain in its divisor or exponent.
enum class IntegerRule { kNone, kNoZeroDivisor, kNoNegativeExponent };

template <typename T>
absl::Status CheckIntegerRule(const OpContext& context, IntegerRule rule) {
  if constexpr (std::is_integral_v<T>) {
    for (T value : context.input(kY).values<T>()) {
      if (rule == IntegerRule::kNoZeroDivisor && value == 0) {
        return context.Error("Integer division by zero");
      }
      if (rule == IntegerRule::kNoNegativeExponent && value < T{0}) {
        return context.Error("Integers to negative integer powers are not allowed");
      }
    }
  }
  return absl::OkStatus();
}

template <typename Fn, typename Types, IntegerRule kRule = IntegerRule::kNone, int kCost = 1>
absl::Status ComputeArithmetic(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = CheckSameDataType(context, kX, kY); !status.ok()) return status;
  return DispatchDataType(
      Types(), context, context.input(kX).dtype(), "input 'x'", [&](auto type) -> absl::Status {
        using T = decltype(type);
        if (absl::Status status = CheckIntegerRule<T>(context, kRule); !status.ok()) {
          return status;
        }
        return ComputeBroadcastBinary<T, T, T>(context, kCost, Fn());
      });
}

// TF's Add also concatenates strings.
absl::Status ComputeStringAdd(OpContext& context) {
  absl::StatusOr<Shape> shape = BroadcastInputShapes(context, kX, kY);
  if (!shape.ok()) return shape.status();
  const Tensor& x = context.input(kX);
  const Tensor& y = context.input(kY);
  Tensor output = Tensor::Strings(*shape, std::vector<std::string>(NumElements(*shape)));
  const BroadcastLayout layout({x.shape(), y.shape()}, *shape);
  std::vector<std::string>& out = output.mutable_strings();
  layout.ForEachRun(0, static_cast<int64_t>(out.size()),
                    [&](int64_t position, int64_t length, const int64_t* at) {
                      for (int64_t i = 0; i < length; ++i) {
                        out[position + i] = x.strings()[at[0] + i * layout.inner_stride(0)] +
                                            y.strings()[at[1] + i * layout.inner_stride(1)];
                      }
                    });
  context.set_output(0, std::move(output));
  return absl::OkStatus();
}

using AddTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t, uint8_t, int8_t, int16_t,
                          std::complex<float>, std::complex<double>>;
using SquaredDifferenceTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t,
                                        std::complex<float>, std::complex<double>>;
using PowTypes = TypeList<float, double, Half, BFloat16, int32_t, int64_t, int8_t, int16_t,
                          std::complex<float>, std::complex<double>>;

absl::Status ComputeAdd(OpContext& context) {
  if (context.num_inputs() == 2 && context.input(kX).dtype() == tensorflow::DT_STRING &&
      context.input(kY).dtype() == tensorflow::DT_STRING) {
    return ComputeStringAdd(context);
  }
  return ComputeArithmetic<AddFn, NumberTypes>(context);
}

// Add and AddV2. A float32 node takes the epilogues reading it (runtime/epilogue.h): clamps
// alone (Relu, Relu6, Maximum or Minimum by a scalar) in the same loop as it adds; other steps (a
// Prelu after a residual Add, biases and scales by channel) in one pass over the sum.
class AddKernel : public Kernel {
 public:
  AddKernel(bool float32, std::vector<Epilogue> steps)
      : float32_(float32), steps_(std::move(steps)) {}

  absl::Status Compute(OpContext& context) const override {
    if (steps_.empty()) return ComputeAdd(context);
    if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
    if (context.input(kX).dtype() != tensorflow::DT_FLOAT ||
        context.input(kY).dtype() != tensorflow::DT_FLOAT) {
      return context.Error("an Add with fused epilogues takes float32 inputs only");
    }
    float lo = -std::numeric_limits<float>::infinity();
    float hi = std::numeric_limits<float>::infinity();
    bool clamps_only = true;
    for (const Epilogue& step : steps_) {
      clamps_only &= !step.has_affine() && !step.has_slope() && step.gate == nullptr;
      lo = std::max(lo, step.min);
      hi = std::min(hi, step.max);
    }
    if (clamps_only) {
      // Comparisons with NaN are false, so NaN passes through, as through TF's Relu.
      return ComputeBroadcastBinary<float, float, float>(context, 1, [lo, hi](float x, float y) {
        const float sum = x + y;
        const float above = sum < lo ? lo : sum;  // lo <= hi: two selections are the clamp.
        return above > hi ? hi : above;
      });
    }
    // The sum, broadcast to the shape the epilogue nodes would give it, then the steps.
    absl::StatusOr<Shape> shape = BroadcastInputShapes(context, kX, kY);
    for (const Epilogue& step : steps_) {
      if (shape.ok()) shape = BroadcastShapes(*shape, step.ConstantShape());
    }
    if (!shape.ok()) return context.Error(shape.status().message());
    absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {kX, kY}, tensorflow::DT_FLOAT, *shape);
    if (!output.ok()) return output.status();
    const Tensor& x = context.input(kX);
    const Tensor& y = context.input(kY);
    const float* a = x.data<float>();
    const float* b = y.data<float>();
    float* out = output->mutable_data<float>();
    const int64_t channels = shape->empty() ? 1 : shape->back();
    std::vector<Epilogue> widened;
    for (const Epilogue& step : steps_) widened.push_back(step.Widened(channels));
    if (x.shape() == *shape && y.shape() == *shape) {  // A residual sum: one pass.
      ProduceWithEpilogues(widened, channels, out, output->num_elements(), context.threadpool(),
                           [a, b, out](int64_t begin, int64_t end) {
                             BinaryRun(a + begin, 1, b + begin, 1, out + begin, end - begin,
                                       AddFn());
                           });
    } else {
      BroadcastBinary(context.threadpool(), a, x.shape(), b, y.shape(), out, *shape, 1, AddFn());
      ApplyEpilogues(widened, channels, out, output->num_elements(), context.threadpool());
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<Kernel>> WithEpilogue(const Epilogue& epilogue) const override {
    if (!float32_) return nullptr;
    std::vector<Epilogue> steps = steps_;
    std::optional<Epilogue> composed;
    if (!steps.empty()) {
      const Epilogue& last = steps.back();
      const size_t channels = std::max({size_t{1}, last.scale.size(), last.bias.size(),
                                        last.slope.size(), epilogue.scale.size(),
                                        epilogue.bias.size(), epilogue.slope.size()});
      composed = ComposeEpilogues(last, epilogue, static_cast<int64_t>(channels));
    }
    if (composed) {
      steps.back() = *std::move(composed);
    } else {
      steps.push_back(epilogue);
    }
    return std::make_unique<AddKernel>(true, std::move(steps));
  }

 private:
  bool float32_;
  // Fused epilogues, in order; none for the node alone.
  std::vector<Epilogue> steps_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildAdd(const KernelBuildContext& context) {
  absl::StatusOr<DataType> dtype = context.attrs.GetType("T");
  return std::make_unique<AddKernel>(dtype.ok() && *dtype == tensorflow::DT_FLOAT,
                                     std::vector<Epilogue>());
}

// Add also takes strings; AddV2 the unsigned integers instead.
std::vector<DataType> AddDtypes() {
  std::vector<DataType> dtypes = DtypesOf(AddTypes());
  dtypes.push_back(tensorflow::DT_STRING);
  return dtypes;
}

REGISTER_KERNEL_FACTORY("Add", BuildAdd, {{"T", AddDtypes()}});
REGISTER_KERNEL_FACTORY("AddV2", BuildAdd, {{"T", DtypesOf(NumberTypes())}});
REGISTER_KERNEL("Sub", (ComputeArithmetic<SubFn, NumberTypes>), {{"T", DtypesOf(NumberTypes())}});
REGISTER_KERNEL("Mul", (ComputeArithmetic<MulFn, NumberTypes>), {{"T", DtypesOf(NumberTypes())}});
REGISTER_KERNEL("RealDiv", (ComputeArithmetic<DivFn, FloatAndComplexTypes, IntegerRule::kNone, 2>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Div", (ComputeArithmetic<DivFn, NumberTypes, IntegerRule::kNoZeroDivisor, 2>),
                {{"T", DtypesOf(NumberTypes())}});
REGISTER_KERNEL("FloorDiv",
                (ComputeArithmetic<FloorDivFn, AllNumericTypes, IntegerRule::kNoZeroDivisor, 4>),
                {{"T", DtypesOf(AllNumericTypes())}});
REGISTER_KERNEL("FloorMod",
                (ComputeArithmetic<FloorModFn, AllNumericTypes, IntegerRule::kNoZeroDivisor, 8>),
                {{"T", DtypesOf(AllNumericTypes())}});
REGISTER_KERNEL("Mod",
                (ComputeArithmetic<TruncateModFn, NumericTypes, IntegerRule::kNoZeroDivisor, 8>),
                {{"T", DtypesOf(NumericTypes())}});
REGISTER_KERNEL("TruncateDiv",
                (ComputeArithmetic<TruncateDivFn, AllNumericTypes, IntegerRule::kNoZeroDivisor, 2>),
                {{"T", DtypesOf(AllNumericTypes())}});
REGISTER_KERNEL("TruncateMod",
                (ComputeArithmetic<TruncateModFn, NumericTypes, IntegerRule::kNoZeroDivisor, 8>),
                {{"T", DtypesOf(NumericTypes())}});
REGISTER_KERNEL("MulNoNan",
                (ComputeArithmetic<MulNoNanFn, FloatAndComplexTypes, IntegerRule::kNone, 1>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Xdivy", (ComputeArithmetic<XdivyFn, FloatAndComplexTypes, IntegerRule::kNone, 2>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Xlogy", (ComputeArithmetic<XlogyFn, FloatAndComplexTypes, IntegerRule::kNone, 16>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Xlog1py",
                (ComputeArithmetic<Xlog1pyFn, FloatAndComplexTypes, IntegerRule::kNone, 16>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("NextAfter", (ComputeArithmetic<NextAfterFn, FloatTypes>),
                {{"T", DtypesOf(FloatTypes())}});
REGISTER_KERNEL("DivNoNan",
                (ComputeArithmetic<DivNoNanFn, FloatAndComplexTypes, IntegerRule::kNone, 2>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Atan2", (ComputeArithmetic<Atan2Fn, AllFloatTypes, IntegerRule::kNone, 16>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Maximum", (ComputeArithmetic<MaximumFn, AllNumericTypes>),
                {{"T", DtypesOf(AllNumericTypes())}});
REGISTER_KERNEL("Minimum", (ComputeArithmetic<MinimumFn, AllNumericTypes>),
                {{"T", DtypesOf(AllNumericTypes())}});
REGISTER_KERNEL("SquaredDifference",
                (ComputeArithmetic<SquaredDifferenceFn, SquaredDifferenceTypes>),
                {{"T", DtypesOf(SquaredDifferenceTypes())}});
REGISTER_KERNEL("Pow", (ComputeArithmetic<PowFn, PowTypes, IntegerRule::kNoNegativeExponent, 20>),
                {{"T", DtypesOf(PowTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
