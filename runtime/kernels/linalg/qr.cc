// Qr: q, r with input = q r for each matrix of a real or complex batch [..., M, N], q with
// orthonormal columns and r upper triangular, by Eigen's HouseholderQR convention (matrix_batch.h;
// r's diagonal real). full_matrices gives q [M, M] and r [M, N], else q [M, P] and r [P, N] with
// P = min(M, N). Computed in double precision; float16 is rounded once.
#include <algorithm>
#include <vector>

#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime {
namespace {

// The top-left rows x cols block of a row-major matrix with `stride` columns, appended to `out`.
template <typename T>
void AppendBlock(const std::vector<T>& matrix, int64_t stride, int64_t rows, int64_t cols,
                 std::vector<T>& out) {
  for (int64_t r = 0; r < rows; ++r) {
    out.insert(out.end(), matrix.begin() + r * stride, matrix.begin() + r * stride + cols);
  }
}

class QrKernel : public Kernel {
 public:
  explicit QrKernel(bool full_matrices) : full_matrices_(full_matrices) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    absl::StatusOr<linalg::MatrixBatch> batch = linalg::BatchOf(context.input(0), "input", false);
    if (!batch.ok()) return context.Error(batch.status().message());
    return linalg::VisitRealOrComplex(context.input(0).dtype(), [&](auto zero) {
      return Decompose<decltype(zero)>(context, *batch);
    });
  }

 private:
  template <typename T>
  absl::Status Decompose(OpContext& context, const linalg::MatrixBatch& batch) const {
    const Tensor& input = context.input(0);
    const int64_t m = batch.rows, n = batch.cols;
    const int64_t q_cols = full_matrices_ ? m : std::min(m, n);
    const std::vector<T> values = linalg::ValuesAs<T>(input);
    std::vector<T> q, r;
    for (int64_t i = 0; i < batch.count; ++i) {
      linalg::QrFactors<T> factors = linalg::FactorQr(linalg::MatrixAt(values, m, n, i), m, n);
      AppendBlock(factors.q, m, m, q_cols, q);
      AppendBlock(factors.r, n, q_cols, n, r);
    }
    Shape q_shape = input.shape();
    q_shape.back() = q_cols;
    Shape r_shape = input.shape();
    r_shape[r_shape.size() - 2] = q_cols;
    absl::StatusOr<Tensor> q_tensor = linalg::TensorFrom(input.dtype(), q_shape, q);
    if (!q_tensor.ok()) return context.Error(q_tensor.status().message());
    absl::StatusOr<Tensor> r_tensor = linalg::TensorFrom(input.dtype(), r_shape, r);
    if (!r_tensor.ok()) return context.Error(r_tensor.status().message());
    context.set_output(0, *std::move(q_tensor));
    context.set_output(1, *std::move(r_tensor));
    return absl::OkStatus();
  }

  bool full_matrices_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildQr(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  return std::make_unique<QrKernel>(attrs.count("full_matrices") && attrs.at("full_matrices").b());
}

REGISTER_KERNEL_FACTORY("Qr", BuildQr,
                        {{"T",
                          {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                           tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}}});

}  // namespace
}  // namespace tfjs::runtime
