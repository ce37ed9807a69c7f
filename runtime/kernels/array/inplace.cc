// InplaceUpdate, InplaceAdd and InplaceSub: x with rows i[k] set to, increased by or decreased
// by v[k] (in order, so a repeated row takes the last update or every increment), and Empty: a
// new tensor of a given shape (zero-filled; TF leaves its contents unspecified).
#include <complex>
#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/math/binary_functors.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime::array {
namespace {

constexpr int kX = 0;
constexpr int kI = 1;
constexpr int kV = 2;

enum class Inplace { kUpdate, kAdd, kSub };

// The checks TF's inplace ops make; the rows of x that i names.
absl::StatusOr<std::vector<int64_t>> CheckInplaceInputs(const OpContext& context) {
  const Tensor& x = context.input(kX);
  const Tensor& i = context.input(kI);
  const Tensor& v = context.input(kV);
  if (x.dtype() != v.dtype()) {
    return context.Error(absl::StrCat("x and v must have one dtype, got ", DataTypeName(x.dtype()),
                                      " and ", DataTypeName(v.dtype())));
  }
  if (x.rank() != v.rank()) {
    return context.Error(absl::StrCat("x and v shape doesn't match (ranks differ): ",
                                      ShapeString(x.shape()), " vs. ", ShapeString(v.shape())));
  }
  for (int d = 1; d < x.rank(); ++d) {
    if (x.dim(d) != v.dim(d)) {
      return context.Error(absl::StrCat("x and v shape doesn't match at index ", d, " : ",
                                        ShapeString(x.shape()), " vs. ", ShapeString(v.shape())));
    }
  }
  if (i.rank() != 1) {
    return context.Error(absl::StrCat("i must be a vector. ", ShapeString(i.shape())));
  }
  if (x.rank() == 0 || i.dim(0) != v.dim(0)) {
    return context.Error(absl::StrCat("i and x shape doesn't match: ", ShapeString(i.shape()),
                                      " vs. ", ShapeString(v.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> rows = IndexValues(context, kI, "i");
  if (!rows.ok()) return rows;
  for (int64_t row : *rows) {
    if (row < 0 || row >= x.dim(0)) {
      return context.Error(absl::StrCat("row index ", row, " is out of range [0, ", x.dim(0), ")"));
    }
  }
  return rows;
}

template <Inplace kOp>
absl::Status ComputeInplace(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<std::vector<int64_t>> rows = CheckInplaceInputs(context);
  if (!rows.ok()) return rows.status();
  const Tensor& x = context.input(kX);
  const Tensor& v = context.input(kV);
  absl::StatusOr<Tensor> output = AllocateOutput(context, x.dtype(), x.shape());
  if (!output.ok()) return output.status();
  const std::vector<int64_t> strides = RowMajorStrides(x.shape());
  if (absl::Status status = CopyTensorView(context, x.shape(), x, 0, strides, *output, 0, strides);
      !status.ok()) {
    return status;
  }
  const int64_t row_size = DimProduct(x.shape(), 1, x.rank());
  if constexpr (kOp == Inplace::kUpdate) {
    const Shape row_shape = {1, row_size};
    const int64_t row_strides[] = {row_size, 1};
    for (size_t k = 0; k < rows->size(); ++k) {
      if (absl::Status status =
              CopyTensorView(context, row_shape, v, static_cast<int64_t>(k) * row_size, row_strides,
                             *output, (*rows)[k] * row_size, row_strides);
          !status.ok()) {
        return status;
      }
    }
  } else {
    using Types = math::NumberTypes;
    if (absl::Status status = math::DispatchDataType(
            Types(), context, x.dtype(), "input 'x'",
            [&](auto type) {
              using T = decltype(type);
              T* out = output->mutable_data<T>();
              const T* in = v.data<T>();
              for (size_t k = 0; k < rows->size(); ++k) {
                T* row = out + (*rows)[k] * row_size;
                const T* update = in + k * row_size;
                for (int64_t j = 0; j < row_size; ++j) {
                  const auto a = math::Widen(row[j]);
                  const auto b = math::Widen(update[j]);
                  row[j] = math::Narrow<T>(kOp == Inplace::kAdd ? math::AddFn()(a, b)
                                                                : math::SubFn()(a, b));
                }
              }
              return absl::OkStatus();
            });
        !status.ok()) {
      return status;
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeEmpty(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  if (context.input(0).rank() != 1) {
    return context.Error(absl::StrCat("shape must be a vector of int32, got shape ",
                                      ShapeString(context.input(0).shape())));
  }
  absl::StatusOr<std::vector<int64_t>> dims = IndexValues(context, 0, "shape");
  if (!dims.ok()) return dims.status();
  auto dtype = context.node().attr().find("dtype");
  if (dtype == context.node().attr().end()) return context.Error("missing attr 'dtype'");
  Shape shape(dims->begin(), dims->end());
  for (int64_t d : shape) {
    if (d < 0) return context.Error(absl::StrCat("Dimension ", d, " must be >= 0"));
  }
  absl::StatusOr<Tensor> output = Tensor::Zeros(dtype->second.type(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("InplaceUpdate", ComputeInplace<Inplace::kUpdate>, {{"T", dtypes::PodString()}});
REGISTER_KERNEL("InplaceAdd", ComputeInplace<Inplace::kAdd>, {{"T", dtypes::Number()}});
REGISTER_KERNEL("InplaceSub", ComputeInplace<Inplace::kSub>, {{"T", dtypes::Number()}});
REGISTER_KERNEL("Empty", ComputeEmpty, {{"dtype", dtypes::PodString()}});

}  // namespace
}  // namespace tfjs::runtime::array
