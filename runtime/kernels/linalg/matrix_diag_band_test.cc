// Tests for the banded diagonal ops, with TF's documented examples.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using testing::RunOp;

TEST(MatrixDiagBandTest, DiagV3BuildsABandRightLeftAligned) {
  auto outputs = RunOp("MatrixDiagV3",
                       {Ints({3, 3}, {0, 8, 9, 1, 2, 3, 4, 5, 0}), Ints({2}, {-1, 1}),
                        Ints({}, {-1}), Ints({}, {-1}), Ints({}, {0})},
                       "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[3,3]");
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(1, 8, 0, 4, 2, 9, 0, 5, 3));
}

TEST(MatrixDiagBandTest, DiagV3OneSuperdiagonalWithPaddingAndShape) {
  // k = 1, diagonal [1, 2]: a 3x3 matrix with padding 7 off the diagonal.
  auto outputs =
      RunOp("MatrixDiagV3",
            {Ints({2}, {1, 2}), Ints({}, {1}), Ints({}, {-1}), Ints({}, {-1}), Ints({}, {7})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(7, 1, 7, 7, 7, 2, 7, 7, 7));
}

TEST(MatrixDiagBandTest, DiagPartV3AndV2Alignments) {
  Tensor input = Ints({3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6});
  auto v3 = RunOp("MatrixDiagPartV3", {input, Ints({2}, {-1, 2}), Ints({}, {0})}, "");
  ASSERT_TRUE(v3.ok()) << v3.status();
  EXPECT_EQ(ShapeString((*v3)[0].shape()), "[4,3]");
  EXPECT_THAT(IntValues((*v3)[0]), ElementsAre(0, 3, 8, 2, 7, 6, 1, 6, 7, 5, 8, 0));
  auto v2 = RunOp("MatrixDiagPartV2", {input, Ints({2}, {-1, 2}), Ints({}, {0})}, "");
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_THAT(IntValues((*v2)[0]), ElementsAre(3, 8, 0, 2, 7, 6, 1, 6, 7, 5, 8, 0));
  EXPECT_THAT(std::string(RunOp("MatrixDiagPartV3", {input, Ints({2}, {2, 1}), Ints({}, {0})}, "")
                              .status()
                              .message()),
              HasSubstr("must not be greater"));
}

TEST(MatrixDiagBandTest, SetDiagV3WritesTheBandBack) {
  Tensor input = Ints({3, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6});
  auto outputs = RunOp("MatrixSetDiagV3",
                       {input, Ints({2, 3}, {0, -1, -2, -3, -4, -5}), Ints({2}, {0, 1})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // Diagonal d = 1 (full length 3, so no alignment offset) is 0, -1, -2; d = 0 is -3, -4, -5.
  EXPECT_THAT(IntValues((*outputs)[0]), ElementsAre(-3, 0, 3, 4, 5, -4, -1, 8, 9, 8, -5, -2));
}

}  // namespace
}  // namespace tfjs::runtime
