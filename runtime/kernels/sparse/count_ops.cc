// Counting ops. DenseCountSparseOutput / SparseCountSparseOutput / RaggedCountSparseOutput
// count (or sum the weights of) each non-negative value below maxlength per batch row into a
// SparseTensor of sorted values, of width maxlength (when > 0) or max(largest value + 1,
// minlength). SparseBincount / RaggedBincount do so into a dense [rows, size] (or [size]) tensor,
// ignoring values outside [0, size).
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

// Weights (or counts) per value of each batch row.
using BatchCounts = std::vector<std::map<int64_t, double>>;

struct CountOptions {
  bool binary = false;
  int64_t minlength = -1;
  int64_t maxlength = -1;
  DataType output_type = tensorflow::DT_INT64;
};

absl::StatusOr<CountOptions> ReadCountOptions(const OpContext& context) {
  const NodeAttrs attrs = sparse::AttrsOf(context);
  absl::StatusOr<bool> binary = attrs.GetBool("binary_output");
  absl::StatusOr<int64_t> minlength = attrs.GetInt("minlength");
  absl::StatusOr<int64_t> maxlength = attrs.GetInt("maxlength");
  absl::StatusOr<DataType> output_type = attrs.GetType("output_type");
  for (const absl::Status& status :
       {binary.status(), minlength.status(), maxlength.status(), output_type.status()}) {
    if (!status.ok()) return context.Error(status.message());
  }
  return CountOptions{*binary, *minlength, *maxlength, *output_type};
}

// Adds value `i` of `values` (weighted by element i of `weights`, when it has any) to `counts`;
// returns the value when it counted.
int64_t CountOne(const CountOptions& options, const std::vector<int64_t>& values,
                 const std::vector<double>& weights, size_t i, std::map<int64_t, double>& counts) {
  const int64_t value = values[i];
  if (value < 0 || (options.maxlength > 0 && value >= options.maxlength)) return -1;
  if (options.binary) {
    counts[value] = 1;
  } else {
    counts[value] += weights.empty() ? 1.0 : weights[i];
  }
  return value;
}

absl::StatusOr<std::vector<double>> WeightValues(const OpContext& context, const Tensor& weights,
                                                 int64_t count, DataType output_type) {
  if (weights.num_elements() == 0) return std::vector<double>();
  if (weights.num_elements() != count) {
    return context.Error(absl::StrCat(
        "Weights and values must have the same shape. Weight shape: ", ShapeString(weights.shape()),
        "; values has ", count, " elements"));
  }
  if (weights.dtype() != output_type) {
    return context.Error("weights must have the dtype output_type names");
  }
  std::vector<double> out;
  if (!math::DispatchTag(math::AllNumericTypes(), weights.dtype(), [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t i = 0; i < count; ++i) {
          out.push_back(static_cast<double>(math::Widen<T>(weights.data<T>()[i])));
        }
      })) {
    return sparse::UnsupportedDtype(context, weights.dtype());
  }
  return out;
}

// Writes the counts as a SparseTensor ([rows, width], or [width] when `is_1d`).
absl::Status OutputCounts(OpContext& context, const CountOptions& options,
                          const BatchCounts& counts, int64_t max_value, bool is_1d) {
  const int64_t width =
      options.maxlength > 0 ? options.maxlength : std::max(max_value + 1, options.minlength);
  std::vector<int64_t> indices;
  std::vector<double> values;
  for (size_t b = 0; b < counts.size(); ++b) {
    for (const auto& [value, weight] : counts[b]) {
      if (!is_1d) indices.push_back(static_cast<int64_t>(b));
      indices.push_back(value);
      values.push_back(weight);
    }
  }
  const int64_t total = static_cast<int64_t>(values.size());
  absl::StatusOr<Tensor> values_out = Tensor::Allocate(options.output_type, {total});
  if (!values_out.ok()) return context.Error(values_out.status().message());
  if (!math::DispatchTag(math::AllNumericTypes(), options.output_type, [&](auto tag) {
        using T = typename decltype(tag)::type;
        for (int64_t i = 0; i < total; ++i) {
          values_out->mutable_data<T>()[i] =
              math::Narrow<T>(static_cast<math::ComputeType<T>>(values[i]));
        }
      })) {
    return sparse::UnsupportedDtype(context, options.output_type);
  }
  absl::StatusOr<Tensor> indices_out = sparse::Int64Tensor({total, is_1d ? 1 : 2}, indices);
  absl::StatusOr<Tensor> shape_out =
      is_1d ? sparse::Int64Tensor({1}, {width})
            : sparse::Int64Tensor({2}, {static_cast<int64_t>(counts.size()), width});
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values_out));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

absl::Status ComputeDenseCount(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  absl::StatusOr<CountOptions> options = ReadCountOptions(context);
  if (!options.ok()) return options.status();
  const Tensor& data = context.input(0);
  if (data.rank() != 1 && data.rank() != 2) {
    return context.Error(absl::StrCat("Input must be a 1 or 2-dimensional tensor. Got: ",
                                      ShapeString(data.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(data, "values");
  if (!values.ok()) return context.Error(values.status().message());
  absl::StatusOr<std::vector<double>> weights =
      WeightValues(context, context.input(1), data.num_elements(), options->output_type);
  if (!weights.ok()) return weights.status();
  const bool is_1d = data.rank() == 1;
  const int64_t rows = is_1d ? 1 : data.dim(0);
  const int64_t per_row = rows == 0 ? 0 : data.num_elements() / rows;
  BatchCounts counts(rows);
  int64_t max_value = 0;
  for (int64_t i = 0; i < data.num_elements(); ++i) {
    max_value = std::max(max_value, CountOne(*options, *values, *weights, i, counts[i / per_row]));
  }
  return OutputCounts(context, *options, counts, max_value, is_1d);
}

absl::Status ComputeSparseCount(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<CountOptions> options = ReadCountOptions(context);
  if (!options.ok()) return options.status();
  const Tensor& indices = context.input(0);
  const Tensor& shape = context.input(2);
  if (indices.rank() != 2 || indices.dtype() != tensorflow::DT_INT64) {
    return context.Error("Input indices must be a 2-dimensional int64 tensor");
  }
  if (shape.rank() != 1 || shape.dtype() != tensorflow::DT_INT64 ||
      shape.dim(0) != indices.dim(1)) {
    return context.Error("Input dense_shape must be an int64 vector with one entry per index dim");
  }
  if (shape.dim(0) != 1 && shape.dim(0) != 2) {
    return context.Error("Input must be a 1 or 2-dimensional tensor");
  }
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(context.input(1), "values");
  if (!values.ok()) return context.Error(values.status().message());
  if (static_cast<int64_t>(values->size()) != indices.dim(0)) {
    return context.Error("Number of values must match the number of indices");
  }
  absl::StatusOr<std::vector<double>> weights =
      WeightValues(context, context.input(3), indices.dim(0), options->output_type);
  if (!weights.ok()) return weights.status();
  const bool is_1d = shape.dim(0) == 1;
  const int64_t rows = is_1d ? 1 : shape.data<int64_t>()[0];
  BatchCounts counts(rows);
  int64_t max_value = 0;
  for (size_t i = 0; i < values->size(); ++i) {
    const int64_t row = is_1d ? 0 : indices.data<int64_t>()[2 * i];
    if (row < 0 || row >= rows) {
      return context.Error(absl::StrCat("Invalid batch index ", row, " for ", rows, " rows"));
    }
    max_value = std::max(max_value, CountOne(*options, *values, *weights, i, counts[row]));
  }
  return OutputCounts(context, *options, counts, max_value, is_1d);
}

absl::StatusOr<std::vector<int64_t>> ReadSplits(const OpContext& context, const Tensor& splits,
                                                int64_t num_values) {
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(splits, "splits");
  if (!values.ok()) return context.Error(values.status().message());
  if (splits.rank() != 1 || values->empty() || values->front() != 0 ||
      values->back() != num_values) {
    return context.Error(absl::StrCat("Splits must be a vector starting at 0 and ending at ",
                                      num_values, ", the number of values"));
  }
  for (size_t i = 1; i < values->size(); ++i) {
    if ((*values)[i] < (*values)[i - 1]) return context.Error("Splits must be sorted");
  }
  return values;
}

absl::Status ComputeRaggedCount(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<CountOptions> options = ReadCountOptions(context);
  if (!options.ok()) return options.status();
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(context.input(1), "values");
  if (!values.ok()) return context.Error(values.status().message());
  absl::StatusOr<std::vector<int64_t>> splits =
      ReadSplits(context, context.input(0), static_cast<int64_t>(values->size()));
  if (!splits.ok()) return splits.status();
  absl::StatusOr<std::vector<double>> weights = WeightValues(
      context, context.input(2), static_cast<int64_t>(values->size()), options->output_type);
  if (!weights.ok()) return weights.status();
  BatchCounts counts(splits->size() - 1);
  int64_t max_value = 0;
  for (size_t row = 0; row + 1 < splits->size(); ++row) {
    for (int64_t i = (*splits)[row]; i < (*splits)[row + 1]; ++i) {
      max_value = std::max(max_value, CountOne(*options, *values, *weights, i, counts[row]));
    }
  }
  return OutputCounts(context, *options, counts, max_value, false);
}

// Adds weight `i` (or 1) of bin `value` of row `row` to `out` when the bin is in [0, size).
template <typename T>
void Bin(const Tensor& weights, bool binary, int64_t i, int64_t row, int64_t value, int64_t size,
         T* out) {
  if (value < 0 || value >= size) return;
  T& slot = out[row * size + value];
  if (binary) {
    slot = T(1);
  } else if (weights.num_elements() == 0) {
    slot = slot + T(1);
  } else {
    slot = slot + weights.data<T>()[i];
  }
}

template <bool kRagged>
absl::Status ComputeBincount(OpContext& context) {
  const int num_inputs = kRagged ? 4 : 5;
  if (absl::Status status = context.CheckNumInputs(num_inputs, num_inputs); !status.ok()) {
    return status;
  }
  absl::StatusOr<bool> binary = sparse::AttrsOf(context).GetBool("binary_output");
  if (!binary.ok()) return context.Error(binary.status().message());
  const Tensor& values_tensor = context.input(kRagged ? 1 : 1);
  const Tensor& size_tensor = context.input(kRagged ? 2 : 3);
  const Tensor& weights = context.input(kRagged ? 3 : 4);
  absl::StatusOr<int64_t> size = misc::IndexScalar(size_tensor, "size");
  if (!size.ok()) return context.Error(size.status().message());
  if (*size < 0) return context.Error(absl::StrCat("size (", *size, ") must be non-negative"));
  absl::StatusOr<std::vector<int64_t>> values = misc::IndexValues(values_tensor, "values");
  if (!values.ok()) return context.Error(values.status().message());
  const int64_t count = static_cast<int64_t>(values->size());
  if (weights.num_elements() != 0 && weights.num_elements() != count) {
    return context.Error("weights must be empty or have one weight per value");
  }
  std::vector<int64_t> rows_of(count, 0);
  int64_t rows = 1;
  bool is_1d = true;
  if (kRagged) {
    absl::StatusOr<std::vector<int64_t>> splits = ReadSplits(context, context.input(0), count);
    if (!splits.ok()) return splits.status();
    rows = static_cast<int64_t>(splits->size()) - 1;
    is_1d = false;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t i = (*splits)[r]; i < (*splits)[r + 1]; ++i) rows_of[i] = r;
    }
  } else {
    const Tensor& indices = context.input(0);
    absl::StatusOr<std::vector<int64_t>> shape = misc::IndexValues(context.input(2), "dense_shape");
    if (!shape.ok()) return context.Error(shape.status().message());
    if (indices.rank() != 2 || indices.dim(0) != count ||
        indices.dim(1) != static_cast<int64_t>(shape->size())) {
      return context.Error("indices must be [num values, rank] with rank the dense_shape's size");
    }
    if (shape->size() != 1 && shape->size() != 2) {
      return context.Error("Input must be a 1 or 2-dimensional tensor");
    }
    is_1d = shape->size() == 1;
    if (!is_1d) {
      rows = (*shape)[0];
      absl::StatusOr<std::vector<int64_t>> index = misc::IndexValues(indices, "indices");
      if (!index.ok()) return context.Error(index.status().message());
      for (int64_t i = 0; i < count; ++i) {
        rows_of[i] = (*index)[2 * i];
        if (rows_of[i] < 0 || rows_of[i] >= rows) {
          return context.Error(absl::StrCat("Index out of bound. `batch` (", rows_of[i],
                                            ") must be less than the dimension size (", rows,
                                            ")."));
        }
      }
    }
  }
  const DataType dtype = weights.dtype();
  const Shape out_shape = is_1d ? Shape{*size} : Shape{rows, *size};
  absl::StatusOr<Tensor> output = Tensor::Zeros(dtype, out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  auto bin = [&](auto tag) {
    using T = typename decltype(tag)::type;
    for (int64_t i = 0; i < count; ++i) {
      Bin<T>(weights, *binary, i, rows_of[i], (*values)[i], *size, output->mutable_data<T>());
    }
  };
  if (!math::DispatchTag(math::TypeList<float, double, int32_t, int64_t>(), dtype, bin)) {
    return sparse::UnsupportedDtype(context, dtype);
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType> kIndexTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};
const std::vector<DataType> kCountTypes = {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                                           tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL("DenseCountSparseOutput", ComputeDenseCount,
                {{"T", kIndexTypes}, {"output_type", kCountTypes}});
REGISTER_KERNEL("SparseCountSparseOutput", ComputeSparseCount,
                {{"T", kIndexTypes}, {"output_type", kCountTypes}});
REGISTER_KERNEL("RaggedCountSparseOutput", ComputeRaggedCount,
                {{"T", kIndexTypes}, {"output_type", kCountTypes}});
REGISTER_KERNEL("SparseBincount", ComputeBincount<false>,
                {{"T", kCountTypes}, {"Tidx", kIndexTypes}});
REGISTER_KERNEL("RaggedBincount", ComputeBincount<true>,
                {{"T", kCountTypes}, {"Tidx", kIndexTypes}});

}  // namespace
}  // namespace tfjs::runtime
