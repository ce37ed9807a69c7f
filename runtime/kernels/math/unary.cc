// Elementwise unary ops: activations (Relu, Relu6, Elu, Selu, Sigmoid, Tanh,
// Softplus), Exp, Expm1, Log, Log1p, Sqrt, Rsqrt, Reciprocal, trigonometric and
// hyperbolic functions, Erf, Floor, Ceil, Round, Neg, Abs, Square, Sign, and
// the IsNan / IsInf / IsFinite tests.
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

REGISTER_KERNEL("Exp", (ComputeSameType<ExpFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Log", (ComputeSameType<LogFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Log1p", (ComputeSameType<Log1pFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Sqrt", (ComputeSameType<SqrtFn, AllFloatTypes, kDivision>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Rsqrt", (ComputeSameType<RsqrtFn, AllFloatTypes, kDivision>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Reciprocal", (ComputeSameType<ReciprocalFn, AllFloatTypes, kDivision>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Expm1", (ComputeSameType<Expm1Fn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Tan", (ComputeSameType<TanFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Asin", (ComputeSameType<AsinFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Acos", (ComputeSameType<AcosFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Atan", (ComputeSameType<AtanFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Sinh", (ComputeSameType<SinhFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Cosh", (ComputeSameType<CoshFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Asinh", (ComputeSameType<AsinhFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Acosh", (ComputeSameType<AcoshFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Atanh", (ComputeSameType<AtanhFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Sin", (ComputeSameType<SinFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Cos", (ComputeSameType<CosFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Tanh", (ComputeSameType<TanhFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Erf", (ComputeSameType<ErfFn, AllFloatTypes, kTranscendental>),
                {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("Sigmoid", (ComputeSameType<SigmoidFn, AllFloatTypes, kTranscendental>),
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
REGISTER_KERNEL("Round", (ComputeSameType<RoundFn, SignedTypes>), {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("Relu", (ComputeSameType<ReluFn, SignedTypes>), {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("Relu6", (ComputeSameType<Relu6Fn, SignedTypes>), {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("Neg", (ComputeSameType<NegFn, SignedTypes>), {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("Abs", (ComputeSameType<AbsFn, SignedTypes>), {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("Square", (ComputeSameType<SquareFn, SignedTypes>),
                {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("Sign", (ComputeSameType<SignFn, SignedTypes>), {{"T", DtypesOf(SignedTypes())}});
REGISTER_KERNEL("IsNan", ComputeFloatTest<IsNanFn>, {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("IsInf", ComputeFloatTest<IsInfFn>, {{"T", DtypesOf(AllFloatTypes())}});
REGISTER_KERNEL("IsFinite", ComputeFloatTest<IsFiniteFn>, {{"T", DtypesOf(AllFloatTypes())}});

}  // namespace
}  // namespace tfjs::runtime::math
