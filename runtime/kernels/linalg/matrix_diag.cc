// MatrixDiag (a batch of diagonals to square matrices), MatrixDiagPart (the main diagonal of each
// [M, N] matrix, min(M, N) long) and MatrixSetDiag (each matrix with its main diagonal replaced),
// for every fixed-size dtype.
#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

absl::Status CheckFixedSize(const OpContext& context, const Tensor& tensor) {
  if (DataTypeSize(tensor.dtype()) == 0) {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(tensor.dtype())));
  }
  return absl::OkStatus();
}

absl::Status ComputeMatrixDiag(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& diagonal = context.input(0);
  if (diagonal.rank() < 1) return context.Error("diagonal must be at least 1-dim");
  if (absl::Status status = CheckFixedSize(context, diagonal); !status.ok()) return status;
  const int64_t n = diagonal.dim(diagonal.rank() - 1);
  Shape shape = diagonal.shape();
  shape.push_back(n);
  absl::StatusOr<Tensor> output = Tensor::Zeros(diagonal.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t size = DataTypeSize(diagonal.dtype());
  const int64_t count = n == 0 ? 0 : diagonal.num_elements() / n;
  for (int64_t b = 0; b < count; ++b) {
    for (int64_t i = 0; i < n; ++i) {
      CopyElements(diagonal, b * n + i, *output, (b * n + i) * n + i, 1);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeMatrixDiagPart(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  if (input.rank() < 2) return context.Error("input must be at least 2-dim");
  if (absl::Status status = CheckFixedSize(context, input); !status.ok()) return status;
  const int64_t rows = input.dim(input.rank() - 2);
  const int64_t cols = input.dim(input.rank() - 1);
  const int64_t n = std::min(rows, cols);
  Shape shape(input.shape().begin(), input.shape().end() - 2);
  shape.push_back(n);
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t size = DataTypeSize(input.dtype());
  const int64_t count = n == 0 ? 0 : output->num_elements() / n;
  for (int64_t b = 0; b < count; ++b) {
    for (int64_t i = 0; i < n; ++i) {
      CopyElements(input, (b * rows + i) * cols + i, *output, b * n + i, 1);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeMatrixSetDiag(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const Tensor& diagonal = context.input(1);
  if (input.rank() < 2) return context.Error("input must be at least 2-dim");
  if (absl::Status status = CheckFixedSize(context, input); !status.ok()) return status;
  const int64_t rows = input.dim(input.rank() - 2);
  const int64_t cols = input.dim(input.rank() - 1);
  const int64_t n = std::min(rows, cols);
  Shape expected(input.shape().begin(), input.shape().end() - 2);
  expected.push_back(n);
  if (diagonal.shape() != expected || diagonal.dtype() != input.dtype()) {
    return context.Error(absl::StrCat("diagonal must have shape ", ShapeString(expected),
                                      " and the input's dtype, got ",
                                      ShapeString(diagonal.shape())));
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  std::memcpy(output->mutable_data<void>(), input.raw_data(), input.byte_size());
  const int64_t size = DataTypeSize(input.dtype());
  const int64_t count = n == 0 ? 0 : diagonal.num_elements() / n;
  for (int64_t b = 0; b < count; ++b) {
    for (int64_t i = 0; i < n; ++i) {
      CopyElements(diagonal, b * n + i, *output, (b * rows + i) * cols + i, 1);
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("MatrixDiag", ComputeMatrixDiag, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("MatrixDiagPart", ComputeMatrixDiagPart, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("MatrixSetDiag", ComputeMatrixSetDiag, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("BatchMatrixDiag", ComputeMatrixDiag, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("BatchMatrixDiagPart", ComputeMatrixDiagPart, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("BatchMatrixSetDiag", ComputeMatrixSetDiag, {{"T", dtypes::Pod()}});

}  // namespace
}  // namespace tfjs::runtime
