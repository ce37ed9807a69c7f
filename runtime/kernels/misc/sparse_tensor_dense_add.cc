// SparseTensorDenseAdd(a_indices, a_values, a_shape, b): the dense b plus the sparse tensor a
// (same shape); duplicate indices of a all add.
#include <complex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kIndices = 0;
constexpr int kValues = 1;
constexpr int kShape = 2;
constexpr int kDense = 3;

absl::Status ComputeSparseTensorDenseAdd(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& indices = context.input(kIndices);
  const Tensor& values = context.input(kValues);
  const Tensor& dense = context.input(kDense);
  absl::StatusOr<std::vector<int64_t>> shape = misc::IndexValues(context.input(kShape), "a_shape");
  if (!shape.ok()) return context.Error(shape.status().message());
  absl::StatusOr<std::vector<int64_t>> index_values = misc::IndexValues(indices, "a_indices");
  if (!index_values.ok()) return context.Error(index_values.status().message());
  if (indices.rank() != 2 || values.rank() != 1 || context.input(kShape).rank() != 1) {
    return context.Error(
        absl::StrCat("Inputs a_indices, a_values, a_shape must be a matrix, a "
                     "vector and a vector, got shapes ",
                     ShapeString(indices.shape()), ", ", ShapeString(values.shape()), ", ",
                     ShapeString(context.input(kShape).shape())));
  }
  const int64_t nnz = indices.dim(0);
  const int64_t ndims = indices.dim(1);
  if (values.dim(0) != nnz || static_cast<int64_t>(shape->size()) != ndims) {
    return context.Error("a_indices, a_values and a_shape disagree on nnz or rank");
  }
  if (Shape(shape->begin(), shape->end()) != dense.shape()) {
    return context.Error(absl::StrCat("Dimension mismatch: a_shape ", ShapeString(*shape),
                                      " vs. b.shape ", ShapeString(dense.shape())));
  }
  if (values.dtype() != dense.dtype()) return context.Error("a_values and b must have one dtype");
  std::vector<int64_t> offsets(nnz);
  for (int64_t k = 0; k < nnz; ++k) {
    int64_t offset = 0;
    for (int64_t d = 0; d < ndims; ++d) {
      const int64_t at = (*index_values)[k * ndims + d];
      if (at < 0 || at >= (*shape)[d]) {
        std::vector<int64_t> row(index_values->begin() + k * ndims,
                                 index_values->begin() + (k + 1) * ndims);
        return context.Error(absl::StrCat("Index [", absl::StrJoin(row, ","),
                                          "] is out of bounds of shape ", ShapeString(*shape)));
      }
      offset = offset * (*shape)[d] + at;
    }
    offsets[k] = offset;
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(dense.dtype(), dense.shape());
  if (!output.ok()) return context.Error(output.status().message());
  auto add = [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* in = dense.data<T>();
    T* out = output->mutable_data<T>();
    std::copy(in, in + dense.num_elements(), out);
    for (int64_t k = 0; k < nnz; ++k) {
      out[offsets[k]] = static_cast<T>(out[offsets[k]] + values.data<T>()[k]);
    }
  };
  // float16 and bfloat16 add in float32 and round once per entry.
  auto add_half = [&](float (*widen)(uint16_t), uint16_t (*narrow)(float)) {
    const uint16_t* in = dense.data<uint16_t>();
    uint16_t* out = output->mutable_data<uint16_t>();
    std::copy(in, in + dense.num_elements(), out);
    for (int64_t k = 0; k < nnz; ++k) {
      out[offsets[k]] = narrow(widen(out[offsets[k]]) + widen(values.data<uint16_t>()[k]));
    }
  };
  switch (dense.dtype()) {
    case tensorflow::DT_HALF:
      add_half(HalfToFloat, FloatToHalf);
      break;
    case tensorflow::DT_BFLOAT16:
      add_half(BFloat16ToFloat, [](float value) { return FloatToBFloat16(value); });
      break;
    case tensorflow::DT_COMPLEX64:
      add(math::Tag<std::complex<float>>{});
      break;
    case tensorflow::DT_COMPLEX128:
      add(math::Tag<std::complex<double>>{});
      break;
    default:
      if (!math::DispatchTag(misc::NoHalfRealTypes(), dense.dtype(), add)) {
        return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(dense.dtype())));
      }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseTensorDenseAdd", ComputeSparseTensorDenseAdd,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT8, tensorflow::DT_INT16,
                   tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_UINT8,
                   tensorflow::DT_UINT16, tensorflow::DT_UINT32, tensorflow::DT_UINT64,
                   tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}},
                 {"Tindices", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});

}  // namespace
}  // namespace tfjs::runtime
