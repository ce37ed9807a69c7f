// EmptyReductions: the TF.js rewrite for reductions that may reduce nothing. Over an empty axis
// TF.js 4.22's Max and Min give NaN (float) or 0 (int32) where TensorFlow gives -inf / +inf or
// the dtype's lowest / highest value, Mean gives 0 where TensorFlow gives NaN, and All gives false
// where TensorFlow gives true.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_EMPTY_REDUCTIONS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_EMPTY_REDUCTIONS_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// On the top-level graph, for Max and Min of float32 or int32, Mean of float32 and All, whose
// axes are a Const and whose input has a static rank (static_shapes.h) with a reduced dim that is
// 0 or unknown (reductions the graph shows to be over non-empty dims stay as they are):
// - Max / Min read their input padded by one element along each reduced axis (PadV2) holding
//   -inf / +inf, or int32's lowest / highest, which leaves every other result as it was;
// - Mean becomes RealDiv(Sum, element count of the input / element count of the Sum), 0 / 0 being
//   NaN, as in TensorFlow;
// - All becomes LogicalNot(Any(LogicalNot(x))).
// Each rewritten node keeps its name, attrs and control inputs; new nodes are "<name>/...".
void RewriteEmptyReductions(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_EMPTY_REDUCTIONS_H_
