// The one op-definition table: every TF op this project supports, read both by the converter's op
// check and by the runtime's kernel dispatch.
#ifndef TFJS_NATIVE_OPS_OP_TABLE_H_
#define TFJS_NATIVE_OPS_OP_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tfjs::ops {

enum class AttrType {
  kInt, kFloat, kBool, kString, kType, kShape, kTensor, kFunc,
  kIntList, kFloatList, kBoolList, kStringList, kTypeList, kShapeList,
};

// Inputs by position, as TF.js's op lists give them: `start` is the first input index; `end` is
// exclusive, 0 for a single input, negative to count from the end (-1 = all but none trailing;
// variadic runs to the last input when end == kToEnd).
struct InputDef {
  static constexpr int kSingle = 0;
  static constexpr int kToEnd = 1 << 30;
  std::string name;
  int start = 0;
  int end = kSingle;
};

struct AttrDef {
  std::string tf_name;
  AttrType type = AttrType::kInt;
  // Default as TF writes it in text form ("" = required, no default).
  std::string default_value;
};

struct OpDef {
  std::string tf_name;
  // TF.js op-list category, e.g. "convolution"; "native" for ops only this runtime has.
  std::string category;
  std::vector<InputDef> inputs;
  std::vector<AttrDef> attrs;
  // True when TF.js 4.22's graph executor runs this op too.
  bool tfjs_supported = false;
};

// Every op, sorted by tf_name.
absl::Span<const OpDef> AllOps();
// nullptr when the op is not in the table.
const OpDef* FindOp(absl::string_view tf_name);

}  // namespace tfjs::ops

#endif  // TFJS_NATIVE_OPS_OP_TABLE_H_
