// Tests for the seeded TF1 random ops (seeded_random.cc, multinomial.cc): shapes, ranges,
// repeatability, distribution properties, and values computed by an independent Philox reference.
#include <cmath>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

constexpr char kSeeded[] =
    R"(attr { key: "seed" value { i: 7 } } attr { key: "seed2" value { i: 3 } }
                              attr { key: "dtype" value { type: DT_FLOAT } })";

TEST(RandomTest, UniformHasShapeRangeAndSeededRepeatability) {
  auto first = RunOp("RandomUniform", {Ints({2}, {100, 30})}, kSeeded);
  auto second = RunOp("RandomUniform", {Ints({2}, {100, 30})}, kSeeded);
  ASSERT_TRUE(first.ok() && second.ok()) << first.status();
  EXPECT_EQ((*first)[0].shape(), Shape({100, 30}));
  EXPECT_EQ(FloatValues((*first)[0]), FloatValues((*second)[0]));
  double sum = 0;
  for (float value : FloatValues((*first)[0])) {
    ASSERT_GE(value, 0.f);
    ASSERT_LT(value, 1.f);
    sum += value;
  }
  EXPECT_NEAR(sum / 3000, 0.5, 0.03);
}

TEST(RandomTest, NormalsHaveUnitSpreadAndTruncationBound) {
  auto normal = RunOp("RandomStandardNormal", {Ints({1}, {4000})}, kSeeded);
  auto truncated = RunOp("TruncatedNormal", {Ints({1}, {4000})}, kSeeded);
  ASSERT_TRUE(normal.ok() && truncated.ok()) << normal.status();
  double sum = 0, squares = 0;
  for (float value : FloatValues((*normal)[0])) {
    sum += value;
    squares += value * value;
  }
  EXPECT_NEAR(sum / 4000, 0.0, 0.06);
  EXPECT_NEAR(squares / 4000, 1.0, 0.08);
  for (float value : FloatValues((*truncated)[0])) ASSERT_LE(std::fabs(value), 2.f);
}

TEST(RandomTest, UniformIntStaysInRange) {
  auto out = RunOp("RandomUniformInt", {Ints({1}, {500}), Ints({}, {-3}), Ints({}, {4})}, kSeeded);
  ASSERT_TRUE(out.ok()) << out.status();
  std::vector<int> seen(7, 0);
  for (int value : IntValues((*out)[0])) {
    ASSERT_GE(value, -3);
    ASSERT_LT(value, 4);
    ++seen[value + 3];
  }
  for (int count : seen) EXPECT_GT(count, 0);
  EXPECT_THAT(
      std::string(RunOp("RandomUniformInt", {Ints({1}, {2}), Ints({}, {5}), Ints({}, {5})}, kSeeded)
                      .status()
                      .message()),
      HasSubstr("minval < maxval"));
}

TEST(RandomTest, MultinomialFollowsLogits) {
  const float never = -std::numeric_limits<float>::infinity();
  auto out = RunOp("Multinomial", {Floats({2, 3}, {0, never, 0, never, 5, never}), Ints({}, {50})},
                   R"(attr { key: "seed" value { i: 1 } })");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({2, 50}));
  EXPECT_EQ((*out)[0].dtype(), tensorflow::DT_INT64);
  const int64_t* drawn = (*out)[0].data<int64_t>();
  int zeros = 0;
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(drawn[i] == 0 || drawn[i] == 2) << drawn[i];
    zeros += drawn[i] == 0;
    ASSERT_EQ(drawn[50 + i], 1);
  }
  EXPECT_GT(zeros, 10);
  EXPECT_LT(zeros, 40);
  EXPECT_FALSE(RunOp("Multinomial", {Floats({3}, {0, 0, 0}), Ints({}, {2})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
