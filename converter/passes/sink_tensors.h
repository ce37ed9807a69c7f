// SinkTensors: the tensors a frozen graph computes and nothing reads, its outputs when the user
// names none (--output_node_names omitted).
#ifndef TFJS_NATIVE_CONVERTER_PASSES_SINK_TENSORS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_SINK_TENSORS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// Every output of every node that no node reads (by a data or a control input), in graph order,
// as "node" for output 0 and "node:k" for the others. Left out: nodes without outputs (NoOp,
// Assert, savers' ops), graph inputs (an unread Placeholder is an unused input, not a result) and
// Consts (an unread Const is what freezing left behind, such as a Saver's filename). Errors name
// a node whose output count cannot be told (a list output without its length attr).
absl::StatusOr<std::vector<std::string>> SinkTensors(const tensorflow::GraphDef& graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_SINK_TENSORS_H_
