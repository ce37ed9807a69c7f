#include "io/weight_decoding.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/test_bytes.h"

namespace tfjs::io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ByteWriter;
using testing::Entry;
using testing::Quantized;
using testing::ToBuffer;

uint32_t Bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

TEST(Float16Test, NormalValues) {
  EXPECT_EQ(Float16ToFloat32(0x3c00), 1.0f);
  EXPECT_EQ(Float16ToFloat32(0xc000), -2.0f);
  EXPECT_EQ(Float16ToFloat32(0x3555), 0.333251953125f);
  EXPECT_EQ(Float16ToFloat32(0x7bff), 65504.0f);
  EXPECT_EQ(Float16ToFloat32(0x0400), std::ldexp(1.0f, -14));
}

TEST(Float16Test, SignedZeros) {
  EXPECT_EQ(Bits(Float16ToFloat32(0x0000)), 0x00000000u);
  EXPECT_EQ(Bits(Float16ToFloat32(0x8000)), 0x80000000u);
}

TEST(Float16Test, SubnormalsAreExact) {
  // Every subnormal is mantissa * 2^-24.
  for (uint16_t mantissa = 1; mantissa < 0x400; ++mantissa) {
    EXPECT_EQ(Float16ToFloat32(mantissa), std::ldexp(static_cast<float>(mantissa), -24)) << mantissa;
    EXPECT_EQ(Float16ToFloat32(0x8000 | mantissa), -std::ldexp(static_cast<float>(mantissa), -24));
  }
}

TEST(Float16Test, NormalsMatchFormula) {
  for (uint32_t exponent = 1; exponent < 31; ++exponent) {
    for (uint32_t mantissa = 0; mantissa < 0x400; mantissa += 37) {
      const float expected = std::ldexp(1.0f + mantissa / 1024.0f, static_cast<int>(exponent) - 15);
      EXPECT_EQ(Float16ToFloat32(static_cast<uint16_t>(exponent << 10 | mantissa)), expected);
    }
  }
}

TEST(Float16Test, InfinitiesAndNaNs) {
  EXPECT_EQ(Float16ToFloat32(0x7c00), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Float16ToFloat32(0xfc00), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(Float16ToFloat32(0x7e00)));
  // The payload moves to the top of the float32 mantissa, as TF.js's tables put it.
  EXPECT_EQ(Bits(Float16ToFloat32(0x7c01)), 0x7f802000u);
  EXPECT_EQ(Bits(Float16ToFloat32(0xfe00)), 0xffc00000u);
}

TEST(DequantizeTest, AffineIsComputedInDoubleThenRounded) {
  const double scale = 0.1;
  const double min = -0.3;
  for (uint32_t q : {0u, 1u, 3u, 127u, 255u, 65535u}) {
    EXPECT_EQ(DequantizeToFloat32(q, scale, min), static_cast<float>(q * scale + min));
  }
  // Rounding once from double differs from float arithmetic here.
  EXPECT_EQ(Bits(DequantizeToFloat32(3, 0.1, -0.3)), Bits(static_cast<float>(3 * 0.1 + -0.3)));
}

TEST(DequantizeTest, Int32RoundsHalvesUpLikeMathRound) {
  EXPECT_EQ(DequantizeToInt32(5, 0.5, 0), 3);     // 2.5 -> 3
  EXPECT_EQ(DequantizeToInt32(1, 1, -3.5), -2);   // -2.5 -> -2
  EXPECT_EQ(DequantizeToInt32(1, 1, -1.5), 0);    // -0.5 -> -0
  EXPECT_EQ(DequantizeToInt32(3, 1, -0.6), 2);    // 2.4 -> 2
  EXPECT_EQ(DequantizeToInt32(0, 1, 4294967296.0 + 7), 7);  // wraps modulo 2^32
  EXPECT_EQ(DequantizeToInt32(0, 1, 2147483648.0), -2147483648);
  EXPECT_EQ(DequantizeToInt32(1, std::numeric_limits<double>::infinity(), 0), 0);
}

TEST(DecodeWeightsTest, EveryUnquantizedDtype) {
  ByteWriter bytes;
  bytes.AddAll<float>({1.5f, -2.0f})
      .AddAll<int32_t>({7, -9, 2147483647})
      .AddAll<uint8_t>({1, 0, 1})
      .AddAll<float>({1.0f, 2.0f, 3.0f, 4.0f})
      .AddString("hello")
      .AddString("")
      .AddString(std::string("\xff\x00z", 3));
  const std::vector<WeightEntry> entries = {
      Entry("f", {2}, DType::kFloat32),    Entry("i", {3}, DType::kInt32),
      Entry("b", {3}, DType::kBool),       Entry("c", {2}, DType::kComplex64),
      Entry("s", {3, 1}, DType::kString),
  };
  absl::StatusOr<std::vector<NamedTensor>> tensors = DecodeWeights(ToBuffer(bytes.bytes()), entries);
  ASSERT_TRUE(tensors.ok()) << tensors.status();
  ASSERT_EQ(tensors->size(), 5u);
  EXPECT_EQ((*tensors)[0].name, "f");
  EXPECT_THAT((*tensors)[0].tensor.values<float>(), ElementsAre(1.5f, -2.0f));
  EXPECT_THAT((*tensors)[1].tensor.values<int32_t>(), ElementsAre(7, -9, 2147483647));
  EXPECT_EQ((*tensors)[2].tensor.dtype, DType::kBool);
  EXPECT_THAT((*tensors)[2].tensor.values<uint8_t>(), ElementsAre(1, 0, 1));
  EXPECT_EQ((*tensors)[3].tensor.dtype, DType::kComplex64);
  EXPECT_THAT((*tensors)[3].tensor.values<float>(), ElementsAre(1.0f, 2.0f, 3.0f, 4.0f));
  EXPECT_EQ((*tensors)[4].tensor.dtype, DType::kString);
  EXPECT_THAT((*tensors)[4].tensor.shape, ElementsAre(3, 1));
  EXPECT_THAT((*tensors)[4].tensor.strings, ElementsAre("hello", "", std::string("\xff\x00z", 3)));
}

TEST(DecodeWeightsTest, QuantizedUint8Uint16AndFloat16) {
  ByteWriter bytes;
  bytes.AddAll<uint8_t>({0, 1, 200, 255})
      .AddAll<uint16_t>({0, 1000, 65535})
      .AddAll<uint16_t>({3, 4})
      .AddAll<uint16_t>({0x3c00, 0x0001, 0xfc00});
  const std::vector<WeightEntry> entries = {
      Quantized("u8", {2, 2}, DType::kFloat32, QuantizedDType::kUint8, 0.0045, -0.53),
      Quantized("u16", {3}, DType::kFloat32, QuantizedDType::kUint16, 1.5e-5, 0.25),
      Quantized("i16", {2}, DType::kInt32, QuantizedDType::kUint16, 0.5, 1.0),
      Quantized("f16", {3}, DType::kFloat32, QuantizedDType::kFloat16),
  };
  absl::StatusOr<std::vector<NamedTensor>> tensors = DecodeWeights(ToBuffer(bytes.bytes()), entries);
  ASSERT_TRUE(tensors.ok()) << tensors.status();
  const auto u8 = (*tensors)[0].tensor.values<float>();
  ASSERT_EQ(u8.size(), 4u);
  const uint8_t codes8[] = {0, 1, 200, 255};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(u8[i], static_cast<float>(codes8[i] * 0.0045 + -0.53));
  const auto u16 = (*tensors)[1].tensor.values<float>();
  const uint16_t codes16[] = {0, 1000, 65535};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(u16[i], static_cast<float>(codes16[i] * 1.5e-5 + 0.25));
  EXPECT_EQ((*tensors)[2].tensor.dtype, DType::kInt32);
  EXPECT_THAT((*tensors)[2].tensor.values<int32_t>(), ElementsAre(3, 3));  // 2.5 -> 3, 3 -> 3
  EXPECT_THAT((*tensors)[3].tensor.values<float>(),
              ElementsAre(1.0f, std::ldexp(1.0f, -24), -std::numeric_limits<float>::infinity()));
}

TEST(DecodeWeightsTest, AlignedRawWeightsShareTheirBytes) {
  ByteWriter bytes;
  bytes.AddAll<float>({1, 2}).AddAll<uint8_t>({1}).AddAll<float>({3});
  const Buffer data = ToBuffer(bytes.bytes());
  absl::StatusOr<std::vector<NamedTensor>> tensors = DecodeWeights(
      data, {Entry("a", {2}, DType::kFloat32), Entry("b", {1}, DType::kBool),
             Entry("c", {1}, DType::kFloat32)});
  ASSERT_TRUE(tensors.ok()) << tensors.status();
  EXPECT_EQ((*tensors)[0].tensor.data.data(), data.data());
  // "c" starts at byte 9: copied so float reads stay aligned.
  EXPECT_NE((*tensors)[2].tensor.data.data(), data.data() + 9);
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*tensors)[2].tensor.data.data()) % 4, 0u);
  EXPECT_THAT((*tensors)[2].tensor.values<float>(), ElementsAre(3.0f));
}

TEST(DecodeWeightsTest, ShortDataIsAnError) {
  ByteWriter bytes;
  bytes.AddAll<float>({1, 2, 3});
  absl::StatusOr<std::vector<NamedTensor>> tensors =
      DecodeWeights(ToBuffer(bytes.bytes()), {Entry("w", {4}, DType::kFloat32)});
  ASSERT_FALSE(tensors.ok());
  EXPECT_THAT(std::string(tensors.status().message()), HasSubstr("'w'"));
}

TEST(DecodeWeightsTest, StringLengthPastTheEndIsAnError) {
  ByteWriter bytes;
  bytes.Add<uint32_t>(100).AddAll<uint8_t>({1, 2, 3});
  absl::StatusOr<std::vector<NamedTensor>> tensors =
      DecodeWeights(ToBuffer(bytes.bytes()), {Entry("s", {1}, DType::kString)});
  ASSERT_FALSE(tensors.ok());
  EXPECT_THAT(std::string(tensors.status().message()), HasSubstr("'s'"));
}

TEST(DecodeWeightsTest, StringCountsTheBytesCannotHoldAreAnErrorNotAnAllocation) {
  ByteWriter bytes;
  bytes.Add<uint32_t>(1).AddAll<uint8_t>({7});
  // 2^40 strings would need 2^40 string objects reserved before reading one length.
  absl::StatusOr<std::vector<NamedTensor>> tensors = DecodeWeights(
      ToBuffer(bytes.bytes()), {Entry("s", {int64_t{1} << 20, int64_t{1} << 20}, DType::kString)});
  EXPECT_EQ(tensors.status(),
            absl::InvalidArgumentError(
                "weight 's': a string length runs past the end of the data (5 bytes)"));
}

TEST(DecodeWeightsTest, TrailingBytesAreAnError) {
  ByteWriter bytes;
  bytes.AddAll<int32_t>({1, 2});
  absl::StatusOr<std::vector<NamedTensor>> tensors =
      DecodeWeights(ToBuffer(bytes.bytes()), {Entry("w", {1}, DType::kInt32)});
  ASSERT_FALSE(tensors.ok());
  EXPECT_THAT(std::string(tensors.status().message()), HasSubstr("4 bytes after"));
}

}  // namespace
}  // namespace tfjs::io
