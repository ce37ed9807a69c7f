// SparseReorder (entries into row-major order, stable), SparseAdd (two ordered SparseTensors of
// one shape merged; coinciding entries summed and kept when |sum| >= thresh) and
// SparseSparseMaximum/Minimum (the elementwise max/min of two ordered SparseTensors, absent
// entries counting as zero).
#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;

absl::Status ComputeSparseReorder(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  std::vector<int64_t> order(input->nnz);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return sparse::IndexLess(input->index(a), input->index(b), input->rank);
  });
  std::vector<int64_t> indices;
  indices.reserve(input->nnz * input->rank);
  for (int64_t n : order) {
    indices.insert(indices.end(), input->index(n), input->index(n) + input->rank);
  }
  absl::StatusOr<Tensor> indices_out = sparse::Int64Tensor(input->indices->shape(), indices);
  absl::StatusOr<Tensor> values_out = sparse::Gather(*input->values, order);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!values_out.ok()) return context.Error(values_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values_out));
  return absl::OkStatus();
}

absl::Status CheckSameShape(const OpContext& context, const SparseInput& a, const SparseInput& b) {
  if (a.shape != b.shape) {
    return context.Error(absl::StrCat("Operands' shapes do not match: A.shape = [",
                                      absl::StrJoin(a.shape, ","), "], B.shape = [",
                                      absl::StrJoin(b.shape, ","), "]"));
  }
  if (a.values->dtype() != b.values->dtype()) {
    return context.Error("Operands' values must have one dtype");
  }
  return absl::OkStatus();
}

template <typename T>
double Magnitude(T value) {
  if constexpr (std::is_unsigned_v<T>) {
    return static_cast<double>(value);
  } else {
    return static_cast<double>(std::abs(value));
  }
}

absl::Status ComputeSparseAdd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(7, 7); !status.ok()) return status;
  absl::StatusOr<SparseInput> a = sparse::ReadSparse(context, 0);
  if (!a.ok()) return a.status();
  absl::StatusOr<SparseInput> b = sparse::ReadSparse(context, 3);
  if (!b.ok()) return b.status();
  if (absl::Status status = CheckSameShape(context, *a, *b); !status.ok()) return status;
  const Tensor& thresh_tensor = context.input(6);
  if (thresh_tensor.rank() != 0) {
    return context.Error(absl::StrCat("The magnitude threshold must be a scalar: ",
                                      ShapeString(thresh_tensor.shape())));
  }
  double thresh = 0;
  if (!math::DispatchTag(math::AllNumericTypes(), thresh_tensor.dtype(), [&](auto tag) {
        using R = typename decltype(tag)::type;
        thresh = static_cast<double>(math::Widen<R>(thresh_tensor.data<R>()[0]));
      })) {
    return sparse::UnsupportedDtype(context, thresh_tensor.dtype());
  }
  const int rank = a->rank;
  std::vector<int64_t> indices;
  Tensor values_out;
  absl::Status status;
  const bool known = math::DispatchTag(math::NumberTypes(), a->values->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* av = a->values->data<T>();
    const T* bv = b->values->data<T>();
    std::vector<T> values;
    auto take = [&](const int64_t* index, T value) {
      indices.insert(indices.end(), index, index + rank);
      values.push_back(value);
    };
    int64_t i = 0, j = 0;
    while (i < a->nnz && j < b->nnz) {
      const int order = sparse::CompareIndex(a->index(i), b->index(j), rank);
      if (order < 0) {
        take(a->index(i), av[i]);
        ++i;
      } else if (order > 0) {
        take(b->index(j), bv[j]);
        ++j;
      } else {
        const T sum = math::Narrow<T>(math::Widen<T>(av[i]) + math::Widen<T>(bv[j]));
        if (thresh <= Magnitude(math::Widen<T>(sum))) take(a->index(i), sum);
        ++i;
        ++j;
      }
    }
    for (; i < a->nnz; ++i) take(a->index(i), av[i]);
    for (; j < b->nnz; ++j) take(b->index(j), bv[j]);
    absl::StatusOr<Tensor> out =
        Tensor::Allocate(a->values->dtype(), {static_cast<int64_t>(values.size())});
    if (!out.ok()) {
      status = out.status();
      return;
    }
    std::copy(values.begin(), values.end(), out->mutable_data<T>());
    values_out = *std::move(out);
  });
  if (!known) return sparse::UnsupportedDtype(context, a->values->dtype());
  if (!status.ok()) return context.Error(status.message());
  const int64_t count = values_out.num_elements();
  absl::StatusOr<Tensor> indices_out = sparse::Int64Tensor({count, rank}, indices);
  absl::StatusOr<Tensor> shape_out =
      sparse::Int64Tensor({static_cast<int64_t>(a->shape.size())}, a->shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, std::move(values_out));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

template <bool kMax>
absl::Status ComputeSparseSparseMinOrMax(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  absl::StatusOr<SparseInput> a = sparse::ReadSparse(context, 0);
  if (!a.ok()) return a.status();
  absl::StatusOr<SparseInput> b = sparse::ReadSparse(context, 3);
  if (!b.ok()) return b.status();
  if (a->rank != b->rank) {
    return context.Error(absl::StrCat("Operands do not have the same ranks; got shapes: [",
                                      absl::StrJoin(a->shape, ","), "] and [",
                                      absl::StrJoin(b->shape, ","), "]"));
  }
  if (absl::Status status = CheckSameShape(context, *a, *b); !status.ok()) return status;
  const int rank = a->rank;
  std::vector<int64_t> indices;
  Tensor values_out;
  absl::Status status;
  const bool known = math::DispatchTag(math::AllNumericTypes(), a->values->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using A = math::ComputeType<T>;
    const T* av = a->values->data<T>();
    const T* bv = b->values->data<T>();
    std::vector<T> values;
    auto take = [&](const int64_t* index, A x, A y) {
      indices.insert(indices.end(), index, index + rank);
      values.push_back(math::Narrow<T>(kMax ? (x < y ? y : x) : (y < x ? y : x)));
    };
    int64_t i = 0, j = 0;
    while (i < a->nnz || j < b->nnz) {
      const int order = i == a->nnz   ? 1
                        : j == b->nnz ? -1
                                      : sparse::CompareIndex(a->index(i), b->index(j), rank);
      if (order < 0) {
        take(a->index(i), math::Widen<T>(av[i]), A(0));
        ++i;
      } else if (order > 0) {
        take(b->index(j), A(0), math::Widen<T>(bv[j]));
        ++j;
      } else {
        take(a->index(i), math::Widen<T>(av[i]), math::Widen<T>(bv[j]));
        ++i;
        ++j;
      }
    }
    absl::StatusOr<Tensor> out =
        Tensor::Allocate(a->values->dtype(), {static_cast<int64_t>(values.size())});
    if (!out.ok()) {
      status = out.status();
      return;
    }
    std::copy(values.begin(), values.end(), out->mutable_data<T>());
    values_out = *std::move(out);
  });
  if (!known) return sparse::UnsupportedDtype(context, a->values->dtype());
  if (!status.ok()) return context.Error(status.message());
  absl::StatusOr<Tensor> indices_out =
      sparse::Int64Tensor({values_out.num_elements(), rank}, indices);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, std::move(values_out));
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseReorder", ComputeSparseReorder, {{"T", dtypes::All()}});
REGISTER_KERNEL("SparseAdd", ComputeSparseAdd,
                {{"T",
                  {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT8,
                   tensorflow::DT_INT16, tensorflow::DT_INT32, tensorflow::DT_INT64,
                   tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}},
                 {"Treal", dtypes::RealNumber()}});
REGISTER_KERNEL("SparseSparseMaximum", ComputeSparseSparseMinOrMax<true>,
                {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("SparseSparseMinimum", ComputeSparseSparseMinOrMax<false>,
                {{"T", dtypes::RealNumber()}});

}  // namespace
}  // namespace tfjs::runtime
