// ParallelFor: splits an index range into chunks run on the kernel's pthreadpool.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_PARALLEL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_PARALLEL_H_

#include <pthreadpool.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace tfjs::runtime::math {

// Below this much work (items times cost per item) a loop runs on the calling thread: handing it
// to the pool would cost more than it saves.
inline constexpr int64_t kMinParallelWork = 1 << 16;

// Calls fn(begin, end) over disjoint chunks covering [0, count). `cost_per_item` is a rough
// relative cost (1 for an add, ~10 for an exp). `pool` may be null: one call on this thread.
template <typename Fn>
void ParallelFor(pthreadpool_t pool, int64_t count, int64_t cost_per_item, const Fn& fn) {
  if (count <= 0) return;
  const size_t threads = pool == nullptr ? 1 : pthreadpool_get_threads_count(pool);
  if (threads <= 1 || count * cost_per_item < kMinParallelWork) {
    fn(int64_t{0}, count);
    return;
  }
  // About four chunks per thread balances uneven progress; no chunk smaller than the threshold.
  const int64_t min_chunk = std::max<int64_t>(1, kMinParallelWork / cost_per_item);
  const int64_t chunk =
      std::max<int64_t>(min_chunk, (count + threads * 4 - 1) / static_cast<int64_t>(threads * 4));
  struct Task {
    const Fn* fn;
    int64_t count;
  } task{&fn, count};
  pthreadpool_parallelize_1d_tile_1d(
      pool,
      [](void* context, size_t start, size_t tile) {
        const Task& task = *static_cast<const Task*>(context);
        (*task.fn)(static_cast<int64_t>(start), static_cast<int64_t>(start + tile));
      },
      &task, static_cast<size_t>(count), static_cast<size_t>(chunk), /*flags=*/0);
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_PARALLEL_H_
