// Tests for the special-function kernels against known closed forms.
#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using testing::MakeTensor;
using ::testing::Pointwise;
using testing::RunOp;

constexpr double kPi = 3.14159265358979323846;
constexpr double kEulerGamma = 0.5772156649015329;
constexpr double kApery = 1.2020569031595942;  // zeta(3)

std::vector<double> RunDoubles(const std::string& op, const std::vector<Tensor>& inputs) {
  auto outputs = RunOp(op, inputs, "");
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  if (!outputs.ok()) return {};
  absl::Span<const double> values = (*outputs)[0].values<double>();
  return std::vector<double>(values.begin(), values.end());
}

Tensor Doubles(Shape shape, std::vector<double> values) {
  return MakeTensor<double>(tensorflow::DT_DOUBLE, std::move(shape), std::move(values));
}

TEST(SpecialOpsTest, Digamma) {
  const std::vector<double> values = RunDoubles("Digamma", {Doubles({5}, {1, 0.5, -0.5, 20, 0})});
  ASSERT_EQ(values.size(), 5u);
  EXPECT_NEAR(values[0], -kEulerGamma, 1e-14);
  EXPECT_NEAR(values[1], -kEulerGamma - 2 * std::log(2.0), 1e-14);
  EXPECT_NEAR(values[2], -kEulerGamma - 2 * std::log(2.0) + 2, 1e-13);  // psi(-1/2) = psi(1/2) + 2
  // psi(20) = -gamma + H_19.
  double harmonic = 0;
  for (int k = 1; k < 20; ++k) harmonic += 1.0 / k;
  EXPECT_NEAR(values[3], -kEulerGamma + harmonic, 1e-13);
  EXPECT_TRUE(std::isnan(values[4]));
}

TEST(SpecialOpsTest, LgammaAndSoftsign) {
  auto lgamma = RunOp("Lgamma", {Floats({3}, {0.5f, 1, 5})}, "");
  ASSERT_TRUE(lgamma.ok()) << lgamma.status();
  EXPECT_THAT(FloatValues((*lgamma)[0]),
              Pointwise(FloatNear(1e-6),
                        std::vector<float>{float(0.5 * std::log(kPi)), 0, float(std::log(24.0))}));
  auto softsign = RunOp("Softsign", {Floats({3}, {-3, 0, 1})}, "");
  ASSERT_TRUE(softsign.ok()) << softsign.status();
  EXPECT_THAT(FloatValues((*softsign)[0]),
              Pointwise(FloatNear(1e-7), std::vector<float>{-0.75f, 0, 0.5f}));
  EXPECT_FALSE(RunOp("Lgamma", {testing::Ints({1}, {1})}, "").ok());
}

TEST(SpecialOpsTest, ZetaAndPolygammaBroadcast) {
  // zeta(2, 1) = pi^2/6, zeta(3, 2) = zeta(3) - 1, zeta(1, q) = inf, zeta(0.5, q) = NaN.
  const std::vector<double> zeta =
      RunDoubles("Zeta", {Doubles({4}, {2, 3, 1, 0.5}), Doubles({4}, {1, 2, 1, 1})});
  ASSERT_EQ(zeta.size(), 4u);
  EXPECT_NEAR(zeta[0], kPi * kPi / 6, 1e-14);
  EXPECT_NEAR(zeta[1], kApery - 1, 1e-14);
  EXPECT_TRUE(std::isinf(zeta[2]));
  EXPECT_TRUE(std::isnan(zeta[3]));
  // polygamma(n, 1) for n = 0, 1, 2, and a non-integer order; x broadcasts.
  const std::vector<double> polygamma =
      RunDoubles("Polygamma", {Doubles({4}, {0, 1, 2, 1.5}), Doubles({}, {1})});
  ASSERT_EQ(polygamma.size(), 4u);
  EXPECT_NEAR(polygamma[0], -kEulerGamma, 1e-14);
  EXPECT_NEAR(polygamma[1], kPi * kPi / 6, 1e-13);
  EXPECT_NEAR(polygamma[2], -2 * kApery, 1e-13);
  EXPECT_TRUE(std::isnan(polygamma[3]));
}

TEST(SpecialOpsTest, IncompleteGamma) {
  // P(1, x) = 1 - e^-x; P(0.5, x) = erf(sqrt(x)); P(3, 2) = 1 - e^-2 (1 + 2 + 2).
  Tensor a = Doubles({5}, {1, 1, 0.5, 3, 10});
  Tensor x = Doubles({5}, {0.5, 4, 2, 2, 0});
  const std::vector<double> lower = RunDoubles("Igamma", {a, x});
  const std::vector<double> upper = RunDoubles("Igammac", {a, x});
  ASSERT_EQ(lower.size(), 5u);
  ASSERT_EQ(upper.size(), 5u);
  const double expected[5] = {1 - std::exp(-0.5), 1 - std::exp(-4.0), std::erf(std::sqrt(2.0)),
                              1 - 5 * std::exp(-2.0), 0};
  for (int i = 0; i < 5; ++i) {
    EXPECT_NEAR(lower[i], expected[i], 1e-13) << i;
    EXPECT_NEAR(upper[i], 1 - expected[i], 1e-13) << i;
  }
  EXPECT_TRUE(std::isnan(RunDoubles("Igamma", {Doubles({}, {-1}), Doubles({}, {1})})[0]));
}

}  // namespace
}  // namespace tfjs::runtime
