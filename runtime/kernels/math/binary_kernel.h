// The shared body of broadcasting binary kernels: shape check, output allocation, and a
// parallel walk that runs a functor over contiguous runs of the broadcast inputs.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_BINARY_KERNEL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_BINARY_KERNEL_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/broadcast.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/output.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/simd_clones.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::math {

// out[i] = fn(a[i * a_stride], b[i * b_stride]) for i < count, fn computing in the compute types
// (see Widen and Narrow); strides are 0 or 1, and each of the four cases is its own loop so the
// compiler can vectorize it.
template <typename A, typename B, typename Out, typename Fn>
inline void BinaryRunLoops(const A* a, int64_t a_stride, const B* b, int64_t b_stride, Out* out,
                      int64_t count, const Fn& fn) {
  if (a_stride != 0 && b_stride != 0) {
    for (int64_t i = 0; i < count; ++i) out[i] = Narrow<Out>(fn(Widen(a[i]), Widen(b[i])));
  } else if (b_stride != 0) {
    const ComputeType<A> x = Widen(*a);
    for (int64_t i = 0; i < count; ++i) out[i] = Narrow<Out>(fn(x, Widen(b[i])));
  } else if (a_stride != 0) {
    const ComputeType<B> y = Widen(*b);
    for (int64_t i = 0; i < count; ++i) out[i] = Narrow<Out>(fn(Widen(a[i]), y));
  } else {
    const Out value = Narrow<Out>(fn(Widen(*a), Widen(*b)));
    for (int64_t i = 0; i < count; ++i) out[i] = value;
  }
}

// BinaryRunLoops compiled for the running CPU's vector width (float32 runs are the hot ones).
template <typename Fn>
TFJS_SIMD_CLONES void FloatBinaryRun(const float* a, int64_t a_stride, const float* b,
                                     int64_t b_stride, float* out, int64_t count, const Fn& fn) {
  BinaryRunLoops(a, a_stride, b, b_stride, out, count, fn);
}

// BinaryRunLoops, float32 on FloatBinaryRun.
template <typename A, typename B, typename Out, typename Fn>
inline void BinaryRun(const A* a, int64_t a_stride, const B* b, int64_t b_stride, Out* out,
                      int64_t count, const Fn& fn) {
  if constexpr (std::is_same_v<A, float> && std::is_same_v<B, float> &&
                std::is_same_v<Out, float>) {
    FloatBinaryRun(a, a_stride, b, b_stride, out, count, fn);
  } else {
    BinaryRunLoops(a, a_stride, b, b_stride, out, count, fn);
  }
}

// Shape of inputs 0 and 1 broadcast together, as an error from `context` when incompatible.
inline absl::StatusOr<Shape> BroadcastInputShapes(const OpContext& context, int a, int b) {
  absl::StatusOr<Shape> shape = BroadcastShapes(context.input(a).shape(), context.input(b).shape());
  if (!shape.ok()) return context.Error(shape.status().message());
  return shape;
}

// Rows shorter than this, broadcast against a whole input, are repeated into a tile of about
// this many elements, so one run covers many rows.
inline constexpr int64_t kTileElements = 256;

// The layout [rows, row] with one input whole and the other one row broadcast over all rows
// (e.g. an image and a per-channel constant), rows short: computes out by runs of whole tiles
// of rows, the short row repeated into a tile, and returns true. Returns false (computing
// nothing) for other layouts and for non-arithmetic element types.
template <typename A, typename B, typename Out, typename Fn>
bool BroadcastShortRows(pthreadpool_t pool, const A* a, const B* b, Out* out,
                        const BroadcastLayout& layout, int64_t cost, const Fn& fn) {
  if constexpr (!std::is_arithmetic_v<A> || !std::is_arithmetic_v<B>) {
    return false;
  } else {
    const int64_t length = layout.row_length();
    if (layout.dims().size() != 2 || length * 2 > kTileElements) return false;
    const bool a_row = layout.strides(0)[0] == 0 && layout.inner_stride(0) == 1;
    const bool b_row = layout.strides(1)[0] == 0 && layout.inner_stride(1) == 1;
    const bool a_whole = layout.strides(0)[0] == length && layout.inner_stride(0) == 1;
    const bool b_whole = layout.strides(1)[0] == length && layout.inner_stride(1) == 1;
    if (!(a_row && b_whole) && !(a_whole && b_row)) return false;
    const int64_t rows = layout.dims()[0];
    const int64_t tile_rows = kTileElements / length;
    // The short row, repeated tile_rows times (not a std::vector: vector<bool> has no data()).
    auto repeat = [&](const auto* row) {
      using T = std::remove_const_t<std::remove_pointer_t<decltype(row)>>;
      auto tile = std::make_unique<T[]>(tile_rows * length);
      for (int64_t r = 0; r < tile_rows; ++r) std::copy(row, row + length, tile.get() + r * length);
      return tile;
    };
    const std::unique_ptr<A[]> a_tile = a_row ? repeat(a) : nullptr;
    const std::unique_ptr<B[]> b_tile = b_row ? repeat(b) : nullptr;
    ParallelFor(pool, rows, cost * length, [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; row += tile_rows) {
        const int64_t elements = std::min(tile_rows, end - row) * length;
        const int64_t at = row * length;
        if (a_row) {
          BinaryRun(a_tile.get(), 1, b + at, 1, out + at, elements, fn);
        } else {
          BinaryRun(a + at, 1, b_tile.get(), 1, out + at, elements, fn);
        }
      }
    });
    return true;
  }
}

// out = fn(a, b) elementwise (in the compute types), a and b broadcast to `out_shape` (already
// checked). `cost` is fn's rough cost per element (see ParallelFor).
template <typename A, typename B, typename Out, typename Fn>
void BroadcastBinary(pthreadpool_t pool, const A* a, absl::Span<const int64_t> a_shape, const B* b,
                     absl::Span<const int64_t> b_shape, Out* out,
                     absl::Span<const int64_t> out_shape, int64_t cost, const Fn& fn) {
  const int64_t count = NumElements(out_shape);
  if (count <= 0) return;
  const BroadcastLayout layout({a_shape, b_shape}, out_shape);
  if (BroadcastShortRows(pool, a, b, out, layout, cost, fn)) return;
  ParallelFor(pool, count, cost, [&](int64_t begin, int64_t end) {
    layout.ForEachRun(begin, end, [&](int64_t position, int64_t length, const int64_t* at) {
      BinaryRun(a + at[0], layout.inner_stride(0), b + at[1], layout.inner_stride(1),
                out + position, length, fn);
    });
  });
}

// Output 0 = fn(input 0, input 1) elementwise with broadcasting; the inputs hold A and B, the
// output Out, and fn computes in their compute types.
template <typename A, typename B, typename Out, typename Fn>
absl::Status ComputeBroadcastBinary(OpContext& context, int64_t cost, const Fn& fn) {
  absl::StatusOr<Shape> shape = BroadcastInputShapes(context, 0, 1);
  if (!shape.ok()) return shape.status();
  absl::StatusOr<Tensor> output = ReuseOrAllocate(context, {0, 1}, DataTypeOf<Out>::value, *shape);
  if (!output.ok()) return output.status();
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  BroadcastBinary(context.threadpool(), a.data<A>(), a.shape(), b.data<B>(), b.shape(),
                  output->mutable_data<Out>(), *shape, cost, fn);
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Fails unless inputs `a` and `b` have the same dtype.
inline absl::Status CheckSameDataType(const OpContext& context, int a, int b) {
  const DataType a_type = context.input(a).dtype();
  const DataType b_type = context.input(b).dtype();
  if (a_type == b_type) return absl::OkStatus();
  return context.Error(absl::StrCat("inputs ", a, " and ", b, " must have the same dtype, got ",
                                    DataTypeName(a_type), " and ", DataTypeName(b_type)));
}

}  // namespace tfjs::runtime::math

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_BINARY_KERNEL_H_
