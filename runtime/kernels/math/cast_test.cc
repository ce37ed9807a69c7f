#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/math/cast_functors.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::Bools;
using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::MakeTensor;
using testing::RunOp;

std::string DstT(const std::string& type) {
  return R"(attr { key: "DstT" value { type: )" + type + " } }";
}

Tensor CastOk(const Tensor& x, const std::string& type) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp("Cast", {x}, DstT(type));
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

TEST(CastTest, FloatToIntTruncatesTowardZero) {
  Tensor out = CastOk(Floats({4}, {1.9f, -1.9f, 0.5f, -0.5f}), "DT_INT32");
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT32);
  EXPECT_THAT(IntValues(out), ElementsAre(1, -1, 0, 0));
}

TEST(CastTest, FloatToBoolIsNonZero) {
  Tensor out = CastOk(Floats({4}, {0.f, -0.f, 0.1f, std::nanf("")}), "DT_BOOL");
  EXPECT_THAT(out.values<bool>(), ElementsAre(false, false, true, true));
}

TEST(CastTest, BoolAndIntToFloat) {
  EXPECT_THAT(FloatValues(CastOk(Bools({2}, {true, false}), "DT_FLOAT")), ElementsAre(1, 0));
  EXPECT_THAT(FloatValues(CastOk(Ints({2}, {-3, 16777217}), "DT_FLOAT")),
              ElementsAre(-3.f, 16777216.f));
}

TEST(CastTest, IntWidthsWrap) {
  Tensor out = CastOk(Ints({3}, {300, -1, 255}), "DT_UINT8");
  EXPECT_THAT(out.values<uint8_t>(), ElementsAre(44, 255, 255));
  Tensor wide = CastOk(Ints({1}, {-7}), "DT_INT64");
  EXPECT_THAT(wide.values<int64_t>(), ElementsAre(-7));
  Tensor narrow =
      CastOk(MakeTensor<int64_t>(tensorflow::DT_INT64, {1}, {(int64_t{1} << 32) + 5}), "DT_INT32");
  EXPECT_THAT(IntValues(narrow), ElementsAre(5));
}

TEST(CastTest, DoubleToFloatAndBack) {
  Tensor out = CastOk(MakeTensor<double>(tensorflow::DT_DOUBLE, {1}, {0.1}), "DT_FLOAT");
  EXPECT_THAT(FloatValues(out), ElementsAre(0.1f));
  EXPECT_THAT(CastOk(Floats({1}, {0.5f}), "DT_DOUBLE").values<double>(), ElementsAre(0.5));
}

TEST(CastTest, SameTypeForwardsTheInput) {
  Tensor x = Floats({2}, {1, 2});
  Tensor out = CastOk(x, "DT_FLOAT");
  EXPECT_EQ(out.raw_data(), x.raw_data());
}

TEST(CastTest, ZeroSize) {
  EXPECT_THAT(CastOk(Floats({0}, {}), "DT_INT32").shape(), ElementsAre(0));
}

TEST(CastTest, Errors) {
  absl::StatusOr<std::vector<Tensor>> missing = RunOp("Cast", {Floats({1}, {1})}, "");
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("missing required attr 'DstT'"));
  absl::StatusOr<std::vector<Tensor>> strings =
      RunOp("Cast", {Tensor::Strings({1}, {"1"})}, DstT("DT_INT32"));
  EXPECT_THAT(std::string(strings.status().message()), HasSubstr("has dtype string"));
  absl::StatusOr<std::vector<Tensor>> complex =
      RunOp("Cast", {Floats({1}, {1})}, DstT("DT_COMPLEX64"));
  EXPECT_THAT(std::string(complex.status().message()), HasSubstr("DstT has dtype complex64"));
}

TEST(CastTest, Float16AndBFloat16RoundTrip) {
  Tensor half = CastOk(Floats({4}, {1.f, -2.5f, 65504.f, 1e-7f}), "DT_HALF");
  EXPECT_EQ(half.dtype(), tensorflow::DT_HALF);
  // 1 = 0x3c00, -2.5 = 0xc100, 65504 = 0x7bff (largest), 1e-7 ~ 2^-24 * 1.68 -> subnormal 2.
  EXPECT_THAT(half.values<uint16_t>(), ElementsAre(0x3c00, 0xc100, 0x7bff, 0x0002));
  EXPECT_THAT(FloatValues(CastOk(half, "DT_FLOAT")),
              ElementsAre(1.f, -2.5f, 65504.f, 2.f / 16777216.f));
  Tensor bf16 = CastOk(Floats({2}, {1.f, 1.00390625f}), "DT_BFLOAT16");
  // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: rounds to even (1).
  EXPECT_THAT(bf16.values<uint16_t>(), ElementsAre(0x3f80, 0x3f80));
  EXPECT_THAT(IntValues(CastOk(bf16, "DT_INT32")), ElementsAre(1, 1));
}

TEST(CastElementTest, HalfRoundingAndSpecials) {
  using math::CastElement;
  using math::Half;
  EXPECT_EQ(CastElement<Half>(65520.f).bits, 0x7c00);  // Rounds up to infinity.
  EXPECT_EQ(CastElement<Half>(-std::numeric_limits<float>::infinity()).bits, 0xfc00);
  EXPECT_EQ(CastElement<Half>(std::nanf("")).bits & 0x7e00, 0x7e00);
  // 1 + 2^-11 is halfway between 1 and the next half: rounds to even.
  EXPECT_EQ(CastElement<Half>(1.00048828125f).bits, 0x3c00);
  EXPECT_EQ(CastElement<Half>(1.00146484375f).bits, 0x3c02);  // 1 + 3 * 2^-11 rounds up.
  EXPECT_EQ(CastElement<Half>(1e-8).bits, 0x0000);  // double below half the smallest subnormal
  EXPECT_EQ(CastElement<math::BFloat16>(1.0078125f * 1.001f, /*truncate=*/true).bits, 0x3f81);
  EXPECT_EQ(CastElement<math::BFloat16>(1.0117188f, /*truncate=*/false).bits, 0x3f82);
  EXPECT_EQ(CastElement<int32_t>(Half{0xc100}), -2);  // -2.5 truncates toward zero
  EXPECT_EQ(CastElement<int64_t>(Half{0x7c00}), std::numeric_limits<int64_t>::min());
}

TEST(CastElementTest, OutOfRangeAndNaNGiveX86Results) {
  using math::CastElement;
  EXPECT_EQ(CastElement<int32_t>(std::nanf("")), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(CastElement<int32_t>(3e9f), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(CastElement<int32_t>(-2147483648.f), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(CastElement<int64_t>(1e30), std::numeric_limits<int64_t>::min());
  // 100000 -> int32 100000 -> low 16 bits as int16.
  EXPECT_EQ(CastElement<int16_t>(100000.f), static_cast<int16_t>(-31072));
  EXPECT_EQ(CastElement<uint32_t>(4e9f), 4000000000u);
  EXPECT_EQ(CastElement<uint64_t>(1.5e19), uint64_t{15000000000000000000u});
}

}  // namespace
}  // namespace tfjs::runtime
