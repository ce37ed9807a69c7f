// float16 and bfloat16 through the elementwise kernels: each op widens to float32, computes and
// rounds its result to nearest even. Expected bit patterns are worked out by hand.
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
using testing::Floats;
using testing::Halves;
using ::testing::HasSubstr;
using testing::IsHalfNaN;
using testing::RunOk;
using testing::RunOp;

// float16 bit patterns.
constexpr uint16_t kOne = 0x3c00;
constexpr uint16_t kHalf = 0x3800;            // 0.5
constexpr uint16_t kMax = 0x7bff;             // 65504
constexpr uint16_t kInf = 0x7c00;
constexpr uint16_t kNegInf = 0xfc00;
constexpr uint16_t kNaN = 0x7e00;
constexpr uint16_t kSmallest = 0x0001;        // 2^-24, the smallest subnormal
constexpr uint16_t kLargestSubnormal = 0x03ff;
constexpr uint16_t kSmallestNormal = 0x0400;  // 2^-14

std::vector<bool> BoolValues(const Tensor& tensor) {
  return std::vector<bool>(tensor.values<bool>().begin(), tensor.values<bool>().end());
}

TEST(HalfElementwiseTest, AddRoundsEachResultToNearestEven) {
  // 1 + 2^-11 is halfway between 1 and 0x3c01: the even 1. (1 + 2^-10) + 2^-11 is halfway
  // between 0x3c01 and 0x3c02: the even 0x3c02.
  EXPECT_THAT(Bits("Add", {Halves({2}, {kOne, 0x3c01}), Halves({}, {0x1000})}),
              ElementsAre(kOne, 0x3c02));
  // half(0.1) + half(0.2) = 0.29980469 exactly, which is 0x34cc, not half(0.3) = 0x34cd.
  EXPECT_THAT(Bits("AddV2", {Halves({}, {0x2e66}), Halves({}, {0x3266})}), ElementsAre(0x34cc));
}

TEST(HalfElementwiseTest, OverflowGivesInfinity) {
  // 65504 + 8 = 65512 rounds back down to 65504; 65504 + 16 = 65520 is halfway to 2^16: inf.
  EXPECT_THAT(Bits("Add", {Halves({2}, {kMax, kMax}), Halves({2}, {0x4800, 0x4c00})}),
              ElementsAre(kMax, kInf));
  // 256 * 256 = 65536 and -256 * 256.
  EXPECT_THAT(Bits("Mul", {Halves({2}, {0x5c00, 0xdc00}), Halves({}, {0x5c00})}),
              ElementsAre(kInf, kNegInf));
  EXPECT_THAT(Bits("Square", {Halves({1}, {0x5c00})}), ElementsAre(kInf));
}

TEST(HalfElementwiseTest, SubnormalsAreExact) {
  EXPECT_THAT(Bits("Add", {Halves({2}, {kSmallest, kLargestSubnormal}), Halves({}, {kSmallest})}),
              ElementsAre(0x0002, kSmallestNormal));
  EXPECT_THAT(Bits("Sub", {Halves({1}, {kSmallestNormal}), Halves({1}, {kSmallest})}),
              ElementsAre(kLargestSubnormal));
  // 2^-24 * 0.5 = 2^-25 ties to the even 0; 3 * 2^-24 * 0.5 ties to the even 2 * 2^-24.
  EXPECT_THAT(Bits("Mul", {Halves({2}, {kSmallest, 0x0003}), Halves({}, {kHalf})}),
              ElementsAre(0x0000, 0x0002));
  // sqrt(2^-24) = 2^-12.
  EXPECT_THAT(Bits("Sqrt", {Halves({1}, {kSmallest})}), ElementsAre(0x0c00));
}

TEST(HalfElementwiseTest, NaNAndInfinities) {
  const std::vector<uint16_t> sum =
      Bits("Add", {Halves({3}, {kNaN, kInf, kInf}), Halves({3}, {kOne, kNegInf, kOne})});
  EXPECT_TRUE(IsHalfNaN(sum[0]));
  EXPECT_TRUE(IsHalfNaN(sum[1]));
  EXPECT_EQ(sum[2], kInf);
  // Maximum and Minimum propagate NaN from either side.
  for (const char* op : {"Maximum", "Minimum"}) {
    const std::vector<uint16_t> out =
        Bits(op, {Halves({3}, {kNaN, kOne, kOne}), Halves({3}, {kOne, kNaN, kHalf})});
    EXPECT_TRUE(IsHalfNaN(out[0])) << op;
    EXPECT_TRUE(IsHalfNaN(out[1])) << op;
  }
  EXPECT_THAT(Bits("Maximum", {Halves({1}, {kOne}), Halves({1}, {kHalf})}), ElementsAre(kOne));
  EXPECT_THAT(Bits("Minimum", {Halves({1}, {kOne}), Halves({1}, {kHalf})}), ElementsAre(kHalf));
  // 1 / 0 and log(0).
  EXPECT_THAT(Bits("RealDiv", {Halves({1}, {kOne}), Halves({1}, {0x0000})}), ElementsAre(kInf));
  EXPECT_THAT(Bits("Log", {Halves({1}, {0x0000})}), ElementsAre(kNegInf));
  EXPECT_TRUE(IsHalfNaN(Bits("Sqrt", {Halves({1}, {0xbc00})})[0]));
  EXPECT_TRUE(IsHalfNaN(Bits("Relu", {Halves({1}, {kNaN})})[0]));
}

TEST(HalfElementwiseTest, DivisionAndUnaryMath) {
  // 1/3 = 0.33333 -> 0x3555 (0.33325195); 2/3 -> 0x3955.
  EXPECT_THAT(Bits("RealDiv", {Halves({2}, {kOne, 0x4000}), Halves({}, {0x4200})}),
              ElementsAre(0x3555, 0x3955));
  EXPECT_THAT(Bits("Div", {Halves({1}, {kOne}), Halves({1}, {0x4200})}), ElementsAre(0x3555));
  // sqrt(2) = 1.41421 -> 0x3da8 (1.4140625); 1/sqrt(3) = 0.57735 -> 0x389e.
  EXPECT_THAT(Bits("Sqrt", {Halves({1}, {0x4000})}), ElementsAre(0x3da8));
  EXPECT_THAT(Bits("Rsqrt", {Halves({1}, {0x4200})}), ElementsAre(0x389e));
  // e -> 0x4170, log(2) -> 0x398c, tanh(0.5) -> 0x3765, sigmoid(1) -> 0x39d9.
  EXPECT_THAT(Bits("Exp", {Halves({1}, {kOne})}), ElementsAre(0x4170));
  EXPECT_THAT(Bits("Log", {Halves({1}, {0x4000})}), ElementsAre(0x398c));
  EXPECT_THAT(Bits("Tanh", {Halves({1}, {kHalf})}), ElementsAre(0x3765));
  EXPECT_THAT(Bits("Sigmoid", {Halves({1}, {kOne})}), ElementsAre(0x39d9));
}

TEST(HalfElementwiseTest, SignOps) {
  EXPECT_THAT(Bits("Neg", {Halves({3}, {kOne, 0x0000, kInf})}),
              ElementsAre(0xbc00, 0x8000, kNegInf));
  EXPECT_THAT(Bits("Abs", {Halves({3}, {0xbc00, 0x8001, kNegInf})}),
              ElementsAre(kOne, kSmallest, kInf));
  EXPECT_THAT(Bits("Relu", {Halves({2}, {0xbc00, kHalf})}), ElementsAre(0x0000, kHalf));
  EXPECT_THAT(Bits("Sign", {Halves({3}, {0xc500, 0x0000, kSmallest})}),
              ElementsAre(0xbc00, 0x0000, kOne));
}

TEST(HalfElementwiseTest, LeakyReluRoundsAlphaToHalfFirst) {
  // alpha 0.2 is 0.19995117 as float16: -3 * that = -0.59985352 -> 0xb8cc, where the float32
  // alpha would give -0.6 -> 0xb8cd.
  absl::StatusOr<std::vector<Tensor>> out =
      RunOp("LeakyRelu", {Halves({3}, {0xc200, 0xbc00, kOne})},
            R"(attr { key: "alpha" value { f: 0.2 } })");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT((*out)[0].values<uint16_t>(), ElementsAre(0xb8cc, 0xb266, kOne));
}

TEST(HalfElementwiseTest, BiasAddAndPrelu) {
  // [[1, 2], [65504, -1]] + [2^-11, 16]: 1 + 2^-11 ties to 1, 65504 + 2^-11 stays 65504.
  EXPECT_THAT(Bits("BiasAdd", {Halves({2, 2}, {kOne, 0x4000, kMax, 0xbc00}),
                               Halves({2}, {0x1000, 0x4c00})}),
              ElementsAre(kOne, 0x4c80, kMax, 0x4b80));
  EXPECT_THAT(Bits("Prelu", {Halves({2}, {0xc200, kOne}), Halves({}, {0x3266})}),
              ElementsAre(0xb8cc, kOne));
}

TEST(HalfElementwiseTest, AddNRoundsEveryPartialSum) {
  // (1 + 2^-11) ties back to 1 at each step, so the sum stays 1; one rounding of the exact sum
  // 1 + 2^-10 would give 0x3c01.
  const Tensor eps = Halves({1}, {0x1000});
  EXPECT_THAT(Bits("AddN", {Halves({1}, {kOne}), eps, eps}), ElementsAre(kOne));
}

TEST(HalfElementwiseTest, ClipByValue) {
  EXPECT_THAT(Bits("ClipByValue",
                   {Halves({3}, {0xc000, kHalf, 0x4200}), Halves({}, {0}), Halves({}, {kOne})}),
              ElementsAre(0x0000, kHalf, kOne));
}

TEST(HalfElementwiseTest, BroadcastsOnTwoThreads) {
  // A large row plus a scalar and a column, so every run shape and the thread split are used.
  const int64_t rows = 64;
  const int64_t cols = 1000;
  std::vector<uint16_t> x(rows * cols);
  for (int64_t i = 0; i < rows * cols; ++i) x[i] = static_cast<uint16_t>(0x3c00 + i % 1024);
  std::vector<uint16_t> column(rows, 0x1000);  // 2^-11: halfway up for every x
  Tensor out = RunOk("Add", {Halves({rows, cols}, x), Halves({rows, 1}, column)}, "", 2);
  ASSERT_EQ(out.num_elements(), rows * cols);
  for (int64_t i = 0; i < rows * cols; ++i) {
    // x in [1, 2) with ulp 2^-10: x + ulp/2 ties to whichever of x and x + ulp is even.
    const uint16_t expected = (x[i] & 1) ? x[i] + 1 : x[i];
    ASSERT_EQ(out.values<uint16_t>()[i], expected) << i;
  }
}

TEST(BFloat16ElementwiseTest, ArithmeticRoundsToNearestEven) {
  // 256 + 1 ties between 256 (0x4380) and 258: the even 256. 258 + 1 ties between 258 (0x4381)
  // and 260 (0x4382): the even 260.
  EXPECT_THAT(Bits("AddV2", {BFloat16s({2}, {0x4380, 0x4381}), BFloat16s({}, {0x3f80})}),
              ElementsAre(0x4380, 0x4382));
  // The largest bfloat16 doubled overflows to infinity; 1 / 3 -> 0x3eab (0.333984375).
  EXPECT_THAT(Bits("Add", {BFloat16s({1}, {0x7f7f}), BFloat16s({1}, {0x7f7f})}),
              ElementsAre(0x7f80));
  EXPECT_THAT(Bits("RealDiv", {BFloat16s({1}, {0x3f80}), BFloat16s({1}, {0x4040})}),
              ElementsAre(0x3eab));
  EXPECT_THAT(Bits("Abs", {BFloat16s({2}, {0xbf80, 0x8001})}), ElementsAre(0x3f80, 0x0001));
  EXPECT_THAT(Bits("Neg", {BFloat16s({1}, {0x3f80})}), ElementsAre(0xbf80));
  const std::vector<uint16_t> nan = Bits("Mul", {BFloat16s({1}, {0x7fc0}), BFloat16s({1}, {0})});
  EXPECT_EQ(nan[0] & 0x7fc0, 0x7fc0);
}

TEST(HalfComparisonTest, ComparesValuesNotBits) {
  const Tensor x = Halves({4}, {kOne, 0x0000, kNaN, 0xbc00});
  const Tensor y = Halves({4}, {0x3c01, 0x8000, kNaN, kSmallest});
  EXPECT_THAT(BoolValues(RunOk("Less", {x, y})), ElementsAre(true, false, false, true));
  EXPECT_THAT(BoolValues(RunOk("Equal", {x, y})), ElementsAre(false, true, false, false));
  EXPECT_THAT(BoolValues(RunOk("NotEqual", {x, y})), ElementsAre(true, false, true, true));
  EXPECT_THAT(BoolValues(RunOk("GreaterEqual", {BFloat16s({2}, {0x3f80, 0xbf80}),
                                                BFloat16s({}, {0x3f80})})),
              ElementsAre(true, false));
}

TEST(HalfElementwiseTest, MixedDtypesAreRejected) {
  absl::StatusOr<std::vector<Tensor>> out =
      RunOp("Add", {Halves({1}, {kOne}), Floats({1}, {1.f})}, "");
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("must have the same dtype"));
}

}  // namespace
}  // namespace tfjs::runtime
