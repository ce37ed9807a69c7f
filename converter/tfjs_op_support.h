// What TF.js 4.22 computes right per op and dtype: converter/tfjs_op_support.txt (measured by
// //tools/tfjs:update_op_support in real TF.js against our native kernels), compiled in.
#ifndef TFJS_NATIVE_CONVERTER_TFJS_OP_SUPPORT_H_
#define TFJS_NATIVE_CONVERTER_TFJS_OP_SUPPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

enum class TfjsVerdict {
  kRight,    // TF.js gives TensorFlow's outputs on every op example of that dtype.
  kWrong,    // It runs and gives other values, dtypes or shapes on one.
  kRefuses,  // It throws on one, or has no tensors of that dtype.
};

struct TfjsOpSupport {
  std::string op;
  // The type attr measured ("T", "Tparams", ...); "-" for an op measured with fixed dtypes.
  std::string attr;
  tensorflow::DataType dtype = tensorflow::DT_INVALID;
  TfjsVerdict verdict = TfjsVerdict::kRight;
  // What TF.js did, for wrong and refuses: "output 0 is float32, TensorFlow gives DT_INT32 ...".
  std::string symptom;
  // The op's output the symptom concerns ("output K ..." or "output K: ..."); -1 for the op.
  int output = -1;
};

// The rows of a tfjs_op_support.txt text; InvalidArgument naming the line for a malformed one.
absl::StatusOr<std::vector<TfjsOpSupport>> ParseTfjsOpSupport(absl::string_view text);

// The compiled-in measurement for `op` with `attr` set to `dtype` (attr "-" with DT_INVALID for
// ops measured with fixed dtypes); nullptr when not measured.
const TfjsOpSupport* FindTfjsOpSupport(absl::string_view op, absl::string_view attr,
                                       tensorflow::DataType dtype);

// The measurements that concern `node`: its op's fixed-dtype row and, for each of its type
// attrs, that attr's row for the node's dtype.
std::vector<const TfjsOpSupport*> TfjsOpSupportFor(const tensorflow::NodeDef& node);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_TFJS_OP_SUPPORT_H_
