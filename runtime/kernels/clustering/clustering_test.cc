// Tests for NearestNeighbors, KmeansPlusPlusInitialization and KMC2ChainInitialization: distances
// and orders worked by hand, and the draws checked against TF's Philox words for the seed.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/random/philox.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::RunOp;

Tensor Int64(int64_t value) { return Tensor::Scalar<int64_t>(tensorflow::DT_INT64, value); }
std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}

TEST(NearestNeighborsTest, KClampedToCentersAndTiesByIndex) {
  // Point 1 is as far from centers 0 and 2 (distance 1); k = 5 keeps all 3 centers.
  auto outputs = RunOp("NearestNeighbors",
                       {Floats({2, 1}, {10, 1}), Floats({3, 1}, {0, 7, 2}), Int64(5)}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].shape(), (Shape{2, 3}));
  EXPECT_THAT(Int64Values((*outputs)[0]), ElementsAre(1, 2, 0, 0, 2, 1));
  EXPECT_THAT(testing::FloatValues((*outputs)[1]), ElementsAre(9, 64, 100, 1, 1, 36));
}

TEST(NearestNeighborsTest, EmptyAndErrors) {
  auto none =
      RunOp("NearestNeighbors", {Floats({0, 2}, {}), Floats({1, 2}, {0, 0}), Int64(1)}, "", 2);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ((*none)[0].shape(), (Shape{0, 1}));
  auto zero_k =
      RunOp("NearestNeighbors", {Floats({1, 1}, {0}), Floats({1, 1}, {0}), Int64(0)}, "", 2);
  ASSERT_TRUE(zero_k.ok()) << zero_k.status();
  EXPECT_EQ((*zero_k)[1].shape(), (Shape{1, 0}));
  auto cols =
      RunOp("NearestNeighbors", {Floats({1, 2}, {0, 0}), Floats({1, 1}, {0}), Int64(1)}, "", 2);
  ASSERT_FALSE(cols.ok());
  EXPECT_THAT(cols.status().message(), HasSubstr("cols"));
  auto vector =
      RunOp("NearestNeighbors", {Floats({2}, {0, 0}), Floats({1, 1}, {0}), Int64(1)}, "", 2);
  ASSERT_FALSE(vector.ok());
  EXPECT_THAT(vector.status().message(), HasSubstr("matrix"));
}

// TF's SimplePhilox::Rand64 for `seed`'s first two words.
uint64_t FirstRand64(uint64_t seed) {
  const random::Philox::Block block = random::Philox::FromSeeds(seed, 0)();
  return block[0] | uint64_t{block[1]} << 32;
}

TEST(KmeansPlusPlusInitializationTest, FirstRowUniformThenFarthestMass) {
  // Four rows (a power of two: the first index is Rand64's low 2 bits). Rows 0-2 are one spot,
  // row 3 far away: the second sample is row 3 unless row 3 came first, then one of the spot.
  const std::vector<float> rows = {0, 0, 0, 0, 0, 0, 50, 50};
  for (int64_t seed : {1, 2, 3, 4, 5, 6}) {
    auto outputs = RunOp("KmeansPlusPlusInitialization",
                         {Floats({4, 2}, rows), Int64(2), Int64(seed), Int64(0)}, "");
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    const std::vector<float> samples = testing::FloatValues((*outputs)[0]);
    const int64_t first = FirstRand64(seed) & 3;
    EXPECT_EQ(samples[0], rows[first * 2]) << seed;
    EXPECT_EQ(samples[2], first == 3 ? 0 : 50) << seed;
  }
}

TEST(KmeansPlusPlusInitializationTest, AllRowsWhenSamplingEveryRow) {
  auto outputs = RunOp("KmeansPlusPlusInitialization",
                       {Floats({3, 1}, {1, 5, 9}), Int64(3), Int64(42), Int64(-1)}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<float> samples = testing::FloatValues((*outputs)[0]);
  std::sort(samples.begin(), samples.end());
  EXPECT_THAT(samples, ElementsAre(1, 5, 9));
}

TEST(KmeansPlusPlusInitializationTest, Errors) {
  auto too_many = RunOp("KmeansPlusPlusInitialization",
                        {Floats({1, 1}, {1}), Int64(2), Int64(0), Int64(0)}, "");
  ASSERT_FALSE(too_many.ok());
  EXPECT_THAT(too_many.status().message(), HasSubstr("num_to_sample <= points.rows()"));
  auto none = RunOp("KmeansPlusPlusInitialization",
                    {Floats({1, 1}, {1}), Int64(0), Int64(0), Int64(0)}, "");
  ASSERT_FALSE(none.ok());
  auto empty =
      RunOp("KmeansPlusPlusInitialization", {Floats({0, 1}, {}), Int64(1), Int64(0), Int64(0)}, "");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("points.rows() > 0"));
}

TEST(KMC2ChainInitializationTest, OneUniformFloatPerStep) {
  // Distances (1, 0.5): point 1 wins when 0.5 > u, u the seed's first float.
  for (int64_t seed : {0, 1, 2, 3, 4, 5, 6, 7}) {
    const float u = random::Uint32ToFloat(random::Philox::FromSeeds(seed, 0)()[0]);
    auto outputs = RunOp("KMC2ChainInitialization", {Floats({2}, {1, 0.5f}), Int64(seed)}, "");
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_EQ((*outputs)[0].data<int64_t>()[0], 0.5f > u ? 1 : 0) << seed;
  }
  // Equal distances: every step accepts (u < 1), so the chain ends at the last point.
  auto equal = RunOp("KMC2ChainInitialization", {Floats({3}, {2, 2, 2}), Int64(9)}, "");
  ASSERT_TRUE(equal.ok()) << equal.status();
  EXPECT_EQ((*equal)[0].data<int64_t>()[0], 2);
  auto empty = RunOp("KMC2ChainInitialization", {Floats({0}, {}), Int64(9)}, "");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("size() > 0"));
}

}  // namespace
}  // namespace tfjs::runtime
