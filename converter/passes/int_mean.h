// IntMean: the TF.js rewrite for Mean of integers. TF.js 4.22's Mean divides the sum by the count
// in float32 and returns float32 whatever its input's dtype; TensorFlow's integer Mean returns
// the input's dtype, the sum divided by the count truncated toward zero (-5 / 2 = -2).
#ifndef TFJS_NATIVE_CONVERTER_PASSES_INT_MEAN_H_
#define TFJS_NATIVE_CONVERTER_PASSES_INT_MEAN_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// On the top-level graph: each Mean of int32 or int64 (TF.js computes both as int32) becomes
// Sign(s) * FloorDiv(Abs(s), Size(x) / Size(s)) with s = Sum(x, axes) keeping the Mean's
// keep_dims: integer ops TF.js computes right. The Mul keeps the node's name and control inputs;
// the others are "<name>/sum", "<name>/count", ... Other Means stay, so a second run changes
// nothing.
void RewriteIntMean(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_INT_MEAN_H_
