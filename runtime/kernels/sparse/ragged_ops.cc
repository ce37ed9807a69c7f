// Ragged tensor kernels (a ragged tensor: nested row splits, outermost first, over dense
// values): RaggedGather (rows by index; indices' outer dims become uniform ragged dims),
// RaggedTensorToSparse, RaggedTensorToTensor (padded with default_value, cut to `shape`),
// RaggedFillEmptyRows (a default value for each empty row), and RaggedTensorToVariant /
// RaggedTensorFromVariant (rows held in DT_VARIANT elements, variant_tensors.h).
#include <algorithm>
#include <functional>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/sparse/ragged_util.h"
#include "runtime/kernels/sparse/sparse_util.h"
#include "runtime/kernels/sparse/variant_tensors.h"

namespace tfjs::runtime {
namespace {

using sparse::RowRange;
using sparse::Splits;
using sparse::TensorsVariant;

// The nested splits and value rows of the outermost rows `rows` of a ragged tensor.
void GatherRows(const std::vector<Splits>& nested, const std::vector<int64_t>& rows,
                std::vector<Splits>* out, std::vector<RowRange>* value_ranges) {
  out->assign(nested.size(), Splits{0});
  std::vector<RowRange> ranges;
  for (int64_t row : rows) ranges.push_back({row, row + 1});
  for (size_t level = 0; level < nested.size(); ++level) {
    const Splits& splits = nested[level];
    std::vector<RowRange> next;
    for (const RowRange& range : ranges) {
      for (int64_t j = range.begin; j < range.end; ++j) {
        (*out)[level].push_back((*out)[level].back() + splits[j + 1] - splits[j]);
      }
      next.push_back({splits[range.begin], splits[range.end]});
    }
    ranges = std::move(next);
  }
  *value_ranges = std::move(ranges);
}

absl::StatusOr<int64_t> IntAttr(const OpContext& context, const char* name) {
  absl::StatusOr<int64_t> value = sparse::AttrsOf(context).GetInt(name);
  if (!value.ok()) return context.Error(value.status().message());
  return value;
}

absl::StatusOr<DataType> TypeAttr(const OpContext& context, const char* name) {
  absl::StatusOr<DataType> value = sparse::AttrsOf(context).GetType(name);
  if (!value.ok()) return context.Error(value.status().message());
  return value;
}

// Uniform splits for the leading dims `dims` of a shape: level d has dims[0..d] rows of dims[d+1]
// each.
std::vector<Splits> UniformSplits(const std::vector<int64_t>& dims) {
  std::vector<Splits> levels;
  int64_t rows = dims.empty() ? 0 : dims[0];
  for (size_t d = 1; d < dims.size(); ++d) {
    Splits splits(rows + 1);
    for (int64_t r = 0; r <= rows; ++r) splits[r] = r * dims[d];
    levels.push_back(std::move(splits));
    rows *= dims[d];
  }
  return levels;
}

absl::Status ComputeRaggedGather(OpContext& context) {
  absl::StatusOr<int64_t> params_rank = IntAttr(context, "PARAMS_RAGGED_RANK");
  if (!params_rank.ok()) return params_rank.status();
  absl::StatusOr<DataType> splits_type = TypeAttr(context, "Tsplits");
  if (!splits_type.ok()) return splits_type.status();
  const int levels = static_cast<int>(*params_rank);
  if (context.num_inputs() != levels + 2) {
    return context.Error(
        absl::StrCat("Expected ", levels + 2, " inputs, got ", context.num_inputs()));
  }
  const Tensor& values = context.input(levels);
  const Tensor& indices_tensor = context.input(levels + 1);
  absl::StatusOr<std::vector<Splits>> nested = sparse::ReadNestedSplits(context, 0, levels, values);
  if (!nested.ok()) return nested.status();
  absl::StatusOr<std::vector<int64_t>> indices = misc::IndexValues(indices_tensor, "indices");
  if (!indices.ok()) return context.Error(indices.status().message());
  const int64_t nrows = static_cast<int64_t>((*nested)[0].size()) - 1;
  for (size_t i = 0; i < indices->size(); ++i) {
    if ((*indices)[i] < 0 || (*indices)[i] >= nrows) {
      return context.Error(
          absl::StrCat("indices[", i, "] = ", (*indices)[i], " is not in [0, ", nrows, ")"));
    }
  }
  std::vector<Splits> gathered;
  std::vector<RowRange> ranges;
  GatherRows(*nested, *indices, &gathered, &ranges);
  absl::StatusOr<Tensor> values_out = sparse::CopyRows(values, ranges);
  if (!values_out.ok()) return context.Error(values_out.status().message());
  std::vector<Splits> out;
  if (indices_tensor.rank() == 0) {
    out.assign(gathered.begin() + 1, gathered.end());
  } else {
    out = UniformSplits(
        std::vector<int64_t>(indices_tensor.shape().begin(), indices_tensor.shape().end()));
    out.insert(out.end(), gathered.begin(), gathered.end());
  }
  if (absl::Status status = sparse::SetSplitsOutputs(context, 0, out, *splits_type); !status.ok()) {
    return status;
  }
  context.set_output(static_cast<int>(out.size()), *std::move(values_out));
  return absl::OkStatus();
}

// Calls visit(path, value row) for every value row, path holding its index in each ragged dim.
void ForEachValueRow(const std::vector<Splits>& nested,
                     const std::function<void(const std::vector<int64_t>&, int64_t)>& visit) {
  std::vector<int64_t> path;
  std::function<void(size_t, int64_t)> walk = [&](size_t level, int64_t item) {
    if (level == nested.size()) {
      visit(path, item);
      return;
    }
    const Splits& splits = nested[level];
    for (int64_t j = splits[item]; j < splits[item + 1]; ++j) {
      path.push_back(j - splits[item]);
      walk(level + 1, j);
      path.pop_back();
    }
  };
  const int64_t nrows = static_cast<int64_t>(nested[0].size()) - 1;
  for (int64_t row = 0; row < nrows; ++row) {
    path.push_back(row);
    walk(0, row);
    path.pop_back();
  }
}

// The largest row length of each level.
std::vector<int64_t> MaxRowLengths(const std::vector<Splits>& nested) {
  std::vector<int64_t> lengths;
  for (const Splits& splits : nested) {
    int64_t longest = 0;
    for (size_t i = 1; i < splits.size(); ++i)
      longest = std::max(longest, splits[i] - splits[i - 1]);
    lengths.push_back(longest);
  }
  return lengths;
}

absl::Status ComputeRaggedTensorToSparse(OpContext& context) {
  absl::StatusOr<int64_t> ragged_rank = IntAttr(context, "RAGGED_RANK");
  if (!ragged_rank.ok()) return ragged_rank.status();
  const int levels = static_cast<int>(*ragged_rank);
  if (context.num_inputs() != levels + 1 || levels < 1) {
    return context.Error(
        absl::StrCat("Expected ", levels + 1, " inputs, got ", context.num_inputs()));
  }
  const Tensor& values = context.input(levels);
  if (values.rank() < 1) return context.Error("rt_dense_values must have rank >= 1");
  absl::StatusOr<std::vector<Splits>> nested = sparse::ReadNestedSplits(context, 0, levels, values);
  if (!nested.ok()) return nested.status();
  const int64_t row = sparse::RowElements(values);
  const Shape inner(values.shape().begin() + 1, values.shape().end());
  const int rank = levels + values.rank();
  std::vector<int64_t> indices;
  std::vector<int64_t> order;
  ForEachValueRow(*nested, [&](const std::vector<int64_t>& path, int64_t value_row) {
    for (int64_t e = 0; e < row; ++e) {
      indices.insert(indices.end(), path.begin(), path.end());
      // The inner multi-index of element e, row-major.
      indices.resize(indices.size() + inner.size());
      int64_t rest = e;
      for (int d = static_cast<int>(inner.size()) - 1; d >= 0; --d) {
        indices[indices.size() - inner.size() + d] = rest % inner[d];
        rest /= inner[d];
      }
      order.push_back(value_row * row + e);
    }
  });
  std::vector<int64_t> shape = {static_cast<int64_t>((*nested)[0].size()) - 1};
  for (int64_t length : MaxRowLengths(*nested)) shape.push_back(length);
  shape.insert(shape.end(), inner.begin(), inner.end());
  absl::StatusOr<Tensor> flat = values.Reshaped({values.num_elements()});
  if (!flat.ok()) return context.Error(flat.status().message());
  absl::StatusOr<Tensor> values_out = sparse::Gather(*flat, order);
  absl::StatusOr<Tensor> indices_out =
      sparse::Int64Tensor({static_cast<int64_t>(order.size()), rank}, indices);
  absl::StatusOr<Tensor> shape_out = sparse::Int64Tensor({rank}, shape);
  for (const auto* result : {&values_out, &indices_out, &shape_out}) {
    if (!result->ok()) return context.Error(result->status().message());
  }
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values_out));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

// Row partitions given as ROW_SPLITS, or FIRST_DIM_SIZE then VALUE_ROWIDS, as splits.
absl::StatusOr<std::vector<Splits>> PartitionSplits(const OpContext& context, int first,
                                                    const std::vector<std::string>& types,
                                                    const Tensor& values) {
  std::vector<Splits> nested;
  int64_t nrows = -1;
  for (size_t t = 0; t < types.size(); ++t) {
    absl::StatusOr<std::vector<int64_t>> tensor =
        misc::IndexValues(context.input(first + static_cast<int>(t)), "row_partition_tensors");
    if (!tensor.ok()) return context.Error(tensor.status().message());
    if (types[t] == "ROW_SPLITS") {
      nested.push_back(*std::move(tensor));
      nrows = -1;
    } else if (types[t] == "FIRST_DIM_SIZE" && t == 0) {
      if (tensor->size() != 1) return context.Error("FIRST_DIM_SIZE must be a scalar");
      nrows = (*tensor)[0];
    } else if (types[t] == "VALUE_ROWIDS") {
      if (nrows < 0) {
        if (nested.empty()) return context.Error("VALUE_ROWIDS must follow FIRST_DIM_SIZE");
        nrows = nested.back().back();
      }
      Splits splits(nrows + 1, 0);
      for (size_t i = 0; i < tensor->size(); ++i) {
        const int64_t id = (*tensor)[i];
        if (id < 0 || id >= nrows || (i > 0 && id < (*tensor)[i - 1])) {
          return context.Error("value_rowids must be sorted and in [0, nrows)");
        }
        ++splits[id + 1];
      }
      for (int64_t r = 0; r < nrows; ++r) splits[r + 1] += splits[r];
      nrows = static_cast<int64_t>(tensor->size());
      nested.push_back(std::move(splits));
    } else {
      return context.Error(absl::StrCat("Unsupported row partition type ", types[t]));
    }
  }
  if (nested.empty()) return context.Error("row_partition_types must name at least one partition");
  // Validate the chain as splits.
  for (size_t level = 0; level < nested.size(); ++level) {
    const Splits& splits = nested[level];
    const int64_t next = level + 1 < nested.size()
                             ? static_cast<int64_t>(nested[level + 1].size()) - 1
                             : values.dim(0);
    if (splits.empty() || splits.front() != 0 || splits.back() != next ||
        !std::is_sorted(splits.begin(), splits.end())) {
      return context.Error(absl::StrCat("Invalid row partition at level ", level));
    }
  }
  return nested;
}

absl::Status ComputeRaggedTensorToTensor(OpContext& context) {
  const tensorflow::NodeDef& node = context.node();
  auto types_attr = node.attr().find("row_partition_types");
  if (types_attr == node.attr().end()) return context.Error("missing row_partition_types");
  const std::vector<std::string> types(types_attr->second.list().s().begin(),
                                       types_attr->second.list().s().end());
  if (context.num_inputs() != 3 + static_cast<int>(types.size())) {
    return context.Error(
        absl::StrCat("Expected ", 3 + types.size(), " inputs, got ", context.num_inputs()));
  }
  const Tensor& shape_tensor = context.input(0);
  const Tensor& values = context.input(1);
  const Tensor& fallback = context.input(2);
  if (values.rank() < 1) return context.Error("values must have rank >= 1");
  absl::StatusOr<std::vector<Splits>> nested = PartitionSplits(context, 3, types, values);
  if (!nested.ok()) return nested.status();
  const int levels = static_cast<int>(nested->size());
  const int rank = levels + values.rank();
  std::vector<int64_t> natural = {static_cast<int64_t>((*nested)[0].size()) - 1};
  for (int64_t length : MaxRowLengths(*nested)) natural.push_back(length);
  natural.insert(natural.end(), values.shape().begin() + 1, values.shape().end());
  std::vector<int64_t> out_dims = natural;
  if (shape_tensor.rank() > 0 && shape_tensor.num_elements() > 0) {
    absl::StatusOr<std::vector<int64_t>> given = misc::IndexValues(shape_tensor, "shape");
    if (!given.ok()) return context.Error(given.status().message());
    if (static_cast<int>(given->size()) != rank) {
      return context.Error(
          absl::StrCat("shape has ", given->size(), " dims; the result has ", rank));
    }
    for (int d = 0; d < rank; ++d) {
      if ((*given)[d] < 0) continue;
      if (d > levels && (*given)[d] != natural[d]) {
        return context.Error(absl::StrCat("dense dimension ", d, " of shape (", (*given)[d],
                                          ") must equal the values' (", natural[d], ")"));
      }
      out_dims[d] = (*given)[d];
    }
  }
  const Shape out_shape(out_dims.begin(), out_dims.end());
  const Shape inner(values.shape().begin() + 1, values.shape().end());
  const int64_t row = sparse::RowElements(values);
  // The default broadcast over one value row.
  std::vector<int64_t> fallback_at(row, 0);
  if (fallback.num_elements() != 1) {
    if (fallback.rank() > static_cast<int>(inner.size())) {
      return context.Error("default_value must broadcast to the values' inner shape");
    }
    for (int d = 0; d < fallback.rank(); ++d) {
      const int64_t size = fallback.dim(d);
      if (size != 1 && size != inner[inner.size() - fallback.rank() + d]) {
        return context.Error("default_value must broadcast to the values' inner shape");
      }
    }
    const Shape fallback_shape = fallback.shape();
    misc::ForEachBroadcast(inner, inner, fallback_shape,
                           [&](int64_t i, int64_t, int64_t b) { fallback_at[i] = b; });
  }
  if (fallback.dtype() != values.dtype()) {
    return context.Error("default_value and values must have one dtype");
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(values.dtype(), out_shape);
  if (!output.ok()) return context.Error(output.status().message());
  std::vector<int64_t> strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) strides[d] = strides[d + 1] * out_dims[d + 1];
  const int64_t total = output->num_elements();
  auto copy = [&](int64_t to, const Tensor& from, int64_t at) {
    CopyElements(from, at, *output, to, 1);
  };
  for (int64_t i = 0; i < total; ++i) copy(i, fallback, fallback_at[i % std::max<int64_t>(row, 1)]);
  ForEachValueRow(*nested, [&](const std::vector<int64_t>& path, int64_t value_row) {
    int64_t offset = 0;
    for (size_t d = 0; d < path.size(); ++d) {
      if (path[d] >= out_dims[d]) return;
      offset += path[d] * strides[d];
    }
    for (int64_t e = 0; e < row; ++e) copy(offset + e, values, value_row * row + e);
  });
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

absl::Status ComputeRaggedFillEmptyRows(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  const Tensor& rowids = context.input(0);
  const Tensor& values = context.input(1);
  const Tensor& fallback = context.input(3);
  absl::StatusOr<int64_t> nrows = misc::IndexScalar(context.input(2), "nrows");
  if (!nrows.ok()) return context.Error(nrows.status().message());
  if (rowids.dtype() != tensorflow::DT_INT64 || rowids.rank() != 1) {
    return context.Error("value_rowids must be an int64 vector");
  }
  if (values.rank() != 1 || values.dim(0) != rowids.dim(0)) {
    return context.Error("values must be a vector with one value per row id");
  }
  if (fallback.rank() != 0 || fallback.dtype() != values.dtype()) {
    return context.Error("default_value must be a scalar of the values' dtype");
  }
  std::vector<std::vector<int64_t>> members(*nrows);
  for (int64_t i = 0; i < rowids.dim(0); ++i) {
    const int64_t row = rowids.data<int64_t>()[i];
    if (row < 0 || row >= *nrows) {
      return context.Error(
          absl::StrCat("value_rowids[", i, "] = ", row, " is out of range [0, ", *nrows, ")"));
    }
    members[row].push_back(i);
  }
  // Output entries: the input index, or -1 for a default.
  std::vector<int64_t> sources, out_rowids, reverse(rowids.dim(0));
  absl::StatusOr<Tensor> empty = Tensor::Allocate(tensorflow::DT_BOOL, {*nrows});
  if (!empty.ok()) return context.Error(empty.status().message());
  for (int64_t row = 0; row < *nrows; ++row) {
    empty->mutable_data<bool>()[row] = members[row].empty();
    if (members[row].empty()) {
      sources.push_back(-1);
      out_rowids.push_back(row);
    }
    for (int64_t i : members[row]) {
      reverse[i] = static_cast<int64_t>(sources.size());
      sources.push_back(i);
      out_rowids.push_back(row);
    }
  }
  // Gather from [values..., default].
  absl::StatusOr<Tensor> fallback_vector = fallback.Reshaped({1});
  if (!fallback_vector.ok()) return context.Error(fallback_vector.status().message());
  absl::StatusOr<Tensor> both = sparse::ConcatVectors({values, *fallback_vector}, values.dtype());
  if (!both.ok()) return context.Error(both.status().message());
  for (int64_t& source : sources) {
    if (source < 0) source = values.dim(0);
  }
  absl::StatusOr<Tensor> values_out = sparse::Gather(*both, sources);
  absl::StatusOr<Tensor> rowids_out =
      sparse::Int64Tensor({static_cast<int64_t>(out_rowids.size())}, out_rowids);
  absl::StatusOr<Tensor> reverse_out = sparse::Int64Tensor({rowids.dim(0)}, reverse);
  for (const auto* result : {&values_out, &rowids_out, &reverse_out}) {
    if (!result->ok()) return context.Error(result->status().message());
  }
  context.set_output(0, *std::move(rowids_out));
  context.set_output(1, *std::move(values_out));
  context.set_output(2, *std::move(empty));
  context.set_output(3, *std::move(reverse_out));
  return absl::OkStatus();
}

// A ragged tensor's variant element: values, then the nested splits as int64.
absl::StatusOr<TensorsVariant> RaggedElement(const std::vector<Splits>& nested, Tensor values) {
  TensorsVariant element{TensorsVariant::Kind::kRagged, {std::move(values)}};
  for (const Splits& splits : nested) {
    absl::StatusOr<Tensor> tensor =
        sparse::Int64Tensor({static_cast<int64_t>(splits.size())}, splits);
    if (!tensor.ok()) return tensor.status();
    element.tensors.push_back(*std::move(tensor));
  }
  return element;
}

absl::Status ComputeRaggedTensorToVariant(OpContext& context) {
  absl::StatusOr<int64_t> ragged_rank = IntAttr(context, "RAGGED_RANK");
  if (!ragged_rank.ok()) return ragged_rank.status();
  absl::StatusOr<bool> batched = sparse::AttrsOf(context).GetBool("batched_input");
  if (!batched.ok()) return context.Error(batched.status().message());
  const int levels = static_cast<int>(*ragged_rank);
  if (context.num_inputs() != levels + 1) {
    return context.Error(
        absl::StrCat("Expected ", levels + 1, " inputs, got ", context.num_inputs()));
  }
  const Tensor& values = context.input(levels);
  absl::StatusOr<std::vector<Splits>> nested = sparse::ReadNestedSplits(context, 0, levels, values);
  if (!nested.ok()) return nested.status();
  std::vector<TensorsVariant> elements;
  if (!*batched) {
    absl::StatusOr<TensorsVariant> element = RaggedElement(*nested, values);
    if (!element.ok()) return context.Error(element.status().message());
    elements.push_back(*std::move(element));
    context.set_output(0, sparse::MakeVariantTensor({}, std::move(elements)));
    return absl::OkStatus();
  }
  if (levels == 0) {
    // Each row of the dense values is one element.
    for (int64_t r = 0; r < values.dim(0); ++r) {
      absl::StatusOr<Tensor> row = sparse::CopyRows(values, {RowRange{r, r + 1}});
      if (!row.ok()) return context.Error(row.status().message());
      absl::StatusOr<Tensor> squeezed =
          row->Reshaped(Shape(values.shape().begin() + 1, values.shape().end()));
      if (!squeezed.ok()) return context.Error(squeezed.status().message());
      elements.push_back(TensorsVariant{TensorsVariant::Kind::kRagged, {*std::move(squeezed)}});
    }
  } else {
    const int64_t nrows = static_cast<int64_t>((*nested)[0].size()) - 1;
    for (int64_t r = 0; r < nrows; ++r) {
      std::vector<Splits> gathered;
      std::vector<RowRange> ranges;
      GatherRows(*nested, {r}, &gathered, &ranges);
      absl::StatusOr<Tensor> row_values = sparse::CopyRows(values, ranges);
      if (!row_values.ok()) return context.Error(row_values.status().message());
      absl::StatusOr<TensorsVariant> element = RaggedElement(
          std::vector<Splits>(gathered.begin() + 1, gathered.end()), *std::move(row_values));
      if (!element.ok()) return context.Error(element.status().message());
      elements.push_back(*std::move(element));
    }
  }
  const int64_t count = static_cast<int64_t>(elements.size());
  context.set_output(0, sparse::MakeVariantTensor({count}, std::move(elements)));
  return absl::OkStatus();
}

absl::Status ComputeRaggedTensorFromVariant(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<int64_t> input_rank = IntAttr(context, "input_ragged_rank");
  absl::StatusOr<int64_t> output_rank = IntAttr(context, "output_ragged_rank");
  absl::StatusOr<DataType> values_type = TypeAttr(context, "Tvalues");
  absl::StatusOr<DataType> splits_type = TypeAttr(context, "Tsplits");
  for (const absl::Status& status :
       {input_rank.status(), output_rank.status(), values_type.status(), splits_type.status()}) {
    if (!status.ok()) return status;
  }
  const Tensor& encoded = context.input(0);
  const int64_t inner_rank = *input_rank < 0 ? *output_rank - encoded.rank() : *input_rank;
  if (*output_rank != inner_rank + encoded.rank() || inner_rank < 0) {
    return context.Error(absl::StrCat("output_ragged_rank (", *output_rank,
                                      ") must be input_ragged_rank (", inner_rank,
                                      ") plus the rank of encoded_ragged (", encoded.rank(), ")"));
  }
  std::vector<const TensorsVariant*> elements;
  for (int64_t i = 0; i < encoded.num_elements(); ++i) {
    const TensorsVariant* element =
        sparse::VariantElement(encoded, i, TensorsVariant::Kind::kRagged);
    if (element == nullptr) {
      return context.Error(absl::StrCat("encoded_ragged[", i, "] does not hold a ragged tensor"));
    }
    if (static_cast<int64_t>(element->tensors.size()) != inner_rank + 1) {
      return context.Error(absl::StrCat("Encoded ragged tensor ", i, " has ragged rank ",
                                        element->tensors.size() - 1, "; expected ", inner_rank));
    }
    if (element->tensors[0].dtype() != *values_type) {
      return context.Error(absl::StrCat("Expected values of dtype ", DataTypeName(*values_type),
                                        " but got ", DataTypeName(element->tensors[0].dtype())));
    }
    elements.push_back(element);
  }
  std::vector<Splits> out;
  std::vector<Tensor> values;
  if (encoded.rank() > 0) {
    out = UniformSplits(std::vector<int64_t>(encoded.shape().begin(), encoded.shape().end()));
    // The level over the elements: each element's number of rows.
    Splits outer = {0};
    for (const TensorsVariant* element : elements) {
      const Tensor& first = element->tensors.size() > 1 ? element->tensors[1] : element->tensors[0];
      const int64_t rows = element->tensors.size() > 1 ? first.num_elements() - 1
                                                       : (first.rank() > 0 ? first.dim(0) : 1);
      outer.push_back(outer.back() + rows);
    }
    out.push_back(std::move(outer));
  }
  for (int64_t level = 0; level < inner_rank; ++level) {
    Splits merged = {0};
    for (const TensorsVariant* element : elements) {
      const Tensor& splits = element->tensors[1 + level];
      const int64_t base = merged.back();
      for (int64_t i = 1; i < splits.num_elements(); ++i) {
        merged.push_back(base + splits.data<int64_t>()[i]);
      }
    }
    out.push_back(std::move(merged));
  }
  for (const TensorsVariant* element : elements) values.push_back(element->tensors[0]);
  Tensor values_out;
  if (encoded.rank() == 0) {
    values_out = values[0];
  } else {
    const Tensor& first = values.empty() ? Tensor() : values[0];
    const Shape row_shape = values.empty() || first.rank() == 0
                                ? Shape{}
                                : Shape(first.shape().begin() + 1, first.shape().end());
    for (const Tensor& part : values) {
      if (Shape(part.shape().begin() + (part.rank() > 0 ? 1 : 0), part.shape().end()) !=
          row_shape) {
        return context.Error("Encoded ragged tensors must share their inner value shape");
      }
    }
    absl::StatusOr<Tensor> stacked = sparse::StackRows(values, *values_type, row_shape);
    if (!stacked.ok()) return context.Error(stacked.status().message());
    values_out = *std::move(stacked);
  }
  if (absl::Status status = sparse::SetSplitsOutputs(context, 0, out, *splits_type); !status.ok()) {
    return status;
  }
  context.set_output(static_cast<int>(out.size()), std::move(values_out));
  return absl::OkStatus();
}

// TF's ragged kernels take every POD type, string and the quantized ones.
std::vector<DataType> RaggedValueTypes() {
  std::vector<DataType> types = dtypes::PodString();
  for (DataType type : {tensorflow::DT_QINT8, tensorflow::DT_QUINT8, tensorflow::DT_QINT16,
                        tensorflow::DT_QUINT16, tensorflow::DT_QINT32}) {
    types.push_back(type);
  }
  return types;
}

const std::vector<DataType> kIndexTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL("RaggedGather", ComputeRaggedGather,
                {{"Tvalues", RaggedValueTypes()},
                 {"Tindices", kIndexTypes},
                 {"Tsplits", kIndexTypes}});
REGISTER_KERNEL("RaggedTensorToSparse", ComputeRaggedTensorToSparse, {{"Tsplits", kIndexTypes}});
REGISTER_KERNEL("RaggedTensorToTensor", ComputeRaggedTensorToTensor,
                {{"T", RaggedValueTypes()}, {"Tindex", kIndexTypes}, {"Tshape", kIndexTypes}});
REGISTER_KERNEL("RaggedFillEmptyRows", ComputeRaggedFillEmptyRows, {{"T", dtypes::All()}});
REGISTER_KERNEL("RaggedTensorToVariant", ComputeRaggedTensorToVariant,
                {{"Tvalues", RaggedValueTypes()}, {"Tsplits", kIndexTypes}});
REGISTER_KERNEL("RaggedTensorFromVariant", ComputeRaggedTensorFromVariant,
                {{"Tvalues", RaggedValueTypes()}, {"Tsplits", kIndexTypes}});

}  // namespace
}  // namespace tfjs::runtime
