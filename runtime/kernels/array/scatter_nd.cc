// ScatterNd: a zero tensor of `shape` with `updates` added at the slices `indices` address
// (duplicates accumulate: numbers add, bools or, strings concatenate in update order, as TF's +=).
#include <algorithm>
#include <complex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kIndices = 0;
constexpr int kUpdates = 1;
constexpr int kShape = 2;

void OrSlices(const Tensor& updates, absl::Span<const int64_t> offsets, int64_t slice_size,
              Tensor& output) {
  const bool* src = updates.data<bool>();
  bool* dst = output.mutable_data<bool>();
  for (size_t n = 0; n < offsets.size(); ++n) {
    for (int64_t i = 0; i < slice_size; ++i) dst[offsets[n] + i] |= src[n * slice_size + i];
  }
}

void ConcatenateSlices(const Tensor& updates, absl::Span<const int64_t> offsets, int64_t slice_size,
                       Tensor& output) {
  const std::vector<std::string>& src = updates.strings();
  std::vector<std::string>& dst = output.mutable_strings();
  for (size_t n = 0; n < offsets.size(); ++n) {
    for (int64_t i = 0; i < slice_size; ++i) dst[offsets[n] + i] += src[n * slice_size + i];
  }
}

template <typename T>
void AddSlices(const Tensor& updates, absl::Span<const int64_t> offsets, int64_t slice_size,
               Tensor& output) {
  const T* src = updates.data<T>();
  T* dst = output.mutable_data<T>();
  for (size_t n = 0; n < offsets.size(); ++n) {
    for (int64_t i = 0; i < slice_size; ++i) {
      T& to = dst[offsets[n] + i];
      to = math::Narrow<T>(math::AddFn()(math::Widen(to), math::Widen(src[n * slice_size + i])));
    }
  }
}

absl::Status ComputeScatterNd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& indices = context.input(kIndices);
  const Tensor& updates = context.input(kUpdates);
  absl::StatusOr<std::vector<int64_t>> shape_values = IndexVector(context, kShape, "shape");
  if (!shape_values.ok()) return shape_values.status();
  const Shape shape(shape_values->begin(), shape_values->end());
  for (int64_t dim : shape) {
    if (dim < 0) {
      return context.Error(absl::StrCat("shape ", ShapeString(shape), " has a negative dim"));
    }
  }
  if (!IsIndexType(indices.dtype())) {
    return context.Error(
        absl::StrCat("indices must be int32 or int64, got ", DataTypeName(indices.dtype())));
  }
  if (indices.rank() < 1) {
    return context.Error(absl::StrCat("Indices shape must have rank at least one. Found:",
                                      ShapeString(indices.shape())));
  }
  if (shape.empty()) return context.Error("Output must be at least 1-D");
  const int depth = static_cast<int>(indices.dim(indices.rank() - 1));
  if (depth > static_cast<int>(shape.size())) {
    return context.Error(absl::StrCat("Output must have rank at least ", depth,
                                      " (the innermost dim of indices), got shape ",
                                      ShapeString(shape)));
  }
  // updates.shape must be indices.shape[:-1] + shape[depth:].
  Shape expected(indices.shape().begin(), indices.shape().end() - 1);
  expected.insert(expected.end(), shape.begin() + depth, shape.end());
  if (updates.shape() != expected) {
    return context.Error(absl::StrCat("updates must have shape ", ShapeString(expected),
                                      " (indices.shape[:-1] + shape[", depth, ":]), got ",
                                      ShapeString(updates.shape())));
  }
  if (NumElements(shape) == 0 && indices.num_elements() > 0 && updates.num_elements() > 0) {
    return context.Error("Indices and updates specified for empty output shape");
  }
  // One slice per index vector; with depth 0 each addresses the whole output.
  const int64_t num_slices = DimProduct(indices.shape(), 0, indices.rank() - 1);
  const int64_t slice_size = DimProduct(shape, depth, static_cast<int>(shape.size()));
  const std::vector<int64_t> strides = RowMajorStrides(shape);
  std::vector<int64_t> offsets(num_slices, 0);
  for (int64_t n = 0; n < num_slices; ++n) {
    int64_t offset = 0;
    for (int k = 0; k < depth; ++k) {
      const int64_t index = IndexAt(indices, n * depth + k);
      if (index < 0 || index >= shape[k]) {
        std::vector<int64_t> position;
        for (int j = 0; j < depth; ++j) position.push_back(IndexAt(indices, n * depth + j));
        return context.Error(absl::StrCat("indices[", n, "] = [", absl::StrJoin(position, ", "),
                                          "] does not index into shape ", ShapeString(shape)));
      }
      offset += index * strides[k];
    }
    offsets[n] = offset;
  }
  absl::StatusOr<Tensor> output = Tensor::Zeros(updates.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  // Duplicate indices add up (integers wrap; 16-bit floats round after every add).
  if (updates.dtype() == tensorflow::DT_BOOL) {
    OrSlices(updates, offsets, slice_size, *output);
  } else if (updates.dtype() == tensorflow::DT_STRING) {
    ConcatenateSlices(updates, offsets, slice_size, *output);
  } else if (absl::Status status = math::DispatchDataType(
                 math::NumberTypes(), context, updates.dtype(), "input 'updates'",
                 [&](auto type) {
                   using T = decltype(type);
                   AddSlices<T>(updates, offsets, slice_size, *output);
                   return absl::OkStatus();
                 });
             !status.ok()) {
    return status;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("ScatterNd", ComputeScatterNd,
                {{"T", dtypes::PodString()},
                 {"Tindices", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime::array
