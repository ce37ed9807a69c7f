// Short constructors that keep each op-table row on a few readable lines; used only by the row
// files (ops/tfjs_op_rows.cc, ops/native_op_rows.cc).
#ifndef TFJS_NATIVE_OPS_OP_ROW_BUILDERS_H_
#define TFJS_NATIVE_OPS_OP_ROW_BUILDERS_H_

#include <string>
#include <utility>
#include <vector>

#include "ops/op_table.h"

namespace tfjs::ops {
namespace row_builders {

inline constexpr ParamType kTensor = ParamType::kTensor;
inline constexpr ParamType kTensors = ParamType::kTensors;
inline constexpr ParamType kNumber = ParamType::kNumber;
inline constexpr ParamType kNumbers = ParamType::kNumbers;
inline constexpr ParamType kBool = ParamType::kBool;
inline constexpr ParamType kBools = ParamType::kBools;
inline constexpr ParamType kString = ParamType::kString;
inline constexpr ParamType kStrings = ParamType::kStrings;
inline constexpr ParamType kDtype = ParamType::kDtype;
inline constexpr ParamType kDtypes = ParamType::kDtypes;
inline constexpr ParamType kShape = ParamType::kShape;
inline constexpr ParamType kShapes = ParamType::kShapes;
inline constexpr ParamType kFunc = ParamType::kFunc;

// Default-value argument meaning "none".
inline constexpr const char* kNoDefault = nullptr;
// Marks an input or attr TF.js maps but ignores.
inline constexpr bool kIgnored = true;

// One input at `start`, with an optional default for when the node lacks it.
inline InputDef Input(const char* name, ParamType type, int start,
                      const char* default_value = kNoDefault, bool tfjs_ignored = false) {
  InputDef input;
  input.name = name;
  input.type = type;
  input.start = start;
  input.has_default = default_value != nullptr;
  input.default_value = input.has_default ? default_value : "";
  input.tfjs_ignored = tfjs_ignored;
  return input;
}

// A variadic run of tensor inputs [start, end); see InputDef for negative and kToEnd values.
inline InputDef InputRun(const char* name, int start, int end) {
  InputDef input;
  input.name = name;
  input.type = ParamType::kTensors;
  input.start = start;
  input.end = end;
  return input;
}

inline AttrDef Attr(const char* tf_name, const char* tfjs_name, ParamType type,
                    const char* default_value = kNoDefault, bool tfjs_ignored = false) {
  AttrDef attr;
  attr.tf_name = tf_name;
  attr.tfjs_name = tfjs_name;
  attr.type = type;
  attr.has_default = default_value != nullptr;
  attr.default_value = attr.has_default ? default_value : "";
  attr.tfjs_ignored = tfjs_ignored;
  return attr;
}

// `attr`, also read under an older TF name.
inline AttrDef Renamed(AttrDef attr, const char* tf_deprecated_name) {
  attr.tf_deprecated_name = tf_deprecated_name;
  return attr;
}

inline OpDef TfjsOp(const char* tf_name, const char* category, std::vector<InputDef> inputs,
                    std::vector<AttrDef> attrs, std::vector<std::string> outputs = {}) {
  return OpDef{tf_name, category, std::move(inputs), std::move(attrs), std::move(outputs),
               /*tfjs_supported=*/true};
}

}  // namespace row_builders
}  // namespace tfjs::ops

#endif  // TFJS_NATIVE_OPS_OP_ROW_BUILDERS_H_
