// Helpers shared by the sparse and ragged kernels: reading a SparseTensor's (indices, values,
// dense_shape) inputs, element type arithmetic, value gathers, and int64 outputs.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_SPARSE_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_SPARSE_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "runtime/kernel.h"
#include "runtime/node_attrs.h"

namespace tfjs::runtime::sparse {

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

// "<op> does not support dtype X" for a dispatch that matched nothing.
absl::Status UnsupportedDtype(const OpContext& context, DataType dtype);

}  // namespace tfjs::runtime::sparse

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_SPARSE_SPARSE_UTIL_H_
