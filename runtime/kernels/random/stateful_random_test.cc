// Tests of the stateful random ops: the state moves on by 256 blocks per output element as TF's
// variable does, RngReadAndSkip reads it, and TF's errors.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::MakeTensor;
using testing::RunOp;

Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}

TEST(StatefulRandomTest, ValuesFollowTheState) {
  // Counter [0, 2^32 * 3 + 1] as words 0-1, key 9: the same words FillUniform reads.
  auto outputs =
      RunOp("StatefulUniform", {Int64s({3}, {12, 3, 9}), Int64s({}, {3}), Ints({1}, {6})},
            "attr { key: 'shape_dtype' value { type: DT_INT32 } }");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  float expected[6];
  random::FillUniform(random::Philox({12, 0, 3, 0}, {9, 0}), expected, 6);
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAreArray(expected));
}

TEST(StatefulRandomTest, ReadAndSkipMovesTheCounterBy256PerDelta) {
  auto outputs = RunOp("RngReadAndSkip",
                       {Int64s({3}, {-1, 4, 5}), Ints({}, {1}),
                        MakeTensor<uint64_t>(tensorflow::DT_UINT64, {}, {2})},
                       "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT((*outputs)[0].values<int64_t>(), ElementsAre(-1, 4, 5));
  // The skip itself: counter 2^64 - 1 + 512 carries into word 1.
  random::Philox philox = random::PhiloxFromState(std::vector<int64_t>{-1, 4, 5}.data());
  philox.Skip(512);
  int64_t state[3];
  random::WritePhiloxState(philox, state);
  EXPECT_THAT(state, ElementsAre(511, 5, 5));
}

TEST(StatefulRandomTest, RngSkipTakesAnInt64DeltaAndChecksTheState) {
  EXPECT_TRUE(
      RunOp("RngSkip", {Int64s({3}, {7, 1, 5}), Int64s({}, {1}), Int64s({}, {2})}, "", 0).ok());
  auto delta = RunOp("RngSkip", {Int64s({3}, {7, 1, 5}), Int64s({}, {1}), Ints({}, {2})}, "", 0);
  EXPECT_THAT(delta.status().message(), HasSubstr("must be a int64 scalar"));
  auto state = RunOp("RngSkip", {Ints({3}, {7, 1, 5}), Int64s({}, {1}), Int64s({}, {2})}, "", 0);
  EXPECT_THAT(state.status().message(), HasSubstr("dtype of RNG state variable must be int64"));
}

TEST(StatefulRandomTest, TfErrors) {
  const char attrs[] = "attr { key: 'shape_dtype' value { type: DT_INT32 } }";
  auto threefry =
      RunOp("StatefulUniform", {Int64s({3}, {0, 1, 5}), Int64s({}, {2}), Ints({1}, {2})}, attrs);
  EXPECT_THAT(threefry.status().message(), HasSubstr("don't support the ThreeFry algorithm"));
  auto small =
      RunOp("StatefulUniform", {Int64s({2}, {0, 1}), Int64s({}, {1}), Ints({1}, {2})}, attrs);
  EXPECT_THAT(small.status().message(), HasSubstr("state must be at least 3"));
  auto alg =
      RunOp("StatefulUniform", {Int64s({3}, {0, 1, 5}), Int64s({}, {7}), Ints({1}, {2})}, attrs);
  EXPECT_THAT(alg.status().message(), HasSubstr("Unsupported algorithm id: 7"));
  auto bounds = RunOp(
      "StatefulUniformInt",
      {Int64s({3}, {0, 1, 5}), Int64s({}, {1}), Ints({1}, {2}), Int64s({}, {3}), Int64s({}, {2})},
      attrs);
  EXPECT_THAT(bounds.status().message(), HasSubstr("Need minval < maxval, got 3 >= 2"));
}

TEST(StatefulRandomTest, NonDeterministicIntsHasTheShapeAndDtype) {
  auto outputs = RunOp("NonDeterministicInts", {Int64s({2}, {4, 8})},
                       "attr { key: 'dtype' value { type: DT_UINT32 } }");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[4,8]");
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_UINT32);
  const auto values = (*outputs)[0].values<uint32_t>();
  EXPECT_NE(std::vector<uint32_t>(values.begin(), values.end()), std::vector<uint32_t>(32, 0));
}

}  // namespace
}  // namespace tfjs::runtime
