// Scattering rows and index-tuple slices into a tensor in place, and gathering them.
#include "runtime/kernels/scatter/slices.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime::scatter {
namespace {

// Calls combine(Tag<T>{}) for params' element type when kCombine takes it: Update takes every
// dtype (strings and others moved whole), the arithmetic ones TF's number types (and bool for
// Add and Sub), Min and Max the real numbers.
template <Combine kCombine, typename Fn>
absl::Status ForElementType(DataType dtype, Fn&& combine) {
  bool taken = false;
  math::DispatchTag(math::PodTypes(), dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    constexpr bool kMinMax = kCombine == Combine::kMin || kCombine == Combine::kMax;
    constexpr bool kBoolOk =
        kCombine == Combine::kUpdate || kCombine == Combine::kAdd || kCombine == Combine::kSub;
    if constexpr ((kMinMax && math::kIsComplex<T>) || (std::is_same_v<T, bool> && !kBoolOk)) {
      return;
    } else {
      combine(tag);
      taken = true;
    }
  });
  if (taken) return absl::OkStatus();
  return absl::UnimplementedError(absl::StrCat("unsupported dtype ", DataTypeName(dtype)));
}

// Applies updates[u * slice + j] to params[offsets[u] + j] for every u and j.
// Update moves elements of any dtype whole.
template <Combine kCombine>
absl::Status ApplyAll(Tensor& params, const std::vector<int64_t>& offsets, int64_t slice,
                      const Tensor& updates, bool scalar_update) {
  if constexpr (kCombine == Combine::kUpdate) {
    for (size_t u = 0; u < offsets.size(); ++u) {
      for (int64_t j = 0; j < slice; ++j) {
        CopyElements(updates, scalar_update ? 0 : u * slice + j, params, offsets[u] + j, 1);
      }
    }
    return absl::OkStatus();
  } else {
    return ForElementType<kCombine>(params.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* out = params.mutable_data<T>();
      const T* update = updates.data<T>();
      for (size_t u = 0; u < offsets.size(); ++u) {
        for (int64_t j = 0; j < slice; ++j) {
          T& slot = out[offsets[u] + j];
          slot = Apply<kCombine, T>(slot, update[scalar_update ? 0 : u * slice + j]);
        }
      }
    });
  }
}

bool HasZero(const Tensor& updates) {
  bool zero = false;
  math::DispatchTag(math::PodTypes(), updates.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (T value : updates.values<T>()) zero = zero || IsZero(value);
  });
  return zero;
}

std::string IndexString(const Shape& shape, int64_t flat) {
  std::vector<int64_t> at(shape.size());
  for (int d = static_cast<int>(shape.size()) - 1; d >= 0; --d) {
    at[d] = shape[d] == 0 ? 0 : flat % shape[d];
    flat = shape[d] == 0 ? 0 : flat / shape[d];
  }
  return absl::StrCat("[", absl::StrJoin(at, ","), "]");
}

}  // namespace

template <Combine kCombine>
absl::Status ScatterRows(Tensor& params, const Tensor& indices, const Tensor& updates,
                         bool refuse_zero_updates) {
  if (params.rank() < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("params must be at least 1-D, got shape ", ShapeString(params.shape())));
  }
  bool valid = updates.rank() == 0 || updates.rank() == indices.rank() + params.rank() - 1;
  for (int d = 0; valid && updates.rank() > 0 && d < indices.rank(); ++d) {
    valid = updates.dim(d) == indices.dim(d);
  }
  for (int d = 1; valid && updates.rank() > 0 && d < params.rank(); ++d) {
    valid = updates.dim(indices.rank() + d - 1) == params.dim(d);
  }
  if (!valid) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got "
        "updates.shape ",
        ShapeString(updates.shape()), ", indices.shape ", ShapeString(indices.shape()),
        ", params.shape ", ShapeString(params.shape())));
  }
  if (updates.dtype() != params.dtype()) {
    return absl::InvalidArgumentError("DType of scatter resource and updates does not match.");
  }
  absl::StatusOr<std::vector<int64_t>> rows = misc::IndexValues(indices, "indices");
  if (!rows.ok()) return rows.status();
  if (refuse_zero_updates && HasZero(updates)) {
    return absl::InvalidArgumentError("updates must not contain 0");
  }
  const int64_t first_dim = params.dim(0);
  const int64_t row_size = first_dim == 0 ? 0 : params.num_elements() / first_dim;
  std::vector<int64_t> offsets(rows->size());
  for (size_t i = 0; i < rows->size(); ++i) {
    if ((*rows)[i] < 0 || (*rows)[i] >= first_dim) {
      return absl::InvalidArgumentError(absl::StrCat("indices", IndexString(indices.shape(), i),
                                                     " = ", (*rows)[i], " is not in [0, ",
                                                     first_dim, ")"));
    }
    offsets[i] = (*rows)[i] * row_size;
  }
  return ApplyAll<kCombine>(params, offsets, row_size, updates, updates.rank() == 0);
}

template <Combine kCombine>
absl::Status ScatterNd(Tensor& params, const Tensor& indices, const Tensor& updates) {
  if (indices.rank() < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Indices shape must have rank at least one. Found:", ShapeString(indices.shape())));
  }
  const int depth = static_cast<int>(indices.dim(indices.rank() - 1));
  if (depth > params.rank()) {
    return absl::InvalidArgumentError(
        absl::StrCat("Index innermost dimension length must be <= params rank; saw: ", depth,
                     " vs. ", params.rank()));
  }
  Shape expected(indices.shape().begin(), indices.shape().end() - 1);
  expected.insert(expected.end(), params.shape().begin() + depth, params.shape().end());
  if (updates.shape() != expected) {
    return absl::InvalidArgumentError(absl::StrCat(
        "updates must have shape indices.shape[:-1] + params.shape[indices.shape[-1]:] = ",
        ShapeString(expected), ", got ", ShapeString(updates.shape())));
  }
  if (updates.dtype() != params.dtype()) {
    return absl::InvalidArgumentError("params and updates must have one dtype");
  }
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(indices, "indices");
  if (!values.ok()) return values.status();
  int64_t slice = 1;
  for (int d = depth; d < params.rank(); ++d) slice *= params.dim(d);
  const int64_t count = NumElements(Shape(indices.shape().begin(), indices.shape().end() - 1));
  std::vector<int64_t> offsets(count, 0);
  for (int64_t r = 0; r < count; ++r) {
    int64_t offset = 0;
    for (int k = 0; k < depth; ++k) {
      const int64_t at = (*values)[r * depth + k];
      if (at < 0 || at >= params.dim(k)) {
        std::vector<int64_t> row(values->begin() + r * depth, values->begin() + (r + 1) * depth);
        return absl::InvalidArgumentError(absl::StrCat(
            "indices", IndexString(Shape(indices.shape().begin(), indices.shape().end() - 1), r),
            " = [", absl::StrJoin(row, ", "), "] does not index into shape ",
            ShapeString(params.shape())));
      }
      offset = offset * params.dim(k) + at;
    }
    offsets[r] = offset * slice;
  }
  return ApplyAll<kCombine>(params, offsets, slice, updates, /*scalar_update=*/false);
}

absl::StatusOr<Tensor> GatherRows(const Tensor& params, const Tensor& indices, int batch_dims) {
  if (params.rank() < 1) {
    return absl::InvalidArgumentError("params must be at least 1 dimensional");
  }
  if (batch_dims < 0 || params.rank() < batch_dims + 1 || indices.rank() < batch_dims) {
    return absl::InvalidArgumentError(absl::StrCat(
        "params must have at least ", batch_dims + 1, " (batch_dims + 1) dimensions and indices ",
        batch_dims, " but they have shapes ", ShapeString(params.shape()), " and ",
        ShapeString(indices.shape())));
  }
  for (int d = 0; d < batch_dims; ++d) {
    if (params.dim(d) != indices.dim(d)) {
      return absl::InvalidArgumentError(absl::StrCat("params.shape[", d, "]: ", params.dim(d),
                                                     " should be equal to indices.shape[", d,
                                                     "]: ", indices.dim(d)));
    }
  }
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(indices, "indices");
  if (!values.ok()) return values.status();
  Shape shape(params.shape().begin(), params.shape().begin() + batch_dims);
  shape.insert(shape.end(), indices.shape().begin() + batch_dims, indices.shape().end());
  shape.insert(shape.end(), params.shape().begin() + batch_dims + 1, params.shape().end());
  int64_t batches = 1;
  for (int d = 0; d < batch_dims; ++d) batches *= params.dim(d);
  const int64_t axis_size = params.dim(batch_dims);
  int64_t inner = 1;
  for (int d = batch_dims + 1; d < params.rank(); ++d) inner *= params.dim(d);
  const int64_t per_batch = batches == 0 ? 0 : static_cast<int64_t>(values->size()) / batches;
  absl::StatusOr<Tensor> output = Tensor::Allocate(params.dtype(), shape);
  if (!output.ok()) return output.status();
  for (int64_t i = 0; i < static_cast<int64_t>(values->size()); ++i) {
    const int64_t at = (*values)[i];
    if (at < 0 || at >= axis_size) {
      return absl::InvalidArgumentError(absl::StrCat("indices", IndexString(indices.shape(), i),
                                                     " = ", at, " is not in [0, ", axis_size, ")"));
    }
    const int64_t batch = per_batch == 0 ? 0 : i / per_batch;
    const int64_t from = (batch * axis_size + at) * inner;
    for (int64_t j = 0; j < inner; ++j) CopyElements(params, from + j, *output, i * inner + j, 1);
  }
  return output;
}

absl::StatusOr<Tensor> GatherNd(const Tensor& params, const Tensor& indices) {
  if (indices.rank() < 1) {
    return absl::InvalidArgumentError(absl::StrCat("indices must be at least a vector, got shape ",
                                                   ShapeString(indices.shape())));
  }
  const int depth = static_cast<int>(indices.dim(indices.rank() - 1));
  if (depth > params.rank()) {
    return absl::InvalidArgumentError(
        absl::StrCat("index innermost dimension length must be <= params rank; saw: ", depth,
                     " vs. ", params.rank()));
  }
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(indices, "indices");
  if (!values.ok()) return values.status();
  Shape shape(indices.shape().begin(), indices.shape().end() - 1);
  const int64_t count = NumElements(shape);
  shape.insert(shape.end(), params.shape().begin() + depth, params.shape().end());
  int64_t slice = 1;
  for (int d = depth; d < params.rank(); ++d) slice *= params.dim(d);
  absl::StatusOr<Tensor> output = Tensor::Allocate(params.dtype(), shape);
  if (!output.ok()) return output.status();
  for (int64_t r = 0; r < count; ++r) {
    int64_t offset = 0;
    for (int k = 0; k < depth; ++k) {
      const int64_t at = (*values)[r * depth + k];
      if (at < 0 || at >= params.dim(k)) {
        std::vector<int64_t> row(values->begin() + r * depth, values->begin() + (r + 1) * depth);
        return absl::InvalidArgumentError(absl::StrCat(
            "indices", IndexString(Shape(indices.shape().begin(), indices.shape().end() - 1), r),
            " = [", absl::StrJoin(row, ", "), "] does not index into param shape ",
            ShapeString(params.shape())));
      }
      offset = offset * params.dim(k) + at;
    }
    for (int64_t j = 0; j < slice; ++j)
      CopyElements(params, offset * slice + j, *output, r * slice + j, 1);
  }
  return output;
}

template absl::Status ScatterRows<Combine::kUpdate>(Tensor&, const Tensor&, const Tensor&, bool);
template absl::Status ScatterRows<Combine::kAdd>(Tensor&, const Tensor&, const Tensor&, bool);
template absl::Status ScatterRows<Combine::kSub>(Tensor&, const Tensor&, const Tensor&, bool);
template absl::Status ScatterRows<Combine::kMul>(Tensor&, const Tensor&, const Tensor&, bool);
template absl::Status ScatterRows<Combine::kDiv>(Tensor&, const Tensor&, const Tensor&, bool);
template absl::Status ScatterRows<Combine::kMin>(Tensor&, const Tensor&, const Tensor&, bool);
template absl::Status ScatterRows<Combine::kMax>(Tensor&, const Tensor&, const Tensor&, bool);
template absl::Status ScatterNd<Combine::kUpdate>(Tensor&, const Tensor&, const Tensor&);
template absl::Status ScatterNd<Combine::kAdd>(Tensor&, const Tensor&, const Tensor&);
template absl::Status ScatterNd<Combine::kSub>(Tensor&, const Tensor&, const Tensor&);
template absl::Status ScatterNd<Combine::kMin>(Tensor&, const Tensor&, const Tensor&);
template absl::Status ScatterNd<Combine::kMax>(Tensor&, const Tensor&, const Tensor&);

}  // namespace tfjs::runtime::scatter
