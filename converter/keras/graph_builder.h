// GraphBuilder: appends TF nodes to a GraphDef for the Keras lowering, with unique names under a
// layer's scope and the few float32 ops the layers are made of.
#ifndef TFJS_NATIVE_CONVERTER_KERAS_GRAPH_BUILDER_H_
#define TFJS_NATIVE_CONVERTER_KERAS_GRAPH_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter::keras {

// A static shape as Keras infers it: -1 for a dimension known only at run time.
using Shape = std::vector<int64_t>;

// A tensor of the lowered graph ("node" or "node:k") with its static shape, and Keras's mask
// over its time steps when a Masking layer set one.
struct KTensor {
  std::string name;
  Shape shape;
  tensorflow::DataType dtype = tensorflow::DT_FLOAT;
  std::string mask;  // bool [batch, time], or empty
};

class GraphBuilder {
 public:
  explicit GraphBuilder(tensorflow::GraphDef* graph) : graph_(graph) {}

  // Claims `name` exactly (model inputs and outputs); false when it is taken.
  bool Reserve(const std::string& name) { return names_.insert(name).second; }
  // `base`, or `base_1`, `base_2`, ... whichever is free first; claimed.
  std::string UniqueName(absl::string_view base);

  // A node `op` named UniqueName(scope + "/" + op) reading `inputs`, with attr T = DT_FLOAT
  // unless `typed` is false.
  tensorflow::NodeDef* Add(absl::string_view op, absl::string_view scope,
                           const std::vector<std::string>& inputs, bool typed = true);
  // The same with the exact name `name` (already reserved).
  tensorflow::NodeDef* AddNamed(absl::string_view op, const std::string& name,
                                const std::vector<std::string>& inputs);

  // A new function of the graph's library.
  tensorflow::FunctionDef* AddFunction() { return graph_->mutable_library()->add_function(); }

  std::string Const(absl::string_view scope, absl::string_view label,
                    const tensorflow::TensorProto& value);
  std::string FloatConst(absl::string_view scope, const Shape& shape,
                         const std::vector<float>& values);
  std::string IntConst(absl::string_view scope, const Shape& shape,
                       const std::vector<int32_t>& values);
  std::string Scalar(absl::string_view scope, float value) {
    return FloatConst(scope, {}, {value});
  }

  // One-input float ops (Relu, Tanh, Sigmoid, ...) and two-input ones (AddV2, Mul, ...).
  std::string Unary(absl::string_view op, absl::string_view scope, const std::string& x);
  std::string Binary(absl::string_view op, absl::string_view scope, const std::string& a,
                     const std::string& b);
  std::string MatMul(absl::string_view scope, const std::string& a, const std::string& b);
  std::string BiasAdd(absl::string_view scope, const std::string& x, const std::string& bias);
  std::string Reshape(absl::string_view scope, const std::string& x, const Shape& shape);
  std::string Transpose(absl::string_view scope, const std::string& x,
                        const std::vector<int32_t>& perm);
  std::string Concat(absl::string_view scope, const std::vector<std::string>& xs, int axis,
                     tensorflow::DataType dtype = tensorflow::DT_FLOAT);
  // x[..., begin:begin+size] along `axis` of a tensor of rank `rank` (other axes whole).
  std::string SliceAxis(absl::string_view scope, const std::string& x, int rank, int axis,
                        int64_t begin, int64_t size,
                        tensorflow::DataType dtype = tensorflow::DT_FLOAT);
  // The int32 vector [batch of `like`, ...dims], the batch read at run time.
  std::string BatchShape(absl::string_view scope, const std::string& like, const Shape& dims);
  // Zeros of shape [batch of `like`, ...dims].
  std::string BatchZeros(absl::string_view scope, const std::string& like, const Shape& dims);
  // Pads with zeros: `pads` holds (before, after) per axis.
  std::string Pad(absl::string_view scope, const std::string& x,
                  const std::vector<std::pair<int64_t, int64_t>>& pads);
  // Reduction `op` (Mean, Max, Sum) over `axes`.
  std::string Reduce(absl::string_view op, absl::string_view scope, const std::string& x,
                     const std::vector<int32_t>& axes, bool keep_dims);

 private:
  tensorflow::GraphDef* graph_;
  absl::flat_hash_set<std::string> names_;
};

void SetType(tensorflow::NodeDef* node, const std::string& attr, tensorflow::DataType type);
void SetInts(tensorflow::NodeDef* node, const std::string& attr,
             const std::vector<int64_t>& values);
void SetInt(tensorflow::NodeDef* node, const std::string& attr, int64_t value);
void SetFloat(tensorflow::NodeDef* node, const std::string& attr, float value);
void SetBool(tensorflow::NodeDef* node, const std::string& attr, bool value);
void SetString(tensorflow::NodeDef* node, const std::string& attr, const std::string& value);
void SetShape(tensorflow::NodeDef* node, const std::string& attr, const Shape& shape);

}  // namespace tfjs::converter::keras

#endif  // TFJS_NATIVE_CONVERTER_KERAS_GRAPH_BUILDER_H_
