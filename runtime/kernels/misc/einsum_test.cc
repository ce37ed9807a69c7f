// Tests for Einsum: contractions, transposes, diagonals and traces, and its dtypes.
#include <complex>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/half.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;

absl::StatusOr<std::vector<Tensor>> Einsum(const std::string& equation,
                                           const std::vector<Tensor>& inputs) {
  return testing::RunOp("Einsum", inputs,
                        "attr { key: \"equation\" value { s: \"" + equation + "\" } }");
}

TEST(EinsumTest, MatMulMatchesLoop) {
  Tensor a = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor b = Floats({3, 2}, {7, 8, 9, 10, 11, 12});
  auto out = Einsum("ij,jk->ik", {a, b});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({2, 2}));
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAre(58, 64, 139, 154));
}

TEST(EinsumTest, TransposeOuterAndSum) {
  Tensor a = Ints({2, 3}, {1, 2, 3, 4, 5, 6});
  auto transposed = Einsum("ij->ji", {a});
  ASSERT_TRUE(transposed.ok()) << transposed.status();
  EXPECT_THAT(IntValues((*transposed)[0]), ElementsAre(1, 4, 2, 5, 3, 6));
  auto total = Einsum("ij->", {a});
  ASSERT_TRUE(total.ok());
  EXPECT_EQ((*total)[0].rank(), 0);
  EXPECT_THAT(IntValues((*total)[0]), ElementsAre(21));
  auto outer = Einsum("i,j->ij", {Ints({2}, {1, 2}), Ints({3}, {1, 10, 100})});
  ASSERT_TRUE(outer.ok());
  EXPECT_THAT(IntValues((*outer)[0]), ElementsAre(1, 10, 100, 2, 20, 200));
}

TEST(EinsumTest, RepeatedSubscriptsTakeDiagonalAndTrace) {
  Tensor m = Ints({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  auto diagonal = Einsum("ii->i", {m});
  ASSERT_TRUE(diagonal.ok()) << diagonal.status();
  EXPECT_THAT(IntValues((*diagonal)[0]), ElementsAre(1, 5, 9));
  auto trace = Einsum("ii->", {m});
  ASSERT_TRUE(trace.ok());
  EXPECT_THAT(IntValues((*trace)[0]), ElementsAre(15));
}

TEST(EinsumTest, EllipsisBroadcastsBatchDims) {
  // a: [2,1,2,2] batches, b: [3,2,2] broadcast against a's [2,1].
  std::vector<float> a_values(8), b_values(12);
  for (int i = 0; i < 8; ++i) a_values[i] = static_cast<float>(i + 1);
  for (int i = 0; i < 12; ++i) b_values[i] = static_cast<float>(i % 5);
  Tensor a = Floats({2, 1, 2, 2}, a_values);
  Tensor b = Floats({3, 2, 2}, b_values);
  auto out = Einsum("...ij,...jk->...ik", {a, b});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].shape(), Shape({2, 3, 2, 2}));
  std::vector<float> expected;
  for (int x = 0; x < 2; ++x) {
    for (int y = 0; y < 3; ++y) {
      for (int i = 0; i < 2; ++i) {
        for (int k = 0; k < 2; ++k) {
          float sum = 0;
          for (int j = 0; j < 2; ++j)
            sum += a_values[x * 4 + i * 2 + j] * b_values[y * 4 + j * 2 + k];
          expected.push_back(sum);
        }
      }
    }
  }
  EXPECT_THAT(FloatValues((*out)[0]), ElementsAreArray(expected));
}

TEST(EinsumTest, EllipsisMissingFromOutputIsSummed) {
  auto out = Einsum("...i->i", {Ints({2, 2}, {1, 2, 3, 4})});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_THAT(IntValues((*out)[0]), ElementsAre(4, 6));
}

TEST(EinsumTest, Errors) {
  Tensor a = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_THAT(std::string(Einsum("ij,jk", {a, a}).status().message()), HasSubstr("->"));
  EXPECT_THAT(std::string(Einsum("ij,jk->ik", {a, a}).status().message()),
              HasSubstr("Expected dimension"));
  EXPECT_FALSE(Einsum("ijk->i", {a}).ok());
  EXPECT_FALSE(Einsum("ij->iz", {a}).ok());
  EXPECT_FALSE(Einsum("ij->ii", {a}).ok());
}

TEST(EinsumTest, ComplexAndHalfOperands) {
  using C = std::complex<float>;
  // A dot product of [1 + i, 2] with [i, 3]: (1 + i) i + 6 = 5 + i.
  const Tensor a = testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {2}, {{1, 1}, {2, 0}});
  const Tensor b = testing::MakeTensor<C>(tensorflow::DT_COMPLEX64, {2}, {{0, 1}, {3, 0}});
  auto dot = Einsum("i,i->", {a, b});
  ASSERT_TRUE(dot.ok()) << dot.status();
  EXPECT_EQ((*dot)[0].data<C>()[0], C(5, 1));
  // float16 sums in float32 and rounds once: 2048 + 1 + 1 is 2050 (2049 is not a float16).
  const Tensor h = testing::MakeTensor<uint16_t>(
      tensorflow::DT_HALF, {3}, {FloatToHalf(2048), FloatToHalf(1), FloatToHalf(1)});
  auto sum = Einsum("i->", {h});
  ASSERT_TRUE(sum.ok()) << sum.status();
  EXPECT_EQ(HalfToFloat((*sum)[0].data<uint16_t>()[0]), 2050.0f);
}

}  // namespace
}  // namespace tfjs::runtime
