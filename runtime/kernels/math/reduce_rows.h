// The reference loops of reductions: fold the middle dim of an [outer, reduced, inner] array
// with an associative combine, in parallel, starting from the combine's identity.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_REDUCE_ROWS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_REDUCE_ROWS_H_

#include <algorithm>
#include <cstdint>
#include <memory>

#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/math/reduction_shape.h"

namespace tfjs::runtime::math {

// Folds row[0, count) with eight interleaved accumulators, so the loop vectorizes and float
// sums round like a pairwise sum rather than a running one.
template <typename T, typename Combine>
T FoldRow(const T* row, int64_t count, T identity, const Combine& combine) {
  constexpr int kLanes = 8;
  T lanes[kLanes];
  std::fill(lanes, lanes + kLanes, identity);
  int64_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    for (int k = 0; k < kLanes; ++k) lanes[k] = combine(lanes[k], row[i + k]);
  }
  T result = identity;
  for (int k = 0; k < kLanes; ++k) result = combine(result, lanes[k]);
  for (; i < count; ++i) result = combine(result, row[i]);
  return result;
}

// out[o][j] = combine over r of in[o][r][j], for out of outer * inner elements.
template <typename T, typename Combine>
void ReduceStepInto(pthreadpool_t pool, const T* in, T* out, const ReductionStep& step, T identity,
                    const Combine& combine) {
  const int64_t outer = step.outer;
  const int64_t reduced = step.reduced;
  const int64_t inner = step.inner;
  if (inner == 1 && outer == 1 && pool != nullptr && reduced >= kMinParallelWork) {
    // One long row: fold chunks in parallel, then the chunk results.
    constexpr int64_t kChunks = 32;
    const int64_t chunk = (reduced + kChunks - 1) / kChunks;
    std::unique_ptr<T[]> partial(new T[kChunks]);
    ParallelFor(pool, kChunks, kMinParallelWork, [&](int64_t begin, int64_t end) {
      for (int64_t c = begin; c < end; ++c) {
        const int64_t first = std::min(reduced, c * chunk);
        const int64_t last = std::min(reduced, first + chunk);
        partial[c] = FoldRow(in + first, last - first, identity, combine);
      }
    });
    *out = FoldRow(partial.get(), kChunks, identity, combine);
    return;
  }
  if (inner == 1) {
    ParallelFor(pool, outer, std::max<int64_t>(reduced, 1), [&](int64_t begin, int64_t end) {
      for (int64_t o = begin; o < end; ++o) {
        out[o] = FoldRow(in + o * reduced, reduced, identity, combine);
      }
    });
    return;
  }
  // Columns: each task folds `reduced` rows into one block of an output row, lane by lane.
  constexpr int64_t kBlock = 512;
  const int64_t blocks = (inner + kBlock - 1) / kBlock;
  ParallelFor(pool, outer * blocks, std::max<int64_t>(reduced, 1) * std::min(inner, kBlock),
              [&](int64_t begin, int64_t end) {
                for (int64_t task = begin; task < end; ++task) {
                  const int64_t o = task / blocks;
                  const int64_t first = (task % blocks) * kBlock;
                  const int64_t width = std::min(kBlock, inner - first);
                  T* destination = out + o * inner + first;
                  std::fill(destination, destination + width, identity);
                  for (int64_t r = 0; r < reduced; ++r) {
                    const T* source = in + (o * reduced + r) * inner + first;
                    for (int64_t j = 0; j < width; ++j) {
                      destination[j] = combine(destination[j], source[j]);
                    }
                  }
                }
              });
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_REDUCE_ROWS_H_
