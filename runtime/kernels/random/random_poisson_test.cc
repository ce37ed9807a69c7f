// Tests for RandomPoisson/RandomPoissonV2: shapes, dtypes, seeded repeatability, and mean and
// variance (both equal the rate) on both sides of the sampler switch at rate 10.
#include <cmath>
#include <limits>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Floats;
using testing::FloatValues;
using testing::Ints;
using testing::RunOp;

const char kSeeds[] = "attr { key: 'seed' value { i: 11 } } attr { key: 'seed2' value { i: 5 } }";

std::string V2Attrs(const char* dtype) {
  return std::string(kSeeds) + " attr { key: 'dtype' value { type: " + dtype + " } }";
}

TEST(RandomPoissonTest, MeanAndVarianceEqualTheRate) {
  constexpr int kSamples = 20000;
  const std::vector<float> rates = {0.5f, 3, 9.5f, 12, 250};
  auto outputs = RunOp("RandomPoisson", {Ints({1}, {kSamples}), Floats({5}, rates)}, kSeeds);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[20000,5]");
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_FLOAT);
  const std::vector<float> values = FloatValues((*outputs)[0]);
  for (size_t r = 0; r < rates.size(); ++r) {
    double sum = 0, sum_squares = 0;
    for (int s = 0; s < kSamples; ++s) {
      const float value = values[s * rates.size() + r];
      ASSERT_GE(value, 0);
      ASSERT_EQ(value, std::floor(value));
      sum += value;
      sum_squares += double(value) * value;
    }
    const double mean = sum / kSamples;
    const double variance = sum_squares / kSamples - mean * mean;
    // The mean's standard error is sqrt(rate / n): allow 5 of them. The variance within 5%.
    EXPECT_NEAR(mean, rates[r], 5 * std::sqrt(rates[r] / kSamples)) << "rate " << rates[r];
    EXPECT_NEAR(variance, rates[r], 0.05 * rates[r] + 0.01) << "rate " << rates[r];
  }
}

TEST(RandomPoissonTest, SmallRatesHitZeroAsOftenAsExpMinusRate) {
  constexpr int kSamples = 20000;
  auto outputs =
      RunOp("RandomPoissonV2", {Ints({1}, {kSamples}), Floats({}, {1.5f})}, V2Attrs("DT_INT32"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_INT32);
  int zeros = 0;
  for (int32_t value : testing::IntValues((*outputs)[0])) zeros += value == 0;
  // P(0) = e^-1.5 = 0.2231; standard error sqrt(p (1 - p) / n) = 0.0029.
  EXPECT_NEAR(double(zeros) / kSamples, std::exp(-1.5), 0.015);
}

TEST(RandomPoissonTest, V2DtypesAndEdgeRates) {
  // Default dtype int64; rates 0 and negative sample 0.
  Tensor rates = testing::MakeTensor<double>(tensorflow::DT_DOUBLE, {3}, {0, -2, 4});
  auto outputs = RunOp("RandomPoissonV2", {Ints({2}, {2, 2}), rates}, kSeeds);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_INT64);
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[2,2,3]");
  absl::Span<const int64_t> values = (*outputs)[0].values<int64_t>();
  for (int s = 0; s < 4; ++s) {
    EXPECT_EQ(values[s * 3], 0);
    EXPECT_EQ(values[s * 3 + 1], 0);
    EXPECT_GE(values[s * 3 + 2], 0);
  }
  // Integer rates, double output; NaN and +inf rates.
  outputs = RunOp("RandomPoissonV2", {Ints({1}, {3}), Ints({2}, {7, 0})}, V2Attrs("DT_DOUBLE"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_DOUBLE);
  auto special = RunOp("RandomPoisson",
                       {Ints({1}, {2}), Floats({2}, {std::numeric_limits<float>::quiet_NaN(),
                                                     std::numeric_limits<float>::infinity()})},
                       kSeeds);
  ASSERT_TRUE(special.ok()) << special.status();
  const std::vector<float> special_values = FloatValues((*special)[0]);
  EXPECT_TRUE(std::isnan(special_values[0]));
  EXPECT_TRUE(std::isinf(special_values[1]));
}

TEST(RandomPoissonTest, SeededRunsRepeatAndBadInputsFail) {
  auto a = RunOp("RandomPoisson", {Ints({1}, {50}), Floats({}, {20})}, kSeeds);
  auto b = RunOp("RandomPoisson", {Ints({1}, {50}), Floats({}, {20})}, kSeeds);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(FloatValues((*a)[0]), FloatValues((*b)[0]));
  // Empty sample shape: an empty output.
  auto empty = RunOp("RandomPoisson", {Ints({2}, {0, 3}), Floats({2}, {1, 2})}, kSeeds);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(ShapeString((*empty)[0].shape()), "[0,3,2]");
  // V1 takes only float rates; V2 rejects a bool output dtype; shape must be a vector.
  EXPECT_FALSE(RunOp("RandomPoisson", {Ints({1}, {2}), Ints({}, {3})}, kSeeds).ok());
  EXPECT_FALSE(
      RunOp("RandomPoissonV2", {Ints({1}, {2}), Floats({}, {3})}, V2Attrs("DT_BOOL")).ok());
  EXPECT_FALSE(RunOp("RandomPoisson", {Ints({}, {2}), Floats({}, {3})}, kSeeds).ok());
  EXPECT_FALSE(RunOp("RandomPoisson", {Ints({1}, {-1}), Floats({}, {3})}, kSeeds).ok());
}

}  // namespace
}  // namespace tfjs::runtime
