// Tests of the Philox generator (Random123's known answers) and StochasticCastToInt: rounding to
// a neighbour with the fraction's probability, reproducibility per key and counter, TF's errors.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/math/philox.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::RunOp;

TEST(PhiloxTest, KnownAnswers) {
  EXPECT_THAT(math::Philox::Block({0, 0, 0, 0}, {0, 0}),
              ElementsAre(0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u));
  EXPECT_THAT(math::Philox::Block({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
                                  {0xffffffffu, 0xffffffffu}),
              ElementsAre(0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu));
  EXPECT_THAT(math::Philox::Block({0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u},
                                  {0xa4093822u, 0x299f31d0u}),
              ElementsAre(0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u));
}

TEST(PhiloxTest, CounterAdvancesWithCarry) {
  // Seeded (0, 0), the first block is the all-zero known answer, the second counter 1.
  math::Philox generator(0, 0);
  EXPECT_EQ(generator.Next()[0], 0x6627e8d5u);
  EXPECT_EQ(generator.Next(), math::Philox::Block({1, 0, 0, 0}, {0, 0}));
  EXPECT_EQ(math::UniformFloat(0), 0.0f);
  EXPECT_EQ(math::UniformFloat(0xffffffffu), 1.0f - 1.0f / (1 << 23));
}

absl::StatusOr<std::vector<Tensor>> Cast(const Tensor& x, uint64_t key, int32_t alg,
                                         const std::string& out_type = "DT_INT32") {
  return RunOp(
      "StochasticCastToInt",
      {x, MakeTensor<uint64_t>(tensorflow::DT_UINT64, {1}, {key}),
       MakeTensor<uint64_t>(tensorflow::DT_UINT64, {2}, {0, 0}),
       MakeTensor<int32_t>(tensorflow::DT_INT32, {}, {alg})},
      "attr { key: \"Tin\" value { type: DT_FLOAT } } attr { key: \"Tout\" value { type: " +
          out_type + " } }");
}

TEST(StochasticCastToIntTest, RoundsToNeighboursWithTheFractionsOdds) {
  constexpr int kCount = 20000;
  absl::StatusOr<std::vector<Tensor>> up =
      Cast(Floats({kCount}, std::vector<float>(kCount, 2.25f)), 42, 1);
  ASSERT_TRUE(up.ok()) << up.status();
  absl::StatusOr<std::vector<Tensor>> down =
      Cast(Floats({kCount}, std::vector<float>(kCount, -0.75f)), 42, 3);
  ASSERT_TRUE(down.ok()) << down.status();
  int ups = 0;
  int downs = 0;
  for (int i = 0; i < kCount; ++i) {
    const int32_t a = (*up)[0].data<int32_t>()[i];
    const int32_t b = (*down)[0].data<int32_t>()[i];
    ASSERT_TRUE(a == 2 || a == 3) << a;
    ASSERT_TRUE(b == -1 || b == 0) << b;
    ups += a == 3;
    downs += b == -1;
  }
  // P(up) = 0.25, P(-1) = 0.75; 20000 draws put both within 0.02 (over 6 sigma).
  EXPECT_NEAR(ups / static_cast<double>(kCount), 0.25, 0.02);
  EXPECT_NEAR(downs / static_cast<double>(kCount), 0.75, 0.02);
}

TEST(StochasticCastToIntTest, SameKeySameResultOtherKeyOther) {
  const Tensor x = Floats({64}, std::vector<float>(64, 0.5f));
  absl::StatusOr<std::vector<Tensor>> a = Cast(x, 1, 1);
  absl::StatusOr<std::vector<Tensor>> b = Cast(x, 1, 1);
  absl::StatusOr<std::vector<Tensor>> c = Cast(x, 2, 1);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  const auto values = [](const Tensor& t) {
    return std::vector<int32_t>(t.data<int32_t>(), t.data<int32_t>() + t.num_elements());
  };
  EXPECT_EQ(values((*a)[0]), values((*b)[0]));
  EXPECT_NE(values((*a)[0]), values((*c)[0]));
}

TEST(StochasticCastToIntTest, Errors) {
  const Tensor x = Floats({1}, {0.5f});
  absl::StatusOr<std::vector<Tensor>> three_fry = Cast(x, 1, 2);
  ASSERT_FALSE(three_fry.ok());
  EXPECT_THAT(three_fry.status().message(), HasSubstr("Unsupported algorithm id: 2"));
  absl::StatusOr<std::vector<Tensor>> bad_key =
      RunOp("StochasticCastToInt",
            {x, MakeTensor<uint64_t>(tensorflow::DT_UINT64, {2}, {1, 2}),
             MakeTensor<uint64_t>(tensorflow::DT_UINT64, {2}, {0, 0}),
             MakeTensor<int32_t>(tensorflow::DT_INT32, {}, {1})},
            "attr { key: \"Tin\" value { type: DT_FLOAT } } "
            "attr { key: \"Tout\" value { type: DT_INT8 } }");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_THAT(bad_key.status().message(), HasSubstr("key must have shape [1]"));
}

}  // namespace
}  // namespace tfjs::runtime
