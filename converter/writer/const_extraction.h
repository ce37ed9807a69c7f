// Splits a frozen graph into model.json's topology and its weights the way tensorflowjs_converter
// does: every Const node is a weight, top-level nodes first, then each library function's body.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_CONST_EXTRACTION_H_
#define TFJS_NATIVE_CONVERTER_WRITER_CONST_EXTRACTION_H_

#include <deque>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter {

struct ConstWeight {
  // The Const node's name; inside function bodies "<function name>/<node name>".
  std::string name;
  // The node's "value" tensor, as it was before extraction (in ExtractedWeights::values).
  const tensorflow::TensorProto* value = nullptr;
  // A top-level Const (named as its node), not one of a function body.
  bool top_level = false;
};

struct ExtractedWeights {
  // In manifest order.
  std::vector<ConstWeight> weights;
  // The Const values the weights point to (a deque, so they stay in place as it grows and when
  // it is moved).
  std::deque<tensorflow::TensorProto> values;
};

// Turns `graph` into model.json's topology in place, without copying it: every Const's value data
// moves out to the returned weights (dtype and shape stay), and Consts inside function bodies
// are renamed "<function name>/<node name>" with the inputs that read them.
// Fails on a Const without a tensor "value" attr or when two weights end up with one name (the
// graph is then partly rewritten).
// Unlike tensorflowjs_converter, function-body inputs are matched by exact node name (it matches
// name prefixes) and control inputs and `ret` entries that name a renamed Const are renamed too.
absl::StatusOr<ExtractedWeights> ExtractConstWeights(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_CONST_EXTRACTION_H_
