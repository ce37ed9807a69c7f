// Elementwise unary ops: activations (Relu, Relu6, Elu, Selu, Tanh, Softplus; Sigmoid is in
// sigmoid.cc), Exp, Expm1, Log, Log1p, Sqrt, Rsqrt, Reciprocal (and its old name Inv),
// trigonometric and hyperbolic functions (also on complex), Erf, Erfc, Floor, Ceil, Rint,
// Round, Neg, Abs, Square, Sign, and the IsNan / IsInf / IsFinite tests.
#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/unary_functors.h"
#include "runtime/kernels/math/unary_kernel.h"

namespace tfjs::runtime::math {
namespace {

// Output has the input's dtype.
template <typename Fn, typename Types, int kCost = 1>
absl::Status ComputeSameType(OpContext &context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  return DispatchDataType(Types(), context, context.input(0).dtype(), "input 'x'", [&](auto type) {
    using T = decltype(type);
    return ComputeUnary<T, T>(context, kCost, Fn());
  });
}

// Output is bool.
template <typename Fn>
absl::Status ComputeFloatTest(OpContext &context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  return DispatchDataType(AllFloatTypes(), context, context.input(0).dtype(), "input 'x'",
                          [&](auto type) {
                            using T = decltype(type);
                            return ComputeUnary<T, bool>(context, 1, Fn());
                          });
}

// Rough costs: libm calls ~16 cheap ops, a division ~4.
constexpr int kTranscendental = 16;
constexpr int kDivision = 4;

REGISTER_KERNEL("Exp", (ComputeSameType<ExpFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Log", (ComputeSameType<LogFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Log1p", (ComputeSameType<Log1pFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Sqrt", (ComputeSameType<SqrtFn, FloatAndComplexTypes, kDivision>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Rsqrt", (ComputeSameType<RsqrtFn, FloatAndComplexTypes, kDivision>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Reciprocal", (ComputeSameType<ReciprocalFn, FloatAndComplexTypes, kDivision>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Inv", (ComputeSameType<ReciprocalFn, FloatAndComplexTypes, kDivision>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Expm1", (ComputeSameType<Expm1Fn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Tan", (ComputeSameType<TanFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Asin", (ComputeSameType<AsinFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Acos", (ComputeSameType<AcosFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Atan", (ComputeSameType<AtanFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Sinh", (ComputeSameType<SinhFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Cosh", (ComputeSameType<CoshFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Asinh", (ComputeSameType<AsinhFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Acosh", (ComputeSameType<AcoshFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Atanh", (ComputeSameType<AtanhFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Sin", (ComputeSameType<SinFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Cos", (ComputeSameType<CosFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Tanh", (ComputeSameType<TanhFn, FloatAndComplexTypes, kTranscendental>),
                {{"T", DtypesOf(FloatAndComplexTypes())}});
REGISTER_KERNEL("Erf", (ComputeSameType<ErfFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Erfc", (ComputeSameType<ErfcFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Elu", (ComputeSameType<EluFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Selu", (ComputeSameType<SeluFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Softplus", (ComputeSameType<SoftplusFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Floor", (ComputeSameType<FloorFn, AllFloatTypes>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Ceil", (ComputeSameType<CeilFn, AllFloatTypes>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Rint", (ComputeSameType<RintFn, FloatTypes>), {{"T", DtypesOf(FloatTypes())}});
REGISTER_KERNEL("Round", (ComputeSameType<RoundFn, NumericAndHalfTypes>),
                {{"T", DtypesOf(NumericAndHalfTypes())}});
REGISTER_KERNEL("Relu", (ComputeSameType<ReluFn, AllNumericTypes>),
                {{"T", DtypesOf(AllNumericTypes())}});
REGISTER_KERNEL("Relu6", (ComputeSameType<Relu6Fn, AllNumericTypes>),
                {{"T", DtypesOf(AllNumericTypes())}});
REGISTER_KERNEL("Neg", (ComputeSameType<NegFn, SignedAndComplexTypes>),
                {{"T", DtypesOf(SignedAndComplexTypes())}});
REGISTER_KERNEL("Abs", (ComputeSameType<AbsFn, SignedTypes>), {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("Square", (ComputeSameType<SquareFn, NumberTypes>),
                {{"T", DtypesOf(NumberTypes())}});
REGISTER_KERNEL("Sign", (ComputeSameType<SignFn, SignedAndComplexTypes>),
                {{"T", DtypesOf(SignedAndComplexTypes())}});
REGISTER_KERNEL("IsNan", ComputeFloatTest<IsNanFn>, {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("IsInf", ComputeFloatTest<IsInfFn>, {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("IsFinite", ComputeFloatTest<IsFiniteFn>, {{"T", DtypesOf(AllFloatTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
