// Tests for FakeQuantWithMinMaxVars.
#include <cmath>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::Pointwise;
using testing::RunOp;

absl::StatusOr<std::vector<Tensor>> FakeQuant(std::vector<float> x, float min, float max,
                                              const std::string& attrs = "") {
  return RunOp("FakeQuantWithMinMaxVars",
               {Floats({static_cast<int64_t>(x.size())}, x), Floats({}, {min}), Floats({}, {max})},
               attrs);
}

TEST(FakeQuantTest, RoundsOntoGrid) {
  auto out = FakeQuant({-1.f, 0.4f, 0.5f, 1.6f, 300.f}, 0.f, 255.f);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(0.f, 0.f, 1.f, 2.f, 255.f));
}

TEST(FakeQuantTest, NudgesRangeSoZeroIsExact) {
  // scale 0.25; zero point 0.4 rounds to 0, so the range becomes [0, 63.75].
  auto out = FakeQuant({-0.1f, 0.1f, 0.13f, 63.8f}, -0.1f, 63.65f);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-6), {0.f, 0.f, 0.25f, 63.75f}));
}

TEST(FakeQuantTest, NarrowRangeAndBits) {
  auto narrow =
      FakeQuant({255.f, 3.3f}, 0.f, 254.f, R"(attr { key: "narrow_range" value { b: true } })");
  ASSERT_TRUE(narrow.ok()) << narrow.status();
  EXPECT_THAT(FloatValues((*narrow)[0]), ElementsAre(254.f, 3.f));
  auto four_bits = FakeQuant({0.5f, 7.9f}, 0.f, 15.f, R"(attr { key: "num_bits" value { i: 4 } })");
  ASSERT_TRUE(four_bits.ok()) << four_bits.status();
  EXPECT_THAT(FloatValues((*four_bits)[0]), ElementsAre(1.f, 8.f));
  EXPECT_FALSE(FakeQuant({1.f}, 0.f, 1.f, R"(attr { key: "num_bits" value { i: 17 } })").ok());
}

}  // namespace
}  // namespace tfjs::runtime
