// Svd: s, u, v with input = u diag(s) v^H for each matrix of a real or complex batch
// [..., M, N], singular values descending (stored in the input's dtype). full_matrices gives
// u [M, M] and v [N, N], else the leading P = min(M, N) columns; without compute_uv, u and v are
// (unused) scalars, as TF allocates them. Computed by one-sided Jacobi rotations in double
// precision.
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

using linalg::AbsSquared;
using linalg::Conj;

constexpr int kMaxSweeps = 80;

// The SVD of one row-major rows x cols matrix with rows >= cols: u (rows x u_cols) and
// v (cols x cols), both row-major.
template <typename T>
struct TallSvd {
  std::vector<double> singular_values;
  std::vector<T> u;
  std::vector<T> v;
};

// Rotates columns p and q of a (rows x cols) until they are orthogonal, for every pair, sweep
// after sweep; v accumulates the rotations. For complex columns, column q is first turned by the
// phase of <a_p, a_q>, which makes their inner product real.
template <typename T>
void OrthogonalizeColumns(std::vector<T>& a, int64_t rows, int64_t cols, std::vector<T>& v) {
  const double tolerance = std::numeric_limits<double>::epsilon();
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    bool rotated = false;
    for (int64_t p = 0; p + 1 < cols; ++p) {
      for (int64_t q = p + 1; q < cols; ++q) {
        double alpha = 0, beta = 0;
        T gamma = 0;
        for (int64_t r = 0; r < rows; ++r) {
          const T x = a[r * cols + p], y = a[r * cols + q];
          alpha += AbsSquared(x);
          beta += AbsSquared(y);
          gamma += Conj(x) * y;
        }
        const double magnitude = std::abs(gamma);
        if (magnitude == 0 || magnitude <= tolerance * std::sqrt(alpha * beta)) continue;
        rotated = true;
        const T phase = Conj(gamma / magnitude);
        const double zeta = (beta - alpha) / (2 * magnitude);
        const double t = (zeta >= 0 ? 1.0 : -1.0) / (std::fabs(zeta) + std::hypot(1.0, zeta));
        const double c = 1 / std::sqrt(1 + t * t);
        const double s = c * t;
        auto rotate = [&](std::vector<T>& m, int64_t count, int64_t stride) {
          for (int64_t r = 0; r < count; ++r) {
            const T x = m[r * stride + p], y = m[r * stride + q] * phase;
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
template <typename T>
void CompleteOrthonormalColumns(std::vector<T>& q, int64_t rows, int64_t count, int64_t first) {
  int64_t next_basis = 0;
  for (int64_t column = first; column < count; ++column) {
    while (next_basis < rows) {
      std::vector<T> candidate(rows, T(0));
      candidate[next_basis++] = 1.0;
      // Twice, for numerical orthogonality.
      for (int pass = 0; pass < 2; ++pass) {
        for (int64_t k = 0; k < column; ++k) {
          T dot = 0;
          for (int64_t r = 0; r < rows; ++r) dot += Conj(q[r * count + k]) * candidate[r];
          for (int64_t r = 0; r < rows; ++r) candidate[r] -= dot * q[r * count + k];
        }
      }
      double norm = 0;
      for (const T& x : candidate) norm += AbsSquared(x);
      norm = std::sqrt(norm);
      if (norm < 1e-8) continue;  // in the span already
      for (int64_t r = 0; r < rows; ++r) q[r * count + column] = candidate[r] / norm;
      break;
    }
  }
}

template <typename T>
TallSvd<T> DecomposeTall(std::vector<T> a, int64_t rows, int64_t cols, int64_t u_cols) {
  std::vector<T> v_work(cols * cols, T(0));
  for (int64_t i = 0; i < cols; ++i) v_work[i * cols + i] = 1.0;
  OrthogonalizeColumns(a, rows, cols, v_work);
  std::vector<double> norms(cols, 0.0);
  for (int64_t c = 0; c < cols; ++c) {
    for (int64_t r = 0; r < rows; ++r) norms[c] += AbsSquared(a[r * cols + c]);
    norms[c] = std::sqrt(norms[c]);
  }
  std::vector<int64_t> order(cols);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t x, int64_t y) { return norms[x] > norms[y]; });
  TallSvd<T> svd;
  svd.singular_values.resize(cols);
  svd.u.assign(rows * u_cols, T(0));
  svd.v.assign(cols * cols, T(0));
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

// The first `count` columns of a row-major rows x cols matrix.
template <typename T>
std::vector<T> TakeColumns(const std::vector<T>& matrix, int64_t rows, int64_t cols,
                           int64_t count) {
  std::vector<T> out(rows * count);
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < count; ++c) out[r * count + c] = matrix[r * cols + c];
  }
  return out;
}

class SvdKernel : public Kernel {
 public:
  SvdKernel(bool compute_uv, bool full_matrices)
      : compute_uv_(compute_uv), full_matrices_(full_matrices) {}

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
    const int64_t m = batch.rows, n = batch.cols, p = std::min(m, n);
    const int64_t u_cols = full_matrices_ ? m : p;
    const int64_t v_cols = full_matrices_ ? n : p;
    const std::vector<T> values = linalg::ValuesAs<T>(input);
    std::vector<T> s, u, v;
    for (int64_t i = 0; i < batch.count; ++i) {
      std::vector<T> matrix = linalg::MatrixAt(values, m, n, i);
      std::vector<double> singular_values;
      std::vector<T> u_values, v_values;
      if (!std::all_of(matrix.begin(), matrix.end(), [](T x) { return linalg::IsFinite(x); })) {
        // TF's Eigen SVD fails on non-finite input and fills every output with NaN.
        const double nan = std::numeric_limits<double>::quiet_NaN();
        singular_values.assign(p, nan);
        u_values.assign(m * u_cols, T(nan));
        v_values.assign(n * v_cols, T(nan));
      } else if (m >= n) {
        TallSvd<T> svd = DecomposeTall(std::move(matrix), m, n, u_cols);
        singular_values = std::move(svd.singular_values);
        u_values = std::move(svd.u);
        v_values = TakeColumns(svd.v, n, n, v_cols);
      } else {
        // A = U S V^H  <=>  A^H = V S U^H.
        TallSvd<T> svd = DecomposeTall(linalg::Adjoint(matrix, m, n), n, m, v_cols);
        singular_values = std::move(svd.singular_values);
        v_values = std::move(svd.u);
        u_values = TakeColumns(svd.v, m, m, u_cols);
      }
      s.insert(s.end(), singular_values.begin(), singular_values.end());
      u.insert(u.end(), u_values.begin(), u_values.end());
      v.insert(v.end(), v_values.begin(), v_values.end());
    }
    Shape batch_shape = linalg::BatchShape(input.shape());
    auto with = [&](std::initializer_list<int64_t> dims) {
      Shape shape = batch_shape;
      shape.insert(shape.end(), dims);
      return shape;
    };
    absl::StatusOr<Tensor> s_tensor = linalg::TensorFrom(input.dtype(), with({p}), s);
    absl::StatusOr<Tensor> u_tensor = compute_uv_
                                          ? linalg::TensorFrom(input.dtype(), with({m, u_cols}), u)
                                          : Tensor::Zeros(input.dtype(), {});
    absl::StatusOr<Tensor> v_tensor = compute_uv_
                                          ? linalg::TensorFrom(input.dtype(), with({n, v_cols}), v)
                                          : Tensor::Zeros(input.dtype(), {});
    for (const absl::StatusOr<Tensor>* output : {&s_tensor, &u_tensor, &v_tensor}) {
      if (!output->ok()) return context.Error(output->status().message());
    }
    context.set_output(0, *std::move(s_tensor));
    context.set_output(1, *std::move(u_tensor));
    context.set_output(2, *std::move(v_tensor));
    return absl::OkStatus();
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

REGISTER_KERNEL_FACTORY("Svd", BuildSvd, {{"T", linalg::FloatAndComplexTypes()}});
REGISTER_KERNEL_FACTORY("BatchSvd", BuildSvd, {{"T", linalg::FloatAndComplexTypes()}});

}  // namespace
}  // namespace tfjs::runtime
