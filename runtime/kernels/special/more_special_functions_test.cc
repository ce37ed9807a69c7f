// Tests of the Bessel, Dawson, exponential-integral, Fresnel, Spence, Erfinv, Ndtri and
// IgammaGradA kernels in float64: published values, the limits and symmetries TF's (Cephes')
// functions have, and continuity where the implementations switch method.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::MakeTensor;
using testing::RunOp;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;
constexpr char kDoubleT[] = "attr { key: \"T\" value { type: DT_DOUBLE } }";

std::vector<double> RunDoubles(const std::string& op, std::vector<double> x) {
  const int64_t n = static_cast<int64_t>(x.size());
  absl::StatusOr<std::vector<Tensor>> outputs =
      RunOp(op, {MakeTensor<double>(tensorflow::DT_DOUBLE, {n}, std::move(x))}, kDoubleT);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  if (!outputs.ok()) return {};
  const auto values = (*outputs)[0].values<double>();
  return std::vector<double>(values.begin(), values.end());
}

double At(const std::string& op, double x) { return RunDoubles(op, {x})[0]; }

void ExpectRelative(double actual, double expected, double tolerance, const std::string& what) {
  if (std::isinf(expected) || expected == 0) {
    EXPECT_EQ(actual, expected) << what;
  } else {
    EXPECT_LE(std::fabs(actual - expected), tolerance * std::fabs(expected))
        << what << ": got " << actual << ", want " << expected;
  }
}

// 1/sqrt(2 pi x) (1 - (mu - 1)/(8x) + (mu - 1)(mu - 9)/(2 (8x)^2) - ...), to 6 terms, for x = 500.
double AsymptoticScaledI(int nu, double x) {
  double term = 1;
  double sum = 1;
  for (int k = 1; k <= 6; ++k) {
    term *= -(4.0 * nu * nu - (2.0 * k - 1) * (2.0 * k - 1)) / (8.0 * k * x);
    sum += term;
  }
  return sum / std::sqrt(2 * kPi * x);
}

TEST(BesselTest, ModifiedFirstKind) {
  ExpectRelative(At("BesselI0", 5), 27.239871823604442, 1e-14, "I0(5)");
  ExpectRelative(At("BesselI1", -5), -24.335642142450524, 1e-14, "I1(-5)");
  ExpectRelative(At("BesselI0e", 500), AsymptoticScaledI(0, 500), 1e-14, "I0e(500)");
  ExpectRelative(At("BesselI1e", -500), -AsymptoticScaledI(1, 500), 1e-14, "I1e(-500)");
  // exp(x) overflows before I0(x) does; I0(800) overflows.
  EXPECT_TRUE(std::isfinite(At("BesselI0", 712)));
  EXPECT_EQ(At("BesselI0", 800), kInf);
  EXPECT_EQ(At("BesselI1", -800), -kInf);
  EXPECT_EQ(At("BesselI0e", kInf), 0);
  EXPECT_TRUE(std::isnan(At("BesselI0", kNaN)));
  // The series and the asymptotic expansion meet at 30.
  ExpectRelative(At("BesselI0e", 30.000001), At("BesselI0e", 30), 1e-7, "I0e at 30");
}

TEST(BesselTest, ModifiedSecondKind) {
  ExpectRelative(At("BesselK0", 5), 3.691098334042594e-3, 1e-13, "K0(5)");
  ExpectRelative(At("BesselK1", 5), 4.044613445452164e-3, 1e-13, "K1(5)");
  ExpectRelative(At("BesselK0", 0.01), 4.721244730161095, 1e-14, "K0(0.01)");
  ExpectRelative(At("BesselK1", 0.01), 99.97389411829625, 1e-14, "K1(0.01)");
  // K_nu(x) exp(x) ~ sqrt(pi / 2x) (1 + (4 nu^2 - 1) / 8x) for large x.
  ExpectRelative(At("BesselK0e", 1e6), std::sqrt(kPi / 2e6) * (1 - 1 / 8e6), 1e-12, "K0e(1e6)");
  ExpectRelative(At("BesselK1e", 1e6), std::sqrt(kPi / 2e6) * (1 + 3 / 8e6), 1e-12, "K1e(1e6)");
  EXPECT_EQ(At("BesselK0", 1000), 0);
  EXPECT_EQ(At("BesselK1e", 0), kInf);
  EXPECT_TRUE(std::isnan(At("BesselK0", -1)));
  EXPECT_TRUE(std::isnan(At("BesselK1e", -1)));
  // The series and the trapezoid rule meet at 1.
  ExpectRelative(At("BesselK1", 1.000000001), At("BesselK1", 1), 1e-8, "K1 at 1");
}

TEST(BesselTest, FirstAndSecondKind) {
  ExpectRelative(At("BesselJ0", 10), -0.2459357644513483, 1e-13, "J0(10)");
  ExpectRelative(At("BesselJ1", 10), 0.04347274616886144, 1e-12, "J1(10)");
  ExpectRelative(At("BesselY0", 10), 0.05567116728359939, 1e-12, "Y0(10)");
  ExpectRelative(At("BesselY1", 10), 0.24901542420695388, 1e-13, "Y1(10)");
  EXPECT_TRUE(std::isnan(At("BesselY1", -2)));
}

TEST(DawsnTest, SeriesAsymptoticAndSymmetry) {
  ExpectRelative(At("Dawsn", 0.9241388730), 0.5410442246, 1e-9, "Dawsn at its maximum");
  // x F(x) -> 1/2 (1 + 1/(2x^2) + 3/(4x^4)).
  ExpectRelative(At("Dawsn", 100), (1 + 1 / 2e4 + 3 / 4e8) / 200, 1e-10, "Dawsn(100)");
  EXPECT_EQ(At("Dawsn", -3), -At("Dawsn", 3));
  EXPECT_EQ(At("Dawsn", kInf), 0);
  ExpectRelative(At("Dawsn", 10.0000001), At("Dawsn", 10), 1e-7, "Dawsn at 10");
}

TEST(ExpintTest, BothSignsAndLimits) {
  ExpectRelative(At("Expint", 0.5), 0.4542199048631736, 1e-14, "Ei(0.5)");
  ExpectRelative(At("Expint", -10), -4.156968929685324e-06, 1e-13, "Ei(-10)");
  ExpectRelative(At("Expint", 100), 2.7155527448538798e+41, 1e-13, "Ei(100)");
  EXPECT_EQ(At("Expint", 0), -kInf);
  EXPECT_EQ(At("Expint", 800), kInf);
  EXPECT_EQ(At("Expint", -800), 0);
  ExpectRelative(At("Expint", 40.000001), At("Expint", 40), 1e-6, "Ei at 40");
}

TEST(FresnelTest, ValuesLimitsAndSymmetry) {
  ExpectRelative(At("FresnelCos", 0.5), 0.4923442258714464, 1e-14, "C(0.5)");
  ExpectRelative(At("FresnelSin", 0.5), 0.06473243285999929, 1e-13, "S(0.5)");
  ExpectRelative(At("FresnelCos", 5), 0.5636311887040122, 1e-12, "C(5)");
  ExpectRelative(At("FresnelSin", 5), 0.4991913819171169, 1e-12, "S(5)");
  EXPECT_EQ(At("FresnelSin", kInf), 0.5);
  EXPECT_EQ(At("FresnelCos", -kInf), -0.5);
  EXPECT_EQ(At("FresnelCos", -2), -At("FresnelCos", 2));
  // Series below 1.6, continued fraction above.
  ExpectRelative(At("FresnelSin", 1.6000001), At("FresnelSin", 1.6), 1e-6, "S at 1.6");
}

TEST(SpenceTest, DilogarithmIdentities) {
  // Li2(1 - x) + Li2(x) = pi^2/6 - log(x) log(1 - x), here at x = 0.25.
  ExpectRelative(At("Spence", 0.25) + At("Spence", 0.75),
                 kPi * kPi / 6 - std::log(0.25) * std::log(0.75), 1e-14, "reflection");
  // Li2(-1/2) and the inversion Li2(z) + Li2(1/z) = -pi^2/6 - log(-z)^2 / 2 at z = -4.
  ExpectRelative(At("Spence", 1.5), -0.4484142069236462, 1e-14, "Spence(1.5)");
  ExpectRelative(At("Spence", 5) + At("Spence", 1.25),
                 -kPi * kPi / 6 - std::log(4.0) * std::log(4.0) / 2, 1e-14, "inversion");
  EXPECT_TRUE(std::isnan(At("Spence", -1)));
  EXPECT_EQ(At("Spence", kInf), -kInf);
}

TEST(InverseTest, ErfinvAndNdtriInvertTheirFunctions) {
  for (double y : {-0.999999, -0.3, 1e-300, 1e-8, 0.25, 0.75, 0.9999999999}) {
    ExpectRelative(std::erf(At("Erfinv", y)), y, 1e-14, "erf(erfinv(y))");
  }
  for (double p : {1e-300, 1e-20, 0.01, 0.3, 0.5 + 1e-12, 0.9, 1 - 1e-15}) {
    const double x = At("Ndtri", p);
    ExpectRelative(std::erfc(-x / std::sqrt(2.0)) / 2, p, 1e-12, "Phi(ndtri(p))");
  }
  const std::vector<double> edges = RunDoubles("Erfinv", {1, -1, 1.5, kNaN});
  EXPECT_EQ(edges[0], kInf);
  EXPECT_EQ(edges[1], -kInf);
  EXPECT_TRUE(std::isnan(edges[2]));
  EXPECT_TRUE(std::isnan(edges[3]));
  EXPECT_EQ(At("Ndtri", 1), kInf);
  EXPECT_TRUE(std::isnan(At("Ndtri", -0.5)));
}

TEST(IgammaGradATest, MatchesCentralDifferencesOfIgamma) {
  auto igamma = [](double a, double x) {
    absl::StatusOr<std::vector<Tensor>> out =
        RunOp("Igamma",
              {MakeTensor<double>(tensorflow::DT_DOUBLE, {}, {a}),
               MakeTensor<double>(tensorflow::DT_DOUBLE, {}, {x})},
              kDoubleT);
    return out.ok() ? (*out)[0].data<double>()[0] : kNaN;
  };
  const double cases[][2] = {{0.5, 0.1}, {3, 1}, {3, 8}, {20, 25}, {0.2, 5}};
  for (const auto& [a, x] : cases) {
    absl::StatusOr<std::vector<Tensor>> out =
        RunOp("IgammaGradA",
              {MakeTensor<double>(tensorflow::DT_DOUBLE, {}, {a}),
               MakeTensor<double>(tensorflow::DT_DOUBLE, {}, {x})},
              kDoubleT);
    ASSERT_TRUE(out.ok()) << out.status();
    const double h = 1e-5 * a;
    const double central = (igamma(a + h, x) - igamma(a - h, x)) / (2 * h);
    ExpectRelative((*out)[0].data<double>()[0], central, 1e-6,
                   "dP/da at a=" + std::to_string(a) + " x=" + std::to_string(x));
  }
  absl::StatusOr<std::vector<Tensor>> edges =
      RunOp("IgammaGradA",
            {MakeTensor<double>(tensorflow::DT_DOUBLE, {3}, {1, -1, 1}),
             MakeTensor<double>(tensorflow::DT_DOUBLE, {3}, {0, 1, -1})},
            kDoubleT);
  ASSERT_TRUE(edges.ok()) << edges.status();
  EXPECT_EQ(edges->at(0).data<double>()[0], 0);
  EXPECT_TRUE(std::isnan(edges->at(0).data<double>()[1]));
  EXPECT_TRUE(std::isnan(edges->at(0).data<double>()[2]));
}

}  // namespace
}  // namespace tfjs::runtime
