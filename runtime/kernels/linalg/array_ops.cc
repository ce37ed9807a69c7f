// ConjugateTranspose (Transpose, complex elements conjugated), Cross (3-vector cross products
// along the last dim), Diag (a rank-2k tensor with `diagonal` on its diagonal) and DiagPart (its
// inverse). The copies move elements with CopyElements, so they serve every dtype alike.
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime::linalg {
namespace {

absl::Status ComputeConjugateTranspose(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& x = context.input(0);
  absl::StatusOr<std::vector<int64_t>> perm = misc::IndexValues(context.input(1), "perm");
  if (!perm.ok()) return context.Error(perm.status().message());
  const int rank = x.rank();
  if (static_cast<int>(perm->size()) != rank) {
    return context.Error(absl::StrCat("transpose expects a vector of size ", rank,
                                      ". But input(1) is a vector of size ", perm->size()));
  }
  std::vector<bool> seen(rank, false);
  Shape out_shape(rank);
  for (int i = 0; i < rank; ++i) {
    const int64_t d = (*perm)[i];
    if (d < 0 || d >= rank || seen[d]) {
      return context.Error(absl::StrCat(d, " is out of range or repeated in perm"));
    }
    seen[d] = true;
    out_shape[i] = x.dim(d);
  }
  // Input strides, permuted into output order.
  std::vector<int64_t> in_strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) in_strides[d] = in_strides[d + 1] * x.dim(d + 1);
  const int64_t count = x.num_elements();
  absl::StatusOr<Tensor> output = Tensor::Allocate(x.dtype(), out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  for (int64_t i = 0; i < count; ++i) {
    int64_t rest = i, at = 0;
    for (int d = rank - 1; d >= 0; --d) {
      at += (rest % out_shape[d]) * in_strides[(*perm)[d]];
      rest /= out_shape[d];
    }
    CopyElements(x, at, *output, i, 1);
  }
  if (x.dtype() == tensorflow::DT_COMPLEX64) {
    for (int64_t i = 0; i < count; ++i) output->mutable_data<float>()[2 * i + 1] *= -1;
  } else if (x.dtype() == tensorflow::DT_COMPLEX128) {
    for (int64_t i = 0; i < count; ++i) output->mutable_data<double>()[2 * i + 1] *= -1;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeCross(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  if (a.shape() != b.shape()) {
    return context.Error(absl::StrCat("Both inputs must be of same shape: ", ShapeString(a.shape()),
                                      " vs. ", ShapeString(b.shape())));
  }
  if (a.rank() < 1) return context.Error("Input must be at least 1D");
  if (a.dim(a.rank() - 1) != 3) {
    return context.Error(
        absl::StrCat("Argument 'a' must have 3 elements in its inner-most "
                     "dimension, but it has shape ",
                     ShapeString(a.shape())));
  }
  absl::StatusOr<Tensor> output = VisitRealComputeType(a.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const std::vector<T> u = ValuesAs<T>(a);
    const std::vector<T> v = ValuesAs<T>(b);
    std::vector<T> w(u.size());
    for (size_t i = 0; i + 2 < u.size(); i += 3) {
      w[i] = u[i + 1] * v[i + 2] - u[i + 2] * v[i + 1];
      w[i + 1] = u[i + 2] * v[i] - u[i] * v[i + 2];
      w[i + 2] = u[i] * v[i + 1] - u[i + 1] * v[i];
    }
    return TensorFrom(a.dtype(), a.shape(), w);
  });
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeDiag(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& diagonal = context.input(0);
  if (diagonal.rank() < 1) {
    return context.Error(absl::StrCat("Input must be at least rank 1, got 0"));
  }
  Shape shape = diagonal.shape();
  shape.insert(shape.end(), diagonal.shape().begin(), diagonal.shape().end());
  absl::StatusOr<Tensor> output = Tensor::Zeros(diagonal.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t n = diagonal.num_elements();
  for (int64_t i = 0; i < n; ++i) CopyElements(diagonal, i, *output, i * n + i, 1);
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeDiagPart(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const int rank = input.rank();
  if (rank == 0 || rank % 2 != 0) {
    return context.Error(absl::StrCat("The rank of the tensor should be even and positive, got ",
                                      "shape ", ShapeString(input.shape())));
  }
  const int half = rank / 2;
  for (int d = 0; d < half; ++d) {
    if (input.dim(d) != input.dim(d + half)) {
      return context.Error(absl::StrCat("Invalid shape ", ShapeString(input.shape()),
                                        ": dimensions ", d, " and ", d + half, " do not match."));
    }
  }
  const Shape shape(input.shape().begin(), input.shape().begin() + half);
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  const int64_t n = NumElements(shape);
  for (int64_t i = 0; i < n; ++i) CopyElements(input, i * n + i, *output, i, 1);
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// TF_CALL_ALL_TYPES and the float8 types, as TF's Transpose.
std::vector<DataType> TransposeTypes() {
  return dtypes::Join({dtypes::All(), {tensorflow::DT_FLOAT8_E5M2, tensorflow::DT_FLOAT8_E4M3FN}});
}

std::vector<DataType> DiagTypes() {
  return {tensorflow::DT_HALF,      tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
          tensorflow::DT_INT32,     tensorflow::DT_INT64, tensorflow::DT_COMPLEX64,
          tensorflow::DT_COMPLEX128};
}

REGISTER_KERNEL("ConjugateTranspose", ComputeConjugateTranspose,
                {{"T", TransposeTypes()}, {"Tperm", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("Cross", ComputeCross, {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("Diag", ComputeDiag, {{"T", DiagTypes()}});
REGISTER_KERNEL("DiagPart", ComputeDiagPart, {{"T", DiagTypes()}});

}  // namespace
}  // namespace tfjs::runtime::linalg
