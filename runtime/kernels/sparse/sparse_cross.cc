// Feature crosses: SparseCross, SparseCrossV2 and RaggedCross take columns of features (sparse,
// dense or ragged, int64 or string) and emit, per batch row, every combination of one feature
// per column (the last column varying fastest): the features joined by "_X_" (or `sep`), or
// with hashed_output FarmHash fingerprints chained with FingerprintCat64 from hash_key (string
// features fingerprinted, int64 features taken as they are) modulo num_buckets.
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/misc/fingerprint.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

uint64_t ShiftMix(uint64_t value) { return value ^ (value >> 47); }

// TF's FingerprintCat64: combines two fingerprints, order-dependent.
uint64_t FingerprintCat64(uint64_t first, uint64_t second) {
  constexpr uint64_t kMul = 0xc6a4a7935bd1e995ULL;
  uint64_t result = first ^ kMul;
  result ^= ShiftMix(second * kMul) * kMul;
  result *= kMul;
  result = ShiftMix(result) * kMul;
  return ShiftMix(result);
}

// One column of features: for each batch row, a run of values (int64 or string).
struct Column {
  const Tensor* values = nullptr;
  std::vector<int64_t> starts;  // batch + 1 offsets into values
  int64_t Count(int64_t row) const { return starts[row + 1] - starts[row]; }
  std::string Text(int64_t row, int64_t n) const {
    const int64_t at = starts[row] + n;
    return values->dtype() == tensorflow::DT_STRING ? values->strings()[at]
                                                    : absl::StrCat(values->data<int64_t>()[at]);
  }
  uint64_t Hash(int64_t row, int64_t n) const {
    const int64_t at = starts[row] + n;
    return values->dtype() == tensorflow::DT_STRING
               ? misc::Fingerprint64(values->strings()[at])
               : static_cast<uint64_t>(values->data<int64_t>()[at]);
  }
};

absl::Status CheckFeatureDtype(const OpContext& context, const Tensor& values) {
  if (values.dtype() != tensorflow::DT_INT64 && values.dtype() != tensorflow::DT_STRING) {
    return context.Error(
        absl::StrCat("Features must be int64 or string, got ", DataTypeName(values.dtype())));
  }
  return absl::OkStatus();
}

// A sparse column: entries of row b are those whose first index is b, in order.
absl::StatusOr<Column> SparseColumn(const OpContext& context, const Tensor& indices,
                                    const Tensor& values, const Tensor& shape, int64_t* batch) {
  if (absl::Status status = CheckFeatureDtype(context, values); !status.ok()) return status;
  if (indices.dtype() != tensorflow::DT_INT64 || indices.rank() != 2 || indices.dim(1) != 2 ||
      values.rank() != 1 || values.dim(0) != indices.dim(0) ||
      shape.dtype() != tensorflow::DT_INT64 || shape.num_elements() != 2) {
    return context.Error("Sparse inputs must be 2-D SparseTensors");
  }
  const int64_t rows = shape.data<int64_t>()[0];
  if (*batch >= 0 && *batch != rows) {
    return context.Error(absl::StrCat("Expected batch size ", *batch, " got ", rows));
  }
  *batch = rows;
  Column column{&values, std::vector<int64_t>(rows + 1, 0)};
  for (int64_t k = 0; k < indices.dim(0); ++k) {
    const int64_t row = indices.data<int64_t>()[2 * k];
    if (row < 0 || row >= rows) {
      return context.Error(absl::StrCat("Sparse row index ", row, " out of range [0, ", rows, ")"));
    }
    if (k > 0 && row < indices.data<int64_t>()[2 * (k - 1)]) {
      return context.Error("Sparse indices must be sorted by row");
    }
    ++column.starts[row + 1];
  }
  for (int64_t r = 0; r < rows; ++r) column.starts[r + 1] += column.starts[r];
  return column;
}

absl::StatusOr<Column> DenseColumn(const OpContext& context, const Tensor& dense, int64_t* batch) {
  if (absl::Status status = CheckFeatureDtype(context, dense); !status.ok()) return status;
  if (dense.rank() != 2) {
    return context.Error(absl::StrCat("Dense inputs should be a matrix but received shape ",
                                      ShapeString(dense.shape())));
  }
  if (*batch >= 0 && *batch != dense.dim(0)) {
    return context.Error(absl::StrCat("Expected batch size ", *batch, " got ", dense.dim(0)));
  }
  *batch = dense.dim(0);
  Column column{&dense, {}};
  for (int64_t r = 0; r <= dense.dim(0); ++r) column.starts.push_back(r * dense.dim(1));
  return column;
}

absl::StatusOr<Column> RaggedColumn(const OpContext& context, const Tensor& values,
                                    const Tensor& splits, int64_t* batch) {
  if (absl::Status status = CheckFeatureDtype(context, values); !status.ok()) return status;
  absl::StatusOr<std::vector<int64_t>> starts = misc::IndexValues(splits, "ragged_row_splits");
  if (!starts.ok()) return context.Error(starts.status().message());
  if (values.rank() != 1 || starts->empty() || starts->front() != 0 ||
      starts->back() != values.dim(0)) {
    return context.Error("Ragged inputs must have row splits from 0 to the number of values");
  }
  const int64_t rows = static_cast<int64_t>(starts->size()) - 1;
  if (*batch >= 0 && *batch != rows) {
    return context.Error(absl::StrCat("Expected batch size ", *batch, " got ", rows));
  }
  *batch = rows;
  return Column{&values, *std::move(starts)};
}

struct CrossOptions {
  bool hashed = false;
  int64_t num_buckets = 0;
  uint64_t hash_key = 0;
  std::string separator = "_X_";
};

// Every cross of row `row`, in order.
void CrossRow(const std::vector<Column>& columns, int64_t row, const CrossOptions& options,
              std::vector<std::string>* texts, std::vector<int64_t>* hashes) {
  for (const Column& column : columns) {
    if (column.Count(row) == 0) return;
  }
  std::vector<int64_t> at(columns.size(), 0);
  while (true) {
    if (options.hashed) {
      uint64_t hash = options.hash_key;
      for (size_t i = 0; i < columns.size(); ++i) {
        hash = FingerprintCat64(hash, columns[i].Hash(row, at[i]));
      }
      hashes->push_back(static_cast<int64_t>(options.num_buckets > 0
                                                 ? hash % static_cast<uint64_t>(options.num_buckets)
                                                 : hash % std::numeric_limits<int64_t>::max()));
    } else {
      std::vector<std::string> parts;
      for (size_t i = 0; i < columns.size(); ++i) parts.push_back(columns[i].Text(row, at[i]));
      texts->push_back(absl::StrJoin(parts, options.separator));
    }
    int i = static_cast<int>(columns.size()) - 1;
    for (; i >= 0; --i) {
      if (++at[i] < columns[i].Count(row)) break;
      at[i] = 0;
    }
    if (i < 0) return;
  }
}

absl::StatusOr<Tensor> CrossValues(const CrossOptions& options, std::vector<std::string> texts,
                                   const std::vector<int64_t>& hashes) {
  if (!options.hashed) {
    const int64_t count = static_cast<int64_t>(texts.size());
    return Tensor::Strings({count}, std::move(texts));
  }
  return sparse::Int64Tensor({static_cast<int64_t>(hashes.size())}, hashes);
}

// SparseCross and SparseCrossV2: N sparse columns, then the dense ones.
template <bool kV2>
absl::Status ComputeSparseCross(OpContext& context) {
  const NodeAttrs attrs = sparse::AttrsOf(context);
  absl::StatusOr<int64_t> n = attrs.GetInt("N");
  if (!n.ok()) return context.Error(n.status().message());
  CrossOptions options;
  if (!kV2) {
    absl::StatusOr<bool> hashed = attrs.GetBool("hashed_output");
    absl::StatusOr<int64_t> num_buckets = attrs.GetInt("num_buckets");
    absl::StatusOr<int64_t> hash_key = attrs.GetInt("hash_key");
    absl::StatusOr<DataType> out_type = attrs.GetType("out_type");
    for (const absl::Status& status :
         {hashed.status(), num_buckets.status(), hash_key.status(), out_type.status()}) {
      if (!status.ok()) return context.Error(status.message());
    }
    options.hashed = *hashed;
    options.num_buckets = *num_buckets;
    options.hash_key = static_cast<uint64_t>(*hash_key);
    if ((*out_type == tensorflow::DT_INT64) != options.hashed) {
      return context.Error("out_type must be int64 with hashed_output and string without");
    }
  }
  const int num_dense = context.num_inputs() - 3 * static_cast<int>(*n) - (kV2 ? 1 : 0);
  if (num_dense < 0) return context.Error("Too few inputs for N sparse columns");
  if (kV2) {
    const Tensor& sep = context.input(context.num_inputs() - 1);
    if (sep.dtype() != tensorflow::DT_STRING || sep.num_elements() != 1) {
      return context.Error("sep must be a string scalar");
    }
    options.separator = sep.strings()[0];
  }
  int64_t batch = -1;
  std::vector<Column> columns;
  for (int i = 0; i < *n; ++i) {
    absl::StatusOr<Column> column = SparseColumn(context, context.input(i), context.input(*n + i),
                                                 context.input(2 * *n + i), &batch);
    if (!column.ok()) return column.status();
    columns.push_back(*std::move(column));
  }
  for (int i = 0; i < num_dense; ++i) {
    absl::StatusOr<Column> column = DenseColumn(context, context.input(3 * *n + i), &batch);
    if (!column.ok()) return column.status();
    columns.push_back(*std::move(column));
  }
  if (batch < 0) batch = 0;
  std::vector<std::string> texts;
  std::vector<int64_t> hashes, indices;
  int64_t max_count = 0;
  for (int64_t row = 0; row < batch; ++row) {
    const size_t before = options.hashed ? hashes.size() : texts.size();
    CrossRow(columns, row, options, &texts, &hashes);
    const int64_t count =
        static_cast<int64_t>((options.hashed ? hashes.size() : texts.size()) - before);
    for (int64_t j = 0; j < count; ++j) {
      indices.push_back(row);
      indices.push_back(j);
    }
    max_count = std::max(max_count, count);
  }
  absl::StatusOr<Tensor> values = CrossValues(options, std::move(texts), hashes);
  if (!values.ok()) return context.Error(values.status().message());
  absl::StatusOr<Tensor> indices_out = sparse::Int64Tensor({values->num_elements(), 2}, indices);
  absl::StatusOr<Tensor> shape_out = sparse::Int64Tensor({2}, {batch, max_count});
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

absl::Status ComputeRaggedCross(OpContext& context) {
  const NodeAttrs attrs = sparse::AttrsOf(context);
  absl::StatusOr<int64_t> num_sparse = attrs.GetInt("Nsparse");
  absl::StatusOr<std::string> order = attrs.GetString("input_order");
  absl::StatusOr<bool> hashed = attrs.GetBool("hashed_output");
  absl::StatusOr<int64_t> num_buckets = attrs.GetInt("num_buckets");
  absl::StatusOr<int64_t> hash_key = attrs.GetInt("hash_key");
  absl::StatusOr<DataType> splits_type = attrs.GetType("out_row_splits_type");
  for (const absl::Status& status :
       {num_sparse.status(), order.status(), hashed.status(), num_buckets.status(),
        hash_key.status(), splits_type.status()}) {
    if (!status.ok()) return context.Error(status.message());
  }
  const tensorflow::NodeDef& node = context.node();
  auto list_size = [&](const char* name) {
    auto it = node.attr().find(name);
    return it == node.attr().end() ? 0 : it->second.list().type_size();
  };
  const int num_ragged = list_size("ragged_values_types");
  const int num_dense = list_size("dense_types");
  if (context.num_inputs() != 2 * num_ragged + 3 * *num_sparse + num_dense) {
    return context.Error("The inputs do not match ragged_values_types, Nsparse and dense_types");
  }
  const int sparse_first = 2 * num_ragged;
  const int dense_first = sparse_first + 3 * static_cast<int>(*num_sparse);
  int ragged_at = 0, sparse_at = 0, dense_at = 0;
  int64_t batch = -1;
  std::vector<Column> columns;
  for (char kind : *order) {
    absl::StatusOr<Column> column;
    if (kind == 'R' && ragged_at < num_ragged) {
      column = RaggedColumn(context, context.input(ragged_at),
                            context.input(num_ragged + ragged_at), &batch);
      ++ragged_at;
    } else if (kind == 'S' && sparse_at < *num_sparse) {
      column = SparseColumn(context, context.input(sparse_first + sparse_at),
                            context.input(sparse_first + *num_sparse + sparse_at),
                            context.input(sparse_first + 2 * *num_sparse + sparse_at), &batch);
      ++sparse_at;
    } else if (kind == 'D' && dense_at < num_dense) {
      column = DenseColumn(context, context.input(dense_first + dense_at), &batch);
      ++dense_at;
    } else {
      return context.Error(absl::StrCat("Invalid input_order ", *order));
    }
    if (!column.ok()) return column.status();
    columns.push_back(*std::move(column));
  }
  if (ragged_at != num_ragged || sparse_at != *num_sparse || dense_at != num_dense) {
    return context.Error(absl::StrCat("input_order ", *order, " does not name every input"));
  }
  if (batch < 0) batch = 0;
  const CrossOptions options{*hashed, *num_buckets, static_cast<uint64_t>(*hash_key), "_X_"};
  std::vector<std::string> texts;
  std::vector<int64_t> hashes, splits = {0};
  for (int64_t row = 0; row < batch; ++row) {
    CrossRow(columns, row, options, &texts, &hashes);
    splits.push_back(static_cast<int64_t>(options.hashed ? hashes.size() : texts.size()));
  }
  absl::StatusOr<Tensor> values = CrossValues(options, std::move(texts), hashes);
  absl::StatusOr<Tensor> splits_out =
      sparse::IndexTensor(*splits_type, {static_cast<int64_t>(splits.size())}, splits);
  if (!values.ok()) return context.Error(values.status().message());
  if (!splits_out.ok()) return context.Error(splits_out.status().message());
  context.set_output(0, *std::move(values));
  context.set_output(1, *std::move(splits_out));
  return absl::OkStatus();
}

const std::vector<DataType> kFeatureTypes = {tensorflow::DT_INT64, tensorflow::DT_STRING};
const std::vector<DataType> kSplitTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL("SparseCross", ComputeSparseCross<false>,
                {{"sparse_types", kFeatureTypes},
                 {"dense_types", kFeatureTypes},
                 {"out_type", kFeatureTypes},
                 {"internal_type", kFeatureTypes}});
REGISTER_KERNEL("SparseCrossV2", ComputeSparseCross<true>,
                {{"sparse_types", kFeatureTypes}, {"dense_types", kFeatureTypes}});
REGISTER_KERNEL("RaggedCross", ComputeRaggedCross,
                {{"ragged_values_types", kFeatureTypes},
                 {"ragged_splits_types", kSplitTypes},
                 {"sparse_values_types", kFeatureTypes},
                 {"dense_types", kFeatureTypes},
                 {"out_values_type", kFeatureTypes},
                 {"out_row_splits_type", kSplitTypes}});

}  // namespace
}  // namespace tfjs::runtime
