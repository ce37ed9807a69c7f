#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ShapeTest, Int32ByDefault) {
  Tensor out = RunOk("Shape", {Floats({2, 3, 1}, {})})[0];
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT32);
  EXPECT_EQ(out.shape(), Shape({3}));
  EXPECT_THAT(IntValues(out), ElementsAre(2, 3, 1));
}

TEST(ShapeTest, Int64OutType) {
  Tensor out = RunOk("Shape", {Ints({0, 4}, {})}, TypeAttr("out_type", "DT_INT64"))[0];
  EXPECT_EQ(out.dtype(), tensorflow::DT_INT64);
  EXPECT_THAT(Values<int64_t>(out), ElementsAre(0, 4));
}

TEST(ShapeTest, ScalarHasEmptyShape) {
  Tensor out = RunOk("Shape", {Floats({}, {1.f})})[0];
  EXPECT_EQ(out.shape(), Shape({0}));
  EXPECT_THAT(IntValues(out), IsEmpty());
}

TEST(ShapeTest, StringInput) {
  Tensor out = RunOk("Shape", {Tensor::Strings({2}, {"a", "b"})})[0];
  EXPECT_THAT(IntValues(out), ElementsAre(2));
}

TEST(ShapeTest, RejectsFloatOutType) {
  EXPECT_THAT(RunError("Shape", {Floats({1}, {})}, TypeAttr("out_type", "DT_FLOAT")),
              HasSubstr("out_type=float32 is not supported"));
}

TEST(ShapeNTest, OneOutputPerInput) {
  std::vector<Tensor> out = RunOk("ShapeN", {Floats({2}, {}), Bools({1, 5}, {})}, "", 2);
  EXPECT_THAT(IntValues(out[0]), ElementsAre(2));
  EXPECT_THAT(IntValues(out[1]), ElementsAre(1, 5));
}

TEST(SizeTest, CountsElements) {
  Tensor out = RunOk("Size", {Floats({2, 3}, {})})[0];
  EXPECT_EQ(out.shape(), Shape({}));
  EXPECT_THAT(IntValues(out), ElementsAre(6));
  EXPECT_THAT(
      Values<int64_t>(RunOk("Size", {Floats({0, 3}, {})}, TypeAttr("out_type", "DT_INT64"))[0]),
      ElementsAre(0));
  EXPECT_THAT(IntValues(RunOk("Size", {Floats({}, {1.f})})[0]), ElementsAre(1));
}

TEST(RankTest, CountsDims) {
  EXPECT_THAT(IntValues(RunOk("Rank", {Floats({2, 3, 4}, {})})[0]), ElementsAre(3));
  EXPECT_THAT(IntValues(RunOk("Rank", {Floats({}, {0.f})})[0]), ElementsAre(0));
}

}  // namespace
}  // namespace tfjs::runtime::testing
