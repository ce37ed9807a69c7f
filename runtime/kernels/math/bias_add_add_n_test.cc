#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

TEST(BiasAddTest, AddsAlongLastDimForNHWC) {
  auto out = RunOp(
      "BiasAdd",
      {Floats({1, 2, 2, 3}, {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}), Floats({3}, {10, 20, 30})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(10, 20, 30, 11, 21, 31, 12, 22, 32, 13, 23, 33));
}

TEST(BiasAddTest, AddsAlongSecondDimForNCHW) {
  auto out = RunOp("BiasAdd", {Floats({1, 2, 1, 3}, {0, 1, 2, 3, 4, 5}), Floats({2}, {10, 20})},
                   R"(attr { key: "data_format" value { s: "NCHW" } })");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(10, 11, 12, 23, 24, 25));
}

TEST(BiasAddTest, IntsAndConstantBias) {
  auto out =
      RunOp("BiasAdd", {Ints({2, 2}, {1, 2, 3, 4}), Ints({2}, {-1, 1})}, "", 1, {false, true});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(0, 3, 2, 5));
}

TEST(BiasAddTest, Errors) {
  auto wrong_size = RunOp("BiasAdd", {Floats({2, 3}, {}), Floats({2}, {})}, "");
  EXPECT_THAT(std::string(wrong_size.status().message()),
              HasSubstr("does not match the channel dim"));
  auto rank1 = RunOp("BiasAdd", {Floats({3}, {}), Floats({3}, {})}, "");
  EXPECT_THAT(std::string(rank1.status().message()), HasSubstr("at least 2-D"));
  auto format = RunOp("BiasAdd", {Floats({2, 3}, {}), Floats({3}, {})},
                      R"(attr { key: "data_format" value { s: "NDHWC" } })");
  EXPECT_THAT(std::string(format.status().message()), HasSubstr("data_format"));
}

TEST(AddNTest, SumsAllInputs) {
  auto out =
      RunOp("AddN", {Floats({2}, {1, 2}), Floats({2}, {10, 20}), Floats({2}, {100, 200})}, "");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(111, 222));
  auto one = RunOp("AddN", {Ints({1}, {5})}, "");
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_THAT(IntValues((*one)[0]), ElementsAre(5));
}

TEST(AddNTest, RejectsMismatchedInputs) {
  auto out = RunOp("AddN", {Floats({2}, {1, 2}), Floats({3}, {1, 2, 3})}, "");
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("share one dtype and shape"));
}

}  // namespace
}  // namespace tfjs::runtime
