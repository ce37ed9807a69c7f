#include "tools/benchmark_model/flops.h"

#include "gtest/gtest.h"

namespace tfjs::tools {
namespace {

TEST(NodeFlopsTest, Conv2DCountsFilterWindowTimesInputChannels) {
  // 1x8x8x16 output, 3x3x4 window: 2 * 1024 * 36.
  EXPECT_EQ(NodeFlops("_FusedConv2D", {1, 8, 8, 4}, {3, 3, 4, 16}, {1, 8, 8, 16}), 73728);
  EXPECT_EQ(NodeFlops("Conv2D", {1, 8, 8, 4}, {3, 3, 4, 16}, {1, 8, 8, 16}), 73728);
}

TEST(NodeFlopsTest, DepthwiseCountsOnlyTheSpatialWindow) {
  EXPECT_EQ(NodeFlops("DepthwiseConv2dNative", {1, 8, 8, 4}, {3, 3, 4, 2}, {1, 8, 8, 8}),
            2 * 512 * 9);
  EXPECT_EQ(NodeFlops("FusedDepthwiseConv2dNative", {1, 4, 4, 4}, {5, 5, 4, 1}, {1, 2, 2, 4}),
            2 * 16 * 25);
}

TEST(NodeFlopsTest, MatMulInnerDimensionIsIndependentOfTranspose) {
  EXPECT_EQ(NodeFlops("MatMul", {3, 5}, {5, 7}, {3, 7}), 2 * 21 * 5);
  EXPECT_EQ(NodeFlops("_FusedMatMul", {5, 3}, {7, 5}, {3, 7}), 2 * 21 * 5);
}

TEST(NodeFlopsTest, OtherOpsAndMisfitShapesAreUnknown) {
  EXPECT_FALSE(IsCountedOp("Add"));
  EXPECT_TRUE(IsCountedOp("_FusedMatMul"));
  EXPECT_EQ(NodeFlops("Add", {2}, {2}, {2}), std::nullopt);
  EXPECT_EQ(NodeFlops("Conv2D", {1, 8, 8, 4}, {3, 3, 4}, {1, 8, 8, 16}), std::nullopt);
  EXPECT_EQ(NodeFlops("MatMul", {2, 3, 5}, {5, 7}, {3, 7}), std::nullopt);
}

}  // namespace
}  // namespace tfjs::tools
