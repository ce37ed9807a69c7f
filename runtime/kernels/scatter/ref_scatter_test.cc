// Tests for ScatterUpdate/Add/Sub/Mul/Div/Min/Max with value semantics on frozen variables.
#include <complex>

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

// ref [3,2], indices [2, 0, 2] (row 2 twice), updates [3,2].
const Tensor& Ref() {
  static const Tensor* ref = new Tensor(Floats({3, 2}, {1, 2, 3, 4, 5, 6}));
  return *ref;
}
const Tensor& Indices() {
  static const Tensor* indices = new Tensor(Ints({3}, {2, 0, 2}));
  return *indices;
}
const Tensor& Updates() {
  static const Tensor* updates = new Tensor(Floats({3, 2}, {10, 20, 2, 0.5f, 1, 4}));
  return *updates;
}

std::vector<float> Scatter(const std::string& op) {
  auto outputs = RunOp(op, {Ref(), Indices(), Updates()}, "");
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  return outputs.ok() ? FloatValues((*outputs)[0]) : std::vector<float>{};
}

TEST(RefScatterTest, CombinesRowsInIndexOrder) {
  EXPECT_THAT(Scatter("ScatterUpdate"), ElementsAre(2, 0.5f, 3, 4, 1, 4));
  EXPECT_THAT(Scatter("ScatterAdd"), ElementsAre(3, 2.5f, 3, 4, 16, 30));
  EXPECT_THAT(Scatter("ScatterSub"), ElementsAre(-1, 1.5f, 3, 4, -6, -18));
  EXPECT_THAT(Scatter("ScatterMul"), ElementsAre(2, 1, 3, 4, 50, 480));
  EXPECT_THAT(Scatter("ScatterDiv"), ElementsAre(0.5f, 4, 3, 4, 0.5f, 6.0f / 20 / 4));
  EXPECT_THAT(Scatter("ScatterMin"), ElementsAre(1, 0.5f, 3, 4, 1, 4));
  EXPECT_THAT(Scatter("ScatterMax"), ElementsAre(2, 2, 3, 4, 10, 20));
}

TEST(RefScatterTest, ScalarUpdatesEveryAddressedElement) {
  auto outputs =
      RunOp("ScatterMax", {Ints({2, 2}, {1, 5, 3, 3}), Ints({1}, {0}), Ints({}, {4})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(4, 5, 3, 3));
}

TEST(RefScatterTest, EmptyIndicesLeaveTheValue) {
  auto outputs = RunOp("ScatterMul", {Ref(), Ints({0}, {}), Floats({0, 2}, {})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]), ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST(RefScatterTest, StringsHalvesAndComplex) {
  auto strings = RunOp(
      "ScatterUpdate",
      {Tensor::Strings({3}, {"a", "b", "c"}), Ints({2}, {2, 0}), Tensor::Strings({2}, {"x", "y"})},
      "");
  ASSERT_TRUE(strings.ok()) << strings.status();
  EXPECT_THAT((*strings)[0].strings(), ElementsAre("y", "b", "x"));
  // float16 1.5 (0x3E00) plus 0.25 (0x3400) is 1.75 (0x3F00).
  auto halves =
      RunOp("ScatterAdd",
            {testing::MakeTensor<uint16_t>(tensorflow::DT_HALF, {1}, {0x3E00}), Ints({1}, {0}),
             testing::MakeTensor<uint16_t>(tensorflow::DT_HALF, {1}, {0x3400})},
            "");
  ASSERT_TRUE(halves.ok()) << halves.status();
  EXPECT_EQ((*halves)[0].data<uint16_t>()[0], 0x3F00);
  using C = std::complex<float>;
  auto complex =
      RunOp("ScatterMul",
            {testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {1}, {C(1, 2)}), Ints({1}, {0}),
             testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {1}, {C(0, 1)})},
            "");
  ASSERT_TRUE(complex.ok()) << complex.status();
  EXPECT_EQ((*complex)[0].data<C>()[0], C(-2, 1));
  auto assign_add = RunOp("AssignAdd",
                          {testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {1}, {C(1, 2)}),
                           testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {1}, {C(3, -1)})},
                          "");
  ASSERT_TRUE(assign_add.ok()) << assign_add.status();
  EXPECT_EQ((*assign_add)[0].data<C>()[0], C(4, 1));
  EXPECT_FALSE(
      RunOp("ScatterMax",
            {testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {1}, {C(1, 2)}), Ints({1}, {0}),
             testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {1}, {C(0, 1)})},
            "")
          .ok());
}

TEST(RefScatterTest, Errors) {
  EXPECT_THAT(std::string(RunOp("ScatterAdd", {Ref(), Ints({1}, {3}), Floats({1, 2}, {1, 1})}, "")
                              .status()
                              .message()),
              HasSubstr("indices[0] = 3 is not in [0, 3)"));
  EXPECT_THAT(
      std::string(RunOp("ScatterAdd", {Ref(), Ints({1}, {0}), Floats({1, 3}, {1, 1, 1})}, "")
                      .status()
                      .message()),
      HasSubstr("updates.shape = indices.shape + params.shape[1:]"));
  EXPECT_THAT(
      std::string(RunOp("ScatterDiv", {Ints({2}, {4, 4}), Ints({1}, {1}), Ints({1}, {0})}, "")
                      .status()
                      .message()),
      HasSubstr("division by zero"));
  EXPECT_FALSE(RunOp("ScatterAdd", {Floats({}, {1}), Ints({1}, {0}), Floats({}, {1})}, "").ok());
}

}  // namespace
}  // namespace tfjs::runtime
