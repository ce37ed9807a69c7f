// TensorName: splits the input strings of NodeDef ("node", "node:1", "^node") into their parts.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_TENSOR_NAME_H_
#define TFJS_NATIVE_CONVERTER_PASSES_TENSOR_NAME_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tfjs::converter {

struct TensorName {
  std::string node;
  int output_index = 0;
  bool is_control = false;

  // "^node" is a control input; "node" means output 0; a suffix that is not a number after the
  // last ':' stays part of the node name.
  static TensorName Parse(absl::string_view input);
  // Back to NodeDef input syntax: "^node", "node" for output 0, else "node:k".
  std::string ToInput() const;
};

// The node an input string refers to, for data and control inputs alike.
std::string InputNodeName(absl::string_view input);

inline bool IsControlInput(absl::string_view input) {
  return !input.empty() && input[0] == '^';
}

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TENSOR_NAME_H_
