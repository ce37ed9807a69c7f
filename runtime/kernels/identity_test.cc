#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::FloatValues;
using testing::Floats;

TEST(IdentityTest, ForwardsWithoutCopying) {
  Tensor input = Floats({2}, {1.f, 2.f});
  auto outputs = testing::RunOp("Identity", {input}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(1.f, 2.f));
  EXPECT_EQ((*outputs)[0].raw_data(), input.raw_data());
}

TEST(IdentityTest, IdentityNForwardsEveryInput) {
  auto outputs = testing::RunOp("IdentityN", {Floats({1}, {3.f}), Floats({1}, {4.f})}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[1]), ElementsAre(4.f));
}

TEST(IdentityTest, RejectsExtraInputs) {
  auto outputs = testing::RunOp("Identity", {Floats({1}, {1.f}), Floats({1}, {1.f})}, "");
  EXPECT_NE(outputs.status().message().find("expects 1 inputs, got 2"), std::string::npos)
      << outputs.status();
}

}  // namespace
}  // namespace tfjs::runtime
