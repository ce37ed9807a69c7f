// Tests of the staging areas: an area outlives a run (staged in one Execute, unstaged in the
// next), an Unstage waits for a Stage of another call, each model has its own areas, map tuples
// complete slot by slot; and TF's errors for oversized tuples, count mismatches and map slots
// set twice or taken twice.
#include <memory>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::IntValues;

std::unique_ptr<GraphModel> Load(const std::string& text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph));
  absl::StatusOr<std::unique_ptr<GraphModel>> model =
      GraphModel::FromGraphDef(std::move(graph), {}, {}, GraphModelOptions());
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *std::move(model) : nullptr;
}

// "stage" puts x into area "a" ("staged" passes x on after it); "take" takes from it.
constexpr char kAreaGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "stage"
    op: "Stage"
    input: "x"
    attr {
      key: "dtypes"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "shared_name"
      value { s: "a" }
    }
    attr {
      key: "memory_limit"
      value { i: 16 }
    }
  }
  node {
    name: "staged"
    op: "Identity"
    input: "x"
    input: "^stage"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "take"
    op: "Unstage"
    attr {
      key: "dtypes"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "shared_name"
      value { s: "a" }
    }
  }
  node {
    name: "take_two"
    op: "Unstage"
    attr {
      key: "dtypes"
      value { list { type: DT_FLOAT type: DT_FLOAT } }
    }
    attr {
      key: "shared_name"
      value { s: "a" }
    }
  }
)pb";

std::unique_ptr<GraphModel> LoadArea() { return Load(kAreaGraph); }

TEST(StagingTest, AnAreaOutlivesARunAndUnstageWaitsForAStage) {
  std::unique_ptr<GraphModel> model = LoadArea();
  ASSERT_NE(model, nullptr);
  ASSERT_TRUE(model->Execute({{"x", Floats({2}, {1, 2})}}, {"staged"}).ok());
  ASSERT_TRUE(model->Execute({{"x", Floats({1}, {3})}}, {"staged"}).ok());
  auto first = model->Execute({}, {"take"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(FloatValues((*first)[0]), ElementsAre(1, 2));
  auto second = model->Execute({}, {"take"});
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(FloatValues((*second)[0]), ElementsAre(3));
  // The area is empty: the Unstage waits until another call stages.
  absl::StatusOr<std::vector<Tensor>> waited;
  std::thread taker([&] { waited = model->Execute({}, {"take"}); });
  ASSERT_TRUE(model->Execute({{"x", Floats({1}, {4})}}, {"staged"}).ok());
  taker.join();
  ASSERT_TRUE(waited.ok()) << waited.status();
  EXPECT_THAT(FloatValues((*waited)[0]), ElementsAre(4));
}

TEST(StagingTest, RefusesOversizedTuplesAndCountMismatches) {
  std::unique_ptr<GraphModel> model = LoadArea();
  ASSERT_NE(model, nullptr);
  // 5 floats are 20 bytes, over the memory limit of 16.
  auto big = model->Execute({{"x", Floats({5}, {1, 2, 3, 4, 5})}}, {"staged"});
  EXPECT_EQ(big.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(
      std::string(big.status().message()),
      HasSubstr("combined size of '20' bytes into Staging Area with a memory limit of '16'"));
  ASSERT_TRUE(model->Execute({{"x", Floats({1}, {1})}}, {"staged"}).ok());
  auto mismatch = model->Execute({}, {"take_two"});
  EXPECT_THAT(std::string(mismatch.status().message()),
              HasSubstr("Mismatch stage/unstage: 1 vs. 2"));
}

TEST(StagingTest, EachModelHasItsOwnAreas) {
  std::unique_ptr<GraphModel> model = LoadArea();
  std::unique_ptr<GraphModel> other = LoadArea();
  ASSERT_NE(model, nullptr);
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(model->Execute({{"x", Floats({1}, {1})}}, {"staged"}).ok());
  ASSERT_TRUE(other->Execute({{"x", Floats({1}, {5})}}, {"staged"}).ok());
  auto from_other = other->Execute({}, {"take"});
  ASSERT_TRUE(from_other.ok()) << from_other.status();
  EXPECT_THAT(FloatValues((*from_other)[0]), ElementsAre(5));
  auto from_model = model->Execute({}, {"take"});
  ASSERT_TRUE(from_model.ok()) << from_model.status();
  EXPECT_THAT(FloatValues((*from_model)[0]), ElementsAre(1));
}

constexpr char kMapGraph[] = R"pb(
  node {
    name: "key"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "indices"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "value"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "stage"
    op: "MapStage"
    input: "key"
    input: "indices"
    input: "value"
    attr {
      key: "dtypes"
      value { list { type: DT_FLOAT type: DT_FLOAT } }
    }
    attr {
      key: "fake_dtypes"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "shared_name"
      value { s: "m" }
    }
  }
  node {
    name: "staged"
    op: "Identity"
    input: "key"
    input: "^stage"
    attr {
      key: "T"
      value { type: DT_INT64 }
    }
  }
  node {
    name: "unstage"
    op: "MapUnstageNoKey"
    input: "indices"
    attr {
      key: "dtypes"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "shared_name"
      value { s: "m" }
    }
  }
)pb";

TEST(StagingTest, MapTuplesCompleteSlotBySlotAndLeaveInKeyOrder) {
  std::unique_ptr<GraphModel> model = Load(kMapGraph);
  ASSERT_NE(model, nullptr);
  auto stage = [&](int64_t key, int32_t slot, float value) {
    return model->Execute({{"key", testing::MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {key})},
                           {"indices", testing::Ints({1}, {slot})},
                           {"value", Floats({}, {value})}},
                          {"staged"});
  };
  ASSERT_TRUE(stage(9, 0, 90).ok());
  ASSERT_TRUE(stage(9, 1, 91).ok());
  ASSERT_TRUE(stage(4, 1, 41).ok());
  EXPECT_THAT(std::string(stage(4, 1, 0).status().message()),
              HasSubstr("The tensor for index '1' for key '4' was already initialized"));
  EXPECT_THAT(std::string(stage(4, 2, 0).status().message()), HasSubstr("out of bounds"));
  ASSERT_TRUE(stage(4, 0, 40).ok());
  // Key 4 is complete now, and first.
  auto unstage = [&](int32_t slot) {
    return model->Execute({{"indices", testing::Ints({1}, {slot})}}, {"unstage:0", "unstage:1"});
  };
  auto taken = unstage(1);
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_EQ((*taken)[0].values<int64_t>()[0], 4);
  EXPECT_THAT(FloatValues((*taken)[1]), ElementsAre(41));
  // Key 4 keeps slot 0; taking slot 1 again is refused.
  EXPECT_THAT(std::string(unstage(1).status().message()),
              HasSubstr("Tensor at index '1' for key '4' has already been removed"));
  taken = unstage(0);
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_THAT(FloatValues((*taken)[1]), ElementsAre(40));
  taken = unstage(0);
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_EQ((*taken)[0].values<int64_t>()[0], 9);
  EXPECT_THAT(FloatValues((*taken)[1]), ElementsAre(90));
}

}  // namespace
}  // namespace tfjs::runtime
