// A FunctionDef from a body written as graph nodes ("node:k" inputs), for the loops the Keras
// lowering emits as TF2 While ops (the converter then lowers them like any While).
#ifndef TFJS_NATIVE_CONVERTER_KERAS_FUNCTION_BUILDER_H_
#define TFJS_NATIVE_CONVERTER_KERAS_FUNCTION_BUILDER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"

namespace tfjs::converter::keras {

struct FunctionArg {
  std::string name;  // the name body nodes read it by (no node of `body` has it)
  tensorflow::DataType dtype;
};

// `body` nodes read args by their bare names and other nodes as "node" / "node:k"; `returns` are
// (output name, graph tensor of `body` or an arg name). Inputs become body syntax
// ("node:out_arg:k", from the op table's output args). Errors name a node whose op the table
// lacks.
absl::StatusOr<tensorflow::FunctionDef> BuildFunction(
    const std::string& name, const std::vector<FunctionArg>& args, const tensorflow::GraphDef& body,
    const std::vector<std::pair<FunctionArg, std::string>>& returns);

}  // namespace tfjs::converter::keras

#endif  // TFJS_NATIVE_CONVERTER_KERAS_FUNCTION_BUILDER_H_
