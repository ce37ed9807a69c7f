// Tests of the Philox engine against Random123's published known-answer vectors, and of TF's
// seeding and counter arithmetic on top of it.
#include "runtime/kernels/random/philox.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tfjs::runtime::random {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using ::testing::Pointwise;

// Random123's kat_vectors for philox4x32 with 10 rounds.
TEST(PhiloxTest, Random123KnownAnswers) {
  EXPECT_THAT(Philox({0, 0, 0, 0}, {0, 0})(),
              ElementsAre(0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u));
  EXPECT_THAT(Philox({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff})(),
              ElementsAre(0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu));
  EXPECT_THAT(Philox({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0})(),
              ElementsAre(0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u));
}

TEST(PhiloxTest, CallAndSkipMoveThe128BitCounter) {
  Philox philox({0xffffffff, 0xffffffff, 0xffffffff, 0}, {1, 2});
  philox();
  EXPECT_THAT(philox.counter(), ElementsAre(0u, 0u, 0u, 1u));
  philox.Skip(uint64_t{3} << 32 | 5);
  EXPECT_THAT(philox.counter(), ElementsAre(5u, 3u, 0u, 1u));
  Philox carry({0xfffffffe, 0xffffffff, 7, 0}, {0, 0});
  carry.Skip(3);
  EXPECT_THAT(carry.counter(), ElementsAre(1u, 0u, 8u, 0u));
}

TEST(PhiloxTest, SeedsAsTfPlacesThem) {
  const Philox philox = Philox::FromSeeds(0x0000000200000001, 0x0000000400000003);
  EXPECT_THAT(philox.key(), ElementsAre(1u, 2u));
  EXPECT_THAT(philox.counter(), ElementsAre(0u, 0u, 3u, 4u));
  uint64_t key, counter[2];
  KeyCounterWords(StatelessPhilox(1, 2), &key, counter);
  EXPECT_EQ(key, 0x908502c96d2f7fbaULL);
  EXPECT_EQ(counter[0], 0u);
  EXPECT_EQ(counter[1], 0xf7734320619cb60bULL);
  const int64_t state[3] = {7, 9, 11};
  const Philox from_state = PhiloxFromState(state);
  EXPECT_THAT(from_state.counter(), ElementsAre(7u, 0u, 9u, 0u));
  EXPECT_THAT(from_state.key(), ElementsAre(11u, 0u));
  int64_t written[3];
  WritePhiloxState(from_state, written);
  EXPECT_THAT(written, ElementsAre(7, 9, 11));
}

// TF's docs: tf.random.set_seed(5); tf.random.normal([2, 2], seed=1) is
// [[-1.3768897, -0.01258316], [-0.169515, 1.0824056]] (op seeds 5 and 1; numpy prints 8
// decimals).
TEST(PhiloxTest, NormalMatchesTfDocs) {
  float values[4];
  FillNormal(Philox::FromSeeds(5, 1), values, 4);
  EXPECT_THAT(values,
              Pointwise(FloatNear(6e-8), {-1.3768897f, -0.01258316f, -0.169515f, 1.0824056f}));
}

TEST(PhiloxTest, UniformBitsToValues) {
  EXPECT_EQ(Uint32ToFloat(0), 0.0f);
  EXPECT_EQ(Uint32ToFloat(0xffffffff), 1.0f - 0x1.0p-23f);
  EXPECT_EQ(Uint64ToDouble(0xffffffff, 0xffffffff), 1.0 - 0x1.0p-52);
  EXPECT_EQ(Uint16ToHalfValue(0x3ff), 1.0f - 1.0f / 1024);
  EXPECT_EQ(Uint16ToBFloat16Value(0x80), 0.0f);
}

}  // namespace
}  // namespace tfjs::runtime::random
