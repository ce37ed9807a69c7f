// float16 and bfloat16 through the reductions and Softmax/LogSoftmax. Sum and Mean accumulate in
// float32 and round once; Prod rounds each product; Max and Min are exact; softmax rows compute
// in float32 and round each output once. Expected bit patterns are worked out by hand.
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/math/half_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::BFloat16s;
using testing::Bits;
using ::testing::ElementsAre;
using testing::Halves;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IsBFloat16NaN;
using testing::IsHalfNaN;
using testing::MakeTensor;
using testing::RunOk;
using testing::RunOp;

// float16 bit patterns.
constexpr uint16_t kZero = 0x0000;
constexpr uint16_t kOne = 0x3c00;
constexpr uint16_t kOneUlp = 0x3c01;  // 1 + 2^-10
constexpr uint16_t kTwo = 0x4000;
constexpr uint16_t kEps = 0x1000;  // 2^-11: half an ulp of 1
constexpr uint16_t kMax = 0x7bff;  // 65504
constexpr uint16_t kInf = 0x7c00;
constexpr uint16_t kNegInf = 0xfc00;
constexpr uint16_t kNaN = 0x7e00;

const char kKeepDims[] = R"(attr { key: "keep_dims" value { b: true } })";

TEST(HalfReduceTest, SumAccumulatesInFloat32) {
  // 1 + 2^-11 + 2^-11 = 1 + 2^-10 exactly; a float16 accumulator would tie back to 1 twice.
  EXPECT_THAT(Bits("Sum", {Halves({3}, {kOne, kEps, kEps}), Ints({}, {0})}), ElementsAre(kOneUlp));
  // Nine elements use the interleaved lanes and the remainder: 1 + 8 * 2^-11 = 1 + 2^-8.
  EXPECT_THAT(Bits("Sum", {Halves({9}, {kOne, kEps, kEps, kEps, kEps, kEps, kEps, kEps, kEps}),
                           Ints({}, {0})}),
              ElementsAre(0x3c04));
  // 65504 + 65504 - 65504 stays finite in float32 (a float16 running sum overflows to inf).
  EXPECT_THAT(Bits("Sum", {Halves({3}, {kMax, kMax, 0xfbff}), Ints({}, {0})}), ElementsAre(kMax));
}

TEST(HalfReduceTest, SumRoundsOnceToNearestEvenAndOverflows) {
  // Rows: 1 + 2^-11 ties to the even 1; (1 + 2^-10) + 2^-11 ties to the even 1 + 2^-9;
  // 65504 + 16 = 65520 rounds to infinity.
  EXPECT_THAT(
      Bits("Sum", {Halves({3, 2}, {kOne, kEps, kOneUlp, kEps, kMax, 0x4c00}), Ints({}, {1})}),
      ElementsAre(kOne, 0x3c02, kInf));
}

TEST(HalfReduceTest, ColumnsAndNonAdjacentAxesStayInFloat32) {
  // Columns of [[1, 2], [2^-11, 2^-11], [2^-11, 0]]: 1 + 2^-10, and 2 + 2^-11 (a quarter ulp).
  EXPECT_THAT(Bits("Sum", {Halves({3, 2}, {kOne, kTwo, kEps, kEps, kEps, kZero}), Ints({}, {0})}),
              ElementsAre(kOneUlp, kTwo));
  // [2, 2, 2] over axes {0, 2}: for j = 0 the elements 1, 2^-11, 2^-11, 0 sum to 1 + 2^-10
  // (a float16 partial sum after either axis would tie back to 1); for j = 1, 2 * 4 = 8.
  Tensor x = Halves({2, 2, 2}, {kOne, kEps, kTwo, kTwo, kEps, kZero, kTwo, kTwo});
  EXPECT_THAT(Bits("Sum", {x, Ints({2}, {0, 2})}), ElementsAre(kOneUlp, 0x4800));
  Tensor kept = RunOk("Sum", {x, Ints({2}, {0, 2})}, kKeepDims);
  EXPECT_THAT(kept.shape(), ElementsAre(1, 2, 1));
  EXPECT_EQ(kept.dtype(), tensorflow::DT_HALF);
}

TEST(HalfReduceTest, LongRowOnTwoThreadsAccumulatesInFloat32) {
  // 1024 and then 2^17 - 1 elements of 0.25 sum to 33791.75 exactly in float32, which rounds to
  // 33792 (0x7820). A float16 accumulator starting at 1024 (ulp 1) drops each 0.25 added to it.
  const int64_t count = 1 << 17;
  std::vector<uint16_t> values(count, 0x3400);
  values[0] = 0x6400;
  Tensor out = RunOk("Sum", {Halves({count}, values), Ints({}, {0})}, "", 2);
  EXPECT_THAT(out.values<uint16_t>(), ElementsAre(0x7820));
}

TEST(HalfReduceTest, MeanDividesInFloat32AndRoundsOnce) {
  // (1 + 2^-11 + 2^-11 + 0) / 4 = 0.25 + 2^-12, one ulp above 0.25 (0x3400).
  EXPECT_THAT(Bits("Mean", {Halves({4}, {kOne, kEps, kEps, kZero}), Ints({}, {0})}),
              ElementsAre(0x3401));
  // (65504 + 65504) / 2: the sum exceeds float16 but not float32.
  EXPECT_THAT(Bits("Mean", {Halves({2}, {kMax, kMax}), Ints({}, {0})}), ElementsAre(kMax));
  // 5 / 3 = 1.6667 -> 0x3eab.
  EXPECT_THAT(Bits("Mean", {Halves({3}, {kOne, kTwo, kTwo}), Ints({}, {0})}), ElementsAre(0x3eab));
}

TEST(HalfReduceTest, ProdRoundsEachProductToFloat16) {
  // 256 * 256 = 65536 overflows float16 before the 0.5, as TF's float16 product reducer does
  // (one rounding at the end would give 32768).
  EXPECT_THAT(Bits("Prod", {Halves({3}, {0x5c00, 0x5c00, 0x3800}), Ints({}, {0})}),
              ElementsAre(kInf));
  // 2^-14 * 2^-14 = 2^-28 underflows to 0 before the 2^14.
  EXPECT_THAT(Bits("Prod", {Halves({3}, {0x0400, 0x0400, 0x7400}), Ints({}, {0})}),
              ElementsAre(kZero));
  // 2 * 3 * 0.5 = 3.
  EXPECT_THAT(Bits("Prod", {Halves({3}, {kTwo, 0x4200, 0x3800}), Ints({}, {0})}),
              ElementsAre(0x4200));
}

TEST(HalfReduceTest, MaxAndMinAreExactAndPropagateNaN) {
  // One ulp apart and subnormals: no rounding anywhere.
  EXPECT_THAT(Bits("Max", {Halves({2, 2}, {kOne, kOneUlp, 0x0001, 0x0002}), Ints({}, {1})}),
              ElementsAre(kOneUlp, 0x0002));
  EXPECT_THAT(Bits("Min", {Halves({2, 2}, {kOne, kOneUlp, 0x0001, 0x8001}), Ints({}, {1})}),
              ElementsAre(kOne, 0x8001));
  for (const char* op : {"Max", "Min", "Sum", "Mean", "Prod"}) {
    const std::vector<uint16_t> out =
        Bits(op, {Halves({2, 3}, {kOne, kNaN, kTwo, kOne, kTwo, kOne}), Ints({}, {1})});
    ASSERT_EQ(out.size(), 2u) << op;
    EXPECT_TRUE(IsHalfNaN(out[0])) << op;
    EXPECT_FALSE(IsHalfNaN(out[1])) << op;
  }
}

TEST(HalfReduceTest, EmptyReductionsGiveIdentities) {
  const Tensor empty = Halves({0, 2}, {});
  EXPECT_THAT(Bits("Sum", {empty, Ints({}, {0})}), ElementsAre(kZero, kZero));
  EXPECT_THAT(Bits("Prod", {empty, Ints({}, {0})}), ElementsAre(kOne, kOne));
  EXPECT_THAT(Bits("Max", {empty, Ints({}, {0})}), ElementsAre(kNegInf, kNegInf));
  EXPECT_THAT(Bits("Min", {empty, Ints({}, {0})}), ElementsAre(kInf, kInf));
  const std::vector<uint16_t> mean = Bits("Mean", {empty, Ints({}, {0})});
  ASSERT_EQ(mean.size(), 2u);
  EXPECT_TRUE(IsHalfNaN(mean[0]));
  // Reducing the non-empty axis leaves an empty output.
  EXPECT_TRUE(Bits("Sum", {empty, Ints({}, {1})}).empty());
  EXPECT_THAT(Bits("Max", {BFloat16s({0}, {}), Ints({}, {0})}), ElementsAre(0xff80));
  EXPECT_TRUE(IsBFloat16NaN(Bits("Mean", {BFloat16s({0}, {}), Ints({}, {0})})[0]));
}

TEST(HalfReduceTest, SizeOneAxesPassThrough) {
  EXPECT_THAT(Bits("Sum", {Halves({1, 2}, {kOneUlp, kNaN}), Ints({}, {0})}),
              ElementsAre(kOneUlp, kNaN));
}

TEST(BFloat16ReduceTest, SumMeanProdMax) {
  // 256 + 1 + 1 = 258 (0x4381) in float32; a bfloat16 accumulator ties 257 back to 256 twice.
  EXPECT_THAT(Bits("Sum", {BFloat16s({3}, {0x4380, 0x3f80, 0x3f80}), Ints({}, {0})}),
              ElementsAre(0x4381));
  // (1 + 2) / 2 = 1.5; the mean of [1, 0, 0] is 1/3 -> 0x3eab (0.333984375).
  EXPECT_THAT(Bits("Mean", {BFloat16s({2}, {0x3f80, 0x4000}), Ints({}, {0})}), ElementsAre(0x3fc0));
  EXPECT_THAT(Bits("Mean", {BFloat16s({3}, {0x3f80, 0, 0}), Ints({}, {0})}), ElementsAre(0x3eab));
  // 3 * 3 = 9, then 9 * 3 = 27 (all exact).
  EXPECT_THAT(Bits("Prod", {BFloat16s({3}, {0x4040, 0x4040, 0x4040}), Ints({}, {0})}),
              ElementsAre(0x41d8));
  EXPECT_THAT(Bits("Max", {BFloat16s({2}, {0xbf80, 0x3f81}), Ints({}, {0})}), ElementsAre(0x3f81));
}

TEST(HalfReduceTest, UnsupportedDtypeIsRejected) {
  absl::StatusOr<std::vector<Tensor>> out =
      RunOp("Sum", {MakeTensor<bool>(tensorflow::DT_BOOL, {2}, {true, false}), Ints({}, {0})}, "");
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("float16"));
}

TEST(HalfSoftmaxTest, ComputesInFloat32AndRoundsOnce) {
  // softmax([0, 1]) = [0.268941, 0.731059] -> 0x344e, 0x39d9. Rounding exp(-1) and the sum to
  // float16 first would give 0x344d for the first.
  EXPECT_THAT(Bits("Softmax", {Halves({1, 2}, {kZero, kOne})}), ElementsAre(0x344e, 0x39d9));
  // log_softmax([0, 1]) = [-1.313262, -0.313262] -> 0xbd41, 0xb503.
  EXPECT_THAT(Bits("LogSoftmax", {Halves({1, 2}, {kZero, kOne})}), ElementsAre(0xbd41, 0xb503));
  // Equal logits at the float16 maximum do not overflow: 0.5 each, log 0.5 = -0.693147 (0xb98c).
  EXPECT_THAT(Bits("Softmax", {Halves({2}, {kMax, kMax})}), ElementsAre(0x3800, 0x3800));
  EXPECT_THAT(Bits("LogSoftmax", {Halves({2}, {kMax, kMax})}), ElementsAre(0xb98c, 0xb98c));
  // Rows are independent: [0, 0, 1, 1] gives half of softmax([0, 1]) each (one exponent
  // lower, exactly), four equal logits give 0.25.
  EXPECT_THAT(Bits("Softmax", {Halves({2, 4}, {kZero, kZero, kOne, kOne, kTwo, kTwo, kTwo, kTwo})}),
              ElementsAre(0x304e, 0x304e, 0x35d9, 0x35d9, 0x3400, 0x3400, 0x3400, 0x3400));
}

TEST(HalfSoftmaxTest, InfinitiesNaNAndEmptyRows) {
  EXPECT_THAT(Bits("Softmax", {Halves({2}, {kNegInf, kZero})}), ElementsAre(kZero, kOne));
  EXPECT_THAT(Bits("LogSoftmax", {Halves({2}, {kNegInf, kZero})}), ElementsAre(kNegInf, 0x0000));
  for (const char* op : {"Softmax", "LogSoftmax"}) {
    const std::vector<uint16_t> out = Bits(op, {Halves({2, 2}, {kNaN, kZero, kZero, kNaN})});
    for (uint16_t bits : out) EXPECT_TRUE(IsHalfNaN(bits)) << op;
    Tensor empty = RunOk(op, {Halves({2, 0}, {})});
    EXPECT_THAT(empty.shape(), ElementsAre(2, 0));
    EXPECT_EQ(empty.dtype(), tensorflow::DT_HALF);
  }
}

TEST(BFloat16SoftmaxTest, ThreeEqualLogits) {
  // 1/3 -> 0x3eab; log(1/3) = -1.098612 -> 0xbf8d (-1.1015625).
  EXPECT_THAT(Bits("Softmax", {BFloat16s({3}, {0x4000, 0x4000, 0x4000})}),
              ElementsAre(0x3eab, 0x3eab, 0x3eab));
  EXPECT_THAT(Bits("LogSoftmax", {BFloat16s({3}, {0, 0, 0})}), ElementsAre(0xbf8d, 0xbf8d, 0xbf8d));
}

}  // namespace
}  // namespace tfjs::runtime
