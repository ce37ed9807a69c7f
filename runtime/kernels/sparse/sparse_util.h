// Helpers shared by the sparse and ragged kernels: reading a SparseTensor's (indices, values,
// dense_shape) inputs, dtype dispatch over every element type TF's sparse kernels take, value
// gathers, and int64 outputs.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_SPARSE_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_SPARSE_UTIL_H_

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/node_attrs.h"

namespace tfjs::runtime::sparse {

using math::BFloat16;
using math::Half;

// The node's attrs, falling back to TF's defaults from the op table.
NodeAttrs AttrsOf(const OpContext& context);

// A SparseTensor given as three inputs: indices [nnz, rank] int64, values [nnz], dense_shape
// [rank] int64.
struct SparseInput {
  const Tensor* indices = nullptr;
  const Tensor* values = nullptr;
  std::vector<int64_t> shape;
  int64_t nnz = 0;
  int rank = 0;
  const int64_t* index(int64_t n) const { return indices->data<int64_t>() + n * rank; }
};

// Reads inputs first, first + 1, first + 2 as a SparseTensor, with TF's shape checks.
absl::StatusOr<SparseInput> ReadSparse(const OpContext& context, int first);

// True when index a sorts before b (row-major order).
bool IndexLess(const int64_t* a, const int64_t* b, int rank);
// -1, 0, 1 comparing two indices in row-major order.
int CompareIndex(const int64_t* a, const int64_t* b, int rank);

// Elements order[0], order[1], ... of `values` (any dtype with a fixed size, or string).
absl::StatusOr<Tensor> Gather(const Tensor& values, absl::Span<const int64_t> order);
// The concatenation of `parts` (one dtype) as a vector.
absl::StatusOr<Tensor> ConcatVectors(absl::Span<const Tensor> parts, DataType dtype);
// An int64 tensor.
absl::StatusOr<Tensor> Int64Tensor(Shape shape, absl::Span<const int64_t> values);
// An int32 or int64 tensor.
absl::StatusOr<Tensor> IndexTensor(DataType dtype, Shape shape, absl::Span<const int64_t> values);

// Element types of TF's type lists, for REGISTER_KERNEL.
std::vector<DataType> RealNumberTypes();  // TF_CALL_REAL_NUMBER_TYPES: 12 types
std::vector<DataType> NumberTypes();      // + complex64, complex128
std::vector<DataType> PodTypes();         // + bool
std::vector<DataType> PodStringTypes();   // + string

template <typename T>
struct Tag {
  using type = T;
};

// Calls fn(Tag<T>{}) for the real number dtypes (half and bfloat16 as math::Half / BFloat16).
template <typename Fn>
bool DispatchReal(DataType dtype, Fn&& fn) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
      fn(Tag<float>{});
      return true;
    case tensorflow::DT_DOUBLE:
      fn(Tag<double>{});
      return true;
    case tensorflow::DT_HALF:
      fn(Tag<Half>{});
      return true;
    case tensorflow::DT_BFLOAT16:
      fn(Tag<BFloat16>{});
      return true;
    case tensorflow::DT_INT8:
      fn(Tag<int8_t>{});
      return true;
    case tensorflow::DT_INT16:
      fn(Tag<int16_t>{});
      return true;
    case tensorflow::DT_INT32:
      fn(Tag<int32_t>{});
      return true;
    case tensorflow::DT_INT64:
      fn(Tag<int64_t>{});
      return true;
    case tensorflow::DT_UINT8:
      fn(Tag<uint8_t>{});
      return true;
    case tensorflow::DT_UINT16:
      fn(Tag<uint16_t>{});
      return true;
    case tensorflow::DT_UINT32:
      fn(Tag<uint32_t>{});
      return true;
    case tensorflow::DT_UINT64:
      fn(Tag<uint64_t>{});
      return true;
    default:
      return false;
  }
}

// DispatchReal plus complex64 and complex128.
template <typename Fn>
bool DispatchNumber(DataType dtype, Fn&& fn) {
  switch (dtype) {
    case tensorflow::DT_COMPLEX64:
      fn(Tag<std::complex<float>>{});
      return true;
    case tensorflow::DT_COMPLEX128:
      fn(Tag<std::complex<double>>{});
      return true;
    default:
      return DispatchReal(dtype, fn);
  }
}

// The arithmetic type of an element type: float for the 16-bit floats, itself otherwise.
template <typename T>
using Arith = math::ComputeType<T>;
template <typename T>
Arith<T> Widen(T value) {
  return math::Widen<T>(value);
}
template <typename T>
T Narrow(Arith<T> value) {
  return math::Narrow<T>(value);
}

// "<op> does not support dtype X" for a dispatch that matched nothing.
absl::Status UnsupportedDtype(const OpContext& context, DataType dtype);

}  // namespace tfjs::runtime::sparse

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_SPARSE_UTIL_H_
