// Tests for the dtypes the nn kernels gained to match TF's CPU kernels: integer matmuls wrap,
// complex batch matmuls conjugate with adj_x/adj_y, integer dilation wraps in T, and 16-bit
// floats run through float32 with one rounding.
#include <complex>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/half.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using testing::MakeTensor;
using testing::RunOp;

std::string TypeAttr(const char* dtype) {
  return std::string("attr { key: 'T' value { type: ") + dtype + " } } ";
}

TEST(MatMulDtypesTest, Int64AndInt16ProductsWrap) {
  // 2^62 * 4 = 2^64 wraps to 0; plus 3 * 5.
  const Tensor a = MakeTensor<int64_t>(tensorflow::DT_INT64, {1, 2}, {int64_t{1} << 62, 3});
  const Tensor b = MakeTensor<int64_t>(tensorflow::DT_INT64, {2, 1}, {4, 5});
  auto out = RunOp("MatMul", {a, b}, TypeAttr("DT_INT64"));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data<int64_t>()[0], 15);
  // 300 * 300 = 90000 = 24464 mod 2^16.
  const Tensor c = MakeTensor<int16_t>(tensorflow::DT_INT16, {1, 1, 1}, {300});
  auto wrapped = RunOp("BatchMatMulV2", {c, c}, TypeAttr("DT_INT16"));
  ASSERT_TRUE(wrapped.ok()) << wrapped.status();
  EXPECT_EQ((*wrapped)[0].data<int16_t>()[0], 24464);
  // TF's BatchMatMul (V1) takes no int16.
  EXPECT_FALSE(RunOp("BatchMatMul", {c, c}, TypeAttr("DT_INT16")).ok());
}

TEST(MatMulDtypesTest, ComplexAdjointConjugatesOnlyInBatchMatMul) {
  using C = std::complex<double>;
  // a = [[1 + 2i, 3i]] ([1, 2]); b = [[1], [1 - i]] ([2, 1]).
  const Tensor a = MakeTensor<C>(tensorflow::DT_COMPLEX128, {1, 2}, {{1, 2}, {0, 3}});
  const Tensor b = MakeTensor<C>(tensorflow::DT_COMPLEX128, {2, 1}, {{1, 0}, {1, -1}});
  auto product = RunOp("MatMul", {a, b}, TypeAttr("DT_COMPLEX128"));
  ASSERT_TRUE(product.ok()) << product.status();
  // (1 + 2i) + 3i (1 - i) = 4 + 5i.
  EXPECT_EQ((*product)[0].data<C>()[0], C(4, 5));
  // MatMul's transpose_a does not conjugate: a^T b^T of [2, 1] x [1, 2].
  auto transposed =
      RunOp("MatMul", {a, a},
            TypeAttr("DT_COMPLEX128") + "attr { key: 'transpose_a' value { b: true } }");
  ASSERT_TRUE(transposed.ok()) << transposed.status();
  EXPECT_EQ((*transposed)[0].data<C>()[0], C(1, 2) * C(1, 2));
  // BatchMatMulV2's adj_x does: conj(a)^T a, whose diagonal is |a_i|^2.
  auto adjoint = RunOp("BatchMatMulV2", {a, a},
                       TypeAttr("DT_COMPLEX128") + "attr { key: 'adj_x' value { b: true } }");
  ASSERT_TRUE(adjoint.ok()) << adjoint.status();
  EXPECT_EQ((*adjoint)[0].data<C>()[0], C(5, 0));
  EXPECT_EQ((*adjoint)[0].data<C>()[3], C(9, 0));
}

TEST(DilationDtypesTest, Int8SumsWrapInT) {
  const Tensor input = MakeTensor<int8_t>(tensorflow::DT_INT8, {1, 1, 1, 1}, {100});
  const Tensor filter = MakeTensor<int8_t>(tensorflow::DT_INT8, {1, 1, 1}, {100});
  auto out = RunOp("Dilation2D", {input, filter},
                   TypeAttr("DT_INT8") +
                       "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'rates' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'VALID' } }");
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].data<int8_t>()[0], static_cast<int8_t>(200));
}

TEST(HalfDtypesTest, LrnAndResizeWidenAndRoundOnce) {
  // LRN with beta 0.5, alpha 1, bias 0 over one channel: x / |x| = 1 for x = 3 (float16).
  const Tensor x = MakeTensor<uint16_t>(tensorflow::DT_HALF, {1, 1, 1, 1}, {FloatToHalf(3)});
  auto lrn = RunOp("LRN", {x},
                   TypeAttr("DT_HALF") +
                       "attr { key: 'depth_radius' value { i: 0 } } "
                       "attr { key: 'bias' value { f: 0 } } attr { key: 'alpha' value { f: 1 } } "
                       "attr { key: 'beta' value { f: 0.5 } }");
  ASSERT_TRUE(lrn.ok()) << lrn.status();
  EXPECT_EQ((*lrn)[0].dtype(), tensorflow::DT_HALF);
  EXPECT_EQ(HalfToFloat((*lrn)[0].data<uint16_t>()[0]), 1.0f);
  // ResizeBilinear of bfloat16 gives float32, as TF does.
  const Tensor row = MakeTensor<uint16_t>(tensorflow::DT_BFLOAT16, {1, 1, 2, 1},
                                          {FloatToBFloat16(1), FloatToBFloat16(3)});
  auto resized =
      RunOp("ResizeBilinear", {row, testing::Ints({2}, {1, 4})}, TypeAttr("DT_BFLOAT16"));
  ASSERT_TRUE(resized.ok()) << resized.status();
  EXPECT_EQ((*resized)[0].dtype(), tensorflow::DT_FLOAT);
  EXPECT_THAT(testing::FloatValues((*resized)[0]), ::testing::ElementsAre(1, 2, 3, 3));
}

}  // namespace
}  // namespace tfjs::runtime
