// Elementwise special functions computed in double precision and rounded once to the dtype:
// Lgamma, Digamma, Softsign (x / (1 + |x|)), the Bessel functions I0, I1, K0, K1 (plain and
// exponentially scaled), J0, J1, Y0, Y1, Dawsn, Expint, FresnelCos, FresnelSin, Spence, Erfinv,
// Ndtri, and the broadcasting Polygamma(a, x), Zeta(x, q), Igamma(a, x), Igammac(a, x) and
// IgammaGradA(a, x).
#include <cmath>

#include "absl/status/status.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/binary_kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/unary_kernel.h"
#include "runtime/kernels/special/more_special_functions.h"
#include "runtime/kernels/special/special_functions.h"

namespace tfjs::runtime::special {
namespace {

using math::TypeList;
using DoubleFunction = double (*)(double);
using BinaryDoubleFunction = double (*)(double, double);

// The dtypes TF's CPU kernels take: float16 too for the Bessel functions, Lgamma and Digamma.
using HalfFloatTypes = TypeList<math::Half, float, double>;
using FloatTypes = math::FloatTypes;

// Rough cost of one call, in cheap ops.
constexpr int kCost = 64;

template <DoubleFunction kFunction, typename Types>
absl::Status ComputeUnary(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  return math::DispatchDataType(
      Types(), context, context.input(0).dtype(), "input 'x'", [&](auto type) {
        using T = decltype(type);
        using Compute = math::ComputeType<T>;
        return math::ComputeUnary<T, T>(
            context, kCost, [](Compute x) { return static_cast<Compute>(kFunction(x)); });
      });
}

template <BinaryDoubleFunction kFunction, typename Types>
absl::Status ComputeBinary(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (absl::Status status = math::CheckSameDataType(context, 0, 1); !status.ok()) return status;
  return math::DispatchDataType(
      Types(), context, context.input(0).dtype(), "input 'a'", [&](auto type) {
        using T = decltype(type);
        using Compute = math::ComputeType<T>;
        return math::ComputeBroadcastBinary<T, T, T>(context, kCost, [](Compute a, Compute b) {
          return static_cast<Compute>(kFunction(a, b));
        });
      });
}

double Lgamma(double x) { return std::lgamma(x); }
double Softsign(double x) { return x / (1 + std::fabs(x)); }

// The Bessel functions of the first and second kind from the C library.
double BesselJ0(double x) { return ::j0(x); }
double BesselJ1(double x) { return ::j1(x); }
double BesselY0(double x) { return std::isnan(x) || x < 0 ? std::nan("") : ::y0(x); }
double BesselY1(double x) { return std::isnan(x) || x < 0 ? std::nan("") : ::y1(x); }

#define REGISTER_UNARY(op, function, types) \
  REGISTER_KERNEL(op, (ComputeUnary<function, types>), {{"T", math::DtypesOf(types())}})

REGISTER_UNARY("BesselI0", BesselI0, HalfFloatTypes);
REGISTER_UNARY("BesselI0e", BesselI0e, HalfFloatTypes);
REGISTER_UNARY("BesselI1", BesselI1, HalfFloatTypes);
REGISTER_UNARY("BesselI1e", BesselI1e, HalfFloatTypes);
REGISTER_UNARY("BesselK0", BesselK0, HalfFloatTypes);
REGISTER_UNARY("BesselK0e", BesselK0e, HalfFloatTypes);
REGISTER_UNARY("BesselK1", BesselK1, HalfFloatTypes);
REGISTER_UNARY("BesselK1e", BesselK1e, HalfFloatTypes);
REGISTER_UNARY("BesselJ0", BesselJ0, HalfFloatTypes);
REGISTER_UNARY("BesselJ1", BesselJ1, HalfFloatTypes);
REGISTER_UNARY("BesselY0", BesselY0, HalfFloatTypes);
REGISTER_UNARY("BesselY1", BesselY1, HalfFloatTypes);
REGISTER_UNARY("Dawsn", Dawsn, FloatTypes);
REGISTER_UNARY("Expint", Expint, FloatTypes);
REGISTER_UNARY("FresnelCos", FresnelCos, FloatTypes);
REGISTER_UNARY("FresnelSin", FresnelSin, FloatTypes);
REGISTER_UNARY("Spence", Spence, FloatTypes);
REGISTER_UNARY("Erfinv", Erfinv, FloatTypes);
REGISTER_UNARY("Ndtri", Ndtri, FloatTypes);
REGISTER_UNARY("Lgamma", Lgamma, HalfFloatTypes);
REGISTER_UNARY("Digamma", Digamma, HalfFloatTypes);
REGISTER_UNARY("Softsign", Softsign, math::AllFloatTypes);
REGISTER_KERNEL("Polygamma", (ComputeBinary<Polygamma, FloatTypes>),
                {{"T", math::DtypesOf(FloatTypes())}});
REGISTER_KERNEL("Zeta", (ComputeBinary<Zeta, FloatTypes>), {{"T", math::DtypesOf(FloatTypes())}});
REGISTER_KERNEL("Igamma", (ComputeBinary<Igamma, FloatTypes>),
                {{"T", math::DtypesOf(FloatTypes())}});
REGISTER_KERNEL("Igammac", (ComputeBinary<Igammac, FloatTypes>),
                {{"T", math::DtypesOf(FloatTypes())}});
REGISTER_KERNEL("IgammaGradA", (ComputeBinary<IgammaGradA, FloatTypes>),
                {{"T", math::DtypesOf(FloatTypes())}});

#undef REGISTER_UNARY

}  // namespace
}  // namespace tfjs::runtime::special
