#include "converter/readers/keras_h5_reader.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "converter/readers/hdf5/hdf5_file.h"

namespace tfjs::converter {
namespace {

// The file's errors name it already; ours get its path in front.
absl::Status InFile(const std::string& path, const absl::Status& status) {
  if (status.ok() || absl::StartsWith(status.message(), path + ": ")) return status;
  return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
}

// The attribute's strings (fixed- or variable-length), one per element.
absl::StatusOr<std::vector<std::string>> StringsAttribute(const hdf5::Group& group,
                                                          absl::string_view name) {
  absl::StatusOr<hdf5::Attribute> attribute = group.ReadAttribute(name);
  if (!attribute.ok()) return attribute.status();
  // numpy stores an empty list (a layer without weights) as an empty float64 array.
  if (attribute->num_elements() == 0) return std::vector<std::string>();
  if (attribute->kind != hdf5::ElementKind::kString) {
    return absl::InvalidArgumentError(
        absl::StrCat(group.path(), ": attribute '", name, "' is not a string"));
  }
  return attribute->strings;
}

absl::StatusOr<std::string> StringAttribute(const hdf5::Group& group, absl::string_view name) {
  absl::StatusOr<std::vector<std::string>> strings = StringsAttribute(group, name);
  if (!strings.ok()) return strings.status();
  if (strings->size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(group.path(), ": attribute '", name,
                                                   "' holds ", strings->size(),
                                                   " strings, not one"));
  }
  return (*strings)[0];
}

absl::StatusOr<tensorflow::DataType> TensorDtype(const hdf5::Dataset& data) {
  using hdf5::ElementKind;
  const uint64_t size = data.element_size;
  switch (data.kind) {
    case ElementKind::kFloat:
      if (size == 2) return tensorflow::DT_HALF;
      if (size == 4) return tensorflow::DT_FLOAT;
      if (size == 8) return tensorflow::DT_DOUBLE;
      break;
    case ElementKind::kInt:
      if (size == 1) return tensorflow::DT_INT8;
      if (size == 2) return tensorflow::DT_INT16;
      if (size == 4) return tensorflow::DT_INT32;
      if (size == 8) return tensorflow::DT_INT64;
      break;
    case ElementKind::kUint:
      if (size == 1) return tensorflow::DT_UINT8;
      if (size == 2) return tensorflow::DT_UINT16;
      if (size == 4) return tensorflow::DT_UINT32;
      if (size == 8) return tensorflow::DT_UINT64;
      break;
    case ElementKind::kString:
      return tensorflow::DT_STRING;
  }
  return absl::UnimplementedError(absl::StrCat("no tensor dtype for ", size, "-byte elements"));
}

absl::StatusOr<tensorflow::TensorProto> WeightValue(const hdf5::Dataset& data) {
  absl::StatusOr<tensorflow::DataType> dtype = TensorDtype(data);
  if (!dtype.ok()) return dtype.status();
  tensorflow::TensorProto value;
  value.set_dtype(*dtype);
  for (uint64_t dim : data.shape) {
    value.mutable_tensor_shape()->add_dim()->set_size(static_cast<int64_t>(dim));
  }
  if (*dtype == tensorflow::DT_STRING) {
    for (const std::string& element : data.strings) value.add_string_val(element);
  } else {
    value.set_tensor_content(data.bytes);
  }
  return value;
}

// _convert_h5_group: the weights of `group` and the groups below it.
absl::Status AppendGroupWeights(const hdf5::Group& group, std::vector<LayersModelWeight>* out) {
  if (group.HasAttribute("weight_names")) {
    absl::StatusOr<std::vector<std::string>> names = StringsAttribute(group, "weight_names");
    if (!names.ok()) return names.status();
    for (const std::string& name : *names) {
      absl::StatusOr<hdf5::Dataset> data = group.ReadDataset(name);
      if (!data.ok()) return data.status();
      absl::StatusOr<tensorflow::TensorProto> value = WeightValue(*data);
      if (!value.ok()) {
        return absl::Status(value.status().code(), absl::StrCat(group.path(), "/", name, ": ",
                                                                value.status().message()));
      }
      out->push_back(LayersModelWeight{std::string(absl::StripSuffix(name, ":0")),
                                       *std::move(value)});
    }
    return absl::OkStatus();
  }
  std::vector<std::string> children = group.child_names();
  std::sort(children.begin(), children.end());
  for (const std::string& child : children) {
    absl::StatusOr<hdf5::ObjectKind> kind = group.ChildKind(child);
    if (!kind.ok()) return kind.status();
    // h5py would fail indexing a dataset as a group here; Keras never puts one there.
    if (*kind != hdf5::ObjectKind::kGroup) continue;
    absl::StatusOr<hdf5::Group> subgroup = group.OpenGroup(child);
    if (!subgroup.ok()) return subgroup.status();
    if (absl::Status status = AppendGroupWeights(*subgroup, out); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ReadLayers(const hdf5::Group& weights, const std::vector<std::string>& layer_names,
                        LayersModel* model) {
  for (const std::string& layer_name : layer_names) {
    absl::StatusOr<hdf5::Group> layer = weights.OpenGroup(layer_name);
    if (!layer.ok()) return layer.status();
    std::vector<LayersModelWeight> layer_weights;
    if (absl::Status status = AppendGroupWeights(*layer, &layer_weights); !status.ok()) {
      return status;
    }
    if (layer_weights.empty()) continue;
    model->layers.push_back(std::move(layer_weights));
    model->layer_names.push_back(layer_name);
  }
  return absl::OkStatus();
}

absl::StatusOr<LayersModel> ReadOpenFile(const hdf5::File& file) {
  const hdf5::Group& root = file.root();
  LayersModel model;
  absl::StatusOr<std::string> keras_version = StringAttribute(root, "keras_version");
  if (!keras_version.ok()) return keras_version.status();
  if (!absl::StartsWith(*keras_version, "2.")) {
    return absl::InvalidArgumentError(
        absl::StrCat("Expected Keras version 2; got Keras version ", *keras_version));
  }
  model.keras_version = *std::move(keras_version);

  if (!root.HasAttribute("model_config")) {
    absl::StatusOr<std::vector<std::string>> layer_names = StringsAttribute(root, "layer_names");
    if (!layer_names.ok()) return layer_names.status();
    if (absl::Status status = ReadLayers(root, *layer_names, &model); !status.ok()) return status;
    return model;
  }
  absl::StatusOr<std::string> backend = StringAttribute(root, "backend");
  if (!backend.ok()) return backend.status();
  model.backend = *std::move(backend);
  absl::StatusOr<std::string> model_config = StringAttribute(root, "model_config");
  if (!model_config.ok()) return model_config.status();
  model.model_config = *std::move(model_config);
  if (root.HasAttribute("training_config")) {
    absl::StatusOr<std::string> training_config = StringAttribute(root, "training_config");
    if (!training_config.ok()) return training_config.status();
    model.training_config = *std::move(training_config);
  }
  absl::StatusOr<hdf5::Group> weights = root.OpenGroup("model_weights");
  if (!weights.ok()) return weights.status();
  std::vector<std::string> layer_names = weights->child_names();
  std::sort(layer_names.begin(), layer_names.end());
  if (absl::Status status = ReadLayers(*weights, layer_names, &model); !status.ok()) return status;
  return model;
}

}  // namespace

absl::StatusOr<LayersModel> ReadKerasH5(const std::string& path) {
  absl::StatusOr<hdf5::File> file = hdf5::File::Open(path);
  if (!file.ok()) return file.status();
  absl::StatusOr<LayersModel> model = ReadOpenFile(*file);
  if (!model.ok()) return InFile(path, model.status());
  return model;
}

}  // namespace tfjs::converter
