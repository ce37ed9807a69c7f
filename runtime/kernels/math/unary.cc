// Elementwise unary ops: activations (Relu, Relu6, Elu, Selu, Sigmoid, Tanh, Softplus), Exp,
// Expm1, Log, Log1p, Sqrt, Rsqrt, Reciprocal, trigonometric and hyperbolic functions, Erf, Floor,
// Ceil, Round, Neg, Abs, Square, Sign, and the IsNan / IsInf / IsFinite tests.
#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/unary_functors.h"
#include "runtime/kernels/math/unary_kernel.h"

namespace tfjs::runtime::math {
namespace {

// Output has the input's dtype.
template <typename Fn, typename Types, int kCost = 1>
absl::Status ComputeSameType(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  return DispatchDataType(Types(), context, context.input(0).dtype(), "input 'x'", [&](auto type) {
    using T = decltype(type);
    return ComputeUnary<T, T>(context, kCost, Fn());
  });
}

// Output is bool.
template <typename Fn>
absl::Status ComputeFloatTest(OpContext& context) {
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

REGISTER_KERNEL("Exp", (ComputeSameType<ExpFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Log", (ComputeSameType<LogFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Log1p", (ComputeSameType<Log1pFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Sqrt", (ComputeSameType<SqrtFn, AllFloatTypes, kDivision>));
REGISTER_KERNEL("Rsqrt", (ComputeSameType<RsqrtFn, AllFloatTypes, kDivision>));
REGISTER_KERNEL("Reciprocal", (ComputeSameType<ReciprocalFn, AllFloatTypes, kDivision>));
REGISTER_KERNEL("Expm1", (ComputeSameType<Expm1Fn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Tan", (ComputeSameType<TanFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Asin", (ComputeSameType<AsinFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Acos", (ComputeSameType<AcosFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Atan", (ComputeSameType<AtanFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Sinh", (ComputeSameType<SinhFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Cosh", (ComputeSameType<CoshFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Asinh", (ComputeSameType<AsinhFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Acosh", (ComputeSameType<AcoshFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Atanh", (ComputeSameType<AtanhFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Sin", (ComputeSameType<SinFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Cos", (ComputeSameType<CosFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Tanh", (ComputeSameType<TanhFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Erf", (ComputeSameType<ErfFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Sigmoid", (ComputeSameType<SigmoidFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Elu", (ComputeSameType<EluFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Selu", (ComputeSameType<SeluFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Softplus", (ComputeSameType<SoftplusFn, AllFloatTypes, kTranscendental>));
REGISTER_KERNEL("Floor", (ComputeSameType<FloorFn, AllFloatTypes>));
REGISTER_KERNEL("Ceil", (ComputeSameType<CeilFn, AllFloatTypes>));
REGISTER_KERNEL("Round", (ComputeSameType<RoundFn, SignedTypes>));
REGISTER_KERNEL("Relu", (ComputeSameType<ReluFn, SignedTypes>));
REGISTER_KERNEL("Relu6", (ComputeSameType<Relu6Fn, SignedTypes>));
REGISTER_KERNEL("Neg", (ComputeSameType<NegFn, SignedTypes>));
REGISTER_KERNEL("Abs", (ComputeSameType<AbsFn, SignedTypes>));
REGISTER_KERNEL("Square", (ComputeSameType<SquareFn, SignedTypes>));
REGISTER_KERNEL("Sign", (ComputeSameType<SignFn, SignedTypes>));
REGISTER_KERNEL("IsNan", ComputeFloatTest<IsNanFn>);
REGISTER_KERNEL("IsInf", ComputeFloatTest<IsInfFn>);
REGISTER_KERNEL("IsFinite", ComputeFloatTest<IsFiniteFn>);

}  // namespace
}  // namespace tfjs::runtime::math
