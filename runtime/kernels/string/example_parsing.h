// The engine of the tf.train.Example / SequenceExample parsing kernels: feature configs read
// from the ops' attrs and inputs, and batches of parsed protos turned into the sparse, dense and
// ragged output tensors TF's example parsing ops produce.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_STRING_EXAMPLE_PARSING_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_STRING_EXAMPLE_PARSING_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/example.pb.h"
#include "proto/graph.pb.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::strings {

// A dense feature: fixed `shape`, or (variable_length) an unknown first dim and fixed rest.
struct DenseFeature {
  std::string key;
  DataType dtype = tensorflow::DT_INVALID;
  Shape shape;
  bool variable_length = false;
  // Elements per row: the product of shape (of shape[1:] when variable_length).
  int64_t stride = 1;
  // Context/Example features: the value when missing (empty: required), or the padding scalar
  // when variable_length. Unused for feature lists.
  Tensor default_value;
};

// A sparse or ragged feature.
struct ListFeature {
  std::string key;
  DataType dtype = tensorflow::DT_INVALID;
  DataType splits_dtype = tensorflow::DT_INT64;
};

struct FeaturesConfig {
  std::vector<ListFeature> sparse;
  std::vector<DenseFeature> dense;
  std::vector<ListFeature> ragged;
};

struct FeatureListsConfig {
  std::vector<ListFeature> sparse;
  std::vector<DenseFeature> dense;
  std::vector<ListFeature> ragged;
  // Dense feature lists that may be missing (then they have no steps).
  std::set<std::string> missing_assumed_empty;
};

// The outputs for a FeaturesConfig, per feature in config order.
struct ParsedFeatures {
  std::vector<Tensor> sparse_indices, sparse_values, sparse_shapes;
  std::vector<Tensor> dense_values;
  std::vector<Tensor> ragged_values, ragged_splits;
};

struct ParsedFeatureLists {
  std::vector<Tensor> sparse_indices, sparse_values, sparse_shapes;
  std::vector<Tensor> dense_values, dense_lengths;
  std::vector<Tensor> ragged_values, ragged_outer_splits, ragged_inner_splits;
};

// Parses `features` (one per example; nullptr: an example without them). `batched` outputs
// have the batch as first dim; otherwise there is one example and its outputs drop that dim (as
// for scalar inputs). `names` (may be empty) name the examples in errors.
absl::StatusOr<ParsedFeatures> ParseFeatures(
    const FeaturesConfig& config, const std::vector<const tensorflow::Features*>& features,
    const std::vector<std::string>& names, bool batched);
absl::StatusOr<ParsedFeatureLists> ParseFeatureLists(
    const FeatureListsConfig& config, const std::vector<const tensorflow::FeatureLists*>& lists,
    const std::vector<std::string>& names, bool batched);

// Builds a dense feature from its attr shape (a -1 first dim: variable length) and checks its
// default as TF does; `with_default` is false for feature lists.
absl::StatusOr<DenseFeature> MakeDenseFeature(std::string key, DataType dtype,
                                              const tensorflow::TensorShapeProto& shape,
                                              const Tensor* default_value, int index);

// A list(type) / list(shape) / list(string) attr of `node`; empty when absent.
std::vector<DataType> TypeListAttr(const tensorflow::NodeDef& node, const std::string& name);
std::vector<tensorflow::TensorShapeProto> ShapeListAttr(const tensorflow::NodeDef& node,
                                                        const std::string& name);
std::vector<std::string> StringListAttr(const tensorflow::NodeDef& node, const std::string& name);

}  // namespace tfjs::runtime::strings

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_STRING_EXAMPLE_PARSING_H_
