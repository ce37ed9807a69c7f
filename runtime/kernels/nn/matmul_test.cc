#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/kernels/nn/nn_test_util.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using testing::BoolAttr;
using testing::ExpectClose;
using testing::FloatAttr;
using testing::IntAttr;
using testing::RandomFloats;
using testing::StringListAttr;
using ::tfjs::runtime::testing::Ints;
using ::tfjs::runtime::testing::IntValues;
using ::tfjs::runtime::testing::RunOp;

// Naive batched product in double. a is [batch..., m, k] (or [.., k, m] when transpose_a), b
// likewise; batch dims broadcast right-aligned.
std::vector<double> ReferenceMatMul(const Tensor& a, const Tensor& b, bool transpose_a,
                                    bool transpose_b, Shape* out_shape) {
  const int ra = a.rank(), rb = b.rank();
  const int64_t m = a.dim(ra - (transpose_a ? 1 : 2)), k = a.dim(ra - (transpose_a ? 2 : 1));
  const int64_t n = b.dim(rb - (transpose_b ? 2 : 1));
  const int rank = std::max(ra, rb) - 2;
  Shape batch(rank);
  for (int i = 0; i < rank; ++i) {
    const int ia = i - (rank - (ra - 2)), ib = i - (rank - (rb - 2));
    const int64_t da = ia >= 0 ? a.dim(ia) : 1, db = ib >= 0 ? b.dim(ib) : 1;
    batch[i] = std::max(da, db);
  }
  *out_shape = batch;
  out_shape->push_back(m);
  out_shape->push_back(n);
  std::vector<double> out;
  for (int64_t flat = 0; flat < NumElements(batch); ++flat) {
    int64_t a_index = 0, b_index = 0, a_stride = 1, b_stride = 1, rest = flat;
    for (int i = rank - 1; i >= 0; --i) {
      const int64_t coordinate = rest % batch[i];
      rest /= batch[i];
      const int ia = i - (rank - (ra - 2)), ib = i - (rank - (rb - 2));
      if (ia >= 0) {
        if (a.dim(ia) != 1) a_index += coordinate * a_stride;
        a_stride *= a.dim(ia);
      }
      if (ib >= 0) {
        if (b.dim(ib) != 1) b_index += coordinate * b_stride;
        b_stride *= b.dim(ib);
      }
    }
    const float* am = a.data<float>() + a_index * m * k;
    const float* bm = b.data<float>() + b_index * k * n;
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        double sum = 0;
        for (int64_t p = 0; p < k; ++p) {
          sum += double(transpose_a ? am[p * m + i] : am[i * k + p]) *
                 (transpose_b ? bm[j * k + p] : bm[p * n + j]);
        }
        out.push_back(sum);
      }
    }
  }
  return out;
}

std::string MatMulAttrs(bool transpose_a, bool transpose_b) {
  return BoolAttr("transpose_a", transpose_a) + BoolAttr("transpose_b", transpose_b);
}

class MatMulTransposeTest : public ::testing::TestWithParam<std::tuple<bool, bool, bool>> {};

TEST_P(MatMulTransposeTest, MatchesReference) {
  const auto [transpose_a, transpose_b, constant] = GetParam();
  const int64_t m = 7, k = 33, n = 300;  // n spans two column blocks of the loop
  Tensor a = RandomFloats(transpose_a ? Shape{k, m} : Shape{m, k}, 1);
  Tensor b = RandomFloats(transpose_b ? Shape{n, k} : Shape{k, n}, 2);
  auto outputs =
      RunOp("MatMul", {a, b}, MatMulAttrs(transpose_a, transpose_b), 1, {false, constant});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Shape shape;
  const std::vector<double> expected = ReferenceMatMul(a, b, transpose_a, transpose_b, &shape);
  ExpectClose((*outputs)[0], shape, expected);
}

INSTANTIATE_TEST_SUITE_P(AllLayouts, MatMulTransposeTest,
                         ::testing::Combine(::testing::Bool(), ::testing::Bool(),
                                            ::testing::Bool()));

TEST(MatMulTest, Int32WrapsLikeTf) {
  auto outputs = RunOp("MatMul", {Ints({2, 2}, {1, 2, 3, 4}), Ints({2, 1}, {5, 2147483647})},
                       MatMulAttrs(false, false));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // 1*5 + 2*(2^31-1) wraps to 3; 3*5 + 4*(2^31-1) wraps to 11.
  EXPECT_EQ(IntValues((*outputs)[0]), (std::vector<int32_t>{3, 11}));
}

TEST(MatMulTest, Float64RunsInDoublePrecision) {
  using ::tfjs::runtime::testing::MakeTensor;
  // b transposed: [[1, 2], [3, 4]] read as [[1, 3], [2, 4]].
  const Tensor a = MakeTensor<double>(tensorflow::DT_DOUBLE, {1, 2}, {1e-10, 1.0});
  const Tensor b = MakeTensor<double>(tensorflow::DT_DOUBLE, {2, 2}, {1.0, 2.0, 3.0, 4.0});
  auto outputs = RunOp("MatMul", {a, b}, MatMulAttrs(false, true));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  const Tensor& out = (*outputs)[0];
  ASSERT_EQ(out.dtype(), tensorflow::DT_DOUBLE);
  ASSERT_EQ(out.shape(), Shape({1, 2}));
  // 1e-10 * 1 + 1 * 2 keeps the 1e-10 only in double precision.
  EXPECT_EQ(out.data<double>()[0], 1e-10 + 2.0);
  EXPECT_EQ(out.data<double>()[1], 3e-10 + 4.0);
}

TEST(MatMulTest, ZeroDepthGivesZeros) {
  auto outputs = RunOp("MatMul", {RandomFloats({2, 0}, 3), RandomFloats({0, 3}, 4)},
                       MatMulAttrs(false, false), 1, {false, true});
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  ExpectClose((*outputs)[0], {2, 3}, std::vector<double>(6, 0.0));
}

TEST(BatchMatMulV2Test, BroadcastsBatchDims) {
  for (bool adj_x : {false, true}) {
    for (bool adj_y : {false, true}) {
      Tensor a = RandomFloats(adj_x ? Shape{2, 1, 5, 3} : Shape{2, 1, 3, 5}, 5);
      Tensor b = RandomFloats(adj_y ? Shape{4, 6, 5} : Shape{4, 5, 6}, 6);
      auto outputs =
          RunOp("BatchMatMulV2", {a, b}, BoolAttr("adj_x", adj_x) + BoolAttr("adj_y", adj_y));
      ASSERT_TRUE(outputs.ok()) << outputs.status();
      Shape shape;
      const std::vector<double> expected = ReferenceMatMul(a, b, adj_x, adj_y, &shape);
      EXPECT_EQ(ShapeString(shape), "[2,4,3,6]");
      ExpectClose((*outputs)[0], shape, expected);
    }
  }
}

TEST(BatchMatMulV2Test, ConstantMatrixUsesFullyConnected) {
  for (bool adj_x : {false, true}) {
    Tensor a = RandomFloats(adj_x ? Shape{3, 2, 8, 4} : Shape{3, 2, 4, 8}, 7);
    Tensor b = RandomFloats({1, 8, 5}, 8);
    auto outputs = RunOp("BatchMatMulV2", {a, b}, BoolAttr("adj_x", adj_x), 1, {false, true});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    Shape shape;
    const std::vector<double> expected = ReferenceMatMul(a, b, adj_x, false, &shape);
    ExpectClose((*outputs)[0], shape, expected);
  }
}

TEST(BatchMatMulTest, RequiresEqualBatchDims) {
  Tensor a = RandomFloats({2, 3, 4}, 9);
  Tensor b = RandomFloats({2, 4, 5}, 10);
  auto outputs = RunOp("BatchMatMul", {a, b}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  Shape shape;
  ExpectClose((*outputs)[0], {2, 3, 5}, ReferenceMatMul(a, b, false, false, &shape));
  auto mismatch = RunOp("BatchMatMul", {a, RandomFloats({1, 4, 5}, 11)}, "");
  EXPECT_NE(mismatch.status().message().find("must be equal"), std::string::npos)
      << mismatch.status();
}

class FusedMatMulTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FusedMatMulTest, MatchesReferenceForEachActivation) {
  const std::string activation = GetParam();
  Tensor a = RandomFloats({5, 9}, 12, -2.f, 2.f);
  Tensor b = RandomFloats({6, 9}, 13);  // transpose_b
  Tensor bias = RandomFloats({6}, 14);
  Tensor alpha = RandomFloats({6}, 15, 0.f, 0.5f);
  std::vector<std::string> ops = {"BiasAdd"};
  if (!activation.empty()) ops.push_back(activation);
  std::vector<Tensor> inputs = {a, b, bias};
  if (activation == "Prelu") inputs.push_back(alpha);
  const std::string attrs = MatMulAttrs(false, true) + StringListAttr("fused_ops", ops) +
                            IntAttr("num_args", inputs.size() - 2) +
                            FloatAttr("leakyrelu_alpha", 0.25f);
  Shape shape;
  std::vector<double> expected = ReferenceMatMul(a, b, false, true, &shape);
  for (size_t i = 0; i < expected.size(); ++i) {
    double v = expected[i] + bias.data<float>()[i % 6];
    if (activation == "Relu") v = std::max(v, 0.0);
    if (activation == "Relu6") v = std::min(std::max(v, 0.0), 6.0);
    if (activation == "Elu" && v < 0) v = std::expm1(v);
    if (activation == "LeakyRelu" && v < 0) v *= 0.25;
    if (activation == "Prelu" && v < 0) v *= alpha.data<float>()[i % 6];
    if (activation == "Sigmoid") v = 1 / (1 + std::exp(-v));
    if (activation == "Tanh") v = std::tanh(v);
    expected[i] = v;
  }
  for (bool constant : {true, false}) {
    auto outputs = RunOp("_FusedMatMul", inputs, attrs, 1, {false, constant, constant, constant});
    ASSERT_TRUE(outputs.ok()) << outputs.status();
    ExpectClose((*outputs)[0], shape, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Activations, FusedMatMulTest,
                         ::testing::Values("", "Relu", "Relu6", "Elu", "LeakyRelu", "Prelu",
                                           "Sigmoid", "Tanh"));

TEST(MatMulTest, ConcurrentExecuteCallsAgree) {
  std::vector<Tensor> inputs;
  for (int t = 0; t < 4; ++t) inputs.push_back(RandomFloats({32 + 8 * t, 256}, 120 + t));
  testing::ExpectConcurrentRunsAgree("MatMul", MatMulAttrs(false, false),
                                     RandomFloats({256, 64}, 36), inputs);
}

TEST(MatMulTest, RejectsBadInputs) {
  auto rank = RunOp("MatMul", {RandomFloats({2, 3, 4}, 16), RandomFloats({4, 2}, 17)}, "");
  EXPECT_NE(rank.status().message().find("operands must be 2-D"), std::string::npos)
      << rank.status();
  auto inner =
      RunOp("MatMul", {RandomFloats({2, 3}, 18), RandomFloats({4, 2}, 19)}, "", 1, {false, true});
  EXPECT_NE(inner.status().message().find("size-incompatible"), std::string::npos)
      << inner.status();
  auto dtypes = RunOp("MatMul", {RandomFloats({2, 2}, 20), Ints({2, 2}, {1, 2, 3, 4})}, "");
  EXPECT_NE(dtypes.status().message().find("same dtype"), std::string::npos) << dtypes.status();
  auto broadcast =
      RunOp("BatchMatMulV2", {RandomFloats({2, 2, 3}, 21), RandomFloats({3, 3, 2}, 22)}, "");
  EXPECT_NE(broadcast.status().message().find("do not broadcast"), std::string::npos)
      << broadcast.status();
  auto bias = RunOp(
      "_FusedMatMul", {RandomFloats({2, 3}, 23), RandomFloats({3, 4}, 24), RandomFloats({3}, 25)},
      StringListAttr("fused_ops", {"BiasAdd"}) + IntAttr("num_args", 1), 1, {false, true, true});
  EXPECT_NE(bias.status().message().find("bias must have shape [4]"), std::string::npos)
      << bias.status();
  auto batch_norm = RunOp("_FusedMatMul", {RandomFloats({2, 3}, 26), RandomFloats({3, 4}, 27)},
                          StringListAttr("fused_ops", {"FusedBatchNorm"}));
  EXPECT_NE(batch_norm.status().message().find("unsupported fused_ops"), std::string::npos)
      << batch_norm.status();
}

// A float16 (DT_HALF) or bfloat16 tensor from bit patterns.
Tensor Bits16(DataType dtype, Shape shape, std::vector<uint16_t> bits) {
  return ::tfjs::runtime::testing::MakeTensor<uint16_t>(dtype, std::move(shape), std::move(bits));
}

// Output 0 of `op` as bits, checking it kept the operands' 16-bit dtype.
std::vector<uint16_t> OutputBits(const std::string& op, const std::vector<Tensor>& inputs,
                                 const std::string& attrs, std::vector<bool> constant = {}) {
  auto outputs = RunOp(op, inputs, attrs, 1, std::move(constant));
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  if (!outputs.ok()) return {};
  EXPECT_EQ((*outputs)[0].dtype(), inputs[0].dtype());
  const auto values = (*outputs)[0].values<uint16_t>();
  return std::vector<uint16_t>(values.begin(), values.end());
}

// float16 bits: 1, -1, 2^-11 (half an ulp of 1), 65504 (the largest), infinity, NaN.
constexpr uint16_t kOne = 0x3c00, kMinusOne = 0xbc00, kEps = 0x1000, kMax = 0x7bff;
constexpr uint16_t kInf = 0x7c00, kNaN = 0x7e00;

TEST(HalfMatMulTest, AccumulatesInFloat32AndRoundsOnceInEveryLayout) {
  // a = [[1, 2^-11, 2^-11], [65504, 65504, 65504]], b = [[1, 1], [1, 1], [1, -1]].
  // Row 0: 1 + 2^-10 exactly (a float16 running sum ties back to 1 twice), and 1.
  // Row 1: 3 * 65504 overflows to inf; 65504 + 65504 - 65504 stays finite in float32.
  const std::vector<uint16_t> expected = {0x3c01, kOne, kInf, kMax};
  const std::vector<uint16_t> a = {kOne, kEps, kEps, kMax, kMax, kMax};
  const std::vector<uint16_t> a_t = {kOne, kMax, kEps, kMax, kEps, kMax};
  // b as [3, 2] and as its transpose [2, 3] happen to have the same flat values.
  const std::vector<uint16_t> b = {kOne, kOne, kOne, kOne, kOne, kMinusOne};
  for (bool transpose_a : {false, true}) {
    for (bool transpose_b : {false, true}) {
      for (bool constant : {false, true}) {
        const Tensor a_tensor = Bits16(tensorflow::DT_HALF, transpose_a ? Shape{3, 2} : Shape{2, 3},
                                       transpose_a ? a_t : a);
        const Tensor b_tensor = Bits16(tensorflow::DT_HALF, transpose_b ? Shape{2, 3} : Shape{3, 2},
                                       b);
        EXPECT_EQ(OutputBits("MatMul", {a_tensor, b_tensor},
                             MatMulAttrs(transpose_a, transpose_b), {false, constant}),
                  expected)
            << transpose_a << transpose_b << constant;
      }
    }
  }
}

TEST(HalfMatMulTest, TiesRoundToEvenAndNaNPropagates) {
  // [1, 2^-11] . [1, 1] = 1 + 2^-11 ties to the even 1; [1 + 2^-10, 2^-11] . [1, 1] ties to the
  // even 1 + 2^-9. NaN * 0 and inf * 0 give NaN.
  const Tensor a = Bits16(tensorflow::DT_HALF, {4, 2},
                          {kOne, kEps, 0x3c01, kEps, kNaN, kOne, kInf, kOne});
  const Tensor b = Bits16(tensorflow::DT_HALF, {2, 1}, {0x0000, kOne});
  const Tensor ones = Bits16(tensorflow::DT_HALF, {2, 1}, {kOne, kOne});
  const std::vector<uint16_t> sums = OutputBits("MatMul", {a, ones}, MatMulAttrs(false, false));
  ASSERT_EQ(sums.size(), 4u);
  EXPECT_EQ(sums[0], kOne);
  EXPECT_EQ(sums[1], 0x3c02);
  const std::vector<uint16_t> products = OutputBits("MatMul", {a, b}, MatMulAttrs(false, false));
  ASSERT_EQ(products.size(), 4u);
  for (int row : {2, 3}) {
    EXPECT_EQ(products[row] & 0x7c00, 0x7c00) << row;
    EXPECT_NE(products[row] & 0x03ff, 0) << row;
  }
}

TEST(BFloat16BatchMatMulTest, BroadcastsAndAccumulatesInFloat32) {
  // Batch 0: [256, 1, 1] . [1, 1, 1] = 258 (0x4381); a bfloat16 running sum ties 257 back to
  // 256 twice. Batch 1: [1, 1, 1] . [1, 1, 1] = 3 (0x4040). b has no batch dims.
  const uint16_t one = 0x3f80;
  const Tensor a = Bits16(tensorflow::DT_BFLOAT16, {2, 1, 3}, {0x4380, one, one, one, one, one});
  const Tensor b = Bits16(tensorflow::DT_BFLOAT16, {3, 1}, {one, one, one});
  EXPECT_EQ(OutputBits("BatchMatMulV2", {a, b}, ""), (std::vector<uint16_t>{0x4381, 0x4040}));
  const Tensor b_batched = Bits16(tensorflow::DT_BFLOAT16, {2, 3, 1}, {one, one, one, 0, 0, one});
  EXPECT_EQ(OutputBits("BatchMatMul", {a, b_batched}, ""), (std::vector<uint16_t>{0x4381, one}));
}

TEST(HalfMatMulTest, ZeroDepthAndBadOperands) {
  const Tensor empty_a = Bits16(tensorflow::DT_HALF, {2, 0}, {});
  const Tensor empty_b = Bits16(tensorflow::DT_HALF, {0, 3}, {});
  EXPECT_EQ(OutputBits("MatMul", {empty_a, empty_b}, MatMulAttrs(false, false)),
            std::vector<uint16_t>(6, 0x0000));
  const Tensor half = Bits16(tensorflow::DT_HALF, {1, 1}, {kOne});
  const Tensor bfloat16 = Bits16(tensorflow::DT_BFLOAT16, {1, 1}, {0x3f80});
  auto mixed = RunOp("MatMul", {half, bfloat16}, MatMulAttrs(false, false));
  EXPECT_NE(mixed.status().message().find("same dtype"), std::string::npos) << mixed.status();
  auto fused = RunOp("_FusedMatMul", {half, half, Bits16(tensorflow::DT_HALF, {1}, {kOne})},
                     StringListAttr("fused_ops", {"BiasAdd"}) + IntAttr("num_args", 1));
  EXPECT_NE(fused.status().message().find("fused ops need float32"), std::string::npos)
      << fused.status();
}

}  // namespace
}  // namespace tfjs::runtime::nn
