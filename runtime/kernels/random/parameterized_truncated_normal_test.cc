// Tests for ParameterizedTruncatedNormal and StatelessParameterizedTruncatedNormal: every sampler
// branch (normal rejection, uniform proposals, exponential proposals, one-sided bounds) keeps its
// samples inside the bounds with the truncated distribution's mean, seeds repeat, and TF's errors.
#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::RunOp;

const char kSeeded[] =
    "attr { key: 'seed' value { i: 3 } } attr { key: 'seed2' value { i: 4 } } "
    "attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: 'T' value { type: DT_INT32 } }";

double Pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); }
double Cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
// The mean of N(mu, sigma) truncated to [a, b].
double TruncatedMean(double mu, double sigma, double a, double b) {
  const double alpha = (a - mu) / sigma, beta = (b - mu) / sigma;
  return mu + sigma * (Pdf(alpha) - Pdf(beta)) / (Cdf(beta) - Cdf(alpha));
}

TEST(ParameterizedTruncatedNormalTest, EachSamplerStaysInBoundsWithTheRightMean) {
  struct Case {
    float mean, stddev, lo, hi;
  } cases[] = {
      {0, 1, -3, 3},         // normal rejection
      {0, 1, 0.5, 0.7},      // narrow: uniform proposals
      {0, 1, 2.5, 10},       // far tail: exponential proposals
      {1, 2, -INFINITY, 0},  // one-sided, reversed
  };
  for (const Case& c : cases) {
    auto out = RunOp("ParameterizedTruncatedNormal",
                     {Ints({1}, {4000}), Floats({}, {c.mean}), Floats({}, {c.stddev}),
                      Floats({}, {c.lo}), Floats({}, {c.hi})},
                     kSeeded);
    ASSERT_TRUE(out.ok()) << out.status();
    double sum = 0;
    for (float v : FloatValues((*out)[0])) {
      ASSERT_GE(v, c.lo);
      ASSERT_LE(v, c.hi);
      sum += v;
    }
    EXPECT_NEAR(sum / 4000, TruncatedMean(c.mean, c.stddev, c.lo, c.hi), 0.05 * c.stddev)
        << c.lo << " " << c.hi;
  }
}

TEST(ParameterizedTruncatedNormalTest, PerBatchParametersAndErrors) {
  auto out = RunOp("ParameterizedTruncatedNormal",
                   {Ints({2}, {2, 500}), Floats({2}, {0, 100}), Floats({}, {1}),
                    Floats({2}, {-1, 99}), Floats({2}, {1, 101})},
                   kSeeded);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<float> values = FloatValues((*out)[0]);
  for (int i = 0; i < 1000; ++i) {
    const float center = i < 500 ? 0 : 100;
    ASSERT_LE(std::fabs(values[i] - center), 1.0f) << i;
  }
  auto invalid =
      RunOp("ParameterizedTruncatedNormal",
            {Ints({1}, {3}), Floats({}, {0}), Floats({}, {1}), Floats({}, {2}), Floats({}, {1})},
            kSeeded);
  ASSERT_FALSE(invalid.ok());
  EXPECT_THAT(std::string(invalid.status().message()), HasSubstr("Invalid parameters"));
  EXPECT_FALSE(RunOp("ParameterizedTruncatedNormal",
                     {Ints({2}, {2, 3}), Floats({3}, {0, 0, 0}), Floats({}, {1}), Floats({}, {-1}),
                      Floats({}, {1})},
                     kSeeded)
                   .ok());
  EXPECT_FALSE(
      RunOp("ParameterizedTruncatedNormal",
            {Ints({0}, {}), Floats({}, {0}), Floats({}, {1}), Floats({}, {-1}), Floats({}, {1})},
            kSeeded)
          .ok());
}

const char kStateless[] =
    "attr { key: 'S' value { type: DT_INT32 } } attr { key: 'Tseed' value { type: DT_INT32 } } "
    "attr { key: 'dtype' value { type: DT_FLOAT } }";

TEST(StatelessParameterizedTruncatedNormalTest, BroadcastsRepeatsAndStaysInBounds) {
  const std::vector<Tensor> inputs = {Ints({2}, {300, 2}),  Ints({2}, {5, 6}),
                                      Floats({2}, {0, 10}), Floats({}, {1}),
                                      Floats({}, {-0.5}),   Floats({2}, {0.5, 12})};
  auto out = RunOp("StatelessParameterizedTruncatedNormal", inputs, kStateless);
  auto again = RunOp("StatelessParameterizedTruncatedNormal", inputs, kStateless);
  ASSERT_TRUE(out.ok() && again.ok()) << out.status();
  EXPECT_EQ(FloatValues((*out)[0]), FloatValues((*again)[0]));
  const std::vector<float> values = FloatValues((*out)[0]);
  for (int s = 0; s < 300; ++s) {
    ASSERT_GE(values[2 * s], -0.5f);
    ASSERT_LE(values[2 * s], 0.5f);
    ASSERT_GE(values[2 * s + 1], -0.5f);
    ASSERT_LE(values[2 * s + 1], 12.0f);
  }
  EXPECT_FALSE(RunOp("StatelessParameterizedTruncatedNormal",
                     {Ints({1}, {3}), Ints({2}, {5, 6}), Floats({2}, {0, 1}), Floats({}, {1}),
                      Floats({}, {-1}), Floats({}, {1})},
                     kStateless)
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
