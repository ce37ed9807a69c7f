// StridedCopy: the one loop behind the layout kernels. Element i (a multi-index
// over `shape`) moves from src[sum(i * src_strides)] to dst[sum(i *
// dst_strides)]; strides are in elements and may be zero (broadcast) or
// negative (reverse). Slice, StridedSlice, Transpose, Tile, BroadcastTo,
// Concat, Split, Pad and the space/batch/depth shuffles are all views this
// copies.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_COPY_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_COPY_H_

#include <pthreadpool.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::array {

// A copy with size-1 dims dropped and neighbouring dims merged wherever both
// sides are contiguous across them. An empty `shape` copies one element;
// `empty` means nothing to copy.
struct CopyDims {
  std::vector<int64_t> shape;
  std::vector<int64_t> src_strides;
  std::vector<int64_t> dst_strides;
  bool empty = false;
};
CopyDims CoalesceCopyDims(absl::Span<const int64_t> shape, absl::Span<const int64_t> src_strides,
                          absl::Span<const int64_t> dst_strides);

namespace internal {

// Square tile edge for copies whose last two dims swap contiguity (a
// transpose).
inline constexpr int64_t kTransposeTile = 16;

// True when the last two dims are read column-wise and written row-wise (a
// transpose).
inline bool IsTransposeTail(const CopyDims& dims) {
  const size_t rank = dims.shape.size();
  return rank >= 2 && dims.dst_strides[rank - 1] == 1 && dims.src_strides[rank - 2] == 1 &&
         dims.src_strides[rank - 1] != 1;
}

template <typename T>
void CopyRow(int64_t count, const T* src, int64_t src_stride, T* dst, int64_t dst_stride) {
  if (src_stride == 1 && dst_stride == 1) {
    std::copy_n(src, count, dst);
  } else if (src_stride == 0 && dst_stride == 1) {
    std::fill_n(dst, count, *src);
  } else {
    for (int64_t i = 0; i < count; ++i) dst[i * dst_stride] = src[i * src_stride];
  }
}

// Copies indices [begin, end) of dim `dim` and everything below it.
template <typename T>
void CopyRange(const CopyDims& dims, size_t dim, int64_t begin, int64_t end, const T* src, T* dst) {
  const size_t rank = dims.shape.size();
  const int64_t src_stride = dims.src_strides[dim];
  const int64_t dst_stride = dims.dst_strides[dim];
  src += begin * src_stride;
  dst += begin * dst_stride;
  if (dim == rank - 1) {
    CopyRow(end - begin, src, src_stride, dst, dst_stride);
    return;
  }
  if (dim == rank - 2 && IsTransposeTail(dims)) {
    const int64_t columns = dims.shape[rank - 1];
    const int64_t column_src_stride = dims.src_strides[rank - 1];
    for (int64_t row0 = 0; row0 < end - begin; row0 += kTransposeTile) {
      const int64_t row_end = std::min(end - begin, row0 + kTransposeTile);
      for (int64_t column0 = 0; column0 < columns; column0 += kTransposeTile) {
        const int64_t column_end = std::min(columns, column0 + kTransposeTile);
        for (int64_t row = row0; row < row_end; ++row) {
          for (int64_t column = column0; column < column_end; ++column) {
            dst[row * dst_stride + column] = src[row + column * column_src_stride];
          }
        }
      }
    }
    return;
  }
  for (int64_t i = 0; i < end - begin; ++i) {
    CopyRange(dims, dim + 1, 0, dims.shape[dim + 1], src + i * src_stride, dst + i * dst_stride);
  }
}

template <typename T>
struct ParallelCopy {
  const CopyDims* dims;
  const T* src;
  T* dst;

  static void Run(void* context, size_t start, size_t count) {
    const auto* copy = static_cast<const ParallelCopy*>(context);
    CopyRange(*copy->dims, 0, static_cast<int64_t>(start), static_cast<int64_t>(start + count),
              copy->src, copy->dst);
  }
};

// Copies smaller than this many bytes stay on the calling thread.
inline constexpr int64_t kParallelCopyBytes = 1 << 16;

}  // namespace internal

template <typename T>
void StridedCopy(absl::Span<const int64_t> shape, const T* src,
                 absl::Span<const int64_t> src_strides, T* dst,
                 absl::Span<const int64_t> dst_strides, pthreadpool_t threadpool = nullptr) {
  const CopyDims dims = CoalesceCopyDims(shape, src_strides, dst_strides);
  if (dims.empty) return;
  if (dims.shape.empty()) {
    *dst = *src;
    return;
  }
  int64_t count = 1;
  for (int64_t dim : dims.shape) count *= dim;
  const size_t threads = threadpool == nullptr ? 1 : pthreadpool_get_threads_count(threadpool);
  if (threads <= 1 || count * static_cast<int64_t>(sizeof(T)) < internal::kParallelCopyBytes) {
    internal::CopyRange(dims, 0, 0, dims.shape[0], src, dst);
    return;
  }
  size_t tile = std::max<size_t>(1, dims.shape[0] / (4 * threads));
  if (dims.shape.size() == 2 && internal::IsTransposeTail(dims)) {
    const size_t edge = internal::kTransposeTile;
    tile = (tile + edge - 1) / edge * edge;
  }
  internal::ParallelCopy<T> copy{&dims, src, dst};
  pthreadpool_parallelize_1d_tile_1d(threadpool, &internal::ParallelCopy<T>::Run, &copy,
                                     dims.shape[0], tile, 0);
}

// StridedCopy between two tensors of one dtype (any, strings included); offsets are in elements.
// Uses the context's threadpool for large copies.
absl::Status CopyTensorView(const OpContext& context, absl::Span<const int64_t> shape,
                            const Tensor& src, int64_t src_offset,
                            absl::Span<const int64_t> src_strides, Tensor& dst, int64_t dst_offset,
                            absl::Span<const int64_t> dst_strides);

}  // namespace tfjs::runtime::array

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_STRIDED_COPY_H_
