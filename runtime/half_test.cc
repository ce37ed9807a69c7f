#include "runtime/half.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace tfjs::runtime {
namespace {

TEST(HalfTest, DecodesNormalsSubnormalsAndSpecials) {
  EXPECT_EQ(HalfToFloat(0x3c00), 1.f);
  EXPECT_EQ(HalfToFloat(0xc000), -2.f);
  EXPECT_EQ(HalfToFloat(0x7bff), 65504.f);
  EXPECT_EQ(HalfToFloat(0x0001), std::ldexp(1.f, -24));
  EXPECT_EQ(HalfToFloat(0x03ff), std::ldexp(1023.f, -24));
  EXPECT_EQ(HalfToFloat(0x0400), std::ldexp(1.f, -14));
  EXPECT_EQ(HalfToFloat(0x7c00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(HalfToFloat(0xfc00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(HalfToFloat(0x7e00)));
  EXPECT_TRUE(std::signbit(HalfToFloat(0x8000)));
}

TEST(HalfTest, EncodesWithRoundToNearestEven) {
  EXPECT_EQ(FloatToHalf(1.f), 0x3c00);
  EXPECT_EQ(FloatToHalf(-2.f), 0xc000);
  // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to the even 1.
  EXPECT_EQ(FloatToHalf(1.f + std::ldexp(1.f, -11)), 0x3c00);
  // 1 + 3 * 2^-11 is halfway between 0x3c01 and 0x3c02: ties to the even 0x3c02.
  EXPECT_EQ(FloatToHalf(1.f + 3 * std::ldexp(1.f, -11)), 0x3c02);
  EXPECT_EQ(FloatToHalf(1.f + std::ldexp(1.f, -11) + std::ldexp(1.f, -20)), 0x3c01);
  EXPECT_EQ(FloatToHalf(65504.f), 0x7bff);
  EXPECT_EQ(FloatToHalf(65519.f), 0x7bff);
  EXPECT_EQ(FloatToHalf(65520.f), 0x7c00);
  EXPECT_EQ(FloatToHalf(-1e10f), 0xfc00);
  EXPECT_EQ(FloatToHalf(std::ldexp(1.f, -24)), 0x0001);
  EXPECT_EQ(FloatToHalf(std::ldexp(1.f, -25)), 0x0000);          // tie to even zero
  EXPECT_EQ(FloatToHalf(std::ldexp(3.f, -25)), 0x0002);          // tie to even 2
  EXPECT_EQ(FloatToHalf(std::ldexp(1023.5f, -24)), 0x0400);      // rounds up into the normals
  EXPECT_EQ(FloatToHalf(-0.f), 0x8000);
  EXPECT_EQ(FloatToHalf(std::numeric_limits<float>::infinity()), 0x7c00);
  const uint16_t nan = FloatToHalf(std::numeric_limits<float>::quiet_NaN());
  EXPECT_EQ(nan & 0x7c00, 0x7c00);
  EXPECT_NE(nan & 0x3ff, 0);
}

TEST(HalfTest, EveryHalfRoundTrips) {
  for (uint32_t bits = 0; bits <= 0xffff; ++bits) {
    const uint16_t half = static_cast<uint16_t>(bits);
    const float value = HalfToFloat(half);
    if (std::isnan(value)) continue;
    ASSERT_EQ(FloatToHalf(value), half) << "bits " << bits;
  }
}

TEST(BFloat16Test, WidensExactlyAndRoundsToNearestEven) {
  EXPECT_EQ(BFloat16ToFloat(0x3f80), 1.f);
  EXPECT_EQ(BFloat16ToFloat(0xc0a0), -5.f);
  EXPECT_EQ(BFloat16ToFloat(0x0001), std::ldexp(1.f, -133));  // smallest subnormal
  EXPECT_EQ(BFloat16ToFloat(0xff80), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(BFloat16ToFloat(0x7fc0)));
  EXPECT_EQ(FloatToBFloat16(1.f), 0x3f80);
  // 1 + 2^-8 is halfway between 1 (0x3f80) and 1 + 2^-7 (0x3f81): ties to the even 0x3f80.
  EXPECT_EQ(FloatToBFloat16(1.f + std::ldexp(1.f, -8)), 0x3f80);
  // 1 + 3 * 2^-8 is halfway between 0x3f81 and 0x3f82: ties to the even 0x3f82.
  EXPECT_EQ(FloatToBFloat16(1.f + 3 * std::ldexp(1.f, -8)), 0x3f82);
  EXPECT_EQ(FloatToBFloat16(1.f + 3 * std::ldexp(1.f, -8), /*truncate=*/true), 0x3f81);
  // The largest float rounds up to infinity; truncation keeps the largest bfloat16.
  EXPECT_EQ(FloatToBFloat16(std::numeric_limits<float>::max()), 0x7f80);
  EXPECT_EQ(FloatToBFloat16(std::numeric_limits<float>::max(), true), 0x7f7f);
  EXPECT_EQ(FloatToBFloat16(-0.f), 0x8000);
  EXPECT_EQ(FloatToBFloat16(std::ldexp(3.f, -134)), 0x0002);  // subnormal tie to even
  EXPECT_EQ(FloatToBFloat16(-std::numeric_limits<float>::quiet_NaN()) & 0xffc0, 0xffc0);
}

}  // namespace
}  // namespace tfjs::runtime
