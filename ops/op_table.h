// The one op-definition table: every TF op this project supports, read both by the converter's op
// check and by the runtime's kernel dispatch.
//
// The rows are data. Those TF.js 4.22 runs come from its converter's op lists (the 19 lists its
// OperationMapper loads) and are generated into ops/tfjs_op_rows.cc by
// ops/gen/gen_tfjs_op_rows.js; ops only this runtime runs are written by hand in
// ops/native_op_rows.cc.
//
// How to add an op:
//  1. Table row.
//     - An op TF.js runs is already in ops/tfjs_op_rows.cc; never edit that file by hand. To take
//       a newer TF.js release, rerun the generator (usage at its top) with the new package and
//       commit the regenerated file; its kTfjsOpListCount changes with it.
//     - An op TF.js lacks gets a row in ops/native_op_rows.cc, in the same form as the generated
//       rows, with tfjs_supported = false and category "native". Give it the inputs by position
//       and the attrs (TF names, types, TF's defaults) its kernel reads. A name already present
//       in the TF.js rows fails //ops:op_table_test.
//  2. Kernel file: one file per op (or op family) under runtime/kernels/, which validates its
//     inputs and attrs as the row describes them and then computes; it is registered in one
//     line under the row's tf_name.
//  3. Test: a gtest beside the kernel that runs it on small tensors and checks the values, plus,
//     for native rows, a check in ops/op_table_test.cc of any input layout or attr default
//     the kernel relies on. `tools/bazel run //tools:op_coverage` then lists the op.
#ifndef TFJS_NATIVE_OPS_OP_TABLE_H_
#define TFJS_NATIVE_OPS_OP_TABLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tfjs::ops {

// How TF.js reads an input or attr (its op-list param types). kNumber covers both TF int and
// float attrs; a non-tensor input type (kNumber, kNumbers, kShape, kBools) means the input's
// value is read on the host rather than passed to the kernel as a tensor.
enum class ParamType {
  kTensor, kTensors,
  kNumber, kNumbers,
  kBool, kBools,
  kString, kStrings,
  kDtype, kDtypes,
  kShape, kShapes,
  kFunc,
};

// One input, or a variadic run of inputs, named by position in the node's data inputs.
struct InputDef {
  // `end` for a single input.
  static constexpr int kSingle = 0;
  // `end` for a run that goes through the last input.
  static constexpr int kToEnd = 1 << 30;

  // TF.js's name for it (TF's op lists name inputs by position only).
  std::string name;
  ParamType type = ParamType::kTensor;
  // First input index; negative counts from the end (-1 = the last input).
  int start = 0;
  // kSingle for one input (for kTensors: a run of just that input); otherwise the exclusive end
  // of a kTensors run: kToEnd, or negative to count from the end (-1 = all but the last input).
  int end = kSingle;
  // Value used when the node has no input at `start`, as text; meaningful when has_default.
  std::string default_value;
  bool has_default = false;
  // TF.js maps the input but its kernel ignores it (its op lists' `notSupported`).
  bool tfjs_ignored = false;
};

struct AttrDef {
  std::string tf_name;
  // Older TF name read when tf_name is absent (e.g. Squeeze's squeeze_dims); empty if none.
  std::string tf_deprecated_name;
  // TF.js's name for it, e.g. "pad" for padding.
  std::string tfjs_name;
  ParamType type = ParamType::kNumber;
  // Default when the node lacks the attr, as text: numbers as written ("0.0001"), bools as
  // "true"/"false", strings bare ("NHWC"), lists as JSON ("[1,1,1,1]", "[]"). Meaningful when
  // has_default; otherwise the attr is required or its absence is handled by the kernel.
  std::string default_value;
  bool has_default = false;
  // TF.js reads the attr but its kernel ignores it (its op lists' `notSupported`).
  bool tfjs_ignored = false;
};

struct OpDef {
  std::string tf_name;
  // TF.js op-list category, e.g. "convolution"; "native" for ops only this runtime has.
  std::string category;
  std::vector<InputDef> inputs;
  std::vector<AttrDef> attrs;
  // Output names, where TF.js lists them (ops whose outputs differ in meaning); else empty.
  std::vector<std::string> outputs;
  // True when TF.js 4.22's graph executor runs this op too.
  bool tfjs_supported = false;
};

// Every op, sorted by tf_name, names unique.
absl::Span<const OpDef> AllOps();
// nullptr when the op is not in the table. O(log n).
const OpDef* FindOp(absl::string_view tf_name);
// Number of ops in TF.js 4.22's converter op lists, as the generator counted them.
int TfjsOpListCount();

// The half-open range [begin, end) of node input indices that `input` names, for a node with
// `num_inputs` data inputs. A single input whose index is past the end yields an empty range
// (the caller applies default_value, if any); a negative position reaching before input 0 is an
// InvalidArgument error naming the input.
struct InputRange {
  int begin = 0;
  int end = 0;
};
absl::StatusOr<InputRange> ResolveInputRange(const InputDef& input, int num_inputs);

}  // namespace tfjs::ops

#endif  // TFJS_NATIVE_OPS_OP_TABLE_H_
