// TF.js graph model reader: model.json plus its weight shards (quantized weights dequantized) back
// to a FrozenModel, so that a converted model can be re-sharded, re-quantized or written as TF.
#ifndef TFJS_NATIVE_CONVERTER_READERS_TFJS_GRAPH_MODEL_READER_H_
#define TFJS_NATIVE_CONVERTER_READERS_TFJS_GRAPH_MODEL_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/frozen_model.h"
#include "io/tensor.h"
#include "proto/tensor.pb.h"
#include "proto/types.pb.h"

namespace tfjs::converter {

// `path` is model.json, or a directory holding one. Every Const node of the topology (and of its
// library functions, whose Consts the writer named "<function>/<node>") gets its weight back as
// its "value", in the dtype the node declares: weights tensorflowjs_converter narrowed (float64,
// int64, complex128) are widened again. The signature is model.json's; a model without one (older
// converters) gets its Placeholders as inputs and the nodes nothing reads as outputs, keyed by
// node name. `output_node_names`, when given, replace the outputs and the graph is pruned to them.
// generatedBy becomes tensorflow_version, userDefinedMetadata user_metadata, modelInitializer
// (whose Consts get their weights too) and initializerSignature the initializer and its
// signature, with the resource ids of both signatures. Fails on a Const without a weight and on
// a weight without a Const.
absl::StatusOr<FrozenModel> ReadTfjsGraphModel(const std::string& path,
                                               const std::vector<std::string>& output_node_names);

// `weight` as a TensorProto of dtype `declared` (tensor_content for numbers, string_val for
// strings); InvalidArgument when the weight's dtype cannot become `declared`.
absl::StatusOr<tensorflow::TensorProto> WeightToTensorProto(const io::Tensor& weight,
                                                            tensorflow::DataType declared);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_TFJS_GRAPH_MODEL_READER_H_
