// Tests for the linalg kernels, with values worked out by hand.
#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using ::testing::Pointwise;
using testing::RunOp;

std::vector<float> Outputs(const std::string& op, const std::vector<Tensor>& inputs,
                           const std::string& attrs = "", int output = 0) {
  auto outputs = RunOp(op, inputs, attrs, output + 1);
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  return outputs.ok() ? FloatValues((*outputs)[output]) : std::vector<float>{};
}

TEST(MatrixSolveTest, SolvesEachMatrixOfTheBatch) {
  // [[2,1],[1,3]] x = [3,5] -> x = [0.8, 1.4]; [[0,1],[1,0]] (needs pivoting) x = [1,2] -> [2,1].
  Tensor a = Floats({2, 2, 2}, {2, 1, 1, 3, 0, 1, 1, 0});
  Tensor b = Floats({2, 2, 1}, {3, 5, 1, 2});
  EXPECT_THAT(Outputs("MatrixSolve", {a, b}),
              Pointwise(FloatNear(1e-6), std::vector<float>{0.8f, 1.4f, 2, 1}));
  // adjoint: [[2,1],[1,3]]^T = itself; [[1,2],[0,1]]^T x = [1,4] -> x = [1, 2].
  EXPECT_THAT(Outputs("MatrixSolve", {Floats({2, 2}, {1, 2, 0, 1}), Floats({2, 1}, {1, 4})},
                      "attr { key: 'adjoint' value { b: true } }"),
              Pointwise(FloatNear(1e-6), std::vector<float>{1, 2}));
  EXPECT_THAT(
      std::string(RunOp("MatrixSolve", {Floats({2, 2}, {1, 2, 2, 4}), Floats({2, 1}, {1, 1})}, "")
                      .status()
                      .message()),
      HasSubstr("not invertible"));
  EXPECT_FALSE(RunOp("MatrixSolve", {Floats({2, 3}, {}), Floats({2, 1}, {})}, "").ok());
}

TEST(MatrixInverseTest, InvertsAndRejectsSingular) {
  EXPECT_THAT(Outputs("MatrixInverse", {Floats({2, 2}, {1, 2, 3, 4})}),
              Pointwise(FloatNear(1e-6), std::vector<float>{-2, 1, 1.5f, -0.5f}));
  EXPECT_FALSE(RunOp("MatrixInverse", {Floats({2, 2}, {1, 2, 2, 4})}, "").ok());
}

TEST(MatrixTriangularSolveTest, LowerUpperAdjointAndBroadcast) {
  // L = [[2,0],[1,1]] (upper entry 9 ignored), b = [2, 3] -> x = [1, 2].
  Tensor m = Floats({2, 2}, {2, 9, 1, 1});
  EXPECT_THAT(Outputs("MatrixTriangularSolve", {m, Floats({2, 1}, {2, 3})}),
              Pointwise(FloatNear(1e-6), std::vector<float>{1, 2}));
  // Upper of m: [[2,9],[0,1]], b = [11, 1] -> x = [1, 1].
  EXPECT_THAT(Outputs("MatrixTriangularSolve", {m, Floats({2, 1}, {11, 1})},
                      "attr { key: 'lower' value { b: false } }"),
              Pointwise(FloatNear(1e-6), std::vector<float>{1, 1}));
  // L^T = [[2,1],[0,1]], b = [4, 2] -> x = [1, 2].
  EXPECT_THAT(Outputs("MatrixTriangularSolve", {m, Floats({2, 1}, {4, 2})},
                      "attr { key: 'adjoint' value { b: true } }"),
              Pointwise(FloatNear(1e-6), std::vector<float>{1, 2}));
  // One matrix against a batch of two right-hand sides.
  auto outputs = RunOp("MatrixTriangularSolve", {m, Floats({2, 2, 1}, {2, 3, 4, 2})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[2,2,1]");
  EXPECT_THAT(FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{1, 2, 2, 0}));
}

TEST(DeterminantTest, DeterminantAndLogDeterminant) {
  Tensor a = Floats({3, 2, 2}, {1, 2, 3, 4, 2, 0, 0, 3, 1, 2, 2, 4});
  EXPECT_THAT(Outputs("MatrixDeterminant", {a}),
              Pointwise(FloatNear(1e-5), std::vector<float>{-2, 6, 0}));
  EXPECT_THAT(Outputs("LogMatrixDeterminant", {a}, "", 0), ElementsAre(-1, 1, 0));
  std::vector<float> log_abs = Outputs("LogMatrixDeterminant", {a}, "", 1);
  ASSERT_EQ(log_abs.size(), 3u);
  EXPECT_NEAR(log_abs[0], std::log(2.0), 1e-6);
  EXPECT_NEAR(log_abs[1], std::log(6.0), 1e-6);
  EXPECT_TRUE(std::isinf(log_abs[2]) && log_abs[2] < 0);
  EXPECT_THAT(Outputs("MatrixDeterminant", {Floats({0, 0}, {})}), ElementsAre(1));
}

TEST(CholeskyTest, FactorsAndRejectsIndefinite) {
  EXPECT_THAT(Outputs("Cholesky", {Floats({2, 2}, {4, 99, 2, 3})}),
              Pointwise(FloatNear(1e-6), std::vector<float>{2, 0, 1, std::sqrt(2.0f)}));
  EXPECT_THAT(std::string(RunOp("Cholesky", {Floats({2, 2}, {1, 2, 2, 1})}, "").status().message()),
              HasSubstr("not successful"));
}

TEST(MatrixDiagTest, DiagDiagPartSetDiag) {
  auto diag = RunOp("MatrixDiag", {Ints({2, 2}, {1, 2, 3, 4})}, "");
  ASSERT_TRUE(diag.ok()) << diag.status();
  EXPECT_EQ(ShapeString((*diag)[0].shape()), "[2,2,2]");
  EXPECT_THAT(IntValues((*diag)[0]), ElementsAre(1, 0, 0, 2, 3, 0, 0, 4));
  auto part = RunOp("MatrixDiagPart", {Ints({2, 3}, {1, 2, 3, 4, 5, 6})}, "");
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_THAT(IntValues((*part)[0]), ElementsAre(1, 5));
  auto set = RunOp("MatrixSetDiag", {Ints({2, 3}, {1, 2, 3, 4, 5, 6}), Ints({2}, {-1, -2})}, "");
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_THAT(IntValues((*set)[0]), ElementsAre(-1, 2, 3, 4, -2, 6));
  EXPECT_FALSE(RunOp("MatrixSetDiag", {Ints({2, 3}, {}), Ints({3}, {})}, "").ok());
}

TEST(LuTest, FactorsWithPartialPivoting) {
  // [[1, 2], [3, 4]]: pivot row 1 first; L = [[1, 0], [1/3, 1]], U = [[3, 4], [0, 2/3]].
  auto outputs = RunOp("Lu", {Floats({2, 2}, {1, 2, 3, 4})}, "", 2);
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(FloatValues((*outputs)[0]),
              Pointwise(FloatNear(1e-6), std::vector<float>{3, 4, 1.0f / 3, 2.0f / 3}));
  EXPECT_THAT(IntValues((*outputs)[1]), ElementsAre(1, 0));
  EXPECT_FALSE(RunOp("Lu", {Floats({2, 2}, {1, 2, 2, 4})}, "", 2).ok());
}

}  // namespace
}  // namespace tfjs::runtime
