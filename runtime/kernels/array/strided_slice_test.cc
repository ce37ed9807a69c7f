#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/array/array_test_util.h"

namespace tfjs::runtime::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

struct Masks {
  int begin = 0, end = 0, ellipsis = 0, new_axis = 0, shrink = 0;
};

std::string MaskAttrs(const Masks& m) {
  return IntAttr("begin_mask", m.begin) + IntAttr("end_mask", m.end) +
         IntAttr("ellipsis_mask", m.ellipsis) + IntAttr("new_axis_mask", m.new_axis) +
         IntAttr("shrink_axis_mask", m.shrink);
}

Tensor Slice(const Tensor& input, std::vector<int32_t> begin, std::vector<int32_t> end,
             std::vector<int32_t> strides, Masks masks = {}) {
  const int64_t n = static_cast<int64_t>(begin.size());
  return RunOk("StridedSlice", {input, Ints({n}, begin), Ints({n}, end), Ints({n}, strides)},
               MaskAttrs(masks))[0];
}

std::string SliceError(const Tensor& input, std::vector<int32_t> begin, std::vector<int32_t> end,
                       std::vector<int32_t> strides, Masks masks = {}) {
  const int64_t n = static_cast<int64_t>(begin.size());
  return RunError("StridedSlice", {input, Ints({n}, begin), Ints({n}, end), Ints({n}, strides)},
                  MaskAttrs(masks));
}

// x = arange(24).reshape(2, 3, 4)
Tensor X() {
  std::vector<int32_t> values(24);
  for (int i = 0; i < 24; ++i) values[i] = i;
  return Ints({2, 3, 4}, values);
}

TEST(StridedSliceTest, PositiveStridesAndClamping) {
  // x[0:2, 1:10, ::2]
  Tensor out = Slice(X(), {0, 1, 0}, {2, 10, 0}, {1, 1, 2}, {.end = 4});
  EXPECT_EQ(out.shape(), Shape({2, 2, 2}));
  EXPECT_THAT(IntValues(out), ElementsAre(4, 6, 8, 10, 16, 18, 20, 22));
}

TEST(StridedSliceTest, NegativeStrideReverses) {
  // x[1, :, ::-1] (shrink dim 0, end mask on dims 1 and 2, begin mask on dim 2)
  Tensor out = Slice(X(), {1, 0, 0}, {2, 0, 0}, {1, 1, -1}, {.begin = 6, .end = 6, .shrink = 1});
  EXPECT_EQ(out.shape(), Shape({3, 4}));
  EXPECT_THAT(IntValues(out), ElementsAre(15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20));
  // x[0, 2:0:-1, -1:-4:-2]
  Tensor partial = Slice(X(), {0, 2, -1}, {1, 0, -4}, {1, -1, -2}, {.shrink = 1});
  EXPECT_EQ(partial.shape(), Shape({2, 2}));
  EXPECT_THAT(IntValues(partial), ElementsAre(11, 9, 7, 5));
}

TEST(StridedSliceTest, EllipsisAndNewAxis) {
  // x[..., 1] -> shape [2, 3]
  Tensor last = Slice(X(), {0, 1}, {0, 2}, {1, 1}, {.ellipsis = 1, .shrink = 2});
  EXPECT_EQ(last.shape(), Shape({2, 3}));
  EXPECT_THAT(IntValues(last), ElementsAre(1, 5, 9, 13, 17, 21));
  // x[newaxis, ..., newaxis, 0:1] -> [1, 2, 3, 1, 1]
  Tensor expanded =
      Slice(X(), {0, 0, 0, 0}, {0, 0, 0, 1}, {1, 1, 1, 1}, {.ellipsis = 2, .new_axis = 5});
  EXPECT_EQ(expanded.shape(), Shape({1, 2, 3, 1, 1}));
  EXPECT_THAT(IntValues(expanded), ElementsAre(0, 4, 8, 12, 16, 20));
  // x[1:, newaxis] -> [1, 1, 3, 4] (implicit ellipsis after the spec)
  Tensor leading = Slice(X(), {1, 0}, {2, 0}, {1, 1}, {.new_axis = 2});
  EXPECT_EQ(leading.shape(), Shape({1, 1, 3, 4}));
  EXPECT_EQ(IntValues(leading)[0], 12);
}

TEST(StridedSliceTest, ShrinkNegativeIndexAndScalarOutput) {
  Tensor out = Slice(X(), {-1, -1, -1}, {0, 0, 0}, {1, 1, 1}, {.shrink = 7});
  EXPECT_EQ(out.shape(), Shape({}));
  EXPECT_THAT(IntValues(out), ElementsAre(23));
}

TEST(StridedSliceTest, IdentityIsForwardedAndEmptyResults) {
  Tensor input = X();
  Tensor same = Slice(input, {0}, {0}, {1}, {.begin = 1, .end = 1});
  EXPECT_EQ(same.raw_data(), input.raw_data());
  EXPECT_EQ(Slice(input, {1}, {1}, {1}).shape(), Shape({0, 3, 4}));
  EXPECT_EQ(Slice(input, {0}, {2}, {-1}).shape(), Shape({0, 3, 4}));
  EXPECT_EQ(Slice(Floats({0}, {}), {0}, {5}, {1}).shape(), Shape({0}));
}

TEST(StridedSliceTest, Int64SpecAndFloats) {
  Tensor input = Floats({5}, {0, 1, 2, 3, 4});
  Tensor out =
      RunOk("StridedSlice", {input, Int64s({1}, {4}), Int64s({1}, {-6}), Int64s({1}, {-3})})[0];
  EXPECT_THAT(FloatValues(out), ElementsAre(4, 1));
}

TEST(StridedSliceTest, Errors) {
  EXPECT_THAT(SliceError(X(), {0}, {1}, {0}), HasSubstr("strides[0] must be non-zero"));
  EXPECT_THAT(SliceError(X(), {2}, {3}, {1}, {.shrink = 1}),
              HasSubstr("slice index 2 of dimension 0 out of bounds."));
  EXPECT_THAT(SliceError(X(), {0}, {1}, {-1}, {.shrink = 1}),
              HasSubstr("only stride 1 allowed on non-range indexing."));
  EXPECT_THAT(SliceError(X(), {0, 0}, {0, 0}, {1, 1}, {.ellipsis = 3}),
              HasSubstr("Multiple ellipses in slice spec not allowed"));
  EXPECT_THAT(SliceError(X(), {0, 0, 0, 0}, {1, 1, 1, 1}, {1, 1, 1, 1}),
              HasSubstr("Index out of range using input dim 3; input has only 3 dims"));
  EXPECT_THAT(RunError("StridedSlice", {X(), Ints({1}, {0}), Ints({2}, {0, 0}), Ints({1}, {1})}),
              HasSubstr("Expected begin, end, and strides to be 1D equal size tensors"));
}

}  // namespace
}  // namespace tfjs::runtime::testing
