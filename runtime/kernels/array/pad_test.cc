#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(PadTest, ZerosAround) {
  Tensor out = RunOk("Pad", {Floats({2, 2}, {1, 2, 3, 4}), Ints({2, 2}, {1, 0, 0, 2})})[0];
  EXPECT_EQ(out.shape(), Shape({3, 4}));
  EXPECT_THAT(FloatValues(out), ElementsAre(0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0));
}

TEST(PadV2Test, ConstantValueInt64PaddingsAndStrings) {
  Tensor out = RunOk("PadV2", {Ints({2}, {1, 2}), Int64s({1, 2}, {2, 1}), Ints({}, {-1})})[0];
  EXPECT_THAT(IntValues(out), ElementsAre(-1, -1, 1, 2, -1));
  Tensor strings = RunOk(
      "PadV2", {Tensor::Strings({1}, {"a"}), Ints({1, 2}, {1, 1}), Tensor::Strings({}, {"_"})})[0];
  EXPECT_THAT(strings.strings(), ElementsAre("_", "a", "_"));
}

TEST(PadTest, EmptyInputAndScalar) {
  Tensor out = RunOk("PadV2", {Floats({0, 1}, {}), Ints({2, 2}, {1, 1, 0, 0}), Floats({}, {5})})[0];
  EXPECT_EQ(out.shape(), Shape({2, 1}));
  EXPECT_THAT(FloatValues(out), ElementsAre(5, 5));
  EXPECT_EQ(RunOk("Pad", {Floats({}, {3}), Ints({0, 2}, {})})[0].shape(), Shape({}));
}

TEST(PadTest, Errors) {
  EXPECT_THAT(RunError("Pad", {Floats({2}, {}), Ints({1, 2}, {-1, 0})}),
              HasSubstr("Paddings must be non-negative: -1 0"));
  EXPECT_THAT(RunError("Pad", {Floats({2}, {}), Ints({2, 2}, {0, 0, 0, 0})}),
              HasSubstr("The first dimension of paddings must be the rank of inputs"));
  EXPECT_THAT(RunError("Pad", {Floats({2}, {}), Ints({1, 3}, {0, 0, 0})}),
              HasSubstr("paddings must be a matrix with 2 columns"));
  EXPECT_THAT(RunError("PadV2", {Floats({2}, {}), Ints({1, 2}, {0, 1}), Floats({1}, {0})}),
              HasSubstr("constant_values must be a scalar"));
}

TEST(MirrorPadTest, ReflectAndSymmetric) {
  Tensor input = Floats({3}, {1, 2, 3});
  Tensor reflect =
      RunOk("MirrorPad", {input, Ints({1, 2}, {2, 2})}, StringAttr("mode", "REFLECT"))[0];
  EXPECT_THAT(FloatValues(reflect), ElementsAre(3, 2, 1, 2, 3, 2, 1));
  Tensor symmetric =
      RunOk("MirrorPad", {input, Ints({1, 2}, {3, 1})}, StringAttr("mode", "SYMMETRIC"))[0];
  EXPECT_THAT(FloatValues(symmetric), ElementsAre(3, 2, 1, 1, 2, 3, 3));
}

TEST(MirrorPadTest, TwoDims) {
  // [[1,2],[3,4]] padded by 1 on every side, REFLECT needs dims >= 2.
  Tensor out = RunOk("MirrorPad", {Ints({2, 2}, {1, 2, 3, 4}), Ints({2, 2}, {1, 0, 0, 1})},
                     StringAttr("mode", "REFLECT"))[0];
  EXPECT_EQ(out.shape(), Shape({3, 3}));
  EXPECT_THAT(IntValues(out), ElementsAre(3, 4, 3, 1, 2, 1, 3, 4, 3));
}

TEST(MirrorPadTest, Errors) {
  EXPECT_THAT(
      RunError("MirrorPad", {Floats({2}, {}), Ints({1, 2}, {2, 0})}, StringAttr("mode", "REFLECT")),
      HasSubstr("paddings must be less than the dimension size"));
  EXPECT_THAT(
      RunError("MirrorPad", {Floats({2}, {}), Ints({1, 2}, {0, 0})}, StringAttr("mode", "EDGE")),
      HasSubstr("mode must be REFLECT or SYMMETRIC"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
