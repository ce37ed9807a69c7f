#include "runtime/kernels/math/broadcast.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tfjs::runtime::math {
namespace {

using ::testing::ElementsAre;

// The flat index into `input` of output element `position`, computed dim by dim.
int64_t NaiveInputIndex(const Shape& input, const Shape& output, int64_t position) {
  int64_t index = 0;
  int64_t stride = 1;
  for (int d = static_cast<int>(output.size()) - 1; d >= 0; --d) {
    const int64_t coordinate = position % output[d];
    position /= output[d];
    const int input_dim = d - static_cast<int>(output.size() - input.size());
    if (input_dim < 0) continue;
    if (input[input_dim] != 1) index += coordinate * stride;
    stride *= input[input_dim];
  }
  return index;
}

TEST(BroadcastShapesTest, AlignsFromTheRight) {
  EXPECT_THAT(*BroadcastShapes({2, 3}, {3}), ElementsAre(2, 3));
  EXPECT_THAT(*BroadcastShapes({2, 1}, {1, 3}), ElementsAre(2, 3));
  EXPECT_THAT(*BroadcastShapes({}, {4, 5}), ElementsAre(4, 5));
  EXPECT_THAT(*BroadcastShapes({5, 1, 4}, {3, 1}), ElementsAre(5, 3, 4));
  EXPECT_THAT(*BroadcastShapes({0, 3}, {1, 3}), ElementsAre(0, 3));
  EXPECT_THAT(*BroadcastShapes({1}, {0}), ElementsAre(0));
}

TEST(BroadcastShapesTest, RejectsMismatchedDims) {
  absl::StatusOr<Shape> shape = BroadcastShapes({2, 3}, {4});
  ASSERT_FALSE(shape.ok());
  EXPECT_EQ(shape.status().message(), "Incompatible shapes: [2,3] vs. [4]");
  EXPECT_FALSE(BroadcastShapes({0}, {2}).ok());
}

TEST(BroadcastLayoutTest, SameShapesBecomeOneRun) {
  const Shape a = {2, 3, 4};
  const BroadcastLayout layout({a, a}, a);
  EXPECT_THAT(layout.dims(), ElementsAre(24));
  EXPECT_EQ(layout.inner_stride(0), 1);
  EXPECT_EQ(layout.inner_stride(1), 1);
}

TEST(BroadcastLayoutTest, ScalarHasStrideZero) {
  const Shape a = {2, 3};
  const Shape scalar = {};
  const BroadcastLayout layout({a, scalar}, a);
  EXPECT_THAT(layout.dims(), ElementsAre(6));
  EXPECT_EQ(layout.inner_stride(1), 0);
}

TEST(BroadcastLayoutTest, BiasRowBecomesRowsTimesRow) {
  const Shape value = {2, 5, 5, 8};
  const Shape bias = {8};
  const BroadcastLayout layout({value, bias}, value);
  EXPECT_THAT(layout.dims(), ElementsAre(50, 8));
  EXPECT_THAT(layout.strides(0), ElementsAre(8, 1));
  EXPECT_THAT(layout.strides(1), ElementsAre(0, 1));
}

TEST(BroadcastLayoutTest, RunsMatchNaiveIndexingForMixedShapes) {
  const std::vector<std::vector<Shape>> cases = {
      {{2, 1, 4}, {3, 1}, {1}},
      {{5, 1, 3, 1}, {1, 4, 1, 2}, {4, 3, 2}},
      {{1, 1}, {7, 1}, {1, 3}},
      {{6}, {}, {6}},
  };
  for (const std::vector<Shape>& inputs : cases) {
    Shape output = *BroadcastShapes(*BroadcastShapes(inputs[0], inputs[1]), inputs[2]);
    const BroadcastLayout layout({inputs[0], inputs[1], inputs[2]}, output);
    const int64_t count = NumElements(output);
    // Split the range at an odd point so runs also start mid-row.
    int64_t visited = 0;
    for (auto [begin, end] : {std::pair<int64_t, int64_t>{0, count / 3},
                              std::pair<int64_t, int64_t>{count / 3, count}}) {
      layout.ForEachRun(begin, end, [&](int64_t position, int64_t length, const int64_t* at) {
        for (int64_t i = 0; i < length; ++i) {
          for (int k = 0; k < 3; ++k) {
            EXPECT_EQ(at[k] + i * layout.inner_stride(k),
                      NaiveInputIndex(inputs[k], output, position + i))
                << "input " << k << " at output " << position + i;
          }
        }
        visited += length;
      });
    }
    EXPECT_EQ(visited, count);
  }
}

}  // namespace
}  // namespace tfjs::runtime::math
