// Splits a frozen graph into model.json's topology and its weights the way tensorflowjs_converter
// does: every Const node is a weight, top-level nodes first, then each library function's body.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_CONST_EXTRACTION_H_
#define TFJS_NATIVE_CONVERTER_WRITER_CONST_EXTRACTION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter {

struct ConstWeight {
  // The Const node's name; inside function bodies "<function name>/<node name>".
  std::string name;
  // The node's "value" tensor, pointing into the graph given to ExtractConstWeights.
  const tensorflow::TensorProto* value = nullptr;
  // A top-level Const (named as its node), not one of a function body.
  bool top_level = false;
};

struct ExtractedGraph {
  // The graph with every Const's value data cleared (dtype and shape stay), and Consts inside
  // function bodies renamed "<function name>/<node name>" with the inputs that read them.
  tensorflow::GraphDef topology;
  // In manifest order. Valid while the source graph lives.
  std::vector<ConstWeight> weights;
};

// Fails on a Const without a tensor "value" attr or when two weights end up with one name.
// Unlike tensorflowjs_converter, function-body inputs are matched by exact node name (it matches
// name prefixes) and control inputs and `ret` entries that name a renamed Const are renamed too.
absl::StatusOr<ExtractedGraph> ExtractConstWeights(const tensorflow::GraphDef& graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_CONST_EXTRACTION_H_
