// Banded and tridiagonal systems, and the mixed-dtype batch matmul: TridiagonalMatMul,
// TridiagonalSolve (Gaussian elimination with partial pivoting, as LAPACK's gtsv, or without),
// BandedTriangularSolve (substitution on the LEFT_RIGHT-aligned band, batch dims broadcast) and
// BatchMatMulV3 (x of Ta times y of Tb into Tout, batch dims broadcast). All compute in
// complex<double> (int64 for integer matmuls) and round once.
#include <cmath>
#include <complex>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"

namespace tfjs::runtime::linalg {
namespace {

bool BoolAttr(const OpContext& context, const char* name, bool fallback) {
  auto attr = context.node().attr().find(name);
  return attr == context.node().attr().end() ? fallback : attr->second.b();
}

// The broadcast of two batch shapes (the dims before the last two), and for each output batch
// index the batch index of either operand.
struct BatchBroadcast {
  Shape shape;
  std::vector<int64_t> a_index;
  std::vector<int64_t> b_index;
};

absl::StatusOr<BatchBroadcast> BroadcastBatches(const Shape& a_full, const Shape& b_full) {
  const Shape a(a_full.begin(), a_full.end() - 2), b(b_full.begin(), b_full.end() - 2);
  const size_t rank = std::max(a.size(), b.size());
  BatchBroadcast result;
  result.shape.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    const int64_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    if (da != db && da != 1 && db != 1) {
      return absl::InvalidArgumentError(absl::StrCat("batch dims of ", ShapeString(a_full), " and ",
                                                     ShapeString(b_full), " do not broadcast"));
    }
    result.shape[i] = da == 1 ? db : da;
  }
  const int64_t count = NumElements(result.shape);
  for (int64_t i = 0; i < count; ++i) {
    int64_t rest = i, ia = 0, ib = 0, sa = 1, sb = 1;
    for (size_t d = rank; d-- > 0;) {
      const int64_t index = rest % result.shape[d];
      rest /= result.shape[d];
      const int64_t da = d + a.size() >= rank ? a[d + a.size() - rank] : 1;
      const int64_t db = d + b.size() >= rank ? b[d + b.size() - rank] : 1;
      ia += (da == 1 ? 0 : index) * sa;
      ib += (db == 1 ? 0 : index) * sb;
      sa *= da;
      sb *= db;
    }
    result.a_index.push_back(ia);
    result.b_index.push_back(ib);
  }
  return result;
}

Shape WithMatrix(Shape batch, int64_t rows, int64_t cols) {
  batch.push_back(rows);
  batch.push_back(cols);
  return batch;
}

absl::Status ComputeTridiagonalMatMul(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& rhs = context.input(3);
  if (rhs.rank() < 2) return context.Error("Input rhs must have rank >= 2");
  const int64_t m = rhs.dim(rhs.rank() - 2), n = rhs.dim(rhs.rank() - 1);
  Shape diagonal_shape(rhs.shape().begin(), rhs.shape().end() - 2);
  diagonal_shape.push_back(1);
  diagonal_shape.push_back(m);
  const char* names[] = {"superdiag", "maindiag", "subdiag"};
  for (int i = 0; i < 3; ++i) {
    if (context.input(i).shape() != diagonal_shape) {
      return context.Error(absl::StrCat(names[i], " must have shape ", ShapeString(diagonal_shape),
                                        ", got ", ShapeString(context.input(i).shape())));
    }
  }
  const std::vector<Complex> super = ValuesAs<Complex>(context.input(0));
  const std::vector<Complex> main = ValuesAs<Complex>(context.input(1));
  const std::vector<Complex> sub = ValuesAs<Complex>(context.input(2));
  const std::vector<Complex> b = ValuesAs<Complex>(rhs);
  std::vector<Complex> out(b.size());
  const int64_t batches = m * n == 0 ? 0 : static_cast<int64_t>(b.size()) / (m * n);
  for (int64_t k = 0; k < batches; ++k) {
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        const int64_t at = (k * m + i) * n + j;
        Complex value = main[k * m + i] * b[at];
        if (i > 0) value += sub[k * m + i] * b[at - n];
        if (i + 1 < m) value += super[k * m + i] * b[at + n];
        out[at] = value;
      }
    }
  }
  absl::StatusOr<Tensor> output = TensorFrom(rhs.dtype(), rhs.shape(), out);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

constexpr char kNotInvertible[] = "The matrix is not invertible.";

// Solves one tridiagonal system in place (b: m x k, row-major); false when singular.
// dl[i] is entry (i+1, i), d[i] entry (i, i), du[i] entry (i, i+1).
bool SolveTridiagonal(std::vector<Complex> dl, std::vector<Complex> d, std::vector<Complex> du,
                      Complex* b, int64_t m, int64_t k, bool pivoting) {
  std::vector<Complex> du2(m, 0.0);
  for (int64_t i = 0; i + 1 < m; ++i) {
    if (!pivoting || std::abs(d[i]) >= std::abs(dl[i])) {
      if (d[i] == 0.0) return false;
      const Complex fact = dl[i] / d[i];
      d[i + 1] -= fact * du[i];
      for (int64_t j = 0; j < k; ++j) b[(i + 1) * k + j] -= fact * b[i * k + j];
    } else {
      // Swap rows i and i + 1.
      const Complex fact = d[i] / dl[i];
      d[i] = dl[i];
      const Complex temp = d[i + 1];
      d[i + 1] = du[i] - fact * temp;
      if (i + 2 < m) {
        du2[i] = du[i + 1];
        du[i + 1] = -fact * du2[i];
      }
      du[i] = temp;
      for (int64_t j = 0; j < k; ++j) {
        const Complex top = b[i * k + j];
        b[i * k + j] = b[(i + 1) * k + j];
        b[(i + 1) * k + j] = top - fact * b[(i + 1) * k + j];
      }
    }
  }
  if (m > 0 && d[m - 1] == 0.0) return false;
  for (int64_t j = 0; j < k; ++j) {
    for (int64_t i = m - 1; i >= 0; --i) {
      Complex value = b[i * k + j];
      if (i + 1 < m) value -= du[i] * b[(i + 1) * k + j];
      if (i + 2 < m) value -= du2[i] * b[(i + 2) * k + j];
      b[i * k + j] = value / d[i];
    }
  }
  return true;
}

absl::Status ComputeTridiagonalSolve(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& diagonals = context.input(0);
  const Tensor& rhs = context.input(1);
  if (diagonals.rank() < 2 || diagonals.dim(diagonals.rank() - 2) != 3) {
    return context.Error(absl::StrCat("Expected diagonals to have shape [..., 3, M], got ",
                                      ShapeString(diagonals.shape())));
  }
  const int64_t m = diagonals.dim(diagonals.rank() - 1);
  if (rhs.rank() != diagonals.rank() || rhs.dim(rhs.rank() - 2) != m ||
      !std::equal(rhs.shape().begin(), rhs.shape().end() - 2, diagonals.shape().begin())) {
    return context.Error(absl::StrCat("rhs of shape ", ShapeString(rhs.shape()),
                                      " does not match diagonals of shape ",
                                      ShapeString(diagonals.shape())));
  }
  const bool pivoting = BoolAttr(context, "partial_pivoting", true);
  if (BoolAttr(context, "perturb_singular", false)) {
    return context.Error("perturb_singular is not supported; solve without it");
  }
  const int64_t k = rhs.dim(rhs.rank() - 1);
  const std::vector<Complex> diag = ValuesAs<Complex>(diagonals);
  std::vector<Complex> b = ValuesAs<Complex>(rhs);
  const int64_t batches = NumElements(Shape(rhs.shape().begin(), rhs.shape().end() - 2));
  for (int64_t n = 0; n < batches && m > 0; ++n) {
    const Complex* base = diag.data() + n * 3 * m;
    // Row 0: superdiagonal (last entry unused); row 1: diagonal; row 2: subdiagonal (first
    // entry unused).
    std::vector<Complex> du(base, base + m), d(base + m, base + 2 * m),
        dl(base + 2 * m + 1, base + 3 * m);
    dl.push_back(0.0);
    if (!SolveTridiagonal(dl, d, du, b.data() + n * m * k, m, k, pivoting)) {
      return context.Error(kNotInvertible);
    }
  }
  absl::StatusOr<Tensor> output = TensorFrom(rhs.dtype(), rhs.shape(), b);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeBandedTriangularSolve(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& bands = context.input(0);
  const Tensor& rhs = context.input(1);
  if (bands.rank() < 2 || rhs.rank() < 2) {
    return context.Error("matrix and rhs must have rank >= 2");
  }
  const int64_t num_bands = bands.dim(bands.rank() - 2), m = bands.dim(bands.rank() - 1);
  if (rhs.dim(rhs.rank() - 2) != m) {
    return context.Error(
        absl::StrCat("Input matrix and rhs are incompatible: ", ShapeString(bands.shape()), " and ",
                     ShapeString(rhs.shape())));
  }
  if (num_bands < 1 || num_bands > m && m > 0) {
    return context.Error(
        absl::StrCat("Number of bands must be between 1 and ", m, ", got ", num_bands));
  }
  absl::StatusOr<BatchBroadcast> batches = BroadcastBatches(bands.shape(), rhs.shape());
  if (!batches.ok()) return context.Error(batches.status().message());
  const bool lower = BoolAttr(context, "lower", true);
  const bool adjoint = BoolAttr(context, "adjoint", false);
  const int64_t k = rhs.dim(rhs.rank() - 1);
  const std::vector<Complex> a = ValuesAs<Complex>(bands);
  const std::vector<Complex> b = ValuesAs<Complex>(rhs);
  std::vector<Complex> x(batches->a_index.size() * m * k);
  for (size_t n = 0; n < batches->a_index.size(); ++n) {
    const Complex* band = a.data() + batches->a_index[n] * num_bands * m;
    // Entry (i, j) of the full matrix, zero outside the band.
    auto entry = [&](int64_t i, int64_t j) -> Complex {
      const int64_t offset = lower ? i - j : j - i;
      if (offset < 0 || offset >= num_bands) return 0.0;
      return lower ? band[offset * m + i] : band[(num_bands - 1 - offset) * m + i];
    };
    // The system's matrix entry: A or A^H.
    auto op = [&](int64_t i, int64_t j) { return adjoint ? std::conj(entry(j, i)) : entry(i, j); };
    const bool forward = lower != adjoint;
    Complex* out = x.data() + n * m * k;
    const Complex* in = b.data() + batches->b_index[n] * m * k;
    for (int64_t j = 0; j < k; ++j) {
      for (int64_t step = 0; step < m; ++step) {
        const int64_t i = forward ? step : m - 1 - step;
        Complex value = in[i * k + j];
        for (int64_t t = 1; t < num_bands; ++t) {
          const int64_t c = forward ? i - t : i + t;
          if (c < 0 || c >= m) break;
          value -= op(i, c) * out[c * k + j];
        }
        out[i * k + j] = value / op(i, i);
      }
    }
  }
  absl::StatusOr<Tensor> output = TensorFrom(rhs.dtype(), WithMatrix(batches->shape, m, k), x);
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

template <typename T>
std::vector<T> Adjointed(const std::vector<T>& values, int64_t count, int64_t rows, int64_t cols) {
  std::vector<T> out(values.size());
  for (int64_t n = 0; n < count; ++n) {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        T value = values[(n * rows + r) * cols + c];
        if constexpr (std::is_same_v<T, Complex>) value = std::conj(value);
        out[(n * cols + c) * rows + r] = value;
      }
    }
  }
  return out;
}

absl::Status ComputeBatchMatMulV3(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& x = context.input(0);
  const Tensor& y = context.input(1);
  if (x.rank() < 2 || y.rank() < 2) {
    return context.Error(absl::StrCat("x and y must have rank >= 2, got ", ShapeString(x.shape()),
                                      " and ", ShapeString(y.shape())));
  }
  auto tout = context.node().attr().find("Tout");
  const DataType out_dtype = tout == context.node().attr().end() ? x.dtype() : tout->second.type();
  const bool adj_x = BoolAttr(context, "adj_x", false);
  const bool adj_y = BoolAttr(context, "adj_y", false);
  const int64_t xr = x.dim(x.rank() - 2), xc = x.dim(x.rank() - 1);
  const int64_t yr = y.dim(y.rank() - 2), yc = y.dim(y.rank() - 1);
  const int64_t m = adj_x ? xc : xr, inner = adj_x ? xr : xc;
  const int64_t inner_y = adj_y ? yc : yr, n = adj_y ? yr : yc;
  if (inner != inner_y) {
    return context.Error(absl::StrCat("Matrix size-incompatible: In[0]: ", ShapeString(x.shape()),
                                      ", In[1]: ", ShapeString(y.shape())));
  }
  absl::StatusOr<BatchBroadcast> batches = BroadcastBatches(x.shape(), y.shape());
  if (!batches.ok()) return context.Error(batches.status().message());
  absl::StatusOr<Tensor> output = VisitComputeType(out_dtype, [&](auto tag) {
    using T = decltype(tag);
    const int64_t x_count = NumElements(Shape(x.shape().begin(), x.shape().end() - 2));
    const int64_t y_count = NumElements(Shape(y.shape().begin(), y.shape().end() - 2));
    std::vector<T> a = ValuesAs<T>(x), b = ValuesAs<T>(y);
    if (adj_x) a = Adjointed(a, x_count, xr, xc);
    if (adj_y) b = Adjointed(b, y_count, yr, yc);
    std::vector<T> c(batches->a_index.size() * m * n, T(0));
    for (size_t batch = 0; batch < batches->a_index.size(); ++batch) {
      const T* pa = a.data() + batches->a_index[batch] * m * inner;
      const T* pb = b.data() + batches->b_index[batch] * inner * n;
      T* pc = c.data() + batch * m * n;
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t t = 0; t < inner; ++t) {
          const T value = pa[i * inner + t];
          for (int64_t j = 0; j < n; ++j) pc[i * n + j] += value * pb[t * n + j];
        }
      }
    }
    return TensorFrom(out_dtype, WithMatrix(batches->shape, m, n), c);
  });
  if (!output.ok()) return context.Error(output.status().message());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

std::vector<DataType> MatMulInputTypes() {
  return {tensorflow::DT_BFLOAT16,  tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
          tensorflow::DT_UINT8,     tensorflow::DT_INT8,  tensorflow::DT_INT16,
          tensorflow::DT_INT32,     tensorflow::DT_INT64, tensorflow::DT_COMPLEX64,
          tensorflow::DT_COMPLEX128};
}

std::vector<DataType> MatMulOutputTypes() {
  return {tensorflow::DT_BFLOAT16,  tensorflow::DT_FLOAT,     tensorflow::DT_DOUBLE,
          tensorflow::DT_INT16,     tensorflow::DT_INT32,     tensorflow::DT_INT64,
          tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};
}

REGISTER_KERNEL("TridiagonalMatMul", ComputeTridiagonalMatMul, {{"T", FloatAndComplexTypes()}});
REGISTER_KERNEL("TridiagonalSolve", ComputeTridiagonalSolve, {{"T", FloatAndComplexTypes()}});
REGISTER_KERNEL("BandedTriangularSolve", ComputeBandedTriangularSolve,
                {{"T", FloatAndComplexTypes()}});
REGISTER_KERNEL("BatchMatMulV3", ComputeBatchMatMulV3,
                {{"Ta", MatMulInputTypes()},
                 {"Tb", MatMulInputTypes()},
                 {"Tout", MatMulOutputTypes()}});

}  // namespace
}  // namespace tfjs::runtime::linalg
