// Output-arg layouts of ops and library functions: turns a function body's "node:out_arg:k" into
// the node's flat output index k', as GraphDef inputs ("node:k'") need.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_OUTPUT_ARG_INDEX_H_
#define TFJS_NATIVE_CONVERTER_PASSES_OUTPUT_ARG_INDEX_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// `node` is a node of a function body. When its op is a library function, `function_signature`
// is that function's signature and gives the layout; otherwise pass nullptr: ops with several
// output args come from a built-in table, any other op is taken to have a single output arg.
absl::StatusOr<int> FlatOutputIndex(const tensorflow::NodeDef& node,
                                    const tensorflow::OpDef* function_signature,
                                    absl::string_view output_arg, int index_in_arg);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_OUTPUT_ARG_INDEX_H_
