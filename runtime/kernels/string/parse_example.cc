// The tf.train.Example parsing ops: ParseExample (V1, keys as inputs), ParseExampleV2 (key
// vectors, ragged features, scalar or vector input), ParseSingleExample, and the SequenceExample
// ops ParseSequenceExample(V2) and ParseSingleSequenceExample, on proto/example.proto.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/example_parsing.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

using strings::DenseFeature;
using strings::FeatureListsConfig;
using strings::FeaturesConfig;
using strings::ListFeature;

absl::StatusOr<int64_t> IntAttr(const OpContext& context, const char* name) {
  absl::StatusOr<int64_t> value = strings::AttrsOf(context).GetInt(name);
  if (!value.ok()) return context.Error(value.status().message());
  return value;
}

// The strings of inputs [begin, begin + count), each a scalar (the V1 ops' key inputs).
absl::StatusOr<std::vector<std::string>> ScalarKeys(const OpContext& context, int begin,
                                                    int64_t count, const char* what) {
  std::vector<std::string> keys;
  for (int i = begin; i < begin + count; ++i) {
    const Tensor& key = context.input(i);
    if (key.dtype() != tensorflow::DT_STRING || key.num_elements() != 1) {
      return context.Error(
          absl::StrCat("Expected ", what, "[", i - begin,
                       "] to be a scalar string, got shape: ", ShapeString(key.shape())));
    }
    keys.push_back(key.strings()[0]);
  }
  return keys;
}

// The strings of a vector input (the V2 ops' key inputs).
absl::StatusOr<std::vector<std::string>> VectorKeys(const OpContext& context, int index,
                                                    size_t expected, const char* what) {
  const Tensor& keys = context.input(index);
  if (keys.dtype() != tensorflow::DT_STRING || keys.rank() > 1) {
    return context.Error(absl::StrCat(
        "Expected ", what, " to be a string vector, got shape: ", ShapeString(keys.shape())));
  }
  if (static_cast<size_t>(keys.num_elements()) != expected) {
    return context.Error(
        absl::StrCat("Expected len(", what, ") == ", expected, ", got ", keys.num_elements()));
  }
  return keys.strings();
}

absl::StatusOr<std::vector<ListFeature>> ListFeatures(const OpContext& context,
                                                      const std::vector<std::string>& keys,
                                                      const std::vector<DataType>& types,
                                                      const std::vector<DataType>& splits,
                                                      const char* what) {
  if (keys.size() != types.size()) {
    return context.Error(absl::StrCat("len(", what, "_keys) == ", keys.size(), " but len(", what,
                                      "_types) == ", types.size()));
  }
  std::vector<ListFeature> features;
  for (size_t i = 0; i < keys.size(); ++i) {
    ListFeature feature{keys[i], types[i]};
    if (i < splits.size()) feature.splits_dtype = splits[i];
    features.push_back(feature);
  }
  return features;
}

// Dense features from keys, types, shapes and (unless null) the default inputs from `first`.
absl::StatusOr<std::vector<DenseFeature>> DenseFeatures(
    const OpContext& context, const std::vector<std::string>& keys,
    const std::vector<DataType>& types, const std::vector<tensorflow::TensorShapeProto>& shapes,
    int first_default, bool with_defaults, const char* what) {
  if (keys.size() != types.size() || keys.size() != shapes.size()) {
    return context.Error(absl::StrCat("len(", what, "_keys) == ", keys.size(), ", len(", what,
                                      " types) == ", types.size(), " and len(", what,
                                      " shapes) == ", shapes.size(), " must agree"));
  }
  std::vector<DenseFeature> features;
  for (size_t i = 0; i < keys.size(); ++i) {
    const Tensor* fallback = with_defaults ? &context.input(first_default + i) : nullptr;
    absl::StatusOr<DenseFeature> feature =
        strings::MakeDenseFeature(keys[i], types[i], shapes[i], fallback, static_cast<int>(i));
    if (!feature.ok()) return context.Error(feature.status().message());
    if (!with_defaults && feature->variable_length) {
      return context.Error(absl::StrCat(what, " shapes must be fully defined"));
    }
    features.push_back(*std::move(feature));
  }
  return features;
}

// The examples' names: `names` may be empty or one per example.
absl::StatusOr<std::vector<std::string>> Names(const OpContext& context, const Tensor& names,
                                               int64_t batch) {
  if (names.dtype() != tensorflow::DT_STRING) return context.Error("names must be strings");
  if (names.num_elements() == 0) return std::vector<std::string>();
  if (names.num_elements() != batch) {
    return context.Error(absl::StrCat("Expected len(names) == len(serialized) or 0, got ",
                                      names.num_elements(), " names for ", batch, " examples"));
  }
  return names.strings();
}

template <typename Proto>
absl::StatusOr<std::vector<Proto>> ParseProtos(const OpContext& context, const Tensor& serialized,
                                               const char* what) {
  if (serialized.dtype() != tensorflow::DT_STRING) {
    return context.Error("serialized must be a string tensor");
  }
  std::vector<Proto> protos(serialized.num_elements());
  for (size_t i = 0; i < protos.size(); ++i) {
    if (!protos[i].ParseFromString(serialized.strings()[i])) {
      return context.Error(
          absl::StrCat("Could not parse ", what, " input, value: '", serialized.strings()[i], "'"));
    }
  }
  return protos;
}

// Sets outputs from `first` on: the groups in order, each group's tensors in feature order.
int SetOutputs(OpContext& context, int first, std::initializer_list<std::vector<Tensor>*> groups) {
  for (std::vector<Tensor>* group : groups) {
    for (Tensor& tensor : *group) context.set_output(first++, std::move(tensor));
  }
  return first;
}

// Runs ParseFeatures on Examples and sets its outputs.
absl::Status ParseAndSetExamples(OpContext& context, const FeaturesConfig& config,
                                 const Tensor& serialized, const std::vector<std::string>& names) {
  absl::StatusOr<std::vector<tensorflow::Example>> examples =
      ParseProtos<tensorflow::Example>(context, serialized, "example");
  if (!examples.ok()) return examples.status();
  std::vector<const tensorflow::Features*> features;
  for (const tensorflow::Example& example : *examples) {
    features.push_back(example.has_features() ? &example.features() : nullptr);
  }
  absl::StatusOr<strings::ParsedFeatures> parsed =
      strings::ParseFeatures(config, features, names, serialized.rank() == 1);
  if (!parsed.ok()) return context.Error(parsed.status().message());
  SetOutputs(context, 0,
             {&parsed->sparse_indices, &parsed->sparse_values, &parsed->sparse_shapes,
              &parsed->dense_values, &parsed->ragged_values, &parsed->ragged_splits});
  return absl::OkStatus();
}

absl::Status ComputeParseExample(OpContext& context) {
  absl::StatusOr<int64_t> num_sparse = IntAttr(context, "Nsparse");
  if (!num_sparse.ok()) return num_sparse.status();
  absl::StatusOr<int64_t> num_dense = IntAttr(context, "Ndense");
  if (!num_dense.ok()) return num_dense.status();
  if (context.num_inputs() != 2 + *num_sparse + 2 * *num_dense) {
    return context.Error(absl::StrCat("Expected ", 2 + *num_sparse + 2 * *num_dense,
                                      " inputs, got ", context.num_inputs()));
  }
  const Tensor& serialized = context.input(0);
  if (serialized.rank() != 1) {
    return context.Error(absl::StrCat("Expected serialized to be a vector, got shape: ",
                                      ShapeString(serialized.shape())));
  }
  absl::StatusOr<std::vector<std::string>> names =
      Names(context, context.input(1), serialized.dim(0));
  if (!names.ok()) return names.status();
  absl::StatusOr<std::vector<std::string>> sparse_keys =
      ScalarKeys(context, 2, *num_sparse, "sparse_keys");
  if (!sparse_keys.ok()) return sparse_keys.status();
  absl::StatusOr<std::vector<std::string>> dense_keys =
      ScalarKeys(context, 2 + *num_sparse, *num_dense, "dense_keys");
  if (!dense_keys.ok()) return dense_keys.status();
  const tensorflow::NodeDef& node = context.node();
  FeaturesConfig config;
  absl::StatusOr<std::vector<ListFeature>> sparse = ListFeatures(
      context, *sparse_keys, strings::TypeListAttr(node, "sparse_types"), {}, "sparse");
  if (!sparse.ok()) return sparse.status();
  config.sparse = *std::move(sparse);
  absl::StatusOr<std::vector<DenseFeature>> dense =
      DenseFeatures(context, *dense_keys, strings::TypeListAttr(node, "Tdense"),
                    strings::ShapeListAttr(node, "dense_shapes"),
                    static_cast<int>(2 + *num_sparse + *num_dense), true, "dense");
  if (!dense.ok()) return dense.status();
  config.dense = *std::move(dense);
  return ParseAndSetExamples(context, config, serialized, *names);
}

absl::Status ComputeParseExampleV2(OpContext& context) {
  const tensorflow::NodeDef& node = context.node();
  const std::vector<DataType> dense_types = strings::TypeListAttr(node, "Tdense");
  const std::vector<DataType> sparse_types = strings::TypeListAttr(node, "sparse_types");
  const std::vector<DataType> ragged_types = strings::TypeListAttr(node, "ragged_value_types");
  const std::vector<DataType> split_types = strings::TypeListAttr(node, "ragged_split_types");
  absl::StatusOr<int64_t> num_sparse = IntAttr(context, "num_sparse");
  if (!num_sparse.ok()) return num_sparse.status();
  if (context.num_inputs() != 5 + static_cast<int>(dense_types.size())) {
    return context.Error(
        absl::StrCat("Expected ", 5 + dense_types.size(), " inputs, got ", context.num_inputs()));
  }
  if (ragged_types.size() != split_types.size()) {
    return context.Error("ragged_value_types and ragged_split_types must have one length");
  }
  const Tensor& serialized = context.input(0);
  if (serialized.rank() > 1) {
    return context.Error(absl::StrCat("Expected serialized to be a scalar or vector, got shape: ",
                                      ShapeString(serialized.shape())));
  }
  absl::StatusOr<std::vector<std::string>> names =
      Names(context, context.input(1), serialized.num_elements());
  if (!names.ok()) return names.status();
  absl::StatusOr<std::vector<std::string>> sparse_keys =
      VectorKeys(context, 2, static_cast<size_t>(*num_sparse), "sparse_keys");
  if (!sparse_keys.ok()) return sparse_keys.status();
  absl::StatusOr<std::vector<std::string>> dense_keys =
      VectorKeys(context, 3, dense_types.size(), "dense_keys");
  if (!dense_keys.ok()) return dense_keys.status();
  absl::StatusOr<std::vector<std::string>> ragged_keys =
      VectorKeys(context, 4, ragged_types.size(), "ragged_keys");
  if (!ragged_keys.ok()) return ragged_keys.status();
  FeaturesConfig config;
  absl::StatusOr<std::vector<ListFeature>> sparse =
      ListFeatures(context, *sparse_keys, sparse_types, {}, "sparse");
  if (!sparse.ok()) return sparse.status();
  config.sparse = *std::move(sparse);
  absl::StatusOr<std::vector<DenseFeature>> dense =
      DenseFeatures(context, *dense_keys, dense_types, strings::ShapeListAttr(node, "dense_shapes"),
                    5, true, "dense");
  if (!dense.ok()) return dense.status();
  config.dense = *std::move(dense);
  absl::StatusOr<std::vector<ListFeature>> ragged =
      ListFeatures(context, *ragged_keys, ragged_types, split_types, "ragged");
  if (!ragged.ok()) return ragged.status();
  config.ragged = *std::move(ragged);
  return ParseAndSetExamples(context, config, serialized, *names);
}

absl::Status ComputeParseSingleExample(OpContext& context) {
  const tensorflow::NodeDef& node = context.node();
  const std::vector<DataType> dense_types = strings::TypeListAttr(node, "Tdense");
  if (context.num_inputs() != 1 + static_cast<int>(dense_types.size())) {
    return context.Error(
        absl::StrCat("Expected ", 1 + dense_types.size(), " inputs, got ", context.num_inputs()));
  }
  const Tensor& serialized = context.input(0);
  if (serialized.rank() != 0) {
    return context.Error(absl::StrCat("Expected serialized to be a scalar, got shape: ",
                                      ShapeString(serialized.shape())));
  }
  absl::StatusOr<int64_t> num_sparse = IntAttr(context, "num_sparse");
  if (!num_sparse.ok()) return num_sparse.status();
  const std::vector<std::string> sparse_keys = strings::StringListAttr(node, "sparse_keys");
  if (static_cast<int64_t>(sparse_keys.size()) != *num_sparse) {
    return context.Error("len(sparse_keys) != num_sparse");
  }
  FeaturesConfig config;
  absl::StatusOr<std::vector<ListFeature>> sparse =
      ListFeatures(context, sparse_keys, strings::TypeListAttr(node, "sparse_types"), {}, "sparse");
  if (!sparse.ok()) return sparse.status();
  config.sparse = *std::move(sparse);
  absl::StatusOr<std::vector<DenseFeature>> dense =
      DenseFeatures(context, strings::StringListAttr(node, "dense_keys"), dense_types,
                    strings::ShapeListAttr(node, "dense_shapes"), 1, true, "dense");
  if (!dense.ok()) return dense.status();
  config.dense = *std::move(dense);
  return ParseAndSetExamples(context, config, serialized, {});
}

// The parsed context and feature lists of serialized SequenceExamples.
struct ParsedSequences {
  strings::ParsedFeatures context;
  strings::ParsedFeatureLists lists;
};

absl::StatusOr<ParsedSequences> ParseSequences(OpContext& context, const Tensor& serialized,
                                               const std::vector<std::string>& names,
                                               const FeaturesConfig& context_config,
                                               const FeatureListsConfig& lists_config) {
  absl::StatusOr<std::vector<tensorflow::SequenceExample>> sequences =
      ParseProtos<tensorflow::SequenceExample>(context, serialized, "sequence example");
  if (!sequences.ok()) return sequences.status();
  std::vector<const tensorflow::Features*> features;
  std::vector<const tensorflow::FeatureLists*> lists;
  for (const tensorflow::SequenceExample& sequence : *sequences) {
    features.push_back(sequence.has_context() ? &sequence.context() : nullptr);
    lists.push_back(sequence.has_feature_lists() ? &sequence.feature_lists() : nullptr);
  }
  const bool batched = serialized.rank() == 1;
  ParsedSequences parsed;
  absl::StatusOr<strings::ParsedFeatures> context_out =
      strings::ParseFeatures(context_config, features, names, batched);
  if (!context_out.ok()) return context.Error(context_out.status().message());
  absl::StatusOr<strings::ParsedFeatureLists> lists_out =
      strings::ParseFeatureLists(lists_config, lists, names, batched);
  if (!lists_out.ok()) return context.Error(lists_out.status().message());
  parsed.context = *std::move(context_out);
  parsed.lists = *std::move(lists_out);
  return parsed;
}

// The context and feature-list configs of the sequence ops from keys, types and shapes.
absl::Status SequenceConfigs(const OpContext& context, const std::vector<std::string>& cs_keys,
                             const std::vector<std::string>& cd_keys,
                             const std::vector<std::string>& fs_keys,
                             const std::vector<std::string>& fd_keys, int first_default,
                             FeaturesConfig* context_config, FeatureListsConfig* lists_config) {
  const tensorflow::NodeDef& node = context.node();
  absl::StatusOr<std::vector<ListFeature>> cs = ListFeatures(
      context, cs_keys, strings::TypeListAttr(node, "context_sparse_types"), {}, "context_sparse");
  if (!cs.ok()) return cs.status();
  context_config->sparse = *std::move(cs);
  absl::StatusOr<std::vector<DenseFeature>> cd = DenseFeatures(
      context, cd_keys, strings::TypeListAttr(node, "Tcontext_dense"),
      strings::ShapeListAttr(node, "context_dense_shapes"), first_default, true, "context_dense");
  if (!cd.ok()) return cd.status();
  context_config->dense = *std::move(cd);
  absl::StatusOr<std::vector<ListFeature>> fs =
      ListFeatures(context, fs_keys, strings::TypeListAttr(node, "feature_list_sparse_types"), {},
                   "feature_list_sparse");
  if (!fs.ok()) return fs.status();
  lists_config->sparse = *std::move(fs);
  absl::StatusOr<std::vector<DenseFeature>> fd = DenseFeatures(
      context, fd_keys, strings::TypeListAttr(node, "feature_list_dense_types"),
      strings::ShapeListAttr(node, "feature_list_dense_shapes"), 0, false, "feature_list_dense");
  if (!fd.ok()) return fd.status();
  lists_config->dense = *std::move(fd);
  return absl::OkStatus();
}

absl::Status ComputeParseSequenceExample(OpContext& context) {
  const tensorflow::NodeDef& node = context.node();
  FeaturesConfig context_config;
  FeatureListsConfig lists_config;
  const std::vector<std::string> cd_keys = strings::StringListAttr(node, "context_dense_keys");
  if (context.num_inputs() != 2 + static_cast<int>(cd_keys.size())) {
    return context.Error(
        absl::StrCat("Expected ", 2 + cd_keys.size(), " inputs, got ", context.num_inputs()));
  }
  const Tensor& serialized = context.input(0);
  if (serialized.rank() != 1) {
    return context.Error(absl::StrCat("Expected serialized to be a vector, got shape: ",
                                      ShapeString(serialized.shape())));
  }
  absl::StatusOr<std::vector<std::string>> names =
      Names(context, context.input(1), serialized.dim(0));
  if (!names.ok()) return names.status();
  if (absl::Status status =
          SequenceConfigs(context, strings::StringListAttr(node, "context_sparse_keys"), cd_keys,
                          strings::StringListAttr(node, "feature_list_sparse_keys"),
                          strings::StringListAttr(node, "feature_list_dense_keys"), 2,
                          &context_config, &lists_config);
      !status.ok()) {
    return status;
  }
  for (const std::string& key :
       strings::StringListAttr(node, "feature_list_dense_missing_assumed_empty")) {
    lists_config.missing_assumed_empty.insert(key);
  }
  absl::StatusOr<ParsedSequences> parsed =
      ParseSequences(context, serialized, *names, context_config, lists_config);
  if (!parsed.ok()) return parsed.status();
  SetOutputs(
      context, 0,
      {&parsed->context.sparse_indices, &parsed->context.sparse_values,
       &parsed->context.sparse_shapes, &parsed->context.dense_values, &parsed->lists.sparse_indices,
       &parsed->lists.sparse_values, &parsed->lists.sparse_shapes, &parsed->lists.dense_values,
       &parsed->lists.dense_lengths});
  return absl::OkStatus();
}

absl::Status ComputeParseSequenceExampleV2(OpContext& context) {
  const tensorflow::NodeDef& node = context.node();
  constexpr int kFirstDefault = 9;
  const std::vector<DataType> cd_types = strings::TypeListAttr(node, "Tcontext_dense");
  const std::vector<DataType> cr_types = strings::TypeListAttr(node, "context_ragged_value_types");
  const std::vector<DataType> fr_types =
      strings::TypeListAttr(node, "feature_list_ragged_value_types");
  if (context.num_inputs() != kFirstDefault + static_cast<int>(cd_types.size())) {
    return context.Error(absl::StrCat("Expected ", kFirstDefault + cd_types.size(), " inputs, got ",
                                      context.num_inputs()));
  }
  const Tensor& serialized = context.input(0);
  if (serialized.rank() > 1) {
    return context.Error(absl::StrCat("Expected serialized to be a scalar or vector, got shape: ",
                                      ShapeString(serialized.shape())));
  }
  absl::StatusOr<std::vector<std::string>> names =
      Names(context, context.input(1), serialized.num_elements());
  if (!names.ok()) return names.status();
  absl::StatusOr<int64_t> ncs = IntAttr(context, "Ncontext_sparse");
  absl::StatusOr<int64_t> nfs = IntAttr(context, "Nfeature_list_sparse");
  absl::StatusOr<int64_t> nfd = IntAttr(context, "Nfeature_list_dense");
  for (const auto* n : {&ncs, &nfs, &nfd}) {
    if (!n->ok()) return n->status();
  }
  absl::StatusOr<std::vector<std::string>> cs_keys =
      VectorKeys(context, 2, static_cast<size_t>(*ncs), "context_sparse_keys");
  absl::StatusOr<std::vector<std::string>> cd_keys =
      VectorKeys(context, 3, cd_types.size(), "context_dense_keys");
  absl::StatusOr<std::vector<std::string>> cr_keys =
      VectorKeys(context, 4, cr_types.size(), "context_ragged_keys");
  absl::StatusOr<std::vector<std::string>> fs_keys =
      VectorKeys(context, 5, static_cast<size_t>(*nfs), "feature_list_sparse_keys");
  absl::StatusOr<std::vector<std::string>> fd_keys =
      VectorKeys(context, 6, static_cast<size_t>(*nfd), "feature_list_dense_keys");
  absl::StatusOr<std::vector<std::string>> fr_keys =
      VectorKeys(context, 7, fr_types.size(), "feature_list_ragged_keys");
  for (const auto* keys : {&cs_keys, &cd_keys, &cr_keys, &fs_keys, &fd_keys, &fr_keys}) {
    if (!keys->ok()) return keys->status();
  }
  const Tensor& assumed_empty = context.input(8);
  if (assumed_empty.dtype() != tensorflow::DT_BOOL ||
      assumed_empty.num_elements() != static_cast<int64_t>(fd_keys->size())) {
    return context.Error(
        "feature_list_dense_missing_assumed_empty must be a bool vector with one value per "
        "feature_list_dense_keys");
  }
  FeaturesConfig context_config;
  FeatureListsConfig lists_config;
  if (absl::Status status = SequenceConfigs(context, *cs_keys, *cd_keys, *fs_keys, *fd_keys,
                                            kFirstDefault, &context_config, &lists_config);
      !status.ok()) {
    return status;
  }
  for (size_t i = 0; i < fd_keys->size(); ++i) {
    if (assumed_empty.data<bool>()[i]) lists_config.missing_assumed_empty.insert((*fd_keys)[i]);
  }
  absl::StatusOr<std::vector<ListFeature>> cr =
      ListFeatures(context, *cr_keys, cr_types,
                   strings::TypeListAttr(node, "context_ragged_split_types"), "context_ragged");
  if (!cr.ok()) return cr.status();
  context_config.ragged = *std::move(cr);
  absl::StatusOr<std::vector<ListFeature>> fr = ListFeatures(
      context, *fr_keys, fr_types, strings::TypeListAttr(node, "feature_list_ragged_split_types"),
      "feature_list_ragged");
  if (!fr.ok()) return fr.status();
  lists_config.ragged = *std::move(fr);
  absl::StatusOr<ParsedSequences> parsed =
      ParseSequences(context, serialized, *names, context_config, lists_config);
  if (!parsed.ok()) return parsed.status();
  SetOutputs(
      context, 0,
      {&parsed->context.sparse_indices, &parsed->context.sparse_values,
       &parsed->context.sparse_shapes, &parsed->context.dense_values,
       &parsed->context.ragged_values, &parsed->context.ragged_splits,
       &parsed->lists.sparse_indices, &parsed->lists.sparse_values, &parsed->lists.sparse_shapes,
       &parsed->lists.dense_values, &parsed->lists.dense_lengths, &parsed->lists.ragged_values,
       &parsed->lists.ragged_outer_splits, &parsed->lists.ragged_inner_splits});
  return absl::OkStatus();
}

absl::Status ComputeParseSingleSequenceExample(OpContext& context) {
  absl::StatusOr<int64_t> ncs = IntAttr(context, "Ncontext_sparse");
  absl::StatusOr<int64_t> ncd = IntAttr(context, "Ncontext_dense");
  absl::StatusOr<int64_t> nfs = IntAttr(context, "Nfeature_list_sparse");
  absl::StatusOr<int64_t> nfd = IntAttr(context, "Nfeature_list_dense");
  for (const auto* n : {&ncs, &ncd, &nfs, &nfd}) {
    if (!n->ok()) return n->status();
  }
  const int expected = static_cast<int>(3 + *ncs + 2 * *ncd + *nfs + *nfd);
  if (context.num_inputs() != expected) {
    return context.Error(
        absl::StrCat("Expected ", expected, " inputs, got ", context.num_inputs()));
  }
  const Tensor& serialized = context.input(0);
  if (serialized.rank() != 0) {
    return context.Error(absl::StrCat("Expected serialized to be a scalar, got shape: ",
                                      ShapeString(serialized.shape())));
  }
  const Tensor& assumed_empty = context.input(1);
  if (assumed_empty.dtype() != tensorflow::DT_STRING || assumed_empty.rank() != 1) {
    return context.Error("feature_list_dense_missing_assumed_empty must be a string vector");
  }
  int at = 2;
  absl::StatusOr<std::vector<std::string>> cs_keys =
      ScalarKeys(context, at, *ncs, "context_sparse_keys");
  absl::StatusOr<std::vector<std::string>> cd_keys =
      ScalarKeys(context, at += *ncs, *ncd, "context_dense_keys");
  absl::StatusOr<std::vector<std::string>> fs_keys =
      ScalarKeys(context, at += *ncd, *nfs, "feature_list_sparse_keys");
  absl::StatusOr<std::vector<std::string>> fd_keys =
      ScalarKeys(context, at += *nfs, *nfd, "feature_list_dense_keys");
  for (const auto* keys : {&cs_keys, &cd_keys, &fs_keys, &fd_keys}) {
    if (!keys->ok()) return keys->status();
  }
  const int first_default = at + static_cast<int>(*nfd);
  const Tensor& debug_name = context.input(expected - 1);
  std::vector<std::string> names;
  if (debug_name.dtype() == tensorflow::DT_STRING && debug_name.num_elements() == 1) {
    names.push_back(debug_name.strings()[0]);
  }
  FeaturesConfig context_config;
  FeatureListsConfig lists_config;
  if (absl::Status status = SequenceConfigs(context, *cs_keys, *cd_keys, *fs_keys, *fd_keys,
                                            first_default, &context_config, &lists_config);
      !status.ok()) {
    return status;
  }
  for (const std::string& key : assumed_empty.strings()) {
    lists_config.missing_assumed_empty.insert(key);
  }
  absl::StatusOr<ParsedSequences> parsed =
      ParseSequences(context, serialized, names, context_config, lists_config);
  if (!parsed.ok()) return parsed.status();
  SetOutputs(
      context, 0,
      {&parsed->context.sparse_indices, &parsed->context.sparse_values,
       &parsed->context.sparse_shapes, &parsed->context.dense_values, &parsed->lists.sparse_indices,
       &parsed->lists.sparse_values, &parsed->lists.sparse_shapes, &parsed->lists.dense_values});
  return absl::OkStatus();
}

const std::vector<DataType> kValueTypes = {tensorflow::DT_FLOAT, tensorflow::DT_INT64,
                                           tensorflow::DT_STRING};
const std::vector<DataType> kSplitTypes = {tensorflow::DT_INT32, tensorflow::DT_INT64};

REGISTER_KERNEL("ParseExample", ComputeParseExample,
                {{"sparse_types", kValueTypes}, {"Tdense", kValueTypes}});
REGISTER_KERNEL("ParseExampleV2", ComputeParseExampleV2,
                {{"Tdense", kValueTypes},
                 {"sparse_types", kValueTypes},
                 {"ragged_value_types", kValueTypes},
                 {"ragged_split_types", kSplitTypes}});
REGISTER_KERNEL("ParseSingleExample", ComputeParseSingleExample,
                {{"sparse_types", kValueTypes}, {"Tdense", kValueTypes}});
REGISTER_KERNEL("ParseSequenceExample", ComputeParseSequenceExample,
                {{"context_sparse_types", kValueTypes},
                 {"Tcontext_dense", kValueTypes},
                 {"feature_list_dense_types", kValueTypes},
                 {"feature_list_sparse_types", kValueTypes}});
REGISTER_KERNEL("ParseSequenceExampleV2", ComputeParseSequenceExampleV2,
                {{"Tcontext_dense", kValueTypes},
                 {"context_sparse_types", kValueTypes},
                 {"context_ragged_value_types", kValueTypes},
                 {"context_ragged_split_types", kSplitTypes},
                 {"feature_list_dense_types", kValueTypes},
                 {"feature_list_sparse_types", kValueTypes},
                 {"feature_list_ragged_value_types", kValueTypes},
                 {"feature_list_ragged_split_types", kSplitTypes}});
REGISTER_KERNEL("ParseSingleSequenceExample", ComputeParseSingleSequenceExample,
                {{"context_sparse_types", kValueTypes},
                 {"Tcontext_dense", kValueTypes},
                 {"feature_list_dense_types", kValueTypes},
                 {"feature_list_sparse_types", kValueTypes}});

}  // namespace
}  // namespace tfjs::runtime
