// SparseReduceSum / SparseReduceMax (dense results) and SparseReduceSumSparse /
// SparseReduceMaxSparse (sparse results): the entries grouped by their indices in the kept dims
// and each group reduced; as TF, Max reduces only the entries present, and a position without
// entries is 0. SparseSoftmax: softmax over the entries sharing all but the last index.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;

// The reduced dims (sorted, unique) from reduction_axes; all dims when it is empty.
absl::StatusOr<std::vector<bool>> ReducedDims(const OpContext& context, const Tensor& axes,
                                              int rank) {
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(axes, "reduction_axes");
  if (!values.ok()) return context.Error(values.status().message());
  std::vector<bool> reduced(rank, values->empty());
  for (int64_t axis : *values) {
    if (axis < -rank || axis >= rank) {
      return context.Error(absl::StrCat("Invalid reduction dimension ", axis, ", for input with ",
                                        rank, " dimensions."));
    }
    reduced[axis < 0 ? axis + rank : axis] = true;
  }
  return reduced;
}

// One step of the reduction: max (NaN only when first, as Eigen's reducer) or sum.
template <bool kMax, typename A>
A Combine(A acc, A value) {
  if constexpr (kMax) {
    return value > acc ? value : acc;
  } else {
    return acc + value;
  }
}

// Max takes the real number dtypes, Sum the complex ones too.
template <bool kMax, typename Fn>
bool DispatchFor(DataType dtype, Fn&& fn) {
  if constexpr (kMax) {
    return math::DispatchTag(math::AllNumericTypes(), dtype, fn);
  } else {
    return math::DispatchTag(math::NumberTypes(), dtype, fn);
  }
}

template <bool kMax, bool kSparseOutput>
absl::Status ComputeSparseReduce(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  absl::StatusOr<bool> keep_dims = sparse::AttrsOf(context).GetBool("keep_dims");
  if (!keep_dims.ok()) return context.Error(keep_dims.status().message());
  const int rank = input->rank;
  absl::StatusOr<std::vector<bool>> reduced = ReducedDims(context, context.input(3), rank);
  if (!reduced.ok()) return reduced.status();
  std::vector<int64_t> out_shape;
  for (int d = 0; d < rank; ++d) {
    if (!(*reduced)[d]) {
      out_shape.push_back(input->shape[d]);
    } else if (*keep_dims) {
      out_shape.push_back(1);
    }
  }
  // Group key of an entry: its index with the reduced dims zeroed.
  auto key_of = [&](int64_t k) {
    std::vector<int64_t> key(input->index(k), input->index(k) + rank);
    for (int d = 0; d < rank; ++d) {
      if ((*reduced)[d]) key[d] = 0;
    }
    return key;
  };
  std::map<std::vector<int64_t>, std::vector<int64_t>> groups;
  for (int64_t k = 0; k < input->nnz; ++k) groups[key_of(k)].push_back(k);
  const DataType dtype = input->values->dtype();
  Tensor values_out;
  absl::Status status;
  auto reduce = [&](auto tag) {
    using T = typename decltype(tag)::type;
    using A = math::ComputeType<T>;
    const T* values = input->values->data<T>();
    auto reduce_group = [&](const std::vector<int64_t>& members) {
      A acc = math::Widen<T>(values[members[0]]);
      for (size_t m = 1; m < members.size(); ++m) {
        const A value = math::Widen<T>(values[members[m]]);
        acc = Combine<kMax>(acc, value);
      }
      return math::Narrow<T>(acc);
    };
    absl::StatusOr<Tensor> out =
        kSparseOutput ? Tensor::Allocate(dtype, {static_cast<int64_t>(groups.size())})
                      : Tensor::Zeros(dtype, Shape(out_shape.begin(), out_shape.end()));
    if (!out.ok()) {
      status = out.status();
      return;
    }
    T* to = out->template mutable_data<T>();
    int64_t g = 0;
    for (const auto& [key, members] : groups) {
      int64_t offset = g++;
      if (!kSparseOutput) {
        offset = 0;
        for (int d = 0; d < rank; ++d) {
          if (!(*reduced)[d]) offset = offset * input->shape[d] + key[d];
        }
      }
      to[offset] = reduce_group(members);
    }
    values_out = *std::move(out);
  };
  const bool known = DispatchFor<kMax>(dtype, reduce);
  if (!known) return sparse::UnsupportedDtype(context, dtype);
  if (!status.ok()) return context.Error(status.message());
  if (!kSparseOutput) {
    context.set_output(0, std::move(values_out));
    return absl::OkStatus();
  }
  const int out_rank = static_cast<int>(out_shape.size());
  std::vector<int64_t> indices;
  for (const auto& [key, members] : groups) {
    for (int d = 0; d < rank; ++d) {
      if (!(*reduced)[d] || *keep_dims) indices.push_back(key[d]);
    }
  }
  absl::StatusOr<Tensor> indices_out =
      sparse::Int64Tensor({static_cast<int64_t>(groups.size()), out_rank}, indices);
  absl::StatusOr<Tensor> shape_out = sparse::Int64Tensor({out_rank}, out_shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, std::move(values_out));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

absl::Status ComputeSparseSoftmax(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  if (input->rank < 2) {
    return context.Error(absl::StrCat("Input should have rank >= 2, but received shape: ",
                                      ShapeString(input->indices->shape())));
  }
  const int rank = input->rank;
  std::map<std::vector<int64_t>, std::vector<int64_t>> groups;
  for (int64_t k = 0; k < input->nnz; ++k) {
    groups[std::vector<int64_t>(input->index(k), input->index(k) + rank - 1)].push_back(k);
  }
  const DataType dtype = input->values->dtype();
  absl::StatusOr<Tensor> output = Tensor::Allocate(dtype, {input->nnz});
  if (!output.ok()) return context.Error(output.status().message());
  auto softmax = [&](auto tag) {
    using T = typename decltype(tag)::type;
    using A = math::ComputeType<T>;
    const T* in = input->values->data<T>();
    T* out = output->template mutable_data<T>();
    for (const auto& [key, members] : groups) {
      A max = math::Widen<T>(in[members[0]]);
      for (int64_t k : members) max = std::max(max, math::Widen<T>(in[k]));
      A sum = 0;
      std::vector<A> exps;
      for (int64_t k : members) {
        exps.push_back(std::exp(math::Widen<T>(in[k]) - max));
        sum += exps.back();
      }
      for (size_t m = 0; m < members.size(); ++m) {
        out[members[m]] = math::Narrow<T>(exps[m] / sum);
      }
    }
  };
  if (!math::DispatchTag(math::TypeList<float, double, math::Half>(), dtype, softmax)) {
    return sparse::UnsupportedDtype(context, dtype);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseReduceSum", (ComputeSparseReduce<false, false>), {{"T", dtypes::Number()}});
REGISTER_KERNEL("SparseReduceSumSparse", (ComputeSparseReduce<false, true>),
                {{"T", dtypes::Number()}});
REGISTER_KERNEL("SparseReduceMax", (ComputeSparseReduce<true, false>),
                {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("SparseReduceMaxSparse", (ComputeSparseReduce<true, true>),
                {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("SparseSoftmax", ComputeSparseSoftmax,
                {{"T", {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime
