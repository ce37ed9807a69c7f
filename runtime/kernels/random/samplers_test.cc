// Tests for the gamma, Poisson and binomial samplers behind RandomGamma, StatelessRandomGammaV2/V3,
// StatelessRandomPoisson and the binomial ops: values against a reference built from the Philox
// primitives (philox.h, checked against Random123's vectors) where TF's sampler is closed-form,
// distribution moments elsewhere, and TF's errors.
#include <cmath>
#include <numeric>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::MakeTensor;
using testing::RunOp;

const char kGammaAttrs[] =
    "attr { key: 'dtype' value { type: DT_FLOAT } } attr { key: 'T' value { type: DT_INT32 } } "
    "attr { key: 'Tseed' value { type: DT_INT32 } }";

// Gamma(1) is exponential: -log1p(-u), u the last double of block 256 * i of the seed's stream.
TEST(StatelessGammaTest, AlphaOneIsTfsExponentialDraw) {
  auto out = RunOp("StatelessRandomGammaV2", {Ints({1}, {3}), Ints({2}, {4, 5}), Floats({}, {1})},
                   kGammaAttrs);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<float> values = FloatValues((*out)[0]);
  ASSERT_EQ(values.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    random::Philox philox = random::StatelessPhilox(4, 5);
    philox.Skip(256 * i);
    const random::Philox::Block block = philox();
    const double u = random::Uint64ToDouble(block[2], block[3]);
    EXPECT_FLOAT_EQ(values[i], static_cast<float>(-std::log1p(-u))) << i;
  }
}

TEST(StatelessGammaTest, MeansMatchAlphaLayoutAndSeedsRepeat) {
  auto out = RunOp("StatelessRandomGammaV2",
                   {Ints({2}, {4000, 2}), Ints({2}, {1, 2}), Floats({2}, {0.5, 3})}, kGammaAttrs);
  auto again = RunOp("StatelessRandomGammaV2",
                     {Ints({2}, {4000, 2}), Ints({2}, {1, 2}), Floats({2}, {0.5, 3})}, kGammaAttrs);
  ASSERT_TRUE(out.ok() && again.ok()) << out.status();
  EXPECT_EQ(FloatValues((*out)[0]), FloatValues((*again)[0]));
  double sums[2] = {0, 0};
  const std::vector<float> values = FloatValues((*out)[0]);
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_GE(values[i], 0);
    sums[i % 2] += values[i];
  }
  EXPECT_NEAR(sums[0] / 4000, 0.5, 0.05);
  EXPECT_NEAR(sums[1] / 4000, 3.0, 0.15);
  auto bad = RunOp("StatelessRandomGammaV2",
                   {Ints({1}, {4}), Ints({2}, {1, 2}), Floats({2}, {0.5, 3})}, kGammaAttrs);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("must end with"));
}

TEST(StatelessGammaTest, V3MatchesV2UnderTheSameGenerator) {
  // GetKeyCounter turns seed [4, 5] into the key and counter V3 takes.
  auto key_counter = RunOp("StatelessRandomGetKeyCounter", {Ints({2}, {4, 5})},
                           "attr { key: 'Tseed' value { type: DT_INT32 } }", 2);
  ASSERT_TRUE(key_counter.ok()) << key_counter.status();
  auto v3 = RunOp("StatelessRandomGammaV3",
                  {Ints({1}, {5}), (*key_counter)[0], (*key_counter)[1],
                   MakeTensor<int32_t>(tensorflow::DT_INT32, {}, {1}), Floats({}, {2.5})},
                  "attr { key: 'dtype' value { type: DT_FLOAT } } "
                  "attr { key: 'shape_dtype' value { type: DT_INT32 } }");
  auto v2 = RunOp("StatelessRandomGammaV2", {Ints({1}, {5}), Ints({2}, {4, 5}), Floats({}, {2.5})},
                  kGammaAttrs);
  ASSERT_TRUE(v3.ok() && v2.ok()) << v3.status();
  EXPECT_EQ(FloatValues((*v3)[0]), FloatValues((*v2)[0]));
}

TEST(StatelessPoissonTest, SmallRateIsKnuthsProductAndMomentsHold) {
  // Rate 0: the first uniform is always <= e^0, so every sample is 0.
  auto zero = RunOp("StatelessRandomPoisson", {Ints({1}, {50}), Ints({2}, {1, 2}), Floats({}, {0})},
                    "attr { key: 'dtype' value { type: DT_INT32 } } "
                    "attr { key: 'T' value { type: DT_INT32 } } "
                    "attr { key: 'Tseed' value { type: DT_INT32 } }");
  ASSERT_TRUE(zero.ok()) << zero.status();
  for (int32_t v : testing::IntValues((*zero)[0])) EXPECT_EQ(v, 0);
  for (float rate : {3.0f, 40.0f}) {
    auto out =
        RunOp("StatelessRandomPoisson", {Ints({1}, {5000}), Ints({2}, {7, 8}), Floats({}, {rate})},
              "attr { key: 'dtype' value { type: DT_FLOAT } } "
              "attr { key: 'T' value { type: DT_INT32 } } "
              "attr { key: 'Tseed' value { type: DT_INT32 } }");
    ASSERT_TRUE(out.ok()) << out.status();
    double sum = 0, squares = 0;
    for (float v : FloatValues((*out)[0])) {
      ASSERT_EQ(v, std::floor(v));
      sum += v;
      squares += v * v;
    }
    const double mean = sum / 5000;
    EXPECT_NEAR(mean, rate, 0.1 * std::sqrt(rate) + 0.05);
    EXPECT_NEAR(squares / 5000 - mean * mean, rate, 0.1 * rate + 0.2);
  }
}

const char kBinomialAttrs[] =
    "attr { key: 'S' value { type: DT_INT32 } } attr { key: 'Tseed' value { type: DT_INT32 } } "
    "attr { key: 'T' value { type: DT_FLOAT } } attr { key: 'dtype' value { type: DT_FLOAT } }";

TEST(StatelessBinomialTest, BothSamplersHaveBinomialMomentsAndBroadcast) {
  // count * p = 2.5 (inversion), 40 (BTRS), and p = 0.8 (sampled as count - Binomial(0.2)).
  auto out = RunOp("StatelessRandomBinomial",
                   {Ints({2}, {3000, 3}), Ints({2}, {3, 4}), Floats({3}, {10, 100, 50}),
                    Floats({3}, {0.25, 0.4, 0.8})},
                   kBinomialAttrs);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<float> values = FloatValues((*out)[0]);
  const double n[3] = {10, 100, 50}, p[3] = {0.25, 0.4, 0.8};
  for (int b = 0; b < 3; ++b) {
    double sum = 0, squares = 0;
    for (int s = 0; s < 3000; ++s) {
      const float v = values[s * 3 + b];
      ASSERT_GE(v, 0);
      ASSERT_LE(v, n[b]);
      sum += v;
      squares += v * v;
    }
    const double mean = sum / 3000, variance = n[b] * p[b] * (1 - p[b]);
    EXPECT_NEAR(mean, n[b] * p[b], 0.1 * std::sqrt(variance) + 0.02) << b;
    EXPECT_NEAR(squares / 3000 - mean * mean, variance, 0.15 * variance) << b;
  }
  // counts [2, 1] and probs [3] broadcast to [2, 3].
  auto broadcast = RunOp(
      "StatelessRandomBinomial",
      {Ints({2}, {2, 3}), Ints({2}, {3, 4}), Floats({2, 1}, {0, 5}), Floats({3}, {0.5, 1, 0})},
      kBinomialAttrs);
  ASSERT_TRUE(broadcast.ok()) << broadcast.status();
  const std::vector<float> b = FloatValues((*broadcast)[0]);
  EXPECT_EQ(b[0], 0);
  EXPECT_EQ(b[1], 0);
  EXPECT_EQ(b[4], 5);
  EXPECT_EQ(b[5], 0);
  auto nan = RunOp("StatelessRandomBinomial",
                   {Ints({1}, {1}), Ints({2}, {3, 4}), Floats({}, {5}), Floats({}, {NAN})},
                   kBinomialAttrs);
  ASSERT_TRUE(nan.ok()) << nan.status();
  EXPECT_TRUE(std::isnan(FloatValues((*nan)[0])[0]));
}

TEST(StatelessBinomialTest, BadShapesFail) {
  EXPECT_FALSE(
      RunOp("StatelessRandomBinomial",
            {Ints({1}, {2}), Ints({2}, {3, 4}), Floats({3}, {1, 2, 3}), Floats({2}, {0.5, 0.5})},
            kBinomialAttrs)
          .ok());
  EXPECT_FALSE(RunOp("StatelessRandomBinomial",
                     {Ints({1}, {2}), Ints({2}, {3, 4}), Floats({3}, {1, 2, 3}),
                      Floats({3}, {0.5, 0.5, 0.5})},
                     kBinomialAttrs)
                   .ok());
  EXPECT_FALSE(RunOp("StatelessRandomBinomial",
                     {Ints({1}, {3}), Ints({3}, {3, 4, 5}), Floats({}, {1}), Floats({}, {0.5})},
                     kBinomialAttrs)
                   .ok());
}

TEST(StatefulBinomialTest, StateMovesOnBetweenRuns) {
  const Tensor state = MakeTensor<int64_t>(tensorflow::DT_INT64, {3}, {0, 1, 5});
  const Tensor alg = MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {1});
  const char attrs[] =
      "attr { key: 'S' value { type: DT_INT32 } } attr { key: 'T' value { type: DT_FLOAT } } "
      "attr { key: 'dtype' value { type: DT_FLOAT } }";
  auto out = RunOp("StatefulRandomBinomial",
                   {state, alg, Ints({1}, {200}), Floats({}, {30}), Floats({}, {0.5})}, attrs);
  ASSERT_TRUE(out.ok()) << out.status();
  double sum = 0;
  for (float v : FloatValues((*out)[0])) sum += v;
  EXPECT_NEAR(sum / 200, 15, 1.0);
  EXPECT_FALSE(RunOp("StatefulRandomBinomial",
                     {state, MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {2}), Ints({1}, {2}),
                      Floats({}, {30}), Floats({}, {0.5})},
                     attrs)
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
