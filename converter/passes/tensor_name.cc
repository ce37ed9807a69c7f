#include "converter/passes/tensor_name.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tfjs::converter {

TensorName TensorName::Parse(absl::string_view input) {
  TensorName name;
  if (IsControlInput(input)) {
    name.is_control = true;
    name.node = std::string(input.substr(1));
    return name;
  }
  const size_t colon = input.rfind(':');
  int index = 0;
  if (colon != absl::string_view::npos && absl::SimpleAtoi(input.substr(colon + 1), &index) &&
      index >= 0) {
    name.node = std::string(input.substr(0, colon));
    name.output_index = index;
  } else {
    name.node = std::string(input);
  }
  return name;
}

std::string TensorName::ToInput() const {
  if (is_control) return absl::StrCat("^", node);
  if (output_index == 0) return node;
  return absl::StrCat(node, ":", output_index);
}

std::string InputNodeName(absl::string_view input) { return TensorName::Parse(input).node; }

}  // namespace tfjs::converter
