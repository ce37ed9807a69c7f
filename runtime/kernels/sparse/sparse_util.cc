// Helpers shared by the sparse and ragged kernels (see sparse_util.h).
#include "runtime/kernels/sparse/sparse_util.h"

#include "absl/strings/str_cat.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime::sparse {

NodeAttrs AttrsOf(const OpContext& context) {
  return NodeAttrs(context.node(), ops::FindOp(context.node().op()));
}

absl::StatusOr<SparseInput> ReadSparse(const OpContext& context, int first) {
  SparseInput input;
  input.indices = &context.input(first);
  input.values = &context.input(first + 1);
  const Tensor& shape = context.input(first + 2);
  if (input.indices->rank() != 2 || input.indices->dtype() != tensorflow::DT_INT64) {
    return context.Error(absl::StrCat("Input indices should be an int64 matrix but received shape ",
                                      ShapeString(input.indices->shape())));
  }
  if (input.values->rank() != 1) {
    return context.Error(absl::StrCat("Input values should be a vector but received shape ",
                                      ShapeString(input.values->shape())));
  }
  if (shape.rank() != 1 || shape.dtype() != tensorflow::DT_INT64) {
    return context.Error(absl::StrCat("Input shape should be an int64 vector but received shape ",
                                      ShapeString(shape.shape())));
  }
  input.nnz = input.indices->dim(0);
  input.rank = static_cast<int>(input.indices->dim(1));
  if (input.values->dim(0) != input.nnz) {
    return context.Error(absl::StrCat("Number of values (", input.values->dim(0),
                                      ") does not match the number of indices (", input.nnz, ")"));
  }
  if (shape.dim(0) != input.rank) {
    return context.Error(absl::StrCat("Input shape has ", shape.dim(0),
                                      " dims but the indices have rank ", input.rank));
  }
  input.shape.assign(shape.values<int64_t>().begin(), shape.values<int64_t>().end());
  return input;
}

int CompareIndex(const int64_t* a, const int64_t* b, int rank) {
  for (int d = 0; d < rank; ++d) {
    if (a[d] != b[d]) return a[d] < b[d] ? -1 : 1;
  }
  return 0;
}

bool IndexLess(const int64_t* a, const int64_t* b, int rank) {
  return CompareIndex(a, b, rank) < 0;
}

absl::StatusOr<Tensor> Gather(const Tensor& values, absl::Span<const int64_t> order) {
  const int64_t count = static_cast<int64_t>(order.size());
  absl::StatusOr<Tensor> out = Tensor::Allocate(values.dtype(), {count});
  if (!out.ok()) return out.status();
  for (int64_t i = 0; i < count; ++i) CopyElements(values, order[i], *out, i, 1);
  return out;
}

absl::StatusOr<Tensor> ConcatVectors(absl::Span<const Tensor> parts, DataType dtype) {
  int64_t count = 0;
  for (const Tensor& part : parts) count += part.num_elements();
  absl::StatusOr<Tensor> out = Tensor::Allocate(dtype, {count});
  if (!out.ok()) return out.status();
  int64_t at = 0;
  for (const Tensor& part : parts) {
    CopyElements(part, 0, *out, at, part.num_elements());
    at += part.num_elements();
  }
  return out;
}

absl::StatusOr<Tensor> Int64Tensor(Shape shape, absl::Span<const int64_t> values) {
  return misc::IndexTensor(tensorflow::DT_INT64, std::move(shape), values);
}

absl::StatusOr<Tensor> IndexTensor(DataType dtype, Shape shape, absl::Span<const int64_t> values) {
  return misc::IndexTensor(dtype, std::move(shape), values);
}

absl::Status UnsupportedDtype(const OpContext& context, DataType dtype) {
  return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dtype)));
}

}  // namespace tfjs::runtime::sparse
