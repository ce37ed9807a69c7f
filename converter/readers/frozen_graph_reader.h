// Frozen graph reader: a GraphDef file (binary .pb or text .pbtxt) to a FrozenModel.
#ifndef TFJS_NATIVE_CONVERTER_READERS_FROZEN_GRAPH_READER_H_
#define TFJS_NATIVE_CONVERTER_READERS_FROZEN_GRAPH_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/frozen_model.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// Binary or text format, chosen by the file's content, not its name; every value in memory.
absl::StatusOr<tensorflow::GraphDef> ReadGraphDefFile(const std::string& path);

// Reads, validates (unique names, existing inputs, no cycles but NextIteration loops), inlines
// function calls and prunes the graph to `output_node_names` ("node" or "node:k"); when none are
// given (tensorflowjs_converter refuses that), to the graph's sink tensors (SinkTensors), which
// then stand as the given names. As tensorflowjs_converter does for frozen models, the signature
// has no inputs and one output per name, keyed by that name, whose TensorInfo.name is the name.
// `output_nodes` lists the names in order.
// Binary files of any size are read node by node; Consts holding at least
// kMinReferencedTensorBytes stay in the file, held by reference (FrozenModel::external_weights),
// so memory does not grow with the weights.
absl::StatusOr<FrozenModel> ReadFrozenModel(const std::string& path,
                                            const std::vector<std::string>& output_node_names);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_FROZEN_GRAPH_READER_H_
