#include "runtime/kernels/array/strided_copy.h"

#include <pthreadpool.h>

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tfjs::runtime::array {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

TEST(CoalesceCopyDimsTest, MergesContiguousDimsAndDropsOnes) {
  // A contiguous [2, 1, 3, 4] copy is one run of 24.
  const int64_t shape[] = {2, 1, 3, 4};
  const int64_t strides[] = {12, 12, 4, 1};
  CopyDims dims = CoalesceCopyDims(shape, strides, strides);
  EXPECT_THAT(dims.shape, ElementsAre(24));
  EXPECT_THAT(dims.src_strides, ElementsAre(1));
  // A transpose keeps its two dims.
  const int64_t matrix[] = {3, 4};
  const int64_t read[] = {1, 3};
  const int64_t write[] = {4, 1};
  dims = CoalesceCopyDims(matrix, read, write);
  EXPECT_THAT(dims.shape, ElementsAre(3, 4));
  const int64_t empty[] = {3, 0};
  EXPECT_TRUE(CoalesceCopyDims(empty, read, write).empty);
}

TEST(StridedCopyTest, NegativeAndZeroStrides) {
  const std::vector<int32_t> src = {0, 1, 2, 3, 4, 5};  // [2, 3]
  std::vector<int32_t> dst(6);
  // Reverse both dims: start at the last element.
  const int64_t shape[] = {2, 3};
  const int64_t reversed[] = {-3, -1};
  const int64_t contiguous[] = {3, 1};
  StridedCopy<int32_t>(shape, src.data() + 5, reversed, dst.data(), contiguous);
  EXPECT_THAT(dst, ElementsAre(5, 4, 3, 2, 1, 0));
  // Broadcast row 0 twice.
  const int64_t broadcast[] = {0, 1};
  StridedCopy<int32_t>(shape, src.data(), broadcast, dst.data(), contiguous);
  EXPECT_THAT(dst, ElementsAre(0, 1, 2, 0, 1, 2));
}

TEST(StridedCopyTest, TiledTransposeOnThreadsMatchesLoop) {
  const int64_t rows = 67;
  const int64_t columns = 301;
  std::vector<float> src(rows * columns);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<float>(i);
  std::vector<float> expected(src.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < columns; ++c) expected[c * rows + r] = src[r * columns + c];
  pthreadpool_t pool = pthreadpool_create(3);
  for (pthreadpool_t threads : {static_cast<pthreadpool_t>(nullptr), pool}) {
    std::vector<float> dst(src.size());
    const int64_t shape[] = {columns, rows};
    const int64_t read[] = {1, columns};
    const int64_t write[] = {rows, 1};
    StridedCopy<float>(shape, src.data(), read, dst.data(), write, threads);
    EXPECT_THAT(dst, ElementsAreArray(expected));
  }
  pthreadpool_destroy(pool);
}

}  // namespace
}  // namespace tfjs::runtime::array
