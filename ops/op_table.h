// The one op-definition table: every TF op, read by the converter's op check and passes and by
// the runtime's kernel dispatch.
//
// The rows are data, from two generators whose output is committed:
//  - ops/tf_op_rows.cc, from TensorFlow's op registry (ops.pbtxt) and TF's CPU kernel dtypes
//    (ops/gen/tf_cpu_kernels.txt), by ops/gen/gen_tf_op_rows.cc: one row per TF op with its args,
//    attrs, defaults, allowed dtypes and flags;
//  - ops/tfjs_op_rows.cc, from TF.js 4.22's converter op lists, by ops/gen/gen_tfjs_op_rows.js:
//    how TF.js maps the ops it runs (and TF.js's own fused ops, which TF's registry lacks).
// op_table.cc merges the two by name. Never edit either file by hand: rerun its generator.
//
// Whether this project runs an op is not a row fact: a kernel registered under the op's name
// runs it, for the dtypes it declares there (runtime/kernel.h, REGISTER_KERNEL); its op examples
// (runtime/kernels/testing/op_examples.h) test it for each of them.
#ifndef TFJS_NATIVE_OPS_OP_TABLE_H_
#define TFJS_NATIVE_OPS_OP_TABLE_H_

#include <cstdint>
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
  kTensor,
  kTensors,
  kNumber,
  kNumbers,
  kBool,
  kBools,
  kString,
  kStrings,
  kDtype,
  kDtypes,
  kShape,
  kShapes,
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
  // TF's attr type: "type", "list(type)", "int", "list(int)", "float", "bool", "string",
  // "shape", "tensor", "func", ...; empty for TF.js's own attrs.
  std::string tf_type;
  // TF's allowed values: dtype names for type attrs, strings for string attrs; empty = any.
  std::vector<std::string> allowed_values;
  // For type attrs: the dtypes TF's CPU kernels take (when OpDef::tf_cpu_kernel is
  // kConstrained and TF constrains this attr); else empty.
  std::vector<std::string> tf_cpu_dtypes;
  // TF's minimum for int attrs (list lengths, counts); meaningful when has_minimum.
  int64_t minimum = 0;
  bool has_minimum = false;
  // Older TF name read when tf_name is absent (e.g. Squeeze's squeeze_dims); empty if none.
  std::string tf_deprecated_name;
  // TF.js's name for it, e.g. "pad" for padding; empty when TF.js does not read it.
  std::string tfjs_name;
  ParamType type = ParamType::kNumber;
  // Default when the node lacks the attr, as text: numbers as written ("0.0001"), bools as
  // "true"/"false", strings bare ("NHWC"), dtypes by TF's Python name ("int32"), shapes as
  // "[2,-1]" or "unknown_rank", lists as JSON ("[1,1,1,1]", "[]", "[\"a\"]"). Meaningful when
  // has_default; otherwise the attr is required or its absence is handled by the kernel.
  std::string default_value;
  bool has_default = false;
  // TF.js reads the attr but its kernel ignores it (its op lists' `notSupported`).
  bool tfjs_ignored = false;
};

// One input or output arg of a TF op, as TF's registry defines it.
struct ArgDef {
  std::string name;
  // A fixed dtype (TF's Python name, e.g. "int32"), or empty.
  std::string type;
  // The attr giving its dtype, or empty.
  std::string type_attr;
  // For a list of same-typed tensors: the int attr giving its length; else empty.
  std::string number_attr;
  // For a list of tensors of several dtypes: the list(type) attr giving them; else empty.
  std::string type_list_attr;
  bool is_ref = false;
};

// How an op's output shape follows its inputs, where TF gives it one of its common shape
// functions.
enum class ShapeRule {
  kOther,
  // shape_inference::UnchangedShape: the output has input 0's shape.
  kUnchanged,
  // shape_inference::BroadcastBinaryOpShapeFn: the broadcast shape of inputs 0 and 1.
  kBroadcastBinary,
};

// What TensorFlow's own CPU kernels for an op take (ops/gen/tf_cpu_kernels.txt).
enum class TfCpuKernel {
  kUnknown,      // Not recorded: the op's allowed dtypes stand in.
  kNone,         // TF registers no CPU kernel.
  kAny,          // A CPU kernel without dtype constraints.
  kConstrained,  // AttrDef::tf_cpu_dtypes lists the dtypes per type attr.
};

struct OpDef {
  std::string tf_name;
  // TF.js op-list category, e.g. "convolution"; empty for ops TF.js does not run.
  std::string category;
  // How TF.js reads the inputs (its op lists); empty for ops TF.js does not run.
  std::vector<InputDef> inputs;
  // TF's attrs, with TF.js's names for those TF.js reads, then TF.js's own attrs TF lacks.
  std::vector<AttrDef> attrs;
  // Output names, where TF.js lists them (ops whose outputs differ in meaning); else empty.
  std::vector<std::string> outputs;
  // True when TF.js 4.22's graph executor runs this op too.
  bool tfjs_supported = false;

  // True for ops of TF's registry; false for TF.js's own ops (fused ops, Prelu, ...).
  bool in_tf_registry = false;
  // TF's input and output args, in order; empty when not in TF's registry.
  std::vector<ArgDef> input_args;
  std::vector<ArgDef> output_args;
  // "in", or the family issue 11 leaves out of op coverage: "training", "input_pipeline",
  // "summary_debug", "distribution", "files", "experimental". Empty when not in TF's registry.
  std::string scope;
  // TF's is_stateful: results may differ between runs with the same inputs, or the op changes
  // state; such ops are never constant-folded or pruned as dead.
  bool is_stateful = false;
  // Draws from a random stream (seeded or generator-backed).
  bool is_random = false;
  // TF1 control flow (Switch, Merge, Enter, Exit, NextIteration, LoopCond, their Ref forms,
  // ControlTrigger) and the functional If/While/Case/For.
  bool is_control_flow = false;
  // The identity at inference: output k is data input k (Identity, IdentityN, Snapshot,
  // StopGradient, ...).
  bool forwards_inputs = false;
  // A placeholder the caller feeds (Placeholder, PlaceholderV2, PlaceholderWithDefault).
  bool is_graph_input = false;
  bool is_commutative = false;
  ShapeRule shape_rule = ShapeRule::kOther;
  TfCpuKernel tf_cpu_kernel = TfCpuKernel::kUnknown;
  // The GraphDef version from which TF refuses the op, or 0.
  int deprecated_since = 0;
};

// The attr named `tf_name` of `op`, or nullptr.
const AttrDef* FindAttr(const OpDef& op, absl::string_view tf_name);

// The dtypes TF's CPU kernels take for type attr `attr_name` of `op`: the recorded CPU dtypes,
// or else the attr's allowed dtypes; empty when TF has no CPU kernel or the attr allows any.
std::vector<std::string> TfCpuDtypes(const OpDef& op, absl::string_view attr_name);

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
