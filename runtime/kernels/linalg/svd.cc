// Svd: s, u, v with input = u diag(s) v^T for each matrix of a float32/float64 batch
// [..., M, N], singular values descending. full_matrices gives u [M, M] and v [N, N], else the
// leading P = min(M, N) columns; without compute_uv, u and v are (unused) scalars, as TF
// allocates them. Computed by one-sided Jacobi rotations in double precision.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/matrix_batch.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime {
namespace {

constexpr int kMaxSweeps = 80;

// The SVD of one row-major rows x cols matrix with rows >= cols: u (rows x u_cols) and
// v (cols x cols), both row-major.
struct TallSvd {
  std::vector<double> singular_values;
  std::vector<double> u;
  std::vector<double> v;
};

// Rotates columns p and q of a (rows x cols) until they are orthogonal, for every pair, sweep
// after sweep; v accumulates the rotations.
void OrthogonalizeColumns(std::vector<double>& a, int64_t rows, int64_t cols,
                          std::vector<double>& v) {
  const double tolerance = std::numeric_limits<double>::epsilon();
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    bool rotated = false;
    for (int64_t p = 0; p + 1 < cols; ++p) {
      for (int64_t q = p + 1; q < cols; ++q) {
        double alpha = 0, beta = 0, gamma = 0;
        for (int64_t r = 0; r < rows; ++r) {
          const double x = a[r * cols + p], y = a[r * cols + q];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma == 0 || std::fabs(gamma) <= tolerance * std::sqrt(alpha * beta)) continue;
        rotated = true;
        const double zeta = (beta - alpha) / (2 * gamma);
        const double t = (zeta >= 0 ? 1.0 : -1.0) / (std::fabs(zeta) + std::hypot(1.0, zeta));
        const double c = 1 / std::sqrt(1 + t * t);
        const double s = c * t;
        auto rotate = [&](std::vector<double>& m, int64_t count, int64_t stride) {
          for (int64_t r = 0; r < count; ++r) {
            const double x = m[r * stride + p], y = m[r * stride + q];
            m[r * stride + p] = c * x - s * y;
            m[r * stride + q] = s * x + c * y;
          }
        };
        rotate(a, rows, cols);
        rotate(v, cols, cols);
      }
    }
    if (!rotated) break;
  }
}

// Fills columns [first, count) of the row-major (rows x count) q with unit vectors orthogonal
// to all columns before them, by Gram-Schmidt on the standard basis.
void CompleteOrthonormalColumns(std::vector<double>& q, int64_t rows, int64_t count,
                                int64_t first) {
  int64_t next_basis = 0;
  for (int64_t column = first; column < count; ++column) {
    while (next_basis < rows) {
      std::vector<double> candidate(rows, 0.0);
      candidate[next_basis++] = 1.0;
      // Twice, for numerical orthogonality.
      for (int pass = 0; pass < 2; ++pass) {
        for (int64_t k = 0; k < column; ++k) {
          double dot = 0;
          for (int64_t r = 0; r < rows; ++r) dot += q[r * count + k] * candidate[r];
          for (int64_t r = 0; r < rows; ++r) candidate[r] -= dot * q[r * count + k];
        }
      }
      double norm = 0;
      for (double x : candidate) norm += x * x;
      norm = std::sqrt(norm);
      if (norm < 1e-8) continue;  // in the span already
      for (int64_t r = 0; r < rows; ++r) q[r * count + column] = candidate[r] / norm;
      break;
    }
  }
}

TallSvd DecomposeTall(std::vector<double> a, int64_t rows, int64_t cols, int64_t u_cols) {
  std::vector<double> v_work(cols * cols, 0.0);
  for (int64_t i = 0; i < cols; ++i) v_work[i * cols + i] = 1.0;
  OrthogonalizeColumns(a, rows, cols, v_work);
  std::vector<double> norms(cols, 0.0);
  for (int64_t c = 0; c < cols; ++c) {
    for (int64_t r = 0; r < rows; ++r) norms[c] += a[r * cols + c] * a[r * cols + c];
    norms[c] = std::sqrt(norms[c]);
  }
  std::vector<int64_t> order(cols);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t x, int64_t y) { return norms[x] > norms[y]; });
  TallSvd svd;
  svd.singular_values.resize(cols);
  svd.u.assign(rows * u_cols, 0.0);
  svd.v.assign(cols * cols, 0.0);
  // Columns of u for singular values this far below the largest are left to the completion.
  const double cutoff =
      (cols > 0 ? norms[order[0]] : 0) * rows * std::numeric_limits<double>::epsilon();
  int64_t defined_columns = 0;
  for (int64_t k = 0; k < cols; ++k) {
    const int64_t from = order[k];
    svd.singular_values[k] = norms[from];
    for (int64_t r = 0; r < cols; ++r) svd.v[r * cols + k] = v_work[r * cols + from];
    if (norms[from] > cutoff && norms[from] > 0 && defined_columns == k) {
      for (int64_t r = 0; r < rows; ++r) svd.u[r * u_cols + k] = a[r * cols + from] / norms[from];
      ++defined_columns;
    }
  }
  CompleteOrthonormalColumns(svd.u, rows, u_cols, defined_columns);
  return svd;
}

class SvdKernel : public Kernel {
 public:
  SvdKernel(bool compute_uv, bool full_matrices)
      : compute_uv_(compute_uv), full_matrices_(full_matrices) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& input = context.input(0);
    absl::StatusOr<linalg::MatrixBatch> batch = linalg::FloatBatchOf(input, "input", false);
    if (!batch.ok()) return context.Error(batch.status().message());
    const int64_t m = batch->rows, n = batch->cols, p = std::min(m, n);
    const int64_t u_cols = full_matrices_ ? m : p;
    const int64_t v_cols = full_matrices_ ? n : p;
    Shape batch_shape(input.shape().begin(), input.shape().end() - 2);
    auto with = [&](std::initializer_list<int64_t> dims) {
      Shape shape = batch_shape;
      shape.insert(shape.end(), dims);
      return shape;
    };
    absl::StatusOr<Tensor> s = Tensor::Allocate(input.dtype(), with({p}));
    absl::StatusOr<Tensor> u = compute_uv_ ? Tensor::Allocate(input.dtype(), with({m, u_cols}))
                                           : Tensor::Zeros(input.dtype(), {});
    absl::StatusOr<Tensor> v = compute_uv_ ? Tensor::Allocate(input.dtype(), with({n, v_cols}))
                                           : Tensor::Zeros(input.dtype(), {});
    for (const absl::StatusOr<Tensor>* output : {&s, &u, &v}) {
      if (!output->ok()) return context.Error(output->status().message());
    }
    for (int64_t i = 0; i < batch->count; ++i) {
      std::vector<double> matrix = linalg::ReadMatrix(input, *batch, i);
      std::vector<double> singular_values, u_values, v_values;
      if (!std::all_of(matrix.begin(), matrix.end(), [](double x) { return std::isfinite(x); })) {
        // TF's Eigen SVD fails on non-finite input and fills every output with NaN.
        const double nan = std::numeric_limits<double>::quiet_NaN();
        singular_values.assign(p, nan);
        u_values.assign(m * u_cols, nan);
        v_values.assign(n * v_cols, nan);
      } else if (m >= n) {
        TallSvd svd = DecomposeTall(std::move(matrix), m, n, u_cols);
        singular_values = std::move(svd.singular_values);
        u_values = std::move(svd.u);
        v_values = TakeColumns(svd.v, n, n, v_cols);
      } else {
        // A = U S V^T  <=>  A^T = V S U^T.
        TallSvd svd = DecomposeTall(linalg::Transposed(matrix, m, n), n, m, v_cols);
        singular_values = std::move(svd.singular_values);
        v_values = std::move(svd.u);
        u_values = TakeColumns(svd.v, m, m, u_cols);
      }
      linalg::WriteMatrix(singular_values, {batch->count, 1, p}, i, *s);
      if (compute_uv_) {
        linalg::WriteMatrix(u_values, {batch->count, m, u_cols}, i, *u);
        linalg::WriteMatrix(v_values, {batch->count, n, v_cols}, i, *v);
      }
    }
    context.set_output(0, *std::move(s));
    context.set_output(1, *std::move(u));
    context.set_output(2, *std::move(v));
    return absl::OkStatus();
  }

 private:
  // The first `count` columns of a row-major rows x cols matrix.
  static std::vector<double> TakeColumns(const std::vector<double>& matrix, int64_t rows,
                                         int64_t cols, int64_t count) {
    std::vector<double> out(rows * count);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < count; ++c) out[r * count + c] = matrix[r * cols + c];
    }
    return out;
  }

  bool compute_uv_;
  bool full_matrices_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildSvd(const KernelBuildContext& context) {
  const auto& attrs = context.node.attr();
  const bool compute_uv = !attrs.count("compute_uv") || attrs.at("compute_uv").b();
  const bool full_matrices = attrs.count("full_matrices") && attrs.at("full_matrices").b();
  return std::make_unique<SvdKernel>(compute_uv, full_matrices);
}

REGISTER_KERNEL_FACTORY("Svd", BuildSvd);
REGISTER_KERNEL_FACTORY("BatchSvd", BuildSvd,
                        {{"T", {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}}});

}  // namespace
}  // namespace tfjs::runtime
