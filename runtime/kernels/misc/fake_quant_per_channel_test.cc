// Tests for FakeQuantWithMinMaxVarsPerChannel: each channel rounds onto its own nudged grid.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;
using testing::FloatValues;
using testing::Floats;
using testing::RunOp;

constexpr char kOp[] = "FakeQuantWithMinMaxVarsPerChannel";

TEST(FakeQuantPerChannelTest, EachChannelHasItsOwnGrid) {
  // Channel 0: [0, 255], step 1. Channel 1: [-0.1, 63.65] has step 0.25 and its zero point 0.4
  // rounds to 0, so the range is nudged to [0, 63.75].
  auto out = RunOp(kOp,
                   {Floats({3, 2}, {-1.f, -0.1f, 0.4f, 0.13f, 300.f, 63.8f}),
                    Floats({2}, {0.f, -0.1f}), Floats({2}, {255.f, 63.65f})},
                   "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({3, 2}));
  EXPECT_THAT(FloatValues((*out)[0]),
              Pointwise(FloatNear(1e-6), {0.f, 0.f, 0.f, 0.25f, 255.f, 63.75f}));
}

TEST(FakeQuantPerChannelTest, NarrowRangeAndBitsApplyToEveryChannel) {
  // 4 bits, narrow: the grid has 14 steps over [min, max].
  auto out = RunOp(kOp,
                   {Floats({2, 2}, {7.4f, 0.74f, 20.f, -1.f}), Floats({2}, {0.f, 0.f}),
                    Floats({2}, {14.f, 1.4f})},
                   R"(attr { key: "num_bits" value { i: 4 } }
                      attr { key: "narrow_range" value { b: true } })");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), Pointwise(FloatNear(1e-6), {7.f, 0.7f, 14.f, 0.f}));
}

TEST(FakeQuantPerChannelTest, RejectsRangesThatDoNotMatchTheLastDimension) {
  auto wrong_size = RunOp(kOp, {Floats({2, 3}, {}), Floats({2}, {0, 0}), Floats({2}, {1, 1})}, "");
  ASSERT_FALSE(wrong_size.ok());
  EXPECT_THAT(std::string(wrong_size.status().message()),
              HasSubstr("min has incorrect size, expected 3 was 2"));
  EXPECT_FALSE(RunOp(kOp, {Floats({2}, {}), Floats({}, {0}), Floats({}, {1})}, "").ok());
  EXPECT_FALSE(RunOp(kOp, {Floats({1}, {0}), Floats({1}, {0}), Floats({1}, {1})},
                     R"(attr { key: "num_bits" value { i: 1 } })")
                   .ok());
}

}  // namespace
}  // namespace tfjs::runtime
