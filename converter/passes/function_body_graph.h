// FunctionBodyGraph: a library function's body as a GraphDef that graph passes can rewrite, and
// back into the function, so control-flow bodies kept by --control_flow_v2 get optimized too.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FUNCTION_BODY_GRAPH_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FUNCTION_BODY_GRAPH_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

class FunctionBodyGraph {
 public:
  // The graph holds one Placeholder per input arg (named as the arg, typed by it), then the
  // body's nodes with inputs in graph syntax ("node:k"). Unimplemented for functions this form
  // cannot hold: list or attr-typed args, an arg named like a body node. Errors name malformed
  // body inputs.
  static absl::StatusOr<FunctionBodyGraph> FromFunction(
      const tensorflow::FunctionDef& function, const tensorflow::FunctionDefLibrary& library);

  tensorflow::GraphDef& graph() { return graph_; }
  // What passes must keep: the arg Placeholders, the returned tensors (looked up through
  // identities without control inputs) and the control outputs.
  std::vector<std::string> Keep() const;

  // Replaces `function`'s body by the graph: Placeholders become the args again, inputs go back
  // to body syntax (a node keeping its op keeps the output names its readers used, others name
  // their outputs by the op's output arg), control inputs on args are dropped (args are always
  // ready) and the returns follow the renamed tensors. Errors when a returned tensor is gone.
  absl::Status WriteBack(tensorflow::FunctionDef* function) const;

 private:
  // "out_arg:k" for output `index` of `node`, as the body names it.
  std::string OutputName(const tensorflow::NodeDef& node, int index) const;
  absl::StatusOr<std::string> BodyInput(
      const std::string& input,
      const absl::flat_hash_map<std::string, const tensorflow::NodeDef*>& nodes) const;

  tensorflow::GraphDef graph_;
  absl::flat_hash_set<std::string> args_;
  // Output arg key -> returned tensor in graph syntax.
  std::vector<std::pair<std::string, std::string>> returns_;
  std::vector<std::string> control_returns_;
  // The original body's names for outputs: (node, flat index) -> "out_arg:k", valid while the
  // node keeps the op in original_ops_.
  absl::flat_hash_map<std::pair<std::string, int>, std::string> output_names_;
  absl::flat_hash_map<std::string, std::string> original_ops_;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FUNCTION_BODY_GRAPH_H_
