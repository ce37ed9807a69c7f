// SparseDenseCwiseAdd/Mul/Div (each entry of a SparseTensor combined with the dense operand
// broadcast to the sparse shape), SparseTensorDenseMatMul (sparse 2-D A times dense B, with
// adjoints) and SparseMatMul (a dense MatMul whose operands TF may treat as sparse; float32 or
// bfloat16 in, float32 out).
#include <complex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/half.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;

enum class Cwise { kAdd, kMul, kDiv };

template <Cwise kOp>
absl::Status ComputeSparseDenseCwise(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  const Tensor& dense = context.input(3);
  const int rank = input->rank;
  // The dense operand broadcasts to the sparse shape, never the other way.
  bool compatible = dense.rank() <= rank;
  std::vector<int64_t> strides(rank, 0);
  int64_t stride = 1;
  for (int d = dense.rank() - 1; d >= 0 && compatible; --d) {
    const int sd = rank - dense.rank() + d;
    if (dense.dim(d) != 1 && dense.dim(d) != input->shape[sd]) compatible = false;
    if (dense.dim(d) != 1) strides[sd] = stride;
    stride *= dense.dim(d);
  }
  if (!compatible) {
    return context.Error(absl::StrCat(
        "SparseDenseBinaryOpShared broadcasts dense to sparse only; got incompatible shapes: [",
        absl::StrJoin(input->shape, ","), "] vs. ", ShapeString(dense.shape())));
  }
  if (dense.dtype() != input->values->dtype()) {
    return context.Error("sp_values and dense must have one dtype");
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(dense.dtype(), {input->nnz});
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status;
  const bool known = math::DispatchTag(math::AllNumericTypes(), dense.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    using A = math::ComputeType<T>;
    const T* values = input->values->data<T>();
    const T* other = dense.data<T>();
    T* out = output->template mutable_data<T>();
    for (int64_t k = 0; k < input->nnz && status.ok(); ++k) {
      int64_t offset = 0;
      for (int d = 0; d < rank; ++d) {
        const int64_t at = input->index(k)[d];
        if (at < 0 || at >= input->shape[d]) {
          status =
              context.Error(absl::StrCat("Provided indices are out-of-bounds w.r.t. dense "
                                         "side with broadcasted shape"));
          return;
        }
        offset += at * strides[d];
      }
      const A x = math::Widen<T>(values[k]);
      const A y = math::Widen<T>(other[offset]);
      if constexpr (kOp == Cwise::kAdd) {
        out[k] = math::Narrow<T>(x + y);
      } else if constexpr (kOp == Cwise::kMul) {
        out[k] = math::Narrow<T>(x * y);
      } else {
        if constexpr (std::is_integral_v<A>) {
          if (y == 0) {
            status = context.Error("Integer division by zero");
            return;
          }
        }
        out[k] = math::Narrow<T>(x / y);
      }
    }
  });
  if (!known) return sparse::UnsupportedDtype(context, dense.dtype());
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

template <typename A>
A Conj(A value) {
  if constexpr (std::is_same_v<A, std::complex<float>> || std::is_same_v<A, std::complex<double>>) {
    return std::conj(value);
  } else {
    return value;
  }
}

absl::Status ComputeSparseTensorDenseMatMul(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const NodeAttrs attrs = sparse::AttrsOf(context);
  absl::StatusOr<bool> adjoint_a = attrs.GetBool("adjoint_a");
  absl::StatusOr<bool> adjoint_b = attrs.GetBool("adjoint_b");
  if (!adjoint_a.ok()) return context.Error(adjoint_a.status().message());
  if (!adjoint_b.ok()) return context.Error(adjoint_b.status().message());
  const Tensor& a_indices = context.input(0);
  const Tensor& a_values = context.input(1);
  const Tensor& a_shape_tensor = context.input(2);
  const Tensor& b = context.input(3);
  if (a_indices.rank() != 2 || a_indices.dim(1) != 2) {
    return context.Error(absl::StrCat("Tensor 'a_indices' is not a matrix of 2 columns: ",
                                      ShapeString(a_indices.shape())));
  }
  if (a_values.rank() != 1 || a_values.dim(0) != a_indices.dim(0)) {
    return context.Error(
        "Number of rows of a_indices does not match number of entries in a_values");
  }
  absl::StatusOr<std::vector<int64_t>> a_shape = misc::IndexValues(a_shape_tensor, "a_shape");
  if (!a_shape.ok()) return context.Error(a_shape.status().message());
  if (a_shape->size() != 2) {
    return context.Error(absl::StrCat("Tensor 'a_shape' is not a vector of 2 elements: ",
                                      ShapeString(a_shape_tensor.shape())));
  }
  if (b.rank() != 2) {
    return context.Error(absl::StrCat("Tensor 'b' is not a matrix: ", ShapeString(b.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> indices = misc::IndexValues(a_indices, "a_indices");
  if (!indices.ok()) return context.Error(indices.status().message());
  const int64_t rows = (*a_shape)[*adjoint_a ? 1 : 0];
  const int64_t inner = (*a_shape)[*adjoint_a ? 0 : 1];
  const int64_t b_inner = b.dim(*adjoint_b ? 1 : 0);
  const int64_t cols = b.dim(*adjoint_b ? 0 : 1);
  if (inner != b_inner) {
    return context.Error(absl::StrCat(
        "Cannot multiply A and B because inner dimension does not match: ", inner, " vs. ", b_inner,
        ".  Did you forget a transpose?  Dimensions of A: [", (*a_shape)[0], ", ", (*a_shape)[1],
        ").  Dimensions of B: ", ShapeString(b.shape())));
  }
  if (a_values.dtype() != b.dtype()) return context.Error("a_values and b must have one dtype");
  absl::StatusOr<Tensor> output = Tensor::Allocate(b.dtype(), {rows, cols});
  if (!output.ok()) return context.Error(output.status().message());
  absl::Status status;
  auto multiply = [&](auto tag) {
    using T = typename decltype(tag)::type;
    using A = math::ComputeType<T>;
    std::vector<A> acc(rows * cols, A(0));
    const T* av = a_values.data<T>();
    const T* bv = b.data<T>();
    for (int64_t k = 0; k < a_values.dim(0); ++k) {
      const int64_t m = (*indices)[2 * k + (*adjoint_a ? 1 : 0)];
      const int64_t i = (*indices)[2 * k + (*adjoint_a ? 0 : 1)];
      if (m < 0 || m >= rows) {
        status = context.Error(absl::StrCat("m (", m, ") from index[", k, ",", *adjoint_a ? 1 : 0,
                                            "] out of bounds (>=", rows, ")"));
        return;
      }
      if (i < 0 || i >= inner) {
        status = context.Error(absl::StrCat("k (", i, ") from index[", k, ",", *adjoint_a ? 0 : 1,
                                            "] out of bounds (>=", inner, ")"));
        return;
      }
      const A value = *adjoint_a ? Conj(math::Widen<T>(av[k])) : math::Widen<T>(av[k]);
      for (int64_t n = 0; n < cols; ++n) {
        const A other = *adjoint_b ? Conj(math::Widen<T>(bv[n * b.dim(1) + i]))
                                   : math::Widen<T>(bv[i * cols + n]);
        acc[m * cols + n] += value * other;
      }
    }
    T* out = output->template mutable_data<T>();
    for (int64_t j = 0; j < rows * cols; ++j) out[j] = math::Narrow<T>(acc[j]);
  };
  if (!math::DispatchTag(math::TypeList<float, double, math::Half, math::BFloat16, int32_t,
                                        std::complex<float>, std::complex<double>>(),
                         b.dtype(), multiply)) {
    return sparse::UnsupportedDtype(context, b.dtype());
  }
  if (!status.ok()) return status;
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// A float32 or bfloat16 matrix as float32.
absl::StatusOr<std::vector<float>> FloatMatrix(const OpContext& context, const Tensor& tensor,
                                               const char* name) {
  if (tensor.rank() != 2) {
    return context.Error(absl::StrCat(name, " is not a matrix: ", ShapeString(tensor.shape())));
  }
  if (tensor.dtype() == tensorflow::DT_FLOAT) {
    return std::vector<float>(tensor.values<float>().begin(), tensor.values<float>().end());
  }
  if (tensor.dtype() != tensorflow::DT_BFLOAT16)
    return sparse::UnsupportedDtype(context, tensor.dtype());
  std::vector<float> out;
  for (uint16_t bits : tensor.values<uint16_t>()) out.push_back(BFloat16ToFloat(bits));
  return out;
}

absl::Status ComputeSparseMatMul(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const NodeAttrs attrs = sparse::AttrsOf(context);
  absl::StatusOr<bool> transpose_a = attrs.GetBool("transpose_a");
  absl::StatusOr<bool> transpose_b = attrs.GetBool("transpose_b");
  if (!transpose_a.ok()) return context.Error(transpose_a.status().message());
  if (!transpose_b.ok()) return context.Error(transpose_b.status().message());
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  absl::StatusOr<std::vector<float>> av = FloatMatrix(context, a, "a");
  if (!av.ok()) return av.status();
  absl::StatusOr<std::vector<float>> bv = FloatMatrix(context, b, "b");
  if (!bv.ok()) return bv.status();
  const int64_t m = a.dim(*transpose_a ? 1 : 0), k = a.dim(*transpose_a ? 0 : 1);
  const int64_t k2 = b.dim(*transpose_b ? 1 : 0), n = b.dim(*transpose_b ? 0 : 1);
  if (k != k2) {
    return context.Error(absl::StrCat("Matrix size incompatible: a: ", ShapeString(a.shape()),
                                      ", b: ", ShapeString(b.shape())));
  }
  absl::StatusOr<Tensor> output = Tensor::Zeros(tensorflow::DT_FLOAT, {m, n});
  if (!output.ok()) return context.Error(output.status().message());
  float* out = output->mutable_data<float>();
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t p = 0; p < k; ++p) {
      const float x = (*av)[*transpose_a ? p * m + i : i * k + p];
      if (x == 0) continue;
      for (int64_t j = 0; j < n; ++j) {
        out[i * n + j] += x * (*bv)[*transpose_b ? j * k + p : p * n + j];
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("SparseDenseCwiseAdd", ComputeSparseDenseCwise<Cwise::kAdd>,
                {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("SparseDenseCwiseMul", ComputeSparseDenseCwise<Cwise::kMul>,
                {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("SparseDenseCwiseDiv", ComputeSparseDenseCwise<Cwise::kDiv>,
                {{"T", dtypes::RealNumber()}});
REGISTER_KERNEL("SparseTensorDenseMatMul", ComputeSparseTensorDenseMatMul,
                {{"T",
                  {tensorflow::DT_HALF, tensorflow::DT_BFLOAT16, tensorflow::DT_FLOAT,
                   tensorflow::DT_DOUBLE, tensorflow::DT_INT32, tensorflow::DT_COMPLEX64,
                   tensorflow::DT_COMPLEX128}},
                 {"Tindices", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("SparseMatMul", ComputeSparseMatMul,
                {{"Ta", {tensorflow::DT_FLOAT, tensorflow::DT_BFLOAT16}},
                 {"Tb", {tensorflow::DT_FLOAT, tensorflow::DT_BFLOAT16}}});

}  // namespace
}  // namespace tfjs::runtime
