#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FillTest, ValueDtypeAndShape) {
  Tensor out = RunOk("Fill", {Ints({2}, {2, 2}), Floats({}, {1.5f})})[0];
  EXPECT_EQ(out.shape(), Shape({2, 2}));
  EXPECT_THAT(FloatValues(out), ElementsAre(1.5f, 1.5f, 1.5f, 1.5f));
  Tensor strings = RunOk("Fill", {Int64s({1}, {2}), Tensor::Strings({}, {"s"})})[0];
  EXPECT_THAT(strings.strings(), ElementsAre("s", "s"));
  EXPECT_EQ(RunOk("Fill", {Ints({0}, {}), Ints({}, {4})})[0].shape(), Shape({}));
  EXPECT_EQ(RunOk("Fill", {Ints({2}, {0, 3}), Ints({}, {4})})[0].shape(), Shape({0, 3}));
}

TEST(FillTest, Errors) {
  EXPECT_THAT(RunError("Fill", {Ints({1}, {-1}), Floats({}, {0})}),
              HasSubstr("Dimension -1 must be >= 0"));
  EXPECT_THAT(RunError("Fill", {Ints({1}, {2}), Floats({1}, {0})}),
              HasSubstr("value must be a scalar"));
  EXPECT_THAT(RunError("Fill", {Ints({}, {2}), Floats({}, {0})}),
              HasSubstr("dims must be a vector"));
}

TEST(ZerosLikeTest, KeepsDtypeAndShape) {
  Tensor out = RunOk("ZerosLike", {Ints({3}, {1, 2, 3})})[0];
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT32);
  EXPECT_THAT(IntValues(out), ElementsAre(0, 0, 0));
  EXPECT_THAT(BoolValues(RunOk("ZerosLike", {Bools({2}, {true, true})})[0]),
              ElementsAre(false, false));
}

TEST(OnesLikeTest, PerDtype) {
  EXPECT_THAT(FloatValues(RunOk("OnesLike", {Floats({2}, {5, 6})})[0]), ElementsAre(1, 1));
  EXPECT_THAT(Values<int64_t>(RunOk("OnesLike", {Int64s({1}, {9})})[0]), ElementsAre(1));
  EXPECT_THAT(Values<double>(RunOk("OnesLike", {Doubles({1}, {9})})[0]), ElementsAre(1.0));
  EXPECT_THAT(BoolValues(RunOk("OnesLike", {Bools({1}, {false})})[0]), ElementsAre(true));
  EXPECT_EQ(RunOk("OnesLike", {Floats({0, 2}, {})})[0].shape(), Shape({0, 2}));
  EXPECT_THAT(RunError("OnesLike", {Tensor::Strings({1}, {"a"})}), HasSubstr("does not support"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
