// Tests for the candidate samplers, ComputeAccidentalHits and the seed generator resources:
// ranges, uniqueness, expected counts (p * num_sampled, or 1 - (1 - p)^tries with unique), the
// log-uniform and unigram distributions, learned weights, fixed unigram weights and shards, and
// TF's errors.
#include <cfloat>
#include <cmath>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::RunOp;

Tensor Classes(Shape shape, std::vector<int64_t> values) {
  return MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}

std::string Attrs(int num_sampled, bool unique, int range_max, const std::string& extra = "") {
  return absl::StrCat(
      "attr { key: 'num_true' value { i: 1 } } attr { key: 'num_sampled' value { i: ", num_sampled,
      " } } attr { key: 'unique' value { b: ", unique ? "true" : "false",
      " } } attr { key: 'range_max' value { i: ", range_max,
      " } } attr { key: 'seed' value { i: 9 } } ", extra);
}

std::vector<int64_t> Sampled(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.data<int64_t>(),
                              tensor.data<int64_t>() + tensor.num_elements());
}

TEST(CandidateSamplerTest, UniformUniqueSamplesAreDistinctWithTfsExpectedCounts) {
  auto out = RunOp("UniformCandidateSampler", {Classes({2, 1}, {3, 7})}, Attrs(6, true, 10), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  const std::vector<int64_t> sampled = Sampled((*out)[0]);
  EXPECT_EQ(std::set<int64_t>(sampled.begin(), sampled.end()).size(), 6u);
  for (int64_t v : sampled) ASSERT_TRUE(v >= 0 && v < 10);
  // Every class has p = 0.1; all expected counts share 1 - 0.9^tries, tries >= 6.
  const float expected = FloatValues((*out)[2])[0];
  EXPECT_GE(expected, 1 - std::pow(0.9f, 6.0f) - 1e-6f);
  for (float e : FloatValues((*out)[1])) EXPECT_EQ(e, expected);
  auto repeat = RunOp("UniformCandidateSampler", {Classes({2, 1}, {3, 7})}, Attrs(6, true, 10), 3);
  ASSERT_TRUE(repeat.ok());
  EXPECT_EQ(Sampled((*repeat)[0]), sampled);
  auto small = RunOp("UniformCandidateSampler", {Classes({1, 1}, {0})}, Attrs(4, true, 3), 3);
  ASSERT_FALSE(small.ok());
  EXPECT_THAT(std::string(small.status().message()), HasSubstr("range is too small"));
  EXPECT_FALSE(
      RunOp("UniformCandidateSampler", {Classes({1, 1}, {10})}, Attrs(2, false, 10), 3).ok());
}

TEST(CandidateSamplerTest, LogUniformFavoursSmallClasses) {
  auto out =
      RunOp("LogUniformCandidateSampler", {Classes({1, 1}, {0})}, Attrs(4000, false, 100), 3);
  ASSERT_TRUE(out.ok()) << out.status();
  int zeros = 0;
  for (int64_t v : Sampled((*out)[0])) zeros += v == 0;
  // P(0) = ln 2 / ln 101 = 0.150.
  const double p0 = std::log(2.0) / std::log(101.0);
  EXPECT_NEAR(zeros / 4000.0, p0, 0.02);
  EXPECT_NEAR(FloatValues((*out)[1])[0], 4000 * p0, 0.01);
}

TEST(CandidateSamplerTest, LearnedUnigramLearnsTheTrueClasses) {
  // A node's first run samples from the starting weights (1 each, p = 1/4); its true classes then
  // raise class 2's weight for later runs.
  std::vector<int64_t> twos(50, 2);
  const std::string attrs = Attrs(200, false, 4);
  const Tensor truth = Classes({50, 1}, twos);
  auto first = RunOp("LearnedUnigramCandidateSampler", {truth}, attrs, 3);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_NEAR(FloatValues((*first)[1])[0], 200 * 0.25, 1e-4);
  int count = 0;
  for (int64_t v : Sampled((*first)[0])) count += v == 2;
  EXPECT_NEAR(count / 200.0, 0.25, 0.1);
}

TEST(CandidateSamplerTest, FixedUnigramUsesDistortedWeightsReservedIdsAndShards) {
  // Weights 0 (reserved), 1, 4, 9 with distortion 0.5: 0, 1, 2, 3 of total 6.
  const std::string attrs = Attrs(3000, false, 4,
                                  "attr { key: 'unigrams' value { list { f: 1 f: 4 f: 9 } } } "
                                  "attr { key: 'distortion' value { f: 0.5 } } "
                                  "attr { key: 'num_reserved_ids' value { i: 1 } }");
  auto out = RunOp("FixedUnigramCandidateSampler", {Classes({1, 1}, {3})}, attrs, 3);
  ASSERT_TRUE(out.ok()) << out.status();
  int counts[4] = {0, 0, 0, 0};
  for (int64_t v : Sampled((*out)[0])) ++counts[v];
  EXPECT_EQ(counts[0], 0);
  EXPECT_NEAR(counts[1] / 3000.0, 1.0 / 6, 0.03);
  EXPECT_NEAR(counts[3] / 3000.0, 3.0 / 6, 0.03);
  EXPECT_NEAR(FloatValues((*out)[1])[0], 3000 * 0.5, 0.01);
  // Shard 1 of 2 keeps ids 1 and 3 of 0..3 (reserved id 0 is shard 0's).
  auto shard = RunOp("FixedUnigramCandidateSampler", {Classes({1, 1}, {1})},
                     Attrs(10, false, 2,
                           "attr { key: 'unigrams' value { list { f: 1 f: 1 f: 1 f: 1 } } } "
                           "attr { key: 'num_shards' value { i: 2 } } "
                           "attr { key: 'shard' value { i: 1 } }"),
                     3);
  ASSERT_TRUE(shard.ok()) << shard.status();
  EXPECT_FALSE(RunOp("FixedUnigramCandidateSampler", {Classes({1, 1}, {1})},
                     Attrs(10, false, 5, "attr { key: 'unigrams' value { list { f: 1 f: 1 } } }"),
                     3)
                   .ok());
}

TEST(ComputeAccidentalHitsTest, ReportsEachTrueClassFoundAmongTheSamples) {
  auto out =
      RunOp("ComputeAccidentalHits", {Classes({2, 2}, {1, 4, 4, 9}), Classes({3}, {4, 2, 4})},
            "attr { key: 'num_true' value { i: 2 } }", 3);
  ASSERT_TRUE(out.ok()) << out.status();
  // Class 4 was sampled at positions 0 and 2; TF reports the last.
  EXPECT_THAT(testing::IntValues((*out)[0]), ElementsAre(0, 1));
  EXPECT_THAT(Sampled((*out)[1]), ElementsAre(2, 2));
  EXPECT_THAT(FloatValues((*out)[2]), ElementsAre(-FLT_MAX, -FLT_MAX));
  EXPECT_FALSE(RunOp("ComputeAccidentalHits", {Classes({2, 3}, {}), Classes({3}, {4, 2, 4})},
                     "attr { key: 'num_true' value { i: 2 } }", 3)
                   .ok());
}

TEST(SeedGeneratorTest, MakesAHandleTheDeleterAccepts) {
  const Tensor seed = MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {1});
  auto made = RunOp("AnonymousSeedGenerator",
                    {seed, seed, MakeTensor<bool>(tensorflow::DT_BOOL, {}, {true})}, "", 2);
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ((*made)[0].dtype(), tensorflow::DT_RESOURCE);
  EXPECT_EQ((*made)[1].dtype(), tensorflow::DT_VARIANT);
  EXPECT_TRUE(RunOp("DeleteSeedGenerator", {(*made)[0], (*made)[1]}, "", 0).ok());
  auto random = RunOp("AnonymousRandomSeedGenerator", {seed, seed}, "", 2);
  ASSERT_TRUE(random.ok()) << random.status();
  EXPECT_TRUE(RunOp("DeleteRandomSeedGenerator", {(*random)[0], (*random)[1]}, "", 0).ok());
  EXPECT_FALSE(RunOp("DeleteSeedGenerator", {seed, (*made)[1]}, "", 0).ok());
}

}  // namespace
}  // namespace tfjs::runtime
