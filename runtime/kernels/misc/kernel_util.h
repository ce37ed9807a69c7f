// Small helpers shared by the misc kernels: dtype lists for dispatch, index tensors, shape attrs.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_KERNEL_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_KERNEL_UTIL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::misc {

// float, double and the integers (TF_CALL_REAL_NUMBER_TYPES without the 16-bit floats), for
// math::DispatchTag.
using NoHalfRealTypes = math::TypeList<float, double, int32_t, int64_t, uint8_t, int8_t, int16_t,
                                       uint16_t, uint32_t, uint64_t>;
// NoHalfRealTypes plus bool.
using NoHalfRealOrBoolTypes = math::TypeList<float, double, int32_t, int64_t, uint8_t, int8_t,
                                             int16_t, uint16_t, uint32_t, uint64_t, bool>;

// True for DT_INT32 and DT_INT64, the dtypes of index and shape tensors.
bool IsIndexType(DataType dtype);

// The values of an int32 or int64 tensor, widened; InvalidArgument naming `what` otherwise.
absl::StatusOr<std::vector<int64_t>> IndexValues(const Tensor& tensor, absl::string_view what);

// The single value of an int32 or int64 scalar (or one-element) tensor.
absl::StatusOr<int64_t> IndexScalar(const Tensor& tensor, absl::string_view what);

// An int32 or int64 tensor holding `values`.
absl::StatusOr<Tensor> IndexTensor(DataType dtype, Shape shape, absl::Span<const int64_t> values);

// A shape attr as dims (-1 = unknown); std::nullopt when the attr is absent or of unknown rank.
std::optional<std::vector<int64_t>> PartialShapeAttr(const tensorflow::NodeDef& node,
                                                     absl::string_view name);

// True when `shape` fits `partial` (same rank; equal dims where `partial` is known).
bool IsCompatibleShape(absl::Span<const int64_t> shape, absl::Span<const int64_t> partial);

// The numpy broadcast of two shapes; InvalidArgument when a pair of dims is neither equal nor 1.
absl::StatusOr<Shape> BroadcastShapes(const Shape& a, const Shape& b);

// Calls fn(output_index, a_index, b_index) for every element of `out`, the broadcast of the
// shapes `a` and `b`.
template <typename Fn>
void ForEachBroadcast(const Shape& out, const Shape& a, const Shape& b, Fn&& fn) {
  const int rank = static_cast<int>(out.size());
  // Strides of a and b over the output's dims, 0 where they broadcast.
  std::vector<int64_t> a_strides(rank, 0), b_strides(rank, 0);
  for (int64_t d = rank - 1, a_stride = 1, b_stride = 1; d >= 0; --d) {
    const int a_dim = static_cast<int>(d) - (rank - static_cast<int>(a.size()));
    const int b_dim = static_cast<int>(d) - (rank - static_cast<int>(b.size()));
    if (a_dim >= 0) {
      if (a[a_dim] != 1) a_strides[d] = a_stride;
      a_stride *= a[a_dim];
    }
    if (b_dim >= 0) {
      if (b[b_dim] != 1) b_strides[d] = b_stride;
      b_stride *= b[b_dim];
    }
  }
  const int64_t count = NumElements(out);
  std::vector<int64_t> index(rank, 0);
  int64_t a_at = 0, b_at = 0;
  for (int64_t i = 0; i < count; ++i) {
    fn(i, a_at, b_at);
    for (int d = rank - 1; d >= 0; --d) {
      a_at += a_strides[d];
      b_at += b_strides[d];
      if (++index[d] < out[d]) break;
      a_at -= a_strides[d] * index[d];
      b_at -= b_strides[d] * index[d];
      index[d] = 0;
    }
  }
}

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_KERNEL_UTIL_H_
