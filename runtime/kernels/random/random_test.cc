// Tests for RandomGamma and RandomShuffle: shapes, dtypes, determinism given the seeds, and
// distribution properties that would fail for a wrong sampler.
#include <algorithm>
#include <numeric>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAreArray;
using testing::Floats;
using testing::FloatValues;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;
using ::testing::UnorderedElementsAreArray;

const char kSeeds[] = "attr { key: 'seed' value { i: 7 } } attr { key: 'seed2' value { i: 3 } }";

TEST(RandomGammaTest, ShapeIsShapeThenAlphaShapeAndMeanIsAlpha) {
  auto outputs = RunOp("RandomGamma", {Ints({1}, {20000}), Floats({2}, {0.5f, 4})}, kSeeds);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[20000,2]");
  const std::vector<float> values = FloatValues((*outputs)[0]);
  double sums[2] = {0, 0};
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_GE(values[i], 0);
    sums[i % 2] += values[i];
  }
  // Gamma(alpha, 1) has mean alpha and variance alpha: the means are within ~5 sigma.
  EXPECT_NEAR(sums[0] / 20000, 0.5, 0.03);
  EXPECT_NEAR(sums[1] / 20000, 4.0, 0.08);
}

TEST(RandomGammaTest, SeededKernelsAgreeAndRejectIntAlpha) {
  auto a = RunOp("RandomGamma", {Ints({2}, {3, 2}), Floats({}, {2})}, kSeeds);
  auto b = RunOp("RandomGamma", {Ints({2}, {3, 2}), Floats({}, {2})}, kSeeds);
  ASSERT_TRUE(a.ok() && b.ok()) << a.status();
  EXPECT_EQ(ShapeString((*a)[0].shape()), "[3,2]");
  EXPECT_THAT(FloatValues((*a)[0]), ElementsAreArray(FloatValues((*b)[0])));
  EXPECT_FALSE(RunOp("RandomGamma", {Ints({1}, {2}), Ints({}, {2})}, kSeeds).ok());
}

TEST(RandomShuffleTest, PermutesRowsReproducibly) {
  std::vector<int32_t> values(40);
  std::iota(values.begin(), values.end(), 0);
  Tensor input = Ints({20, 2}, values);
  auto a = RunOp("RandomShuffle", {input}, kSeeds);
  auto b = RunOp("RandomShuffle", {input}, kSeeds);
  ASSERT_TRUE(a.ok() && b.ok()) << a.status();
  const std::vector<int32_t> shuffled = IntValues((*a)[0]);
  EXPECT_THAT(shuffled, ElementsAreArray(IntValues((*b)[0])));
  EXPECT_THAT(shuffled, UnorderedElementsAreArray(values));
  EXPECT_NE(shuffled, values);
  for (size_t r = 0; r < 20; ++r) EXPECT_EQ(shuffled[2 * r] + 1, shuffled[2 * r + 1]);
  auto scalar = RunOp("RandomShuffle", {Floats({}, {5})}, kSeeds);
  ASSERT_TRUE(scalar.ok()) << scalar.status();
  EXPECT_THAT(FloatValues((*scalar)[0]), ElementsAreArray({5.0f}));
}

}  // namespace
}  // namespace tfjs::runtime
