// Output-arg layouts of ops and library functions: turns a function body's "node:out_arg:k" into
// the node's flat output index k', as GraphDef inputs ("node:k'") need.
#ifndef TFJS_NATIVE_OPS_OUTPUT_ARG_INDEX_H_
#define TFJS_NATIVE_OPS_OUTPUT_ARG_INDEX_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"

namespace tfjs::ops {

// `node` is a node of a function body. When its op is a library function, `function_signature`
// is that function's signature and gives the layout; otherwise pass nullptr: the op's row in the
// op table gives it (an op the table lacks is taken to have a single output arg).
absl::StatusOr<int> FlatOutputIndex(const tensorflow::NodeDef& node,
                                    const tensorflow::OpDef* function_signature,
                                    absl::string_view output_arg, int index_in_arg);

// How many outputs `node` (an op of the table, not a library function) has: the lengths of its
// output args summed. An op the table lacks counts one output, as FlatOutputIndex takes it. Errors
// name the node when an attr giving a list's length is missing.
absl::StatusOr<int> NumOutputs(const tensorflow::NodeDef& node);

// The library function called `name`, or nullptr.
const tensorflow::FunctionDef* FindLibraryFunction(const tensorflow::FunctionDefLibrary& library,
                                                   absl::string_view name);

// Output `index` of body node `node`.
struct BodyNodeOutput {
  std::string node;
  int index = 0;
};

// A function body's "node:out_arg:k" as the flat output it names. `body_nodes` are the body's
// nodes by name; a node whose op is a function of `library` takes that function's output layout
// (see FlatOutputIndex). Errors name the input: malformed (not three parts, k not a number), a
// node the body lacks, or an output the node does not have.
absl::StatusOr<BodyNodeOutput> ResolveBodyOutput(
    absl::string_view input,
    const absl::flat_hash_map<std::string, const tensorflow::NodeDef*>& body_nodes,
    const tensorflow::FunctionDefLibrary& library);

}  // namespace tfjs::ops

#endif  // TFJS_NATIVE_OPS_OUTPUT_ARG_INDEX_H_
