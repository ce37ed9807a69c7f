// Tests of the quantile-stream resource, BoostedTreesMakeQuantileSummaries and
// BoostedTreesBucketize: exact summaries worked by hand, and the boundaries and buckets TF's own
// quantile_ops_test.py expects for its six weighted examples.
#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatEq;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::IntValues;
using ::testing::Pointwise;
using testing::RunOp;

Tensor Int64(int64_t value) { return Tensor::Scalar<int64_t>(tensorflow::DT_INT64, value); }
Tensor Float(float value) { return Tensor::Scalar<float>(tensorflow::DT_FLOAT, value); }

std::string IntAttr(const char* name, int64_t value) {
  return std::string("attr { key: '") + name + "' value { i: " + std::to_string(value) + " } }";
}

// TF's test data: weights and two features of six examples.
const Tensor kWeights = Floats({6}, {10, 1, 1, 1, 1, 1});
const Tensor kFeature0 = Floats({6}, {1.2f, 12.1f, 0.3f, 0.5f, 0.6f, 2.2f});
const Tensor kFeature1 = Floats({6}, {2.3f, 1.2f, 1.1f, 2.6f, 3.2f, 0.8f});

Tensor CreateStreams(int64_t num_streams, float epsilon = 0.01f) {
  auto handle = RunOp("BoostedTreesQuantileStreamResourceHandleOp", {}, "");
  EXPECT_TRUE(handle.ok()) << handle.status();
  auto created = RunOp("BoostedTreesCreateQuantileStreamResource",
                       {(*handle)[0], Float(epsilon), Int64(num_streams)},
                       IntAttr("max_elements", 1 << 16), 0);
  EXPECT_TRUE(created.ok()) << created.status();
  return (*handle)[0];
}

TEST(BoostedTreesQuantilesTest, SmallBatchSummaryIsExact) {
  auto summaries = RunOp("BoostedTreesMakeQuantileSummaries", {kFeature0, kWeights, Float(0.01f)},
                         IntAttr("num_features", 1));
  ASSERT_TRUE(summaries.ok()) << summaries.status();
  // Sorted values with their weights and cumulative [min, max) ranks.
  EXPECT_EQ(ShapeString((*summaries)[0].shape()), "[6,4]");
  EXPECT_THAT(
      FloatValues((*summaries)[0]),
      Pointwise(FloatEq(), std::vector<float>{0.3f, 1,  0, 1,  0.5f, 1, 1,  2,  0.6f,  1, 2,  3,
                                              1.2f, 10, 3, 13, 2.2f, 1, 13, 14, 12.1f, 1, 14, 15}));
  // Equal values merge; weights <= 0 drop out; one weight applies to every example.
  auto merged = RunOp("BoostedTreesMakeQuantileSummaries",
                      {Floats({3}, {2, 1, 2}), Floats({1}, {0.5f}), Float(0.01f)},
                      IntAttr("num_features", 1));
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_THAT(FloatValues((*merged)[0]), ElementsAre(1, 0.5f, 0, 0.5f, 2, 1, 0.5f, 1.5f));
  auto dropped =
      RunOp("BoostedTreesMakeQuantileSummaries",
            {Floats({2}, {2, 1}), Floats({2}, {0, 3}), Float(0.01f)}, IntAttr("num_features", 1));
  ASSERT_TRUE(dropped.ok()) << dropped.status();
  EXPECT_THAT(FloatValues((*dropped)[0]), ElementsAre(1, 3, 0, 3));
}

TEST(BoostedTreesQuantilesTest, StreamBoundariesAndBucketsMatchTf) {
  const Tensor handle = CreateStreams(2);
  auto initialized = RunOp("IsBoostedTreesQuantileStreamResourceInitialized", {handle}, "");
  ASSERT_TRUE(initialized.ok());
  EXPECT_TRUE((*initialized)[0].data<bool>()[0]);
  auto empty = RunOp("BoostedTreesQuantileStreamResourceGetBucketBoundaries", {handle},
                     IntAttr("num_features", 2), 2);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ((*empty)[0].num_elements(), 0);
  auto summaries =
      RunOp("BoostedTreesMakeQuantileSummaries", {kFeature0, kFeature1, kWeights, Float(0.01f)},
            IntAttr("num_features", 2), 2);
  ASSERT_TRUE(summaries.ok()) << summaries.status();
  ASSERT_TRUE(RunOp("BoostedTreesQuantileStreamResourceAddSummaries",
                    {handle, (*summaries)[0], (*summaries)[1]}, "", 0)
                  .ok());
  ASSERT_TRUE(RunOp("BoostedTreesQuantileStreamResourceFlush", {handle, Int64(3)}, "", 0).ok());
  auto boundaries = RunOp("BoostedTreesQuantileStreamResourceGetBucketBoundaries", {handle},
                          IntAttr("num_features", 2), 2);
  ASSERT_TRUE(boundaries.ok()) << boundaries.status();
  EXPECT_THAT(FloatValues((*boundaries)[0]), ElementsAre(0.3f, 0.6f, 1.2f, 12.1f));
  EXPECT_THAT(FloatValues((*boundaries)[1]), ElementsAre(0.8f, 1.2f, 2.3f, 3.2f));
  auto buckets =
      RunOp("BoostedTreesBucketize", {kFeature0, kFeature1, (*boundaries)[0], (*boundaries)[1]},
            IntAttr("num_features", 2), 2);
  ASSERT_TRUE(buckets.ok()) << buckets.status();
  EXPECT_THAT(IntValues((*buckets)[0]), ElementsAre(2, 3, 0, 1, 1, 3));
  EXPECT_THAT(IntValues((*buckets)[1]), ElementsAre(2, 1, 1, 3, 3, 0));
}

TEST(BoostedTreesQuantilesTest, QuantilesFlushAndDeserialize) {
  const Tensor handle = CreateStreams(1);
  auto summaries = RunOp("BoostedTreesMakeQuantileSummaries", {kFeature0, kWeights, Float(0.01f)},
                         IntAttr("num_features", 1));
  ASSERT_TRUE(summaries.ok());
  ASSERT_TRUE(
      RunOp("BoostedTreesQuantileStreamResourceAddSummaries", {handle, (*summaries)[0]}, "", 0)
          .ok());
  // Four quantiles at ranks 0, 5, 10, 15 of the total weight 15: d_2 = 2 * rank against
  // min + max of each entry: 0 -> 0.3, 10 -> 1.2 (range [3, 13)), 20 -> 1.2, 30 -> 12.1.
  ASSERT_TRUE(RunOp("BoostedTreesQuantileStreamResourceFlush", {handle, Int64(4)},
                    "attr { key: 'generate_quantiles' value { b: true } }", 0)
                  .ok());
  auto quantiles = RunOp("BoostedTreesQuantileStreamResourceGetBucketBoundaries", {handle},
                         IntAttr("num_features", 1));
  ASSERT_TRUE(quantiles.ok());
  EXPECT_THAT(FloatValues((*quantiles)[0]), ElementsAre(0.3f, 1.2f, 1.2f, 12.1f));
  // The streams were reset: flushing again finds no data and keeps no boundaries.
  auto flushed = RunOp("BoostedTreesFlushQuantileSummaries", {handle}, IntAttr("num_features", 1));
  ASSERT_TRUE(flushed.ok()) << flushed.status();
  EXPECT_EQ(ShapeString((*flushed)[0].shape()), "[0,4]");
  ASSERT_TRUE(RunOp("BoostedTreesQuantileStreamResourceDeserialize", {handle, Floats({2}, {-1, 1})},
                    IntAttr("num_streams", 1), 0)
                  .ok());
  quantiles = RunOp("BoostedTreesQuantileStreamResourceGetBucketBoundaries", {handle},
                    IntAttr("num_features", 1));
  EXPECT_THAT(FloatValues((*quantiles)[0]), ElementsAre(-1, 1));
}

TEST(BoostedTreesQuantilesTest, FlushSummariesMergesAddedSummaries) {
  const Tensor handle = CreateStreams(1);
  ASSERT_TRUE(RunOp("BoostedTreesQuantileStreamResourceAddSummaries",
                    {handle, Floats({2, 4}, {1, 1, 0, 1, 3, 2, 1, 3})}, "", 0)
                  .ok());
  ASSERT_TRUE(RunOp("BoostedTreesQuantileStreamResourceAddSummaries",
                    {handle, Floats({2, 4}, {2, 1, 0, 1, 3, 1, 1, 2})}, "", 0)
                  .ok());
  auto flushed = RunOp("BoostedTreesFlushQuantileSummaries", {handle}, IntAttr("num_features", 1));
  ASSERT_TRUE(flushed.ok()) << flushed.status();
  // Merging {1: w1 [0,1], 3: w2 [1,3]} into {2: w1 [0,1], 3: w1 [1,2]}: 1 keeps [0, 1 + 0];
  // 2 gets [0 + 1, 1 + (3 - 2)]; the 3s add up.
  EXPECT_THAT(FloatValues((*flushed)[0]), ElementsAre(1, 1, 0, 1, 2, 1, 1, 2, 3, 3, 2, 5));
}

TEST(BoostedTreesQuantilesTest, BucketizeEdgesAndErrors) {
  auto buckets = RunOp("BoostedTreesBucketize",
                       {Floats({5}, {-5, 1, 1.5f, 9, NAN}), Floats({2}, {4, 5}),
                        Floats({3}, {1, 2, 3}), Floats({0}, {})},
                       IntAttr("num_features", 2), 2);
  ASSERT_TRUE(buckets.ok()) << buckets.status();
  // At or below a boundary -> its index; past the last -> the last; NaN -> 0.
  EXPECT_THAT(IntValues((*buckets)[0]), ElementsAre(0, 0, 1, 2, 0));
  EXPECT_THAT(IntValues((*buckets)[1]), ElementsAre(0, 0));
  auto matrix = RunOp("BoostedTreesBucketize", {Floats({1}, {1}), Floats({1, 1}, {1})},
                      IntAttr("num_features", 1));
  EXPECT_THAT(std::string(matrix.status().message()), HasSubstr("flat vectors"));
  auto zero_eps = RunOp("BoostedTreesMakeQuantileSummaries", {kFeature0, kWeights, Float(0)},
                        IntAttr("num_features", 1));
  EXPECT_THAT(std::string(zero_eps.status().message()), HasSubstr("epsilon value of zero"));
  auto weights = RunOp("BoostedTreesMakeQuantileSummaries",
                       {kFeature0, Floats({2}, {1, 1}), Float(0.1f)}, IntAttr("num_features", 1));
  EXPECT_THAT(std::string(weights.status().message()), HasSubstr("single value or same size"));
  const Tensor handle = CreateStreams(2);
  auto wrong_count =
      RunOp("BoostedTreesQuantileStreamResourceAddSummaries", {handle, Floats({0, 4}, {})}, "", 0);
  EXPECT_THAT(std::string(wrong_count.status().message()), HasSubstr("2 streams"));
  auto empty_quantiles = RunOp("BoostedTreesQuantileStreamResourceFlush", {handle, Int64(4)},
                               "attr { key: 'generate_quantiles' value { b: true } }", 0);
  EXPECT_THAT(std::string(empty_quantiles.status().message()), HasSubstr("quantiles"));
  auto missing = RunOp("BoostedTreesQuantileStreamResourceHandleOp", {}, "");
  auto not_created =
      RunOp("BoostedTreesQuantileStreamResourceFlush", {(*missing)[0], Int64(3)}, "", 0);
  EXPECT_EQ(not_created.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace tfjs::runtime
