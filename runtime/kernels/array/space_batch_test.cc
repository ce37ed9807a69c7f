#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

std::vector<float> Iota(int n) {
  std::vector<float> values(n);
  for (int i = 0; i < n; ++i) values[i] = static_cast<float>(i + 1);
  return values;
}

// SpaceToBatchND by its definition, for input [B, H, W, C], block [bh, bw], paddings.
std::vector<float> SpaceToBatchLoop(const std::vector<float>& in, int b, int h, int w, int c,
                                    int bh, int bw, int pt, int pb, int pl, int pr) {
  const int oh = (h + pt + pb) / bh;
  const int ow = (w + pl + pr) / bw;
  std::vector<float> out;
  for (int oy = 0; oy < bh; ++oy)
    for (int ox = 0; ox < bw; ++ox)
      for (int n = 0; n < b; ++n)
        for (int y = 0; y < oh; ++y)
          for (int x = 0; x < ow; ++x)
            for (int ch = 0; ch < c; ++ch) {
              const int sy = y * bh + oy - pt;
              const int sx = x * bw + ox - pl;
              const bool inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
              out.push_back(inside ? in[((n * h + sy) * w + sx) * c + ch] : 0.f);
            }
  return out;
}

TEST(SpaceToBatchNDTest, TfExample) {
  Tensor out = RunOk("SpaceToBatchND", {Floats({1, 2, 2, 1}, {1, 2, 3, 4}), Ints({2}, {2, 2}),
                                        Ints({2, 2}, {0, 0, 0, 0})})[0];
  EXPECT_EQ(out.shape(), Shape({4, 1, 1, 1}));
  EXPECT_THAT(FloatValues(out), ElementsAre(1, 2, 3, 4));
}

TEST(SpaceToBatchNDTest, PaddedMatchesLoop) {
  const std::vector<float> input = Iota(2 * 3 * 5 * 2);
  Tensor out = RunOk("SpaceToBatchND", {Floats({2, 3, 5, 2}, input), Ints({2}, {2, 3}),
                                        Int64s({2, 2}, {1, 0, 2, 2})})[0];
  EXPECT_EQ(out.shape(), Shape({12, 2, 3, 2}));
  EXPECT_THAT(FloatValues(out),
              ElementsAreArray(SpaceToBatchLoop(input, 2, 3, 5, 2, 2, 3, 1, 0, 2, 2)));
}

TEST(BatchToSpaceNDTest, InvertsSpaceToBatchWithCrops) {
  const std::vector<float> input = Iota(2 * 3 * 5 * 2);
  Tensor batched = RunOk("SpaceToBatchND", {Floats({2, 3, 5, 2}, input), Ints({2}, {2, 3}),
                                            Ints({2, 2}, {1, 0, 2, 2})})[0];
  Tensor back =
      RunOk("BatchToSpaceND", {batched, Ints({2}, {2, 3}), Ints({2, 2}, {1, 0, 2, 2})})[0];
  EXPECT_EQ(back.shape(), Shape({2, 3, 5, 2}));
  EXPECT_THAT(FloatValues(back), ElementsAreArray(input));
}

TEST(BatchToSpaceNDTest, TfExample) {
  Tensor out = RunOk("BatchToSpaceND", {Ints({4, 1, 1, 1}, {1, 2, 3, 4}), Ints({2}, {2, 2}),
                                        Ints({2, 2}, {0, 0, 0, 0})})[0];
  EXPECT_EQ(out.shape(), Shape({1, 2, 2, 1}));
  EXPECT_THAT(IntValues(out), ElementsAre(1, 2, 3, 4));
}

TEST(SpaceBatchTest, Errors) {
  EXPECT_THAT(
      RunError("SpaceToBatchND", {Floats({1, 3, 1}, {}), Ints({1}, {2}), Ints({1, 2}, {0, 0})}),
      HasSubstr("padded_shape[0]=3 is not divisible by block_shape[0]=2"));
  EXPECT_THAT(
      RunError("SpaceToBatchND", {Floats({1, 2, 1}, {}), Ints({1}, {0}), Ints({1, 2}, {0, 0})}),
      HasSubstr("block_shape must be positive"));
  EXPECT_THAT(RunError("SpaceToBatchND",
                       {Floats({1, 2, 1}, {}), Ints({1}, {2}), Ints({2, 2}, {0, 0, 0, 0})}),
              HasSubstr("paddings should have shape [1, 2]"));
  EXPECT_THAT(
      RunError("BatchToSpaceND", {Floats({3, 1, 1}, {}), Ints({1}, {2}), Ints({1, 2}, {0, 0})}),
      HasSubstr("Input batch dimension (3) is not divisible by product of block sizes (2)"));
  EXPECT_THAT(
      RunError("BatchToSpaceND", {Floats({2, 1, 1}, {}), Ints({1}, {2}), Ints({1, 2}, {2, 1})}),
      HasSubstr("cropped_shape[0]=-1 must be non-negative"));
}

TEST(DepthToSpaceTest, MatchesLoop) {
  // [1, 1, 2, 8] with block 2 -> [1, 2, 4, 2].
  const std::vector<float> input = Iota(16);
  Tensor out = RunOk("DepthToSpace", {Floats({1, 1, 2, 8}, input)}, IntAttr("block_size", 2))[0];
  EXPECT_EQ(out.shape(), Shape({1, 2, 4, 2}));
  std::vector<float> expected;
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 4; ++x)
      for (int c = 0; c < 2; ++c) {
        const int w = x / 2, by = y % 2, bx = x % 2;
        expected.push_back(input[w * 8 + (by * 2 + bx) * 2 + c]);
      }
  EXPECT_THAT(FloatValues(out), ElementsAreArray(expected));
}

TEST(DepthToSpaceTest, Errors) {
  EXPECT_THAT(RunError("DepthToSpace", {Floats({1, 1, 1, 6}, {})}, IntAttr("block_size", 2)),
              HasSubstr("Input depth dimension 6 should be divisible by: 4"));
  EXPECT_THAT(RunError("DepthToSpace", {Floats({1, 1, 1, 4}, {})}, IntAttr("block_size", 1)),
              HasSubstr("Block size should be > 1, but was: 1"));
  EXPECT_THAT(RunError("DepthToSpace", {Floats({1, 4, 1, 1}, {})},
                       IntAttr("block_size", 2) + StringAttr("data_format", "NCHW")),
              HasSubstr("Only NHWC data_format supported on CPU"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
