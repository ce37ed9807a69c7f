// Tests for DeepCopy and ParallelConcat.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunError;
using testing::RunOk;

TEST(DeepCopyTest, CopiesIntoAFreshBuffer) {
  Tensor input = Floats({2, 2}, {1, 2, 3, 4});
  std::vector<Tensor> outputs = RunOk("DeepCopy", {input});
  EXPECT_THAT(FloatValues(outputs[0]), ElementsAre(1, 2, 3, 4));
  EXPECT_EQ(ShapeString(outputs[0].shape()), "[2,2]");
  EXPECT_NE(outputs[0].raw_data(), input.raw_data());
}

TEST(DeepCopyTest, CopiesSmallDtypesAndStrings) {
  Tensor half = *Tensor::Allocate(tensorflow::DT_HALF, {2});
  half.mutable_data<uint16_t>()[0] = 0x3c00;
  half.mutable_data<uint16_t>()[1] = 0xc000;
  std::vector<Tensor> outputs = RunOk("DeepCopy", {half});
  EXPECT_EQ(outputs[0].dtype(), tensorflow::DT_HALF);
  EXPECT_THAT(testing::Values<uint16_t>(outputs[0]), ElementsAre(0x3c00, 0xc000));
  std::vector<Tensor> strings = RunOk("DeepCopy", {Tensor::Strings({2}, {"a", "bc"})});
  EXPECT_THAT(strings[0].strings(), ElementsAre("a", "bc"));
}

TEST(ParallelConcatTest, StacksAlongTheFirstAxis) {
  const std::string shape_attr =
      "attr { key: 'shape' value { shape { dim { size: 3 } dim { size: 2 } } } }";
  std::vector<Tensor> outputs =
      RunOk("ParallelConcat", {Ints({1, 2}, {1, 2}), Ints({1, 2}, {3, 4}), Ints({1, 2}, {5, 6})},
            shape_attr);
  EXPECT_EQ(ShapeString(outputs[0].shape()), "[3,2]");
  EXPECT_THAT(IntValues(outputs[0]), ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST(ParallelConcatTest, Errors) {
  EXPECT_THAT(RunError("ParallelConcat", {Ints({2}, {1, 2})}), HasSubstr("[1, ...]"));
  EXPECT_THAT(RunError("ParallelConcat", {Ints({1, 2}, {1, 2}), Ints({1, 3}, {1, 2, 3})}),
              HasSubstr("input 1 has shape [1,3]"));
  EXPECT_THAT(RunError("ParallelConcat", {Ints({1, 2}, {1, 2})},
                       "attr { key: 'shape' value { shape { dim { size: 2 } dim { size: 2 } } } }"),
              HasSubstr("does not match"));
}

}  // namespace
}  // namespace tfjs::runtime
