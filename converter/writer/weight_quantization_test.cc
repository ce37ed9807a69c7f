#include "converter/writer/weight_quantization.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "gtest/gtest.h"
#include "io/weights_manifest.h"

namespace tfjs::converter {
namespace {

// Reference values below follow quantization.py's documented formula by hand:
// scale = (max - min) / code_max; if min <= 0 <= max, min = -round(-min / scale) * scale;
// code = round((clip(x, min, max) - min) / scale), halves to even.

std::vector<uint32_t> Codes(const QuantizedWeight& weight, int bytes_per_code) {
  std::vector<uint32_t> codes;
  for (size_t i = 0; i < weight.bytes.size(); i += bytes_per_code) {
    uint32_t code = 0;
    std::memcpy(&code, weight.bytes.data() + i, bytes_per_code);  // Little-endian host.
    codes.push_back(code);
  }
  return codes;
}

TEST(WeightQuantizationTest, Uint8NudgesMinSoThatZeroIsExact) {
  // scale = 3/255; -min/scale = 85, so min stays -85 * scale (= -1) and 0 is code 85.
  absl::StatusOr<QuantizedWeight> q =
      QuantizeFloat32({-1.0f, 0.0f, 0.41f, 2.0f}, io::QuantizedDType::kUint8);
  ASSERT_TRUE(q.ok()) << q.status();
  const double scale = 3.0 / 255;
  ASSERT_TRUE(q->range.has_value());
  EXPECT_EQ(q->range->scale, scale);
  EXPECT_EQ(q->range->min, -std::nearbyint(1.0 / scale) * scale);
  // 0.41: (0.41 + 1) * 85 = 119.85 -> 120.
  EXPECT_EQ(Codes(*q, 1), (std::vector<uint32_t>{0, 85, 120, 255}));
  // 120 * scale + min = 0.41176..., the worst of the four.
  EXPECT_NEAR(q->max_abs_error, 120 * scale - 1 - 0.41, 1e-6);
  EXPECT_LE(q->max_abs_error, scale / 2);
}

TEST(WeightQuantizationTest, Uint8NudgeMovesAnInexactZero) {
  // [-1, 1]: -min/scale = 127.5 rounds to 128 (half to even), so min = -128 * 2/255.
  const AffineRange range = AffineQuantizationRange(-1, 1, io::QuantizedDType::kUint8);
  EXPECT_EQ(range.scale, 2.0 / 255);
  EXPECT_EQ(range.min, -128 * (2.0 / 255));
  EXPECT_EQ(range.max, 255 * (2.0 / 255) + range.min);
  // Zero is code 128 exactly: 128 * scale + min == 0.
  EXPECT_EQ(128 * range.scale + range.min, 0.0);
  absl::StatusOr<QuantizedWeight> q = QuantizeFloat32({0.0f, 1.0f}, io::QuantizedDType::kUint8);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(Codes(*q, 1)[0], 0u);  // [0, 1] has min 0: nothing to nudge.
}

TEST(WeightQuantizationTest, NegativeOnlyRangeIsNotNudged) {
  absl::StatusOr<QuantizedWeight> q =
      QuantizeFloat32({-4.0f, -2.0f, -1.0f}, io::QuantizedDType::kUint8);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->range->min, -4.0);
  EXPECT_EQ(q->range->scale, 3.0 / 255);
  // -2: 2 / (3/255) = 170.
  EXPECT_EQ(Codes(*q, 1), (std::vector<uint32_t>{0, 170, 255}));
}

TEST(WeightQuantizationTest, PositiveOnlyRangeKeepsItsMin) {
  absl::StatusOr<QuantizedWeight> q = QuantizeFloat32({1.0f, 2.0f}, io::QuantizedDType::kUint16);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->range->min, 1.0);
  EXPECT_EQ(q->range->scale, 1.0 / 65535);
  EXPECT_EQ(Codes(*q, 2), (std::vector<uint32_t>{0, 65535}));
}

TEST(WeightQuantizationTest, Uint16CodesAreTwoLittleEndianBytes) {
  // scale = 3/65535; 0 is code 21845.
  absl::StatusOr<QuantizedWeight> q = QuantizeFloat32({-1.0f, 0.0f, 2.0f}, io::QuantizedDType::kUint16);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->bytes.size(), 6u);
  EXPECT_EQ(Codes(*q, 2), (std::vector<uint32_t>{0, 21845, 65535}));
  EXPECT_EQ(static_cast<unsigned char>(q->bytes[2]), 21845 & 0xff);
  EXPECT_EQ(static_cast<unsigned char>(q->bytes[3]), 21845 >> 8);
  EXPECT_EQ(21845 * q->range->scale + q->range->min, 0.0);
}

TEST(WeightQuantizationTest, CodesRoundHalfToEven) {
  // [0, 255] gives scale 1 and min -0.0, so codes are the values rounded.
  absl::StatusOr<QuantizedWeight> q =
      QuantizeFloat32({0.0f, 0.5f, 1.5f, 2.5f, 3.4f, 255.0f}, io::QuantizedDType::kUint8);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->range->scale, 1.0);
  EXPECT_EQ(q->range->min, 0.0);
  EXPECT_TRUE(std::signbit(q->range->min));  // -round(0/1) * 1 is -0.0, as numpy computes it.
  EXPECT_EQ(Codes(*q, 1), (std::vector<uint32_t>{0, 0, 2, 2, 3, 255}));
}

TEST(WeightQuantizationTest, ConstantWeightIsAllZeroCodesWithScaleOne) {
  absl::StatusOr<QuantizedWeight> q = QuantizeFloat32({2.5f, 2.5f, 2.5f}, io::QuantizedDType::kUint8);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->range->min, 2.5);
  EXPECT_EQ(q->range->scale, 1.0);
  EXPECT_EQ(Codes(*q, 1), (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_EQ(q->max_abs_error, 0.0);

  absl::StatusOr<QuantizedWeight> zeros = QuantizeFloat32({0.0f, 0.0f}, io::QuantizedDType::kUint16);
  ASSERT_TRUE(zeros.ok());
  EXPECT_EQ(zeros->range->min, 0.0);
  EXPECT_EQ(zeros->range->scale, 1.0);
  EXPECT_EQ(zeros->bytes, std::string(4, '\0'));
}

TEST(WeightQuantizationTest, AffineRefusesNanAndInfinity) {
  EXPECT_FALSE(
      QuantizeFloat32({1.0f, std::numeric_limits<float>::quiet_NaN()}, io::QuantizedDType::kUint8)
          .ok());
  EXPECT_FALSE(
      QuantizeFloat32({1.0f, -std::numeric_limits<float>::infinity()}, io::QuantizedDType::kUint16)
          .ok());
}

TEST(WeightQuantizationTest, Float16RoundsToNearestEven) {
  const float tie_down = 1.0f + std::ldexp(1.0f, -11);     // Halfway between 1 and 1 + 2^-10.
  const float tie_up = 1.0f + 3 * std::ldexp(1.0f, -11);   // Halfway, odd below: rounds up.
  absl::StatusOr<QuantizedWeight> q = QuantizeFloat32(
      {1.0f, -2.0f, tie_down, tie_up, 65504.0f, 65520.0f, std::ldexp(1.0f, -24),
       std::numeric_limits<float>::quiet_NaN()},
      io::QuantizedDType::kFloat16);
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->range.has_value());
  EXPECT_EQ(Codes(*q, 2), (std::vector<uint32_t>{0x3c00, 0xc000, 0x3c00, 0x3c02, 0x7bff, 0x7c00,
                                                  0x0001, 0x7e00}));
  // 65520 overflows to infinity: the error is infinite and reported as such.
  EXPECT_TRUE(std::isinf(q->max_abs_error));
}

TEST(WeightQuantizationTest, Float16ErrorIsTheRoundingError) {
  absl::StatusOr<QuantizedWeight> q =
      QuantizeFloat32({0.1f, 1.0f}, io::QuantizedDType::kFloat16);
  ASSERT_TRUE(q.ok());
  // float16 nearest to 0.1 is 0x2e66 = 0.0999755859375.
  EXPECT_EQ(Codes(*q, 2)[0], 0x2e66u);
  EXPECT_DOUBLE_EQ(q->max_abs_error, static_cast<double>(0.1f) - 0.0999755859375);
}

TEST(WeightQuantizationTest, DtypeNames) {
  EXPECT_EQ(io::QuantizedDTypeName(io::QuantizedDType::kFloat16), "float16");
  EXPECT_EQ(io::QuantizedDTypeName(io::QuantizedDType::kUint8), "uint8");
  EXPECT_EQ(io::QuantizedDTypeName(io::QuantizedDType::kUint16), "uint16");
}

}  // namespace
}  // namespace tfjs::converter
