// Tests for Betainc against closed forms of I_x(a, b) and TF's shape rules.
#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Floats;
using testing::FloatValues;
using testing::MakeTensor;
using testing::RunOp;

Tensor Doubles(Shape shape, std::vector<double> values) {
  return MakeTensor<double>(tensorflow::DT_DOUBLE, std::move(shape), std::move(values));
}

std::vector<double> DoubleValues(const Tensor& tensor) {
  absl::Span<const double> values = tensor.values<double>();
  return std::vector<double>(values.begin(), values.end());
}

// For integer a and b: I_x(a, b) = P(Binomial(a + b - 1, x) >= a).
double BinomialTail(int a, int b, double x) {
  const int n = a + b - 1;
  double sum = 0;
  for (int j = a; j <= n; ++j) {
    const double log_choose =
        std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0);
    sum += std::exp(log_choose + j * std::log(x) + (n - j) * std::log1p(-x));
  }
  return sum;
}

TEST(BetaincTest, MatchesBinomialTailsForIntegerParameters) {
  const std::vector<double> a = {2, 3, 1, 5, 30, 7, 40};
  const std::vector<double> b = {3, 2, 4, 1, 40, 9, 25};
  const std::vector<double> x = {0.3, 0.9, 0.25, 0.6, 0.4, 0.999, 0.7};
  auto outputs = RunOp("Betainc", {Doubles({7}, a), Doubles({7}, b), Doubles({7}, x)}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const std::vector<double> values = DoubleValues((*outputs)[0]);
  ASSERT_EQ(values.size(), 7u);
  for (int i = 0; i < 7; ++i) {
    EXPECT_NEAR(values[i], BinomialTail(int(a[i]), int(b[i]), x[i]), 1e-13) << i;
  }
}

TEST(BetaincTest, NonIntegerClosedForms) {
  // I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_(1/2)(a, a) = 1/2,
  // I_x(1/2, 1/2) = (2 / pi) asin(sqrt(x)).
  const double pi = 3.14159265358979323846;
  auto outputs = RunOp("Betainc",
                       {Doubles({4}, {2.5, 1, 0.3, 0.5}), Doubles({4}, {1, 3.7, 0.3, 0.5}),
                        Doubles({4}, {0.7, 0.2, 0.5, 0.81})},
                       "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const std::vector<double> values = DoubleValues((*outputs)[0]);
  ASSERT_EQ(values.size(), 4u);
  EXPECT_NEAR(values[0], std::pow(0.7, 2.5), 1e-14);
  EXPECT_NEAR(values[1], 1 - std::pow(0.8, 3.7), 1e-14);
  EXPECT_NEAR(values[2], 0.5, 1e-14);
  EXPECT_NEAR(values[3], 2 / pi * std::asin(0.9), 1e-14);
}

TEST(BetaincTest, DomainEdges) {
  // x = 0 and x = 1 are exact; x outside [0, 1] and non-positive a or b give NaN.
  auto outputs = RunOp("Betainc",
                       {Doubles({6}, {2, 2, 2, 2, 0, 2}), Doubles({6}, {3, 3, 3, 3, 3, -1}),
                        Doubles({6}, {0, 1, -0.1, 1.5, 0.5, 0.5})},
                       "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const std::vector<double> values = DoubleValues((*outputs)[0]);
  ASSERT_EQ(values.size(), 6u);
  EXPECT_EQ(values[0], 0);
  EXPECT_EQ(values[1], 1);
  for (int i = 2; i < 6; ++i) EXPECT_TRUE(std::isnan(values[i])) << i;
}

TEST(BetaincTest, ScalarsStandForEveryElementInFloat32) {
  auto outputs =
      RunOp("Betainc", {Floats({}, {2}), Floats({2, 2}, {3, 1, 2, 4}), Floats({}, {0.4f})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_FLOAT);
  EXPECT_EQ((*outputs)[0].shape(), Shape({2, 2}));
  const std::vector<float> expected = {float(BinomialTail(2, 3, 0.4)), 0.16f,
                                       float(BinomialTail(2, 2, 0.4)),
                                       float(BinomialTail(2, 4, 0.4))};
  EXPECT_THAT(FloatValues((*outputs)[0]),
              ::testing::Pointwise(::testing::FloatNear(1e-6), expected));
  // All scalars give a scalar.
  auto scalar = RunOp("Betainc", {Floats({}, {1}), Floats({}, {1}), Floats({}, {0.25f})}, "");
  ASSERT_TRUE(scalar.ok()) << scalar.status();
  EXPECT_EQ((*scalar)[0].shape(), Shape({}));
  EXPECT_NEAR(FloatValues((*scalar)[0])[0], 0.25f, 1e-7);
}

TEST(BetaincTest, RejectsOtherBroadcastsAndDtypes) {
  // A one-element vector is not a scalar: TF only lets rank-0 inputs stand for every element.
  auto mismatch =
      RunOp("Betainc", {Floats({1}, {2}), Floats({3}, {1, 2, 3}), Floats({}, {0.5f})}, "");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(std::string(mismatch.status().message()),
              ::testing::HasSubstr("Shapes of a and b are inconsistent"));
  EXPECT_FALSE(RunOp("Betainc", {Floats({}, {2}), Doubles({}, {1}), Floats({}, {0.5f})}, "").ok());
  EXPECT_FALSE(
      RunOp("Betainc", {testing::Ints({}, {2}), testing::Ints({}, {1}), testing::Ints({}, {0})}, "")
          .ok());
}

}  // namespace
}  // namespace tfjs::runtime
