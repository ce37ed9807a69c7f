// SparseConcat (N SparseTensors joined along concat_dim, entries in row-major order),
// SparseSlice (the entries inside [start, start + size), reindexed from start) and SparseSplit
// (num_split slices along split_dim, the first dim % num_split one entry longer).
#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;

// Sets indices/values/shape outputs at `first`, `first + stride`, `first + 2 * stride`.
absl::Status SetSparseOutputs(OpContext& context, int first, int stride, int rank,
                              const std::vector<int64_t>& indices, Tensor values,
                              const std::vector<int64_t>& shape) {
  absl::StatusOr<Tensor> indices_out = sparse::Int64Tensor({values.num_elements(), rank}, indices);
  absl::StatusOr<Tensor> shape_out =
      sparse::Int64Tensor({static_cast<int64_t>(shape.size())}, shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(first, *std::move(indices_out));
  context.set_output(first + stride, std::move(values));
  context.set_output(first + 2 * stride, *std::move(shape_out));
  return absl::OkStatus();
}

absl::Status ComputeSparseConcat(OpContext& context) {
  const NodeAttrs attrs = sparse::AttrsOf(context);
  absl::StatusOr<int64_t> n = attrs.GetInt("N");
  absl::StatusOr<int64_t> concat_dim_attr = attrs.GetInt("concat_dim");
  if (!n.ok()) return context.Error(n.status().message());
  if (!concat_dim_attr.ok()) return context.Error(concat_dim_attr.status().message());
  if (*n < 2) return context.Error("Must have at least 2 SparseTensors to concat");
  if (context.num_inputs() != 3 * *n) {
    return context.Error(absl::StrCat("Expected ", 3 * *n, " inputs, got ", context.num_inputs()));
  }
  std::vector<SparseInput> inputs;
  for (int i = 0; i < *n; ++i) {
    // Inputs are grouped: all indices, then all values, then all shapes.
    const Tensor& indices = context.input(i);
    const Tensor& values = context.input(*n + i);
    const Tensor& shape = context.input(2 * *n + i);
    if (indices.rank() != 2 || indices.dtype() != tensorflow::DT_INT64) {
      return context.Error(absl::StrCat("Input indices should be a matrix but received shape ",
                                        ShapeString(indices.shape()), " at position ", i));
    }
    if (values.rank() != 1 || values.dim(0) != indices.dim(0)) {
      return context.Error(absl::StrCat("Input values should be a vector of ", indices.dim(0),
                                        " values but received shape ", ShapeString(values.shape()),
                                        " at position ", i));
    }
    if (shape.rank() != 1 || shape.dim(0) != indices.dim(1)) {
      return context.Error(absl::StrCat("Input shapes should be a vector of ", indices.dim(1),
                                        " dims but received shape ", ShapeString(shape.shape()),
                                        " at position ", i));
    }
    SparseInput input;
    input.indices = &indices;
    input.values = &values;
    input.nnz = indices.dim(0);
    input.rank = static_cast<int>(indices.dim(1));
    input.shape.assign(shape.values<int64_t>().begin(), shape.values<int64_t>().end());
    inputs.push_back(std::move(input));
  }
  const int rank = inputs[0].rank;
  const int64_t concat_dim = *concat_dim_attr < 0 ? *concat_dim_attr + rank : *concat_dim_attr;
  if (concat_dim < 0 || concat_dim >= rank) {
    return context.Error(absl::StrCat("Concat dimension must be in range [", -rank, ", ", rank,
                                      "), got ", *concat_dim_attr));
  }
  std::vector<int64_t> out_shape = inputs[0].shape;
  for (int i = 1; i < *n; ++i) {
    if (inputs[i].rank != rank) {
      return context.Error(absl::StrCat("Ranks of all input tensors must match: expected ", rank,
                                        " but got ", inputs[i].rank, " at position ", i));
    }
    if (inputs[i].values->dtype() != inputs[0].values->dtype()) {
      return context.Error("All input values must have one dtype");
    }
    for (int d = 0; d < rank; ++d) {
      if (d == concat_dim) continue;
      if (inputs[i].shape[d] != inputs[0].shape[d]) {
        return context.Error(absl::StrCat("Input shapes must match: expected ", inputs[0].shape[d],
                                          " for dimension ", d, " but got ", inputs[i].shape[d],
                                          " at position ", i));
      }
    }
    out_shape[concat_dim] += inputs[i].shape[concat_dim];
  }
  // Every entry with its offset index, then sorted (stably) into row-major order.
  std::vector<int64_t> shifted;
  std::vector<Tensor> parts;
  int64_t offset = 0;
  for (const SparseInput& input : inputs) {
    for (int64_t k = 0; k < input.nnz; ++k) {
      for (int d = 0; d < rank; ++d) {
        shifted.push_back(input.index(k)[d] + (d == concat_dim ? offset : 0));
      }
    }
    parts.push_back(*input.values);
    offset += input.shape[concat_dim];
  }
  absl::StatusOr<Tensor> all_values = sparse::ConcatVectors(parts, inputs[0].values->dtype());
  if (!all_values.ok()) return context.Error(all_values.status().message());
  const int64_t total = all_values->num_elements();
  std::vector<int64_t> order(total);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return sparse::IndexLess(&shifted[a * rank], &shifted[b * rank], rank);
  });
  std::vector<int64_t> indices;
  indices.reserve(shifted.size());
  for (int64_t k : order) {
    indices.insert(indices.end(), shifted.begin() + k * rank, shifted.begin() + (k + 1) * rank);
  }
  absl::StatusOr<Tensor> values = sparse::Gather(*all_values, order);
  if (!values.ok()) return context.Error(values.status().message());
  return SetSparseOutputs(context, 0, 1, rank, indices, *std::move(values), out_shape);
}

absl::Status ComputeSparseSlice(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  const Tensor& start = context.input(3);
  const Tensor& size = context.input(4);
  if (start.dtype() != tensorflow::DT_INT64 || start.rank() != 1 || start.dim(0) != input->rank) {
    return context.Error(absl::StrCat("Expected start to be an int64 vector of length ",
                                      input->rank, ", got shape ", ShapeString(start.shape())));
  }
  if (size.dtype() != tensorflow::DT_INT64 || size.rank() != 1 || size.dim(0) != input->rank) {
    return context.Error(absl::StrCat("Expected size to be an int64 vector of length ", input->rank,
                                      ", got shape ", ShapeString(size.shape())));
  }
  const int rank = input->rank;
  std::vector<int64_t> out_shape(rank);
  for (int d = 0; d < rank; ++d) {
    const int64_t from = start.data<int64_t>()[d];
    const int64_t to = std::min(from + size.data<int64_t>()[d], input->shape[d]);
    out_shape[d] = std::max<int64_t>(to - from, 0);
  }
  std::vector<int64_t> kept, indices;
  for (int64_t k = 0; k < input->nnz; ++k) {
    const int64_t* index = input->index(k);
    bool inside = true;
    for (int d = 0; d < rank && inside; ++d) {
      const int64_t from = start.data<int64_t>()[d];
      inside = index[d] >= from && index[d] < from + out_shape[d];
    }
    if (!inside) continue;
    kept.push_back(k);
    for (int d = 0; d < rank; ++d) indices.push_back(index[d] - start.data<int64_t>()[d]);
  }
  absl::StatusOr<Tensor> values = sparse::Gather(*input->values, kept);
  if (!values.ok()) return context.Error(values.status().message());
  return SetSparseOutputs(context, 0, 1, rank, indices, *std::move(values), out_shape);
}

absl::Status ComputeSparseSplit(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<int64_t> num_split = sparse::AttrsOf(context).GetInt("num_split");
  if (!num_split.ok()) return context.Error(num_split.status().message());
  const Tensor& split_dim_tensor = context.input(0);
  if (split_dim_tensor.dtype() != tensorflow::DT_INT64 || split_dim_tensor.num_elements() != 1) {
    return context.Error("split_dim must be an int64 scalar");
  }
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 1);
  if (!input.ok()) return input.status();
  const int rank = input->rank;
  int64_t split_dim = split_dim_tensor.data<int64_t>()[0];
  if (split_dim < -rank || split_dim >= rank) {
    return context.Error(absl::StrCat("Input split_dim should be between ", -rank, " and ", rank,
                                      ", got ", split_dim));
  }
  if (split_dim < 0) split_dim += rank;
  const int64_t dim_size = input->shape[split_dim];
  if (*num_split < 1 || *num_split > dim_size) {
    return context.Error(
        absl::StrCat("Input num_split should be between 1 and ", dim_size, ", got ", *num_split));
  }
  const int64_t base = dim_size / *num_split;
  const int64_t residual = dim_size % *num_split;
  // Slice s starts at Start(s) and is base (+1 for the first `residual`) long.
  auto start_of = [&](int64_t s) { return s * base + std::min(s, residual); };
  auto slice_of = [&](int64_t at) {
    return at < (base + 1) * residual ? at / (base + 1)
                                      : residual + (at - residual * (base + 1)) / base;
  };
  std::vector<std::vector<int64_t>> kept(*num_split), indices(*num_split);
  for (int64_t k = 0; k < input->nnz; ++k) {
    const int64_t* index = input->index(k);
    const int64_t s = slice_of(index[split_dim]);
    kept[s].push_back(k);
    for (int d = 0; d < rank; ++d) {
      indices[s].push_back(index[d] - (d == split_dim ? start_of(s) : 0));
    }
  }
  const int stride = static_cast<int>(*num_split);
  for (int s = 0; s < stride; ++s) {
    std::vector<int64_t> shape = input->shape;
    shape[split_dim] = base + (s < residual ? 1 : 0);
    absl::StatusOr<Tensor> values = sparse::Gather(*input->values, kept[s]);
    if (!values.ok()) return context.Error(values.status().message());
    if (absl::Status status =
            SetSparseOutputs(context, s, stride, rank, indices[s], *std::move(values), shape);
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseConcat", ComputeSparseConcat, {{"T", dtypes::All()}});
REGISTER_KERNEL("SparseSlice", ComputeSparseSlice, {{"T", dtypes::All()}});
REGISTER_KERNEL("SparseSplit", ComputeSparseSplit, {{"T", dtypes::All()}});

}  // namespace
}  // namespace tfjs::runtime
