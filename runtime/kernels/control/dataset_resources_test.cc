// Tests of the tf.data resources made outside datasets: a memory cache is deleted once, by its
// own deleter; handle ops keep one resource per node across runs while AnonymousMemoryCache
// makes a new one each run; ThreadPoolHandle needs a thread.
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::HasSubstr;
using testing::RunOp;

TEST(DatasetResourcesTest, AMemoryCacheIsDeletedOnceByItsOwnDeleter) {
  auto cache = RunOp("AnonymousMemoryCache", {}, "", 2);
  ASSERT_TRUE(cache.ok()) << cache.status();
  EXPECT_EQ((*cache)[0].dtype(), tensorflow::DT_RESOURCE);
  EXPECT_EQ((*cache)[1].dtype(), tensorflow::DT_VARIANT);
  auto other = RunOp("AnonymousMemoryCache", {}, "", 2);
  ASSERT_TRUE(other.ok()) << other.status();
  auto mismatched = RunOp("DeleteMemoryCache", {(*cache)[0], (*other)[1]}, "", 0);
  EXPECT_THAT(std::string(mismatched.status().message()), HasSubstr("belongs to another cache"));
  ASSERT_TRUE(RunOp("DeleteMemoryCache", {(*cache)[0], (*cache)[1]}, "", 0).ok());
  auto again = RunOp("DeleteMemoryCache", {(*cache)[0], (*cache)[1]}, "", 0);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(again.status().message()), HasSubstr("already deleted"));
  auto dummy = RunOp("DummyMemoryCache", {}, "");
  ASSERT_TRUE(dummy.ok()) << dummy.status();
  auto not_a_cache = RunOp("DeleteMemoryCache", {(*dummy)[0], (*cache)[1]}, "", 0);
  EXPECT_THAT(std::string(not_a_cache.status().message()),
              HasSubstr("input 0 is not a memory cache handle"));
}

TEST(DatasetResourcesTest, HandleNodesKeepTheirResourceAcrossRuns) {
  tensorflow::GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        node { name: "stats" op: "StatsAggregatorHandleV2" }
        node { name: "seed" op: "DummySeedGenerator" }
        node { name: "cache" op: "AnonymousMemoryCache" }
      )pb",
      &graph));
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  ASSERT_TRUE(model.ok()) << model.status();
  auto first = (*model)->Execute({}, {"stats", "seed", "cache:0"});
  auto second = (*model)->Execute({}, {"stats", "seed", "cache:0"});
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ((*first)[0].handles()[0].get(), (*second)[0].handles()[0].get());
  EXPECT_EQ((*first)[1].handles()[0].get(), (*second)[1].handles()[0].get());
  EXPECT_NE((*first)[0].handles()[0].get(), (*first)[1].handles()[0].get());
  EXPECT_NE((*first)[2].handles()[0].get(), (*second)[2].handles()[0].get());
}

TEST(DatasetResourcesTest, ThreadPoolHandleNeedsAThread) {
  auto pool = RunOp("ThreadPoolHandle", {},
                    "attr { key: 'num_threads' value { i: 4 } } "
                    "attr { key: 'display_name' value { s: 'p' } }");
  ASSERT_TRUE(pool.ok()) << pool.status();
  EXPECT_EQ((*pool)[0].dtype(), tensorflow::DT_RESOURCE);
  auto none = RunOp("ThreadPoolHandle", {},
                    "attr { key: 'num_threads' value { i: 0 } } "
                    "attr { key: 'display_name' value { s: 'p' } }");
  EXPECT_THAT(std::string(none.status().message()), HasSubstr("`num_threads` must be >= 1"));
}

}  // namespace
}  // namespace tfjs::runtime
