// The CSRSparseMatrix ops (a DT_VARIANT scalar holding TF's CSR components: dense_shape [2] or
// [3], batch_pointers, row_pointers, col_indices, values; variant_tensors.h): building one from a
// SparseTensor or a dense tensor's indexed entries, reading it back (components, dense,
// SparseTensor, nnz), transposing, products with dense and sparse matrices, and the sparse
// Cholesky factor.
#include <algorithm>
#include <cmath>
#include <complex>
#include <map>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/sparse/sparse_util.h"
#include "runtime/kernels/sparse/variant_tensors.h"

namespace tfjs::runtime {
namespace {

using sparse::TensorsVariant;

// A CSR matrix (batch of matrices) in plain vectors, values as T.
template <typename T>
struct Csr {
  int64_t batch = 1, rows = 0, cols = 0;
  bool batched = false;                 // dense_shape has 3 dims
  std::vector<int32_t> batch_pointers;  // batch + 1
  std::vector<int32_t> row_pointers;    // batch * (rows + 1)
  std::vector<int32_t> col_indices;
  std::vector<T> values;
};

// The element types of TF's CSR sparse matrix kernels.
using CsrTypes = math::TypeList<float, double, std::complex<float>, std::complex<double>>;

template <typename T>
T Conj(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    return value;
  } else {
    return std::conj(value);
  }
}

template <typename T>
absl::StatusOr<Tensor> VectorTensor(DataType dtype, const std::vector<T>& values) {
  absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype, {static_cast<int64_t>(values.size())});
  if (!tensor.ok()) return tensor.status();
  std::copy(values.begin(), values.end(), tensor->mutable_data<T>());
  return tensor;
}

template <typename T>
absl::StatusOr<Tensor> ToVariant(const Csr<T>& csr, DataType dtype) {
  std::vector<int64_t> shape = {csr.rows, csr.cols};
  if (csr.batched) shape.insert(shape.begin(), csr.batch);
  absl::StatusOr<Tensor> shape_t = VectorTensor(tensorflow::DT_INT64, shape);
  absl::StatusOr<Tensor> batch_t = VectorTensor(tensorflow::DT_INT32, csr.batch_pointers);
  absl::StatusOr<Tensor> rows_t = VectorTensor(tensorflow::DT_INT32, csr.row_pointers);
  absl::StatusOr<Tensor> cols_t = VectorTensor(tensorflow::DT_INT32, csr.col_indices);
  absl::StatusOr<Tensor> values_t = VectorTensor(dtype, csr.values);
  for (const auto* t : {&shape_t, &batch_t, &rows_t, &cols_t, &values_t}) {
    if (!t->ok()) return t->status();
  }
  std::vector<TensorsVariant> elements = {
      TensorsVariant{TensorsVariant::Kind::kCsrMatrix,
                     {*std::move(shape_t), *std::move(batch_t), *std::move(rows_t),
                      *std::move(cols_t), *std::move(values_t)}}};
  return sparse::MakeVariantTensor({}, std::move(elements));
}

// The CSR matrix a variant input holds, with values of dtype `dtype`.
template <typename T>
absl::StatusOr<Csr<T>> FromVariant(const OpContext& context, const Tensor& tensor, DataType dtype) {
  const TensorsVariant* element =
      tensor.num_elements() == 1
          ? sparse::VariantElement(tensor, 0, TensorsVariant::Kind::kCsrMatrix)
          : nullptr;
  if (element == nullptr || element->tensors.size() != 5) {
    return context.Error("Input is not a CSRSparseMatrix");
  }
  const Tensor& values = element->tensors[4];
  if (values.dtype() != dtype) {
    return context.Error(absl::StrCat("Expected a CSRSparseMatrix of dtype ", DataTypeName(dtype),
                                      ", got ", DataTypeName(values.dtype())));
  }
  Csr<T> csr;
  const auto shape = element->tensors[0].values<int64_t>();
  csr.batched = shape.size() == 3;
  csr.batch = csr.batched ? shape[0] : 1;
  csr.rows = shape[shape.size() - 2];
  csr.cols = shape[shape.size() - 1];
  csr.batch_pointers.assign(element->tensors[1].values<int32_t>().begin(),
                            element->tensors[1].values<int32_t>().end());
  csr.row_pointers.assign(element->tensors[2].values<int32_t>().begin(),
                          element->tensors[2].values<int32_t>().end());
  csr.col_indices.assign(element->tensors[3].values<int32_t>().begin(),
                         element->tensors[3].values<int32_t>().end());
  csr.values.assign(values.values<T>().begin(), values.values<T>().end());
  return csr;
}

// Builds a CSR matrix from entries (batch, row, col, value), sorting them.
template <typename T>
absl::StatusOr<Csr<T>> BuildCsr(const OpContext& context, const std::vector<int64_t>& shape,
                                std::vector<std::tuple<int64_t, int64_t, int64_t, T>> entries) {
  if (shape.size() != 2 && shape.size() != 3) {
    return context.Error(absl::StrCat("dense_shape must have 2 or 3 dims, got ", shape.size()));
  }
  Csr<T> csr;
  csr.batched = shape.size() == 3;
  csr.batch = csr.batched ? shape[0] : 1;
  csr.rows = shape[shape.size() - 2];
  csr.cols = shape[shape.size() - 1];
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
           std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
  });
  csr.batch_pointers.assign(csr.batch + 1, 0);
  csr.row_pointers.assign(csr.batch * (csr.rows + 1), 0);
  for (const auto& [b, r, c, v] : entries) {
    if (b < 0 || b >= csr.batch || r < 0 || r >= csr.rows || c < 0 || c >= csr.cols) {
      return context.Error(
          absl::StrCat("Index (", b, ", ", r, ", ", c, ") is out of bounds of the dense shape"));
    }
    ++csr.batch_pointers[b + 1];
    ++csr.row_pointers[b * (csr.rows + 1) + r + 1];
    csr.col_indices.push_back(static_cast<int32_t>(c));
    csr.values.push_back(v);
  }
  for (int64_t b = 0; b < csr.batch; ++b) {
    csr.batch_pointers[b + 1] += csr.batch_pointers[b];
    int32_t* row = &csr.row_pointers[b * (csr.rows + 1)];
    for (int64_t r = 0; r < csr.rows; ++r) row[r + 1] += row[r];
  }
  return csr;
}

// Calls fn(batch, row, col, value index) for every entry.
template <typename T, typename Fn>
void ForEachEntry(const Csr<T>& csr, Fn&& fn) {
  for (int64_t b = 0; b < csr.batch; ++b) {
    const int32_t* row = &csr.row_pointers[b * (csr.rows + 1)];
    for (int64_t r = 0; r < csr.rows; ++r) {
      for (int32_t k = row[r]; k < row[r + 1]; ++k) {
        const int64_t at = csr.batch_pointers[b] + k;
        fn(b, r, static_cast<int64_t>(csr.col_indices[at]), at);
      }
    }
  }
}

absl::StatusOr<DataType> DtypeAttr(const OpContext& context, const char* name) {
  absl::StatusOr<DataType> dtype = sparse::AttrsOf(context).GetType(name);
  if (!dtype.ok()) return context.Error(dtype.status().message());
  return dtype;
}

absl::Status ComputeSparseTensorToCsr(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<sparse::SparseInput> input = sparse::ReadSparse(context, 0);
  if (!input.ok()) return input.status();
  const int rank = input->rank;
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), input->values->dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    std::vector<std::tuple<int64_t, int64_t, int64_t, T>> entries;
    for (int64_t k = 0; k < input->nnz; ++k) {
      const int64_t* index = input->index(k);
      entries.emplace_back(rank == 3 ? index[0] : 0, index[rank - 2], index[rank - 1],
                           input->values->data<T>()[k]);
    }
    absl::StatusOr<Csr<T>> csr = BuildCsr<T>(context, input->shape, std::move(entries));
    if (!csr.ok()) {
      status = csr.status();
      return;
    }
    absl::StatusOr<Tensor> out = ToVariant(*csr, input->values->dtype());
    if (!out.ok()) {
      status = context.Error(out.status().message());
      return;
    }
    context.set_output(0, *std::move(out));
  });
  if (!known) return sparse::UnsupportedDtype(context, input->values->dtype());
  return status;
}

absl::Status ComputeDenseToCsr(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& dense = context.input(0);
  const Tensor& indices = context.input(1);
  if (dense.rank() != 2 && dense.rank() != 3) {
    return context.Error(
        absl::StrCat("dense_input must have rank 2 or 3, got ", ShapeString(dense.shape())));
  }
  if (indices.dtype() != tensorflow::DT_INT64 || indices.rank() != 2 ||
      indices.dim(1) != dense.rank()) {
    return context.Error("indices must be an int64 matrix with one column per dense dim");
  }
  const int rank = dense.rank();
  const std::vector<int64_t> shape(dense.shape().begin(), dense.shape().end());
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), dense.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    std::vector<std::tuple<int64_t, int64_t, int64_t, T>> entries;
    for (int64_t k = 0; k < indices.dim(0); ++k) {
      const int64_t* index = indices.data<int64_t>() + k * rank;
      int64_t offset = 0;
      for (int d = 0; d < rank; ++d) {
        if (index[d] < 0 || index[d] >= shape[d]) {
          status = context.Error(absl::StrCat("indices[", k, "] is out of bounds"));
          return;
        }
        offset = offset * shape[d] + index[d];
      }
      entries.emplace_back(rank == 3 ? index[0] : 0, index[rank - 2], index[rank - 1],
                           dense.data<T>()[offset]);
    }
    absl::StatusOr<Csr<T>> csr = BuildCsr<T>(context, shape, std::move(entries));
    if (!csr.ok()) {
      status = csr.status();
      return;
    }
    absl::StatusOr<Tensor> out = ToVariant(*csr, dense.dtype());
    if (!out.ok()) {
      status = context.Error(out.status().message());
      return;
    }
    context.set_output(0, *std::move(out));
  });
  if (!known) return sparse::UnsupportedDtype(context, dense.dtype());
  return status;
}

absl::Status ComputeComponents(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = DtypeAttr(context, "type");
  if (!dtype.ok()) return dtype.status();
  absl::StatusOr<int64_t> index = misc::IndexScalar(context.input(1), "index");
  if (!index.ok()) return context.Error(index.status().message());
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), *dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    absl::StatusOr<Csr<T>> csr = FromVariant<T>(context, context.input(0), *dtype);
    if (!csr.ok()) {
      status = csr.status();
      return;
    }
    if (*index < 0 || *index >= csr->batch) {
      status = context.Error(
          absl::StrCat("index (", *index, ") not in [0, batch_size (", csr->batch, "))"));
      return;
    }
    const int64_t first = csr->batch_pointers[*index];
    const int64_t last = csr->batch_pointers[*index + 1];
    const std::vector<int32_t> rows(csr->row_pointers.begin() + *index * (csr->rows + 1),
                                    csr->row_pointers.begin() + (*index + 1) * (csr->rows + 1));
    const std::vector<int32_t> cols(csr->col_indices.begin() + first,
                                    csr->col_indices.begin() + last);
    const std::vector<T> values(csr->values.begin() + first, csr->values.begin() + last);
    absl::StatusOr<Tensor> rows_t = VectorTensor(tensorflow::DT_INT32, rows);
    absl::StatusOr<Tensor> cols_t = VectorTensor(tensorflow::DT_INT32, cols);
    absl::StatusOr<Tensor> values_t = VectorTensor(*dtype, values);
    for (const auto* t : {&rows_t, &cols_t, &values_t}) {
      if (!t->ok()) {
        status = context.Error(t->status().message());
        return;
      }
    }
    context.set_output(0, *std::move(rows_t));
    context.set_output(1, *std::move(cols_t));
    context.set_output(2, *std::move(values_t));
  });
  if (!known) return sparse::UnsupportedDtype(context, *dtype);
  return status;
}

absl::Status ComputeToDense(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = DtypeAttr(context, "type");
  if (!dtype.ok()) return dtype.status();
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), *dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    absl::StatusOr<Csr<T>> csr = FromVariant<T>(context, context.input(0), *dtype);
    if (!csr.ok()) {
      status = csr.status();
      return;
    }
    Shape shape = {csr->rows, csr->cols};
    if (csr->batched) shape.insert(shape.begin(), csr->batch);
    absl::StatusOr<Tensor> out = Tensor::Zeros(*dtype, shape);
    if (!out.ok()) {
      status = context.Error(out.status().message());
      return;
    }
    T* to = out->mutable_data<T>();
    ForEachEntry(*csr, [&](int64_t b, int64_t r, int64_t c, int64_t at) {
      to[(b * csr->rows + r) * csr->cols + c] = csr->values[at];
    });
    context.set_output(0, *std::move(out));
  });
  if (!known) return sparse::UnsupportedDtype(context, *dtype);
  return status;
}

absl::Status ComputeToSparseTensor(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = DtypeAttr(context, "type");
  if (!dtype.ok()) return dtype.status();
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), *dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    absl::StatusOr<Csr<T>> csr = FromVariant<T>(context, context.input(0), *dtype);
    if (!csr.ok()) {
      status = csr.status();
      return;
    }
    std::vector<int64_t> indices;
    ForEachEntry(*csr, [&](int64_t b, int64_t r, int64_t c, int64_t) {
      if (csr->batched) indices.push_back(b);
      indices.push_back(r);
      indices.push_back(c);
    });
    const int rank = csr->batched ? 3 : 2;
    std::vector<int64_t> shape = {csr->rows, csr->cols};
    if (csr->batched) shape.insert(shape.begin(), csr->batch);
    absl::StatusOr<Tensor> indices_t =
        sparse::Int64Tensor({static_cast<int64_t>(csr->values.size()), rank}, indices);
    absl::StatusOr<Tensor> values_t = VectorTensor(*dtype, csr->values);
    absl::StatusOr<Tensor> shape_t = sparse::Int64Tensor({rank}, shape);
    for (const auto* t : {&indices_t, &values_t, &shape_t}) {
      if (!t->ok()) {
        status = context.Error(t->status().message());
        return;
      }
    }
    context.set_output(0, *std::move(indices_t));
    context.set_output(1, *std::move(values_t));
    context.set_output(2, *std::move(shape_t));
  });
  if (!known) return sparse::UnsupportedDtype(context, *dtype);
  return status;
}

// The nnz of each batch matrix (a scalar for an unbatched matrix). Any values dtype.
absl::Status ComputeNnz(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const TensorsVariant* element =
      context.input(0).num_elements() == 1
          ? sparse::VariantElement(context.input(0), 0, TensorsVariant::Kind::kCsrMatrix)
          : nullptr;
  if (element == nullptr || element->tensors.size() != 5) {
    return context.Error("Input is not a CSRSparseMatrix");
  }
  const bool batched = element->tensors[0].num_elements() == 3;
  const auto pointers = element->tensors[1].values<int32_t>();
  const int64_t batch = static_cast<int64_t>(pointers.size()) - 1;
  absl::StatusOr<Tensor> out =
      Tensor::Allocate(tensorflow::DT_INT32, batched ? Shape{batch} : Shape{});
  if (!out.ok()) return context.Error(out.status().message());
  for (int64_t b = 0; b < batch; ++b)
    out->mutable_data<int32_t>()[b] = pointers[b + 1] - pointers[b];
  context.set_output(0, *std::move(out));
  return absl::OkStatus();
}

// op(A) of each batch matrix as (row, col, value) lists: transposed and/or conjugated.
template <typename T>
Csr<T> Transposed(const OpContext& context, const Csr<T>& csr, bool conjugate) {
  std::vector<std::tuple<int64_t, int64_t, int64_t, T>> entries;
  ForEachEntry(csr, [&](int64_t b, int64_t r, int64_t c, int64_t at) {
    entries.emplace_back(b, c, r, conjugate ? Conj(csr.values[at]) : csr.values[at]);
  });
  std::vector<int64_t> shape = {csr.cols, csr.rows};
  if (csr.batched) shape.insert(shape.begin(), csr.batch);
  return *BuildCsr<T>(context, shape, std::move(entries));
}

absl::Status ComputeTranspose(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = DtypeAttr(context, "type");
  if (!dtype.ok()) return dtype.status();
  absl::StatusOr<bool> conjugate = sparse::AttrsOf(context).GetBool("conjugate");
  if (!conjugate.ok()) return context.Error(conjugate.status().message());
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), *dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    absl::StatusOr<Csr<T>> csr = FromVariant<T>(context, context.input(0), *dtype);
    if (!csr.ok()) {
      status = csr.status();
      return;
    }
    absl::StatusOr<Tensor> out = ToVariant(Transposed(context, *csr, *conjugate), *dtype);
    if (!out.ok()) {
      status = context.Error(out.status().message());
      return;
    }
    context.set_output(0, *std::move(out));
  });
  if (!known) return sparse::UnsupportedDtype(context, *dtype);
  return status;
}

struct ProductFlags {
  bool transpose_a = false, transpose_b = false, adjoint_a = false, adjoint_b = false;
};

absl::StatusOr<ProductFlags> ReadProductFlags(const OpContext& context) {
  const NodeAttrs attrs = sparse::AttrsOf(context);
  ProductFlags flags;
  for (auto [name, slot] : {std::pair<const char*, bool*>{"transpose_a", &flags.transpose_a},
                            {"transpose_b", &flags.transpose_b},
                            {"adjoint_a", &flags.adjoint_a},
                            {"adjoint_b", &flags.adjoint_b}}) {
    absl::StatusOr<bool> value = attrs.GetBool(name);
    if (!value.ok()) return context.Error(value.status().message());
    *slot = *value;
  }
  if ((flags.transpose_a && flags.adjoint_a) || (flags.transpose_b && flags.adjoint_b)) {
    return context.Error("Only one of transpose and adjoint may be set for each operand");
  }
  return flags;
}

absl::Status ComputeSparseDenseMatMul(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<ProductFlags> flags = ReadProductFlags(context);
  if (!flags.ok()) return flags.status();
  const NodeAttrs attrs = sparse::AttrsOf(context);
  absl::StatusOr<bool> transpose_output = attrs.GetBool("transpose_output");
  absl::StatusOr<bool> conjugate_output = attrs.GetBool("conjugate_output");
  if (!transpose_output.ok()) return context.Error(transpose_output.status().message());
  if (!conjugate_output.ok()) return context.Error(conjugate_output.status().message());
  const Tensor& b = context.input(1);
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), b.dtype(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    absl::StatusOr<Csr<T>> a = FromVariant<T>(context, context.input(0), b.dtype());
    if (!a.ok()) {
      status = a.status();
      return;
    }
    if (b.rank() != (a->batched ? 3 : 2)) {
      status = context.Error("b must have the rank of a");
      return;
    }
    const Csr<T> op_a =
        flags->transpose_a || flags->adjoint_a ? Transposed(context, *a, flags->adjoint_a) : *a;
    const int64_t b_rows = b.dim(b.rank() - 2), b_cols = b.dim(b.rank() - 1);
    const bool b_t = flags->transpose_b || flags->adjoint_b;
    const int64_t k = b_t ? b_cols : b_rows, n = b_t ? b_rows : b_cols;
    if (k != op_a.cols) {
      status = context.Error(absl::StrCat("Matrix size incompatible: a has ", op_a.cols,
                                          " columns after its op, b has ", k, " rows"));
      return;
    }
    if (a->batched && b.dim(0) != a->batch) {
      status = context.Error("a and b must have one batch size");
      return;
    }
    const int64_t m = op_a.rows;
    std::vector<T> product(op_a.batch * m * n, T(0));
    const T* bv = b.data<T>();
    ForEachEntry(op_a, [&](int64_t batch, int64_t r, int64_t c, int64_t at) {
      const T value = op_a.values[at];
      const T* b_matrix = bv + batch * b_rows * b_cols;
      for (int64_t j = 0; j < n; ++j) {
        const T other = b_t ? b_matrix[j * b_cols + c] : b_matrix[c * b_cols + j];
        product[(batch * m + r) * n + j] += value * (flags->adjoint_b ? Conj(other) : other);
      }
    });
    Shape shape = *transpose_output ? Shape{n, m} : Shape{m, n};
    if (a->batched) shape.insert(shape.begin(), op_a.batch);
    absl::StatusOr<Tensor> out = Tensor::Allocate(b.dtype(), shape);
    if (!out.ok()) {
      status = context.Error(out.status().message());
      return;
    }
    T* to = out->mutable_data<T>();
    for (int64_t batch = 0; batch < op_a.batch; ++batch) {
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          T value = product[(batch * m + i) * n + j];
          if (*conjugate_output) value = Conj(value);
          to[batch * m * n + (*transpose_output ? j * m + i : i * n + j)] = value;
        }
      }
    }
    context.set_output(0, *std::move(out));
  });
  if (!known) return sparse::UnsupportedDtype(context, b.dtype());
  return status;
}

absl::Status ComputeSparseSparseMatMul(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = DtypeAttr(context, "type");
  if (!dtype.ok()) return dtype.status();
  absl::StatusOr<ProductFlags> flags = ReadProductFlags(context);
  if (!flags.ok()) return flags.status();
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), *dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    absl::StatusOr<Csr<T>> a = FromVariant<T>(context, context.input(0), *dtype);
    absl::StatusOr<Csr<T>> b = FromVariant<T>(context, context.input(1), *dtype);
    if (!a.ok() || !b.ok()) {
      status = a.ok() ? b.status() : a.status();
      return;
    }
    const Csr<T> op_a =
        flags->transpose_a || flags->adjoint_a ? Transposed(context, *a, flags->adjoint_a) : *a;
    const Csr<T> op_b =
        flags->transpose_b || flags->adjoint_b ? Transposed(context, *b, flags->adjoint_b) : *b;
    if (op_a.cols != op_b.rows || op_a.batch != op_b.batch || a->batched != b->batched) {
      status = context.Error(absl::StrCat("Inner dimensions or batch sizes do not match: a is [",
                                          op_a.batch, ", ", op_a.rows, ", ", op_a.cols, "], b is [",
                                          op_b.batch, ", ", op_b.rows, ", ", op_b.cols, "]"));
      return;
    }
    // Row by row: the structural product (every entry some term reaches).
    std::vector<std::tuple<int64_t, int64_t, int64_t, T>> entries;
    for (int64_t batch = 0; batch < op_a.batch; ++batch) {
      const int32_t* a_rows = &op_a.row_pointers[batch * (op_a.rows + 1)];
      const int32_t* b_rows = &op_b.row_pointers[batch * (op_b.rows + 1)];
      for (int64_t r = 0; r < op_a.rows; ++r) {
        std::map<int64_t, T> row;
        for (int32_t k = a_rows[r]; k < a_rows[r + 1]; ++k) {
          const int64_t at = op_a.batch_pointers[batch] + k;
          const int64_t inner = op_a.col_indices[at];
          for (int32_t q = b_rows[inner]; q < b_rows[inner + 1]; ++q) {
            const int64_t bt = op_b.batch_pointers[batch] + q;
            row[op_b.col_indices[bt]] += op_a.values[at] * op_b.values[bt];
          }
        }
        for (const auto& [col, value] : row) entries.emplace_back(batch, r, col, value);
      }
    }
    std::vector<int64_t> shape = {op_a.rows, op_b.cols};
    if (a->batched) shape.insert(shape.begin(), op_a.batch);
    absl::StatusOr<Csr<T>> product = BuildCsr<T>(context, shape, std::move(entries));
    if (!product.ok()) {
      status = product.status();
      return;
    }
    absl::StatusOr<Tensor> out = ToVariant(*product, *dtype);
    if (!out.ok()) {
      status = context.Error(out.status().message());
      return;
    }
    context.set_output(0, *std::move(out));
  });
  if (!known) return sparse::UnsupportedDtype(context, *dtype);
  return status;
}

// The lower Cholesky factor L of P A P^T (P from `permutation`: row k of the permuted matrix is
// row permutation[k] of A), as Eigen's SimplicialLLT gives it to TF: A's lower triangle taken as
// the Hermitian matrix, L's structure the symbolic one (fill-in kept even where it is zero).
template <typename T>
absl::StatusOr<std::vector<std::tuple<int64_t, int64_t, int64_t, T>>> Cholesky(
    const OpContext& context, const Csr<T>& a, int64_t batch, const int32_t* permutation) {
  const int64_t n = a.rows;
  std::vector<int64_t> inverse(n, -1);
  for (int64_t k = 0; k < n; ++k) {
    const int64_t p = permutation[k];
    if (p < 0 || p >= n || inverse[p] >= 0) {
      return context.Error(absl::StrCat("permutation of batch ", batch, " is not a permutation"));
    }
    inverse[p] = k;
  }
  // Rows of B = P A P^T's lower triangle: (column, value) with column <= row.
  std::vector<std::vector<std::pair<int64_t, T>>> lower(n);
  const int32_t* rows = &a.row_pointers[batch * (n + 1)];
  for (int64_t r = 0; r < n; ++r) {
    for (int32_t q = rows[r]; q < rows[r + 1]; ++q) {
      const int64_t at = a.batch_pointers[batch] + q;
      const int64_t c = a.col_indices[at];
      if (c > r) continue;
      int64_t i = inverse[r], j = inverse[c];
      T value = a.values[at];
      if (j > i) {
        std::swap(i, j);
        value = Conj(value);
      }
      lower[i].emplace_back(j, value);
    }
  }
  // Elimination tree of B.
  std::vector<int64_t> parent(n, -1), ancestor(n, -1);
  for (int64_t k = 0; k < n; ++k) {
    for (const auto& [i, value] : lower[k]) {
      for (int64_t j = i; j != -1 && j < k;) {
        const int64_t next = ancestor[j];
        ancestor[j] = k;
        if (next == -1) parent[j] = k;
        j = next;
      }
    }
  }
  // Up-looking factorization; columns of L as (row, value), rows increasing.
  std::vector<std::vector<std::pair<int64_t, T>>> columns(n);
  std::vector<T> x(n, T(0));
  std::vector<int64_t> mark(n, -1);
  for (int64_t k = 0; k < n; ++k) {
    std::vector<int64_t> pattern;
    mark[k] = k;
    for (const auto& [i, value] : lower[k]) {
      x[i] += value;
      for (int64_t j = i; j != -1 && mark[j] != k; j = parent[j]) {
        pattern.push_back(j);
        mark[j] = k;
      }
    }
    std::sort(pattern.begin(), pattern.end());
    T d = x[k];
    x[k] = T(0);
    for (int64_t j : pattern) {
      const T l_kj = x[j] / columns[j][0].second;
      x[j] = T(0);
      for (size_t p = 1; p < columns[j].size(); ++p) {
        x[columns[j][p].first] -= l_kj * Conj(columns[j][p].second);
      }
      d -= l_kj * Conj(l_kj);
      columns[j].emplace_back(k, l_kj);
    }
    if (!(std::real(d) > 0)) {
      return context.Error(absl::StrCat("Sparse Cholesky factorization failed for batch index ",
                                        batch, ": the matrix is not positive definite"));
    }
    columns[k].insert(columns[k].begin(), {k, T(std::sqrt(std::real(d)))});
  }
  std::vector<std::tuple<int64_t, int64_t, int64_t, T>> entries;
  for (int64_t j = 0; j < n; ++j) {
    for (const auto& [i, value] : columns[j]) entries.emplace_back(batch, i, j, value);
  }
  return entries;
}

absl::Status ComputeSparseCholesky(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<DataType> dtype = DtypeAttr(context, "type");
  if (!dtype.ok()) return dtype.status();
  const Tensor& permutation = context.input(1);
  absl::Status status;
  const bool known = math::DispatchTag(CsrTypes(), *dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    absl::StatusOr<Csr<T>> a = FromVariant<T>(context, context.input(0), *dtype);
    if (!a.ok()) {
      status = a.status();
      return;
    }
    if (a->rows != a->cols) {
      status = context.Error("Input matrix must be square");
      return;
    }
    if (permutation.dtype() != tensorflow::DT_INT32 ||
        permutation.num_elements() != a->batch * a->rows) {
      status = context.Error(
          absl::StrCat("permutation must be int32 with ", a->rows, " entries per batch matrix"));
      return;
    }
    std::vector<std::tuple<int64_t, int64_t, int64_t, T>> entries;
    for (int64_t b = 0; b < a->batch; ++b) {
      absl::StatusOr<std::vector<std::tuple<int64_t, int64_t, int64_t, T>>> factor =
          Cholesky(context, *a, b, permutation.data<int32_t>() + b * a->rows);
      if (!factor.ok()) {
        status = factor.status();
        return;
      }
      entries.insert(entries.end(), factor->begin(), factor->end());
    }
    std::vector<int64_t> shape = {a->rows, a->cols};
    if (a->batched) shape.insert(shape.begin(), a->batch);
    absl::StatusOr<Csr<T>> factor = BuildCsr<T>(context, shape, std::move(entries));
    if (!factor.ok()) {
      status = factor.status();
      return;
    }
    absl::StatusOr<Tensor> out = ToVariant(*factor, *dtype);
    if (!out.ok()) {
      status = context.Error(out.status().message());
      return;
    }
    context.set_output(0, *std::move(out));
  });
  if (!known) return sparse::UnsupportedDtype(context, *dtype);
  return status;
}

const std::vector<DataType> kCsrTypes = math::DtypesOf(CsrTypes());

REGISTER_KERNEL("SparseTensorToCSRSparseMatrix", ComputeSparseTensorToCsr, {{"T", kCsrTypes}});
REGISTER_KERNEL("DenseToCSRSparseMatrix", ComputeDenseToCsr, {{"T", kCsrTypes}});
REGISTER_KERNEL("CSRSparseMatrixComponents", ComputeComponents, {{"type", kCsrTypes}});
REGISTER_KERNEL("CSRSparseMatrixToDense", ComputeToDense, {{"type", kCsrTypes}});
REGISTER_KERNEL("CSRSparseMatrixToSparseTensor", ComputeToSparseTensor, {{"type", kCsrTypes}});
REGISTER_KERNEL("SparseMatrixNNZ", ComputeNnz);
REGISTER_KERNEL("SparseMatrixTranspose", ComputeTranspose, {{"type", kCsrTypes}});
REGISTER_KERNEL("SparseMatrixMatMul", ComputeSparseDenseMatMul, {{"T", kCsrTypes}});
REGISTER_KERNEL("SparseMatrixSparseMatMul", ComputeSparseSparseMatMul, {{"type", kCsrTypes}});
REGISTER_KERNEL("SparseMatrixSparseCholesky", ComputeSparseCholesky, {{"type", kCsrTypes}});

}  // namespace
}  // namespace tfjs::runtime
