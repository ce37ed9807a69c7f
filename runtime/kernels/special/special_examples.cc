// Op examples of the special-function kernels, run for every dtype each declares by
// //runtime/kernels:dtype_matrix_test. Expected values are published table values (Abramowitz &
// Stegun, DLMF) to double precision; the scaled Bessel functions are those times exp(-+|x|).
#include <cmath>
#include <limits>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr double kI0At1 = 1.2660658777520082;
constexpr double kI0At2 = 2.2795853023360673;
constexpr double kI1At1 = 0.5651591039924851;
constexpr double kI1At2 = 1.5906368546373291;
constexpr double kK0AtHalf = 0.9244190712276659;
constexpr double kK0At1 = 0.42102443824070834;
constexpr double kK0At2 = 0.11389387274953344;
constexpr double kK1AtHalf = 1.656441120003301;
constexpr double kK1At1 = 0.6019072301972346;
constexpr double kK1At2 = 0.13986588181652243;

OpExample Unary(const char* op, std::vector<double> x, std::vector<double> y) {
  return OpExample{.op = op,
                   .inputs = {X({2, 2}, std::move(x))},
                   .outputs = {X({2, 2}, std::move(y))},
                   .tolerance = 1e-12};
}

REGISTER_OP_EXAMPLES(
    Unary("BesselI0", {0, 1, -1, 2}, {1, kI0At1, kI0At1, kI0At2}),
    Unary("BesselI0e", {0, 1, -1, 2},
          {1, kI0At1* std::exp(-1.0), kI0At1* std::exp(-1.0), kI0At2* std::exp(-2.0)}),
    Unary("BesselI1", {0, 1, -1, 2}, {0, kI1At1, -kI1At1, kI1At2}),
    Unary("BesselI1e", {0, 1, -1, 2},
          {0, kI1At1* std::exp(-1.0), -kI1At1* std::exp(-1.0), kI1At2* std::exp(-2.0)}),
    Unary("BesselK0", {0.5, 1, 2, 0}, {kK0AtHalf, kK0At1, kK0At2, kInf}),
    Unary("BesselK0e", {0.5, 1, 2, 0},
          {kK0AtHalf * std::exp(0.5), kK0At1* std::exp(1.0), kK0At2* std::exp(2.0), kInf}),
    Unary("BesselK1", {0.5, 1, 2, 0}, {kK1AtHalf, kK1At1, kK1At2, kInf}),
    Unary("BesselK1e", {0.5, 1, 2, 0},
          {kK1AtHalf * std::exp(0.5), kK1At1* std::exp(1.0), kK1At2* std::exp(2.0), kInf}),
    Unary("BesselJ0", {0, 1, 2, -1},
          {1, 0.7651976865579666, 0.22389077914123567, 0.7651976865579666}),
    Unary("BesselJ1", {0, 1, 2, -1},
          {0, 0.44005058574493355, 0.5767248077568734, -0.44005058574493355}),
    Unary("BesselY0", {1, 2, 0, -1}, {0.08825696421567697, 0.5103756726497451, -kInf, kNaN}),
    Unary("BesselY1", {1, 2, 0, -1}, {-0.7812128213002887, -0.10703243154093754, -kInf, kNaN}),
    Unary("Dawsn", {0, 0.5, 1, -2},
          {0, 0.4244363835020223, 0.5380795069127684, -0.301340388923792}),
    Unary("Expint", {1, -1, 10, 0},
          {1.8951178163559368, -0.21938393439552029, 2492.2289762418777, -kInf}),
    Unary("FresnelCos", {0, 1, 2, -1},
          {0, 0.7798934003768228, 0.48825340607534075, -0.7798934003768228}),
    Unary("FresnelSin", {0, 1, 2, -1},
          {0, 0.4382591473903548, 0.34341567836369824, -0.4382591473903548}),
    // Li2(1 - x): Li2(1/2) = pi^2/12 - log(2)^2/2, Li2(-1) = -pi^2/12, Li2(1) = pi^2/6.
    Unary("Spence", {0.5, 1, 2, 0},
          {0.5822405264650125, 0, -0.8224670334241132, 1.6449340668482264}),
    Unary("Erfinv", {0, 0.5, -0.9, 1}, {0, 0.4769362762044699, -1.1630871536766743, kInf}),
    Unary("Ndtri", {0.5, 0.975, 0.1, 0}, {0, 1.959963984540054, -1.2815515655446004, -kInf}));

// dP(1, x)/da = -exp(-x) (gamma + log x) - E1(x), with E1(1/2) and E1(2) from tables.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "IgammaGradA",
    .inputs = {X({2}, {1, 1}), X({2}, {0.5, 2})},
    .outputs = {X({2},
                  {-std::exp(-0.5) * (0.5772156649015329 + std::log(0.5)) - 0.5597735947761608,
                   -std::exp(-2.0) * (0.5772156649015329 + std::log(2.0)) - 0.04890051070806112})},
    .tolerance = 1e-12});

REGISTER_OP_EXAMPLES(
    Unary("Lgamma", {1, 2, 0.5, 3}, {0, 0, 0.5723649429247001, 0.6931471805599453}),
    Unary("Digamma", {1, 2, 0.5, 3},
          {-0.5772156649015329, 0.42278433509846713, -1.9635100260214235, 0.9227843350984671}),
    Unary("Softsign", {0, 1, -1, 3}, {0, 0.5, -0.5, 0.75}));

// Binary functions of two [2] inputs.
OpExample Binary(const char* op, std::vector<double> a, std::vector<double> b,
                 std::vector<double> out) {
  return OpExample{.op = op,
                   .inputs = {X({2}, std::move(a)), X({2}, std::move(b))},
                   .outputs = {X({2}, std::move(out))},
                   .tolerance = 1e-12};
}

// psi(1) = -gamma, psi'(1) = zeta(2) = pi^2/6, zeta(4) = pi^4/90; P(1, x) = 1 - exp(-x).
REGISTER_OP_EXAMPLES(Binary("Polygamma", {0, 1}, {1, 1}, {-0.5772156649015329, 1.6449340668482264}),
                     Binary("Zeta", {2, 4}, {1, 1}, {1.6449340668482264, 1.0823232337111381}),
                     Binary("Igamma", {1, 1}, {1, 2}, {1 - std::exp(-1.0), 1 - std::exp(-2.0)}),
                     Binary("Igammac", {1, 1}, {1, 2}, {std::exp(-1.0), std::exp(-2.0)}),
                     // I_x(1, 1) = x and I_x(2, 1) = x^2.
                     OpExample{.op = "Betainc",
                               .inputs = {X({2}, {1, 2}), X({2}, {1, 1}), X({2}, {0.25, 0.5})},
                               .outputs = {X({2}, {0.25, 0.25})},
                               .tolerance = 1e-12});

}  // namespace
}  // namespace tfjs::runtime::testing
