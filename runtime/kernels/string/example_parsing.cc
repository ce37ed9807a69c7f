#include "runtime/kernels/string/example_parsing.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/kernels/misc/kernel_util.h"

namespace tfjs::runtime::strings {
namespace {

DataType KindDtype(const tensorflow::Feature& feature) {
  switch (feature.kind_case()) {
    case tensorflow::Feature::kBytesList:
      return tensorflow::DT_STRING;
    case tensorflow::Feature::kFloatList:
      return tensorflow::DT_FLOAT;
    case tensorflow::Feature::kInt64List:
      return tensorflow::DT_INT64;
    default:
      return tensorflow::DT_INVALID;
  }
}

int64_t ValueCount(const tensorflow::Feature& feature) {
  switch (feature.kind_case()) {
    case tensorflow::Feature::kBytesList:
      return feature.bytes_list().value_size();
    case tensorflow::Feature::kFloatList:
      return feature.float_list().value_size();
    case tensorflow::Feature::kInt64List:
      return feature.int64_list().value_size();
    default:
      return 0;
  }
}

// The values of one output, gathered example by example.
class Column {
 public:
  explicit Column(DataType dtype) : dtype_(dtype) {}

  int64_t size() const {
    return static_cast<int64_t>(dtype_ == tensorflow::DT_STRING  ? bytes_.size()
                                : dtype_ == tensorflow::DT_FLOAT ? floats_.size()
                                                                 : ints_.size());
  }
  void Append(const tensorflow::Feature& feature) {
    switch (feature.kind_case()) {
      case tensorflow::Feature::kBytesList:
        bytes_.insert(bytes_.end(), feature.bytes_list().value().begin(),
                      feature.bytes_list().value().end());
        break;
      case tensorflow::Feature::kFloatList:
        floats_.insert(floats_.end(), feature.float_list().value().begin(),
                       feature.float_list().value().end());
        break;
      case tensorflow::Feature::kInt64List:
        ints_.insert(ints_.end(), feature.int64_list().value().begin(),
                     feature.int64_list().value().end());
        break;
      default:
        break;
    }
  }
  // `count` copies of element 0 of `fill`, or of zero ("") when `fill` is null.
  void AppendFill(const Tensor* fill, int64_t count) {
    if (dtype_ == tensorflow::DT_STRING) {
      bytes_.insert(bytes_.end(), count, fill ? fill->strings()[0] : std::string());
    } else if (dtype_ == tensorflow::DT_FLOAT) {
      floats_.insert(floats_.end(), count, fill ? fill->data<float>()[0] : 0.0f);
    } else {
      ints_.insert(ints_.end(), count, fill ? fill->data<int64_t>()[0] : 0);
    }
  }
  void AppendTensor(const Tensor& tensor) {
    if (dtype_ == tensorflow::DT_STRING) {
      bytes_.insert(bytes_.end(), tensor.strings().begin(), tensor.strings().end());
    } else if (dtype_ == tensorflow::DT_FLOAT) {
      floats_.insert(floats_.end(), tensor.values<float>().begin(), tensor.values<float>().end());
    } else {
      ints_.insert(ints_.end(), tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
    }
  }
  absl::StatusOr<Tensor> Take(Shape shape) {
    if (dtype_ == tensorflow::DT_STRING)
      return Tensor::Strings(std::move(shape), std::move(bytes_));
    absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype_, std::move(shape));
    if (!tensor.ok()) return tensor.status();
    if (dtype_ == tensorflow::DT_FLOAT) {
      std::copy(floats_.begin(), floats_.end(), tensor->mutable_data<float>());
    } else {
      std::copy(ints_.begin(), ints_.end(), tensor->mutable_data<int64_t>());
    }
    return tensor;
  }

 private:
  DataType dtype_;
  std::vector<float> floats_;
  std::vector<int64_t> ints_;
  std::vector<std::string> bytes_;
};

std::string NameOf(const std::vector<std::string>& names, size_t b) {
  return b < names.size() && !names[b].empty() ? names[b] : "<unknown>";
}

absl::Status TypeMismatch(const std::vector<std::string>& names, size_t b, const std::string& key,
                          DataType got, DataType want) {
  return absl::InvalidArgumentError(
      absl::StrCat("Name: ", NameOf(names, b), ", Key: ", key, ", Index: ", b,
                   ".  Data types don't match. Data type: ", DataTypeName(got),
                   " but expected type: ", DataTypeName(want)));
}

// The feature `key` of `features`, nullptr when absent or holding no list (TF skips those).
const tensorflow::Feature* FindFeature(const tensorflow::Features* features,
                                       const std::string& key) {
  if (features == nullptr) return nullptr;
  auto it = features->feature().find(key);
  if (it == features->feature().end() || KindDtype(it->second) == tensorflow::DT_INVALID) {
    return nullptr;
  }
  return &it->second;
}

const tensorflow::FeatureList* FindFeatureList(const tensorflow::FeatureLists* lists,
                                               const std::string& key) {
  if (lists == nullptr) return nullptr;
  auto it = lists->feature_list().find(key);
  return it == lists->feature_list().end() ? nullptr : &it->second;
}

absl::StatusOr<Tensor> Int64Tensor(Shape shape, const std::vector<int64_t>& values) {
  return misc::IndexTensor(tensorflow::DT_INT64, std::move(shape), values);
}

Shape Prefixed(std::initializer_list<int64_t> prefix, const Shape& rest) {
  Shape shape(prefix);
  shape.insert(shape.end(), rest.begin(), rest.end());
  return shape;
}

absl::Status ParseDense(const DenseFeature& dense,
                        const std::vector<const tensorflow::Features*>& features,
                        const std::vector<std::string>& names, bool batched, Tensor* out) {
  const size_t batch = features.size();
  std::vector<const tensorflow::Feature*> found(batch);
  std::vector<int64_t> rows(batch, 0);
  for (size_t b = 0; b < batch; ++b) {
    found[b] = FindFeature(features[b], dense.key);
    if (found[b] == nullptr) {
      if (!dense.variable_length && dense.default_value.num_elements() == 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "Name: ", NameOf(names, b), ", Feature: ", dense.key,
            " (data type: ", DataTypeName(dense.dtype), ") is required but could not be found."));
      }
      continue;
    }
    const DataType dtype = KindDtype(*found[b]);
    if (dtype != dense.dtype) return TypeMismatch(names, b, dense.key, dtype, dense.dtype);
    const int64_t count = ValueCount(*found[b]);
    if (!dense.variable_length && count != dense.stride) {
      return absl::InvalidArgumentError(absl::StrCat(
          "Name: ", NameOf(names, b), ", Key: ", dense.key, ", Index: ", b, ".  Number of ",
          DataTypeName(dtype), " values != expected.  Values size: ", count,
          " but output shape: ", ShapeString(dense.shape)));
    }
    if (dense.variable_length) {
      if (dense.stride == 0 ? count != 0 : count % dense.stride != 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "Name: ", NameOf(names, b), ", Key: ", dense.key, ", Index: ", b, ".  Number of ",
            DataTypeName(dtype), " values is not a multiple of stride length. Saw ", count,
            " values but output shape is: ", ShapeString(dense.shape)));
      }
      rows[b] = dense.stride == 0 ? 0 : count / dense.stride;
    }
  }
  const int64_t max_rows = batch == 0 ? 0 : *std::max_element(rows.begin(), rows.end());
  Column column(dense.dtype);
  for (size_t b = 0; b < batch; ++b) {
    if (!dense.variable_length) {
      if (found[b] != nullptr) {
        column.Append(*found[b]);
      } else {
        column.AppendTensor(dense.default_value);
      }
      continue;
    }
    if (found[b] != nullptr) column.Append(*found[b]);
    if (batched) column.AppendFill(&dense.default_value, (max_rows - rows[b]) * dense.stride);
  }
  Shape shape;
  if (!dense.variable_length) {
    shape = batched ? Prefixed({static_cast<int64_t>(batch)}, dense.shape) : dense.shape;
  } else {
    const Shape rest(dense.shape.begin() + 1, dense.shape.end());
    shape = batched ? Prefixed({static_cast<int64_t>(batch), max_rows}, rest)
                    : Prefixed({max_rows}, rest);
  }
  absl::StatusOr<Tensor> tensor = column.Take(std::move(shape));
  if (!tensor.ok()) return tensor.status();
  *out = *std::move(tensor);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ParsedFeatures> ParseFeatures(
    const FeaturesConfig& config, const std::vector<const tensorflow::Features*>& features,
    const std::vector<std::string>& names, bool batched) {
  const size_t batch = features.size();
  ParsedFeatures out;
  for (const ListFeature& sparse : config.sparse) {
    Column column(sparse.dtype);
    std::vector<int64_t> indices;
    int64_t max_count = 0;
    for (size_t b = 0; b < batch; ++b) {
      const tensorflow::Feature* feature = FindFeature(features[b], sparse.key);
      if (feature == nullptr) continue;
      const DataType dtype = KindDtype(*feature);
      if (dtype != sparse.dtype) return TypeMismatch(names, b, sparse.key, dtype, sparse.dtype);
      const int64_t count = ValueCount(*feature);
      for (int64_t i = 0; i < count; ++i) {
        if (batched) indices.push_back(static_cast<int64_t>(b));
        indices.push_back(i);
      }
      max_count = std::max(max_count, count);
      column.Append(*feature);
    }
    const int64_t total = column.size();
    absl::StatusOr<Tensor> indices_out = Int64Tensor({total, batched ? 2 : 1}, indices);
    absl::StatusOr<Tensor> shape_out =
        batched ? Int64Tensor({2}, {static_cast<int64_t>(batch), max_count})
                : Int64Tensor({1}, {total});
    absl::StatusOr<Tensor> values_out = column.Take({total});
    for (const auto* result : {&indices_out, &shape_out, &values_out}) {
      if (!result->ok()) return result->status();
    }
    out.sparse_indices.push_back(*std::move(indices_out));
    out.sparse_values.push_back(*std::move(values_out));
    out.sparse_shapes.push_back(*std::move(shape_out));
  }
  for (const DenseFeature& dense : config.dense) {
    out.dense_values.emplace_back();
    if (absl::Status status = ParseDense(dense, features, names, batched, &out.dense_values.back());
        !status.ok()) {
      return status;
    }
  }
  for (const ListFeature& ragged : config.ragged) {
    Column column(ragged.dtype);
    std::vector<int64_t> splits = {0};
    for (size_t b = 0; b < batch; ++b) {
      const tensorflow::Feature* feature = FindFeature(features[b], ragged.key);
      if (feature != nullptr) {
        const DataType dtype = KindDtype(*feature);
        if (dtype != ragged.dtype) return TypeMismatch(names, b, ragged.key, dtype, ragged.dtype);
        column.Append(*feature);
      }
      splits.push_back(column.size());
    }
    absl::StatusOr<Tensor> values_out = column.Take({column.size()});
    // A single (scalar) input has no splits: TF returns an empty tensor.
    if (!batched) splits.clear();
    absl::StatusOr<Tensor> splits_out =
        misc::IndexTensor(ragged.splits_dtype, {static_cast<int64_t>(splits.size())}, splits);
    if (!values_out.ok()) return values_out.status();
    if (!splits_out.ok()) return splits_out.status();
    out.ragged_values.push_back(*std::move(values_out));
    out.ragged_splits.push_back(*std::move(splits_out));
  }
  return out;
}

absl::StatusOr<ParsedFeatureLists> ParseFeatureLists(
    const FeatureListsConfig& config, const std::vector<const tensorflow::FeatureLists*>& lists,
    const std::vector<std::string>& names, bool batched) {
  const size_t batch = lists.size();
  ParsedFeatureLists out;
  auto check_step = [&](size_t b, const std::string& key, const tensorflow::Feature& step,
                        DataType want) -> absl::Status {
    const DataType dtype = KindDtype(step);
    if (dtype != tensorflow::DT_INVALID && dtype != want) {
      return absl::InvalidArgumentError(
          absl::StrCat("Name: ", NameOf(names, b), ", Feature list: ", key, ", Index: ", b,
                       ".  Data types don't match. Expected type: ", DataTypeName(want),
                       ", Actual type: ", DataTypeName(dtype)));
    }
    return absl::OkStatus();
  };
  for (const ListFeature& sparse : config.sparse) {
    Column column(sparse.dtype);
    std::vector<int64_t> indices;
    int64_t max_steps = 0, max_count = 0;
    for (size_t b = 0; b < batch; ++b) {
      const tensorflow::FeatureList* list = FindFeatureList(lists[b], sparse.key);
      if (list == nullptr) continue;
      max_steps = std::max<int64_t>(max_steps, list->feature_size());
      for (int t = 0; t < list->feature_size(); ++t) {
        const tensorflow::Feature& step = list->feature(t);
        if (absl::Status status = check_step(b, sparse.key, step, sparse.dtype); !status.ok()) {
          return status;
        }
        const int64_t count = ValueCount(step);
        for (int64_t i = 0; i < count; ++i) {
          if (batched) indices.push_back(static_cast<int64_t>(b));
          indices.push_back(t);
          indices.push_back(i);
        }
        max_count = std::max(max_count, count);
        column.Append(step);
      }
    }
    const int64_t total = column.size();
    absl::StatusOr<Tensor> indices_out = Int64Tensor({total, batched ? 3 : 2}, indices);
    absl::StatusOr<Tensor> shape_out =
        batched ? Int64Tensor({3}, {static_cast<int64_t>(batch), max_steps, max_count})
                : Int64Tensor({2}, {max_steps, max_count});
    absl::StatusOr<Tensor> values_out = column.Take({total});
    for (const auto* result : {&indices_out, &shape_out, &values_out}) {
      if (!result->ok()) return result->status();
    }
    out.sparse_indices.push_back(*std::move(indices_out));
    out.sparse_values.push_back(*std::move(values_out));
    out.sparse_shapes.push_back(*std::move(shape_out));
  }
  for (const DenseFeature& dense : config.dense) {
    std::vector<const tensorflow::FeatureList*> found(batch);
    std::vector<int64_t> steps(batch, 0);
    for (size_t b = 0; b < batch; ++b) {
      found[b] = FindFeatureList(lists[b], dense.key);
      if (found[b] == nullptr) {
        if (!config.missing_assumed_empty.count(dense.key)) {
          return absl::InvalidArgumentError(absl::StrCat(
              "Name: ", NameOf(names, b), ", Feature list '", dense.key,
              "' is required but could not be found.  Did you mean to include it in "
              "feature_list_dense_missing_assumed_empty or feature_list_dense_defaults?"));
        }
        continue;
      }
      steps[b] = found[b]->feature_size();
      for (int t = 0; t < found[b]->feature_size(); ++t) {
        const tensorflow::Feature& step = found[b]->feature(t);
        if (absl::Status status = check_step(b, dense.key, step, dense.dtype); !status.ok()) {
          return status;
        }
        if (ValueCount(step) != dense.stride) {
          return absl::InvalidArgumentError(
              absl::StrCat("Name: ", NameOf(names, b), ", Key: ", dense.key, ", Index: ", t,
                           ".  Number of values != expected.  values size: ", ValueCount(step),
                           " but output shape: ", ShapeString(dense.shape)));
        }
      }
    }
    const int64_t max_steps = batch == 0 ? 0 : *std::max_element(steps.begin(), steps.end());
    Column column(dense.dtype);
    for (size_t b = 0; b < batch; ++b) {
      if (found[b] != nullptr) {
        for (const tensorflow::Feature& step : found[b]->feature()) column.Append(step);
      }
      column.AppendFill(nullptr, (max_steps - steps[b]) * dense.stride);
    }
    absl::StatusOr<Tensor> values_out =
        column.Take(batched ? Prefixed({static_cast<int64_t>(batch), max_steps}, dense.shape)
                            : Prefixed({max_steps}, dense.shape));
    absl::StatusOr<Tensor> lengths_out =
        batched ? Int64Tensor({static_cast<int64_t>(batch)}, steps) : Int64Tensor({}, steps);
    if (!values_out.ok()) return values_out.status();
    if (!lengths_out.ok()) return lengths_out.status();
    out.dense_values.push_back(*std::move(values_out));
    out.dense_lengths.push_back(*std::move(lengths_out));
  }
  for (const ListFeature& ragged : config.ragged) {
    Column column(ragged.dtype);
    std::vector<int64_t> outer = {0}, inner = {0};
    for (size_t b = 0; b < batch; ++b) {
      const tensorflow::FeatureList* list = FindFeatureList(lists[b], ragged.key);
      if (list != nullptr) {
        for (const tensorflow::Feature& step : list->feature()) {
          if (absl::Status status = check_step(b, ragged.key, step, ragged.dtype); !status.ok()) {
            return status;
          }
          column.Append(step);
          inner.push_back(column.size());
        }
      }
      outer.push_back(static_cast<int64_t>(inner.size()) - 1);
    }
    if (!batched) outer.clear();
    absl::StatusOr<Tensor> values_out = column.Take({column.size()});
    absl::StatusOr<Tensor> outer_out =
        misc::IndexTensor(ragged.splits_dtype, {static_cast<int64_t>(outer.size())}, outer);
    absl::StatusOr<Tensor> inner_out =
        misc::IndexTensor(ragged.splits_dtype, {static_cast<int64_t>(inner.size())}, inner);
    for (const auto* result : {&values_out, &outer_out, &inner_out}) {
      if (!result->ok()) return result->status();
    }
    out.ragged_values.push_back(*std::move(values_out));
    out.ragged_outer_splits.push_back(*std::move(outer_out));
    out.ragged_inner_splits.push_back(*std::move(inner_out));
  }
  return out;
}

absl::StatusOr<DenseFeature> MakeDenseFeature(std::string key, DataType dtype,
                                              const tensorflow::TensorShapeProto& shape,
                                              const Tensor* default_value, int index) {
  DenseFeature dense;
  dense.key = std::move(key);
  dense.dtype = dtype;
  if (shape.unknown_rank()) {
    return absl::InvalidArgumentError(absl::StrCat("dense_shapes[", index, "] has unknown rank"));
  }
  for (int d = 0; d < shape.dim_size(); ++d) {
    const int64_t size = shape.dim(d).size();
    if (size < 0 && d > 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "dense_shapes[", index, "] has unknown dims beyond the first: only the first may be -1"));
    }
    dense.shape.push_back(size);
  }
  dense.variable_length = !dense.shape.empty() && dense.shape[0] < 0;
  dense.stride = 1;
  for (size_t d = dense.variable_length ? 1 : 0; d < dense.shape.size(); ++d) {
    dense.stride *= dense.shape[d];
  }
  if (default_value == nullptr) return dense;
  if (default_value->dtype() != dtype) {
    return absl::InvalidArgumentError(
        absl::StrCat("dense_defaults[", index, "] has dtype ", DataTypeName(default_value->dtype()),
                     " but Tdense[", index, "] is ", DataTypeName(dtype)));
  }
  if (dense.variable_length) {
    if (default_value->num_elements() != 1) {
      return absl::InvalidArgumentError(absl::StrCat(
          "dense_shape[", index, "] is a variable length shape: ", ShapeString(dense.shape),
          ", therefore def_value[", index,
          "] must contain a single element (the padding element).  But its shape is: ",
          ShapeString(default_value->shape())));
    }
  } else if (default_value->num_elements() > 0 &&
             !misc::IsCompatibleShape(default_value->shape(), dense.shape)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "def_value[", index, "].shape() == ", ShapeString(default_value->shape()),
        " is not compatible with dense_shapes_[", index, "]: ", ShapeString(dense.shape)));
  }
  dense.default_value = *default_value;
  return dense;
}

std::vector<DataType> TypeListAttr(const tensorflow::NodeDef& node, const std::string& name) {
  std::vector<DataType> types;
  auto it = node.attr().find(name);
  if (it == node.attr().end()) return types;
  for (int type : it->second.list().type()) types.push_back(static_cast<DataType>(type));
  return types;
}

std::vector<tensorflow::TensorShapeProto> ShapeListAttr(const tensorflow::NodeDef& node,
                                                        const std::string& name) {
  auto it = node.attr().find(name);
  if (it == node.attr().end()) return {};
  return {it->second.list().shape().begin(), it->second.list().shape().end()};
}

std::vector<std::string> StringListAttr(const tensorflow::NodeDef& node, const std::string& name) {
  auto it = node.attr().find(name);
  if (it == node.attr().end()) return {};
  return {it->second.list().s().begin(), it->second.list().s().end()};
}

}  // namespace tfjs::runtime::strings
