// Tests for QuantizeV2, Dequantize and the QuantizeAndDequantize ops: the modes, rounding,
// per-axis ranges and TF's errors, against plain references of TF's formulas written here.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/half.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::MakeTensor;
using ::testing::Pointwise;
using testing::RunOp;

std::string Attr(const std::string& name, const std::string& value) {
  return "attr { key: \"" + name + "\" value { " + value + " } }";
}
std::string Type(const std::string& name, const std::string& dtype) {
  return Attr(name, "type: " + dtype);
}
std::string Str(const std::string& name, const std::string& value) {
  return Attr(name, "s: \"" + value + "\"");
}

template <typename T>
std::vector<int64_t> Codes(const Tensor& tensor) {
  std::vector<int64_t> codes;
  for (T value : tensor.values<T>()) codes.push_back(value);
  return codes;
}

float F32(double value) { return static_cast<float>(value); }

// QUANTIZE_WITH_EIGEN for quint8, every step in float.
uint8_t QuantizeMinFirst(float value, float min, float max) {
  const float scale = F32(255.0 / (max - min));
  const float offset = std::round(min * scale) - 0.0f;
  float scaled = std::round(value * scale) - offset;
  scaled = std::fmin(std::fmax(scaled, 0.0f), 255.0f);
  return static_cast<uint8_t>(scaled);
}

TEST(QuantizeV2Test, MinFirstMatchesTheFloatFormula) {
  const std::vector<float> input = {-1.0f, -0.3f, 0.0f, 0.7f, 2.5f, 3.0f, 9.0f};
  auto outputs = RunOp("QuantizeV2", {Floats({7}, input), Floats({}, {-1}), Floats({}, {3})},
                       Type("T", "DT_QUINT8") + Str("mode", "MIN_FIRST"), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  std::vector<int64_t> expected;
  for (float value : input) expected.push_back(QuantizeMinFirst(value, -1, 3));
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAreArray(expected));
  EXPECT_THAT(FloatValues((*outputs)[1]), ElementsAre(-1.0f));
  EXPECT_THAT(FloatValues((*outputs)[2]), ElementsAre(3.0f));
}

TEST(QuantizeV2Test, RangeIsWidenedToHoldZeroAndAMinimumWidth) {
  // [0, 0] becomes [0, 0.01]: zero inside, and at least 1% of max(1, |min|, |max|) wide.
  auto outputs = RunOp("QuantizeV2", {Floats({1}, {2}), Floats({}, {0}), Floats({}, {0})},
                       Type("T", "DT_QUINT8"), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[1]), ElementsAre(0.0f));
  EXPECT_THAT(FloatValues((*outputs)[2]), ElementsAre(0.01f));
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAre(255));
}

TEST(QuantizeV2Test, ScaledRoundsHalfToEvenOrAwayFromZero) {
  // qint8 SCALED over [-127, 127] (narrow range): the scale is exactly 1.
  const Tensor input = Floats({6}, {-2.5f, -1.5f, 0.5f, 1.5f, 2.5f, 200});
  auto even = RunOp("QuantizeV2", {input, Floats({}, {-127}), Floats({}, {127})},
                    Type("T", "DT_QINT8") + Str("mode", "SCALED") +
                        Str("round_mode", "HALF_TO_EVEN") + Attr("narrow_range", "b: true"),
                    3);
  ASSERT_TRUE(even.ok()) << even.status();
  EXPECT_THAT(Codes<int8_t>((*even)[0]), ElementsAre(-2, -2, 0, 2, 2, 127));
  EXPECT_THAT(FloatValues((*even)[1]), ElementsAre(-127.0f));
  auto away =
      RunOp("QuantizeV2", {input, Floats({}, {-127}), Floats({}, {127})},
            Type("T", "DT_QINT8") + Str("mode", "SCALED") + Attr("narrow_range", "b: true"), 3);
  ASSERT_TRUE(away.ok()) << away.status();
  EXPECT_THAT(Codes<int8_t>((*away)[0]), ElementsAre(-3, -2, 1, 2, 3, 127));
}

TEST(QuantizeV2Test, ScaledTakesTheTighterSide) {
  // quint8 SCALED over [0, 2]: the scale is 255 / 2 and the range stays [0, 2].
  auto outputs = RunOp("QuantizeV2", {Floats({3}, {-1, 1, 2}), Floats({}, {0}), Floats({}, {2})},
                       Type("T", "DT_QUINT8") + Str("mode", "SCALED"), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAre(0, 128, 255));
  EXPECT_THAT(FloatValues((*outputs)[2]), ElementsAre(2.0f));
}

TEST(QuantizeV2Test, PerAxisRanges) {
  // axis 1 of [2, 2]: column 0 in [0, 255], column 1 in [0, 510] (half the codes).
  auto outputs =
      RunOp("QuantizeV2",
            {Floats({2, 2}, {10, 10, 255, 510}), Floats({2}, {0, 0}), Floats({2}, {255, 510})},
            Type("T", "DT_QUINT8") + Attr("axis", "i: 1"), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(Codes<uint8_t>((*outputs)[0]), ElementsAre(10, 5, 255, 255));
  EXPECT_EQ((*outputs)[1].rank(), 1);
  EXPECT_THAT(FloatValues((*outputs)[2]), ElementsAre(255.0f, 510.0f));
}

TEST(QuantizeV2Test, EmptyInput) {
  auto outputs = RunOp("QuantizeV2", {Floats({0}, {}), Floats({}, {-1}), Floats({}, {1})},
                       Type("T", "DT_QINT16"), 3);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].num_elements(), 0);
  EXPECT_EQ((*outputs)[0].dtype(), tensorflow::DT_QINT16);
}

TEST(QuantizeV2Test, Errors) {
  const Tensor input = Floats({2}, {1, 2});
  auto inverted =
      RunOp("QuantizeV2", {input, Floats({}, {3}), Floats({}, {1})}, Type("T", "DT_QUINT8"), 3);
  ASSERT_FALSE(inverted.ok());
  EXPECT_THAT(inverted.status().message(), HasSubstr("input_max_range must be larger"));
  auto half_even = RunOp("QuantizeV2", {input, Floats({}, {0}), Floats({}, {1})},
                         Type("T", "DT_QUINT8") + Str("round_mode", "HALF_TO_EVEN"), 3);
  ASSERT_FALSE(half_even.ok());
  EXPECT_THAT(half_even.status().message(), HasSubstr("only supported for mode 'SCALED'"));
  auto min_first_axis =
      RunOp("QuantizeV2", {input, Floats({2}, {0, 0}), Floats({2}, {1, 1})},
            Type("T", "DT_QUINT8") + Str("mode", "MIN_FIRST") + Attr("axis", "i: 0"), 3);
  ASSERT_FALSE(min_first_axis.ok());
  EXPECT_EQ(min_first_axis.status().code(), absl::StatusCode::kUnimplemented);
  auto wrong_count = RunOp("QuantizeV2", {input, Floats({3}, {0, 0, 0}), Floats({2}, {1, 1})},
                           Type("T", "DT_QUINT8") + Attr("axis", "i: 0"), 3);
  ASSERT_FALSE(wrong_count.ok());
  EXPECT_THAT(wrong_count.status().message(), HasSubstr("as many elements"));
  auto bad_axis = RunOp("QuantizeV2", {input, Floats({}, {0}), Floats({}, {1})},
                        Type("T", "DT_QUINT8") + Attr("axis", "i: 1"), 3);
  ASSERT_FALSE(bad_axis.ok());
}

TEST(DequantizeTest, MinFirstMatchesTheFloatFormula) {
  // DEQUANTIZE_WITH_EIGEN for quint8 in [-1, 3]: every step in float.
  const std::vector<uint8_t> codes = {0, 1, 64, 200, 255};
  auto outputs = RunOp(
      "Dequantize",
      {MakeTensor<uint8_t>(tensorflow::DT_QUINT8, {5}, codes), Floats({}, {-1}), Floats({}, {3})},
      Type("T", "DT_QUINT8") + Str("mode", "MIN_FIRST"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const float scale = F32(4.0 / 255.0);
  const float min_rounded = std::round(-1.0f / scale) * scale;
  std::vector<float> expected;
  for (uint8_t code : codes) expected.push_back(min_rounded + static_cast<float>(code) * scale);
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAreArray(expected));
}

TEST(DequantizeTest, ScaledSignedAndUnsigned) {
  // qint8 over [-2, 1]: the scale is max(-2 / -128, 1 / 127) = 1 / 64.
  auto signed_out = RunOp("Dequantize",
                          {MakeTensor<int8_t>(tensorflow::DT_QINT8, {3}, {-128, 64, 127}),
                           Floats({}, {-2}), Floats({}, {1})},
                          Type("T", "DT_QINT8") + Str("mode", "SCALED"));
  ASSERT_TRUE(signed_out.ok()) << signed_out.status();
  EXPECT_THAT(FloatValues((*signed_out)[0]), ElementsAre(-2.0f, 1.0f, 127 / 64.0f));
  // quint16 over [0, 65535]: one per code.
  auto unsigned_out = RunOp("Dequantize",
                            {MakeTensor<uint16_t>(tensorflow::DT_QUINT16, {2}, {7, 65535}),
                             Floats({}, {0}), Floats({}, {65535})},
                            Type("T", "DT_QUINT16") + Str("mode", "SCALED"));
  ASSERT_TRUE(unsigned_out.ok()) << unsigned_out.status();
  EXPECT_THAT(FloatValues((*unsigned_out)[0]), ElementsAre(7.0f, 65535.0f));
}

TEST(DequantizeTest, PerAxisAndBfloat16) {
  auto outputs =
      RunOp("Dequantize",
            {MakeTensor<uint8_t>(tensorflow::DT_QUINT8, {2, 2}, {1, 1, 255, 255}),
             Floats({2}, {0, 0}), Floats({2}, {255, 510})},
            Type("T", "DT_QUINT8") + Attr("axis", "i: 1") + Type("dtype", "DT_BFLOAT16"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ASSERT_EQ((*outputs)[0].dtype(), tensorflow::DT_BFLOAT16);
  std::vector<float> values;
  for (uint16_t bits : (*outputs)[0].values<uint16_t>()) values.push_back(BFloat16ToFloat(bits));
  EXPECT_THAT(values, ElementsAre(1.0f, 2.0f, 255.0f, 510.0f));
}

TEST(DequantizeTest, Errors) {
  const Tensor codes = MakeTensor<uint8_t>(tensorflow::DT_QUINT8, {2}, {1, 2});
  auto scaled_bf16 =
      RunOp("Dequantize", {codes, Floats({}, {0}), Floats({}, {1})},
            Type("T", "DT_QUINT8") + Str("mode", "SCALED") + Type("dtype", "DT_BFLOAT16"));
  ASSERT_FALSE(scaled_bf16.ok());
  EXPECT_THAT(scaled_bf16.status().message(), HasSubstr("bfloat16"));
  auto bad_axis = RunOp("Dequantize", {codes, Floats({}, {0}), Floats({}, {1})},
                        Type("T", "DT_QUINT8") + Attr("axis", "i: 3"));
  ASSERT_FALSE(bad_axis.ok());
  EXPECT_THAT(bad_axis.status().message(), HasSubstr("Axis must be less than input dimension"));
  auto wrong_count = RunOp("Dequantize", {codes, Floats({}, {0}), Floats({}, {1})},
                           Type("T", "DT_QUINT8") + Attr("axis", "i: 0"));
  ASSERT_FALSE(wrong_count.ok());
}

// TF's QuantizeAndDequantize with the range from the data, symmetric signed grid.
std::vector<float> ReferenceQdq(const std::vector<float>& input, int num_bits, bool half_up) {
  float min = input[0], max = input[0];
  for (float value : input) {
    min = std::fmin(min, value);
    max = std::fmax(max, value);
  }
  const float min_q = -std::ldexp(1.0f, num_bits - 1);
  const float max_q = std::ldexp(1.0f, num_bits - 1) - 1;
  const float from_min = min_q * min > 0 ? min_q / min : 3.4e38f;
  const float from_max = max_q * max > 0 ? max_q / max : 3.4e38f;
  float scale, inverse;
  if (from_min < from_max) {
    scale = from_min;
    inverse = min / min_q;
  } else {
    scale = from_max;
    inverse = max / max_q;
  }
  std::vector<float> out;
  for (float value : input) {
    const float scaled = value * scale;
    float rounded = std::floor(scaled + 0.5f);
    if (!half_up && rounded - scaled == 0.5f) rounded = 2 * std::floor(0.5f * scaled + 0.5f);
    out.push_back(rounded * inverse);
  }
  return out;
}

TEST(QuantizeAndDequantizeTest, RangeFromDataWithBothRoundings) {
  const std::vector<float> input = {-4, -2.5f, -0.25f, 0.75f, 1.5f, 3};
  for (const bool half_up : {false, true}) {
    auto outputs =
        RunOp("QuantizeAndDequantizeV2", {Floats({6}, input), Floats({}, {0}), Floats({}, {0})},
              Attr("num_bits", "i: 4") + Str("round_mode", half_up ? "HALF_UP" : "HALF_TO_EVEN"));
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAreArray(ReferenceQdq(input, 4, half_up)))
        << half_up;
  }
}

TEST(QuantizeAndDequantizeTest, PerChannelGivenRangesClamp) {
  // axis 0: row 0 in [-1, 1], row 1 in [0, 8] with 4 unsigned bits (8 / 15 per code).
  auto outputs =
      RunOp("QuantizeAndDequantizeV2",
            {Floats({2, 2}, {-3, 0.5f, 9, 4}), Floats({2}, {-1, 0}), Floats({2}, {1, 8})},
            Attr("num_bits", "i: 4") + Attr("signed_input", "b: false") +
                Attr("range_given", "b: true") + Attr("axis", "i: 0"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // Unsigned with a negative min: the min side gives no scale; max side 15 / 1 and 15 / 8; the
  // min of row 0 becomes 0, so -3 clamps to 0.
  // 0.5 * 15 and 4 * 15 / 8 are both 7.5, which rounds to 8.
  EXPECT_THAT(FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{0.0f, 8 / 15.0f, 8.0f, 64 / 15.0f}));
}

TEST(QuantizeAndDequantizeTest, NarrowRangeAndDouble) {
  auto outputs = RunOp(
      "QuantizeAndDequantizeV4",
      {MakeTensor<double>(tensorflow::DT_DOUBLE, {3}, {-1, 0.5, 1}),
       MakeTensor<double>(tensorflow::DT_DOUBLE, {}, {-1}),
       MakeTensor<double>(tensorflow::DT_DOUBLE, {}, {1})},
      Type("T", "DT_DOUBLE") + Attr("range_given", "b: true") + Attr("narrow_range", "b: true"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const double* out = (*outputs)[0].data<double>();
  EXPECT_DOUBLE_EQ(out[0], -1.0);
  EXPECT_DOUBLE_EQ(out[1], 64 / 127.0);  // 63.5 rounds half to even.
  EXPECT_DOUBLE_EQ(out[2], 1.0);
}

TEST(QuantizeAndDequantizeTest, Errors) {
  const Tensor input = Floats({2}, {1, 2});
  auto inverted = RunOp("QuantizeAndDequantizeV2", {input, Floats({}, {2}), Floats({}, {1})},
                        Attr("range_given", "b: true"));
  ASSERT_FALSE(inverted.ok());
  EXPECT_THAT(inverted.status().message(), HasSubstr("Invalid range"));
  auto bits = RunOp("QuantizeAndDequantizeV3",
                    {input, Floats({}, {0}), Floats({}, {1}),
                     MakeTensor<int32_t>(tensorflow::DT_INT32, {}, {62})},
                    "");
  ASSERT_FALSE(bits.ok());
  EXPECT_THAT(bits.status().message(), HasSubstr("num_bits is out of range"));
  auto attr_bits = RunOp("QuantizeAndDequantize", {input}, Attr("num_bits", "i: 0"));
  ASSERT_FALSE(attr_bits.ok());
  auto channels =
      RunOp("QuantizeAndDequantizeV2", {input, Floats({3}, {0, 0, 0}), Floats({3}, {1, 1, 1})},
            Attr("range_given", "b: true") + Attr("axis", "i: 0"));
  ASSERT_FALSE(channels.ok());
  EXPECT_THAT(channels.status().message(), HasSubstr("incorrect size"));
  auto round_mode = RunOp("QuantizeAndDequantizeV2", {input, Floats({}, {0}), Floats({}, {1})},
                          Str("round_mode", "HALF_DOWN"));
  ASSERT_FALSE(round_mode.ok());
}

}  // namespace
}  // namespace tfjs::runtime
