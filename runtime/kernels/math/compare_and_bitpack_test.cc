// CompareAndBitpack's shapes and errors; values per dtype are in compare_and_bitpack_examples.cc.
#include <limits>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kFloat[] = R"(attr { key: "T" value { type: DT_FLOAT } })";

TEST(CompareAndBitpackTest, NaNIsNotAboveTheThresholdAndBatchDimsStay) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  absl::StatusOr<std::vector<Tensor>> out = RunOp(
      "CompareAndBitpack",
      {Floats({2, 1, 8}, {nan, 1, 1, 1, 1, 1, 1, 1, -1, 0, 0, 0, 0, 0, 0, 0.5}), Floats({}, {0})},
      kFloat);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[2,1,1]");
  // 0b01111111 and 0b00000001.
  EXPECT_EQ((*out)[0].data<uint8_t>()[0], 127);
  EXPECT_EQ((*out)[0].data<uint8_t>()[1], 1);
}

TEST(CompareAndBitpackTest, EmptyInputGivesEmptyOutput) {
  absl::StatusOr<std::vector<Tensor>> out =
      RunOp("CompareAndBitpack", {Floats({0, 16}, {}), Floats({}, {0})}, kFloat);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(ShapeString((*out)[0].shape()), "[0,2]");
}

TEST(CompareAndBitpackTest, RefusesBadShapes) {
  EXPECT_THAT(
      std::string(RunOp("CompareAndBitpack", {Floats({4}, {1, 2, 3, 4}), Floats({}, {0})}, kFloat)
                      .status()
                      .message()),
      HasSubstr("multiple of 8"));
  EXPECT_THAT(std::string(RunOp("CompareAndBitpack", {Floats({8}, {}), Floats({1}, {0})}, kFloat)
                              .status()
                              .message()),
              HasSubstr("threshold must be a scalar"));
  EXPECT_THAT(std::string(RunOp("CompareAndBitpack", {Floats({}, {1}), Floats({}, {0})}, kFloat)
                              .status()
                              .message()),
              HasSubstr("at least a vector"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
