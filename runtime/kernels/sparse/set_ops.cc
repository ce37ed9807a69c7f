// Set ops on the last dim of dense or sparse tensors: SetSize (distinct values per set), and
// DenseToDense / DenseToSparse / SparseToSparseSetOperation ("a-b", "b-a", "intersection",
// "union" of each pair of sets, as a SparseTensor of sorted values).
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernel.h"
#include "runtime/kernels/sparse/sparse_util.h"

namespace tfjs::runtime {
namespace {

using sparse::SparseInput;
using Group = std::vector<int64_t>;

// A set element: an integer or a string (the set ops' dtypes).
struct Element {
  int64_t number = 0;
  std::string text;
  bool operator<(const Element& other) const {
    return text != other.text ? text < other.text : number < other.number;
  }
  bool operator==(const Element& other) const {
    return number == other.number && text == other.text;
  }
};

absl::StatusOr<Element> ElementAt(const Tensor& values, int64_t i) {
  Element element;
  switch (values.dtype()) {
    case tensorflow::DT_STRING:
      element.text = values.strings()[i];
      break;
    case tensorflow::DT_INT8:
      element.number = values.data<int8_t>()[i];
      break;
    case tensorflow::DT_INT16:
      element.number = values.data<int16_t>()[i];
      break;
    case tensorflow::DT_INT32:
      element.number = values.data<int32_t>()[i];
      break;
    case tensorflow::DT_INT64:
      element.number = values.data<int64_t>()[i];
      break;
    case tensorflow::DT_UINT8:
      element.number = values.data<uint8_t>()[i];
      break;
    case tensorflow::DT_UINT16:
      element.number = values.data<uint16_t>()[i];
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("Invalid set dtype ", DataTypeName(values.dtype())));
  }
  return element;
}

// The sets of a dense tensor (one per index of its leading dims) or a SparseTensor (one per
// group present), by group index.
struct Sets {
  Group group_shape;
  std::map<Group, std::set<Element>> sets;
};

absl::StatusOr<Sets> DenseSets(const OpContext& context, const Tensor& dense) {
  if (dense.rank() < 2) {
    return context.Error(absl::StrCat("Expected rank >= 2, got ", ShapeString(dense.shape())));
  }
  Sets sets;
  sets.group_shape.assign(dense.shape().begin(), dense.shape().end() - 1);
  const int64_t width = dense.dim(dense.rank() - 1);
  const int64_t groups = NumElements(sets.group_shape);
  for (int64_t g = 0; g < groups; ++g) {
    Group group(sets.group_shape.size());
    for (int64_t d = static_cast<int64_t>(group.size()) - 1, rest = g; d >= 0; --d) {
      group[d] = rest % sets.group_shape[d];
      rest /= sets.group_shape[d];
    }
    std::set<Element>& set = sets.sets[group];
    for (int64_t i = 0; i < width; ++i) {
      absl::StatusOr<Element> element = ElementAt(dense, g * width + i);
      if (!element.ok()) return context.Error(element.status().message());
      set.insert(*std::move(element));
    }
  }
  return sets;
}

absl::StatusOr<Sets> SparseSets(const OpContext& context, int first, bool validate) {
  absl::StatusOr<SparseInput> input = sparse::ReadSparse(context, first);
  if (!input.ok()) return input.status();
  if (input->rank < 2) {
    return context.Error(absl::StrCat("Expected rank >= 2, got ", input->rank));
  }
  Sets sets;
  sets.group_shape.assign(input->shape.begin(), input->shape.end() - 1);
  for (int64_t k = 0; k < input->nnz; ++k) {
    const int64_t* index = input->index(k);
    if (validate) {
      for (int d = 0; d < input->rank; ++d) {
        if (index[d] < 0 || index[d] >= input->shape[d]) {
          return context.Error(absl::StrCat("Invalid indices[", k, "]: out of bounds of shape [",
                                            absl::StrJoin(input->shape, ","), "]"));
        }
      }
      if (k > 0 && !sparse::IndexLess(input->index(k - 1), index, input->rank)) {
        return context.Error(absl::StrCat("Sparse indices must be sorted and unique: indices[", k,
                                          "] is out of order"));
      }
    }
    absl::StatusOr<Element> element = ElementAt(*input->values, k);
    if (!element.ok()) return context.Error(element.status().message());
    sets.sets[Group(index, index + input->rank - 1)].insert(*std::move(element));
  }
  return sets;
}

absl::StatusOr<bool> ValidateIndices(const OpContext& context) {
  absl::StatusOr<bool> validate = sparse::AttrsOf(context).GetBool("validate_indices");
  if (!validate.ok()) return context.Error(validate.status().message());
  return validate;
}

absl::Status ComputeSetSize(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  absl::StatusOr<bool> validate = ValidateIndices(context);
  if (!validate.ok()) return validate.status();
  absl::StatusOr<Sets> sets = SparseSets(context, 0, *validate);
  if (!sets.ok()) return sets.status();
  absl::StatusOr<Tensor> output = Tensor::Zeros(
      tensorflow::DT_INT32, Shape(sets->group_shape.begin(), sets->group_shape.end()));
  if (!output.ok()) return context.Error(output.status().message());
  for (const auto& [group, set] : sets->sets) {
    int64_t offset = 0;
    for (size_t d = 0; d < group.size(); ++d) offset = offset * sets->group_shape[d] + group[d];
    output->mutable_data<int32_t>()[offset] = static_cast<int32_t>(set.size());
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Writes the set operation of each pair of sets as a SparseTensor.
absl::Status SetOperation(OpContext& context, const Sets& a, const Sets& b, DataType dtype) {
  absl::StatusOr<std::string> op = sparse::AttrsOf(context).GetString("set_operation");
  if (!op.ok()) return context.Error(op.status().message());
  if (*op != "a-b" && *op != "b-a" && *op != "intersection" && *op != "union") {
    return context.Error(absl::StrCat("Invalid set_operation ", *op, "."));
  }
  if (a.group_shape != b.group_shape) {
    return context.Error(absl::StrCat("Shapes mismatch: [", absl::StrJoin(a.group_shape, ","),
                                      "] vs [", absl::StrJoin(b.group_shape, ","),
                                      "] in the dims before the last"));
  }
  std::set<Group> groups;
  for (const auto& [group, set] : a.sets) groups.insert(group);
  for (const auto& [group, set] : b.sets) groups.insert(group);
  const std::set<Element> empty;
  std::vector<int64_t> indices;
  std::vector<Element> values;
  int64_t max_size = 0;
  for (const Group& group : groups) {
    auto a_it = a.sets.find(group);
    auto b_it = b.sets.find(group);
    const std::set<Element>& x = a_it == a.sets.end() ? empty : a_it->second;
    const std::set<Element>& y = b_it == b.sets.end() ? empty : b_it->second;
    std::vector<Element> result;
    if (*op == "a-b") {
      std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(result));
    } else if (*op == "b-a") {
      std::set_difference(y.begin(), y.end(), x.begin(), x.end(), std::back_inserter(result));
    } else if (*op == "intersection") {
      std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(result));
    } else {
      std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(result));
    }
    max_size = std::max<int64_t>(max_size, static_cast<int64_t>(result.size()));
    for (size_t i = 0; i < result.size(); ++i) {
      indices.insert(indices.end(), group.begin(), group.end());
      indices.push_back(static_cast<int64_t>(i));
      values.push_back(std::move(result[i]));
    }
  }
  const int64_t count = static_cast<int64_t>(values.size());
  const int rank = static_cast<int>(a.group_shape.size()) + 1;
  absl::StatusOr<Tensor> values_out = Tensor::Allocate(dtype, {count});
  if (!values_out.ok()) return context.Error(values_out.status().message());
  for (int64_t i = 0; i < count; ++i) {
    switch (dtype) {
      case tensorflow::DT_STRING:
        values_out->mutable_strings()[i] = values[i].text;
        break;
      case tensorflow::DT_INT8:
        values_out->mutable_data<int8_t>()[i] = values[i].number;
        break;
      case tensorflow::DT_INT16:
        values_out->mutable_data<int16_t>()[i] = values[i].number;
        break;
      case tensorflow::DT_INT32:
        values_out->mutable_data<int32_t>()[i] = values[i].number;
        break;
      case tensorflow::DT_INT64:
        values_out->mutable_data<int64_t>()[i] = values[i].number;
        break;
      case tensorflow::DT_UINT8:
        values_out->mutable_data<uint8_t>()[i] = values[i].number;
        break;
      case tensorflow::DT_UINT16:
        values_out->mutable_data<uint16_t>()[i] = values[i].number;
        break;
      default:
        return sparse::UnsupportedDtype(context, dtype);
    }
  }
  std::vector<int64_t> shape = a.group_shape;
  shape.push_back(max_size);
  absl::StatusOr<Tensor> indices_out = sparse::Int64Tensor({count, rank}, indices);
  absl::StatusOr<Tensor> shape_out = sparse::Int64Tensor({rank}, shape);
  if (!indices_out.ok()) return context.Error(indices_out.status().message());
  if (!shape_out.ok()) return context.Error(shape_out.status().message());
  context.set_output(0, *std::move(indices_out));
  context.set_output(1, *std::move(values_out));
  context.set_output(2, *std::move(shape_out));
  return absl::OkStatus();
}

absl::Status ComputeDenseToDense(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  if (context.input(0).dtype() != context.input(1).dtype()) {
    return context.Error("set1 and set2 must have one dtype");
  }
  absl::StatusOr<Sets> a = DenseSets(context, context.input(0));
  if (!a.ok()) return a.status();
  absl::StatusOr<Sets> b = DenseSets(context, context.input(1));
  if (!b.ok()) return b.status();
  return SetOperation(context, *a, *b, context.input(0).dtype());
}

absl::Status ComputeDenseToSparse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(4, 4); !status.ok()) return status;
  absl::StatusOr<bool> validate = ValidateIndices(context);
  if (!validate.ok()) return validate.status();
  absl::StatusOr<Sets> a = DenseSets(context, context.input(0));
  if (!a.ok()) return a.status();
  absl::StatusOr<Sets> b = SparseSets(context, 1, *validate);
  if (!b.ok()) return b.status();
  if (context.input(0).dtype() != context.input(2).dtype()) {
    return context.Error("set1 and set2 must have one dtype");
  }
  return SetOperation(context, *a, *b, context.input(0).dtype());
}

absl::Status ComputeSparseToSparse(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  absl::StatusOr<bool> validate = ValidateIndices(context);
  if (!validate.ok()) return validate.status();
  absl::StatusOr<Sets> a = SparseSets(context, 0, *validate);
  if (!a.ok()) return a.status();
  absl::StatusOr<Sets> b = SparseSets(context, 3, *validate);
  if (!b.ok()) return b.status();
  if (context.input(1).dtype() != context.input(4).dtype()) {
    return context.Error("set1 and set2 must have one dtype");
  }
  return SetOperation(context, *a, *b, context.input(1).dtype());
}

const std::vector<DataType> kSetTypes = {
    tensorflow::DT_INT8,  tensorflow::DT_INT16,  tensorflow::DT_INT32, tensorflow::DT_INT64,
    tensorflow::DT_UINT8, tensorflow::DT_UINT16, tensorflow::DT_STRING};

REGISTER_KERNEL("SetSize", ComputeSetSize, {{"T", kSetTypes}});
REGISTER_KERNEL("DenseToDenseSetOperation", ComputeDenseToDense, {{"T", kSetTypes}});
REGISTER_KERNEL("DenseToSparseSetOperation", ComputeDenseToSparse, {{"T", kSetTypes}});
REGISTER_KERNEL("SparseToSparseSetOperation", ComputeSparseToSparse, {{"T", kSetTypes}});

}  // namespace
}  // namespace tfjs::runtime
