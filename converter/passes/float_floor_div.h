// FloatFloorDiv: the TF.js rewrite for FloorDiv of floats. TF.js 4.22's FloorDiv kernel returns
// an int32 tensor whatever its inputs' dtype, so a float FloorDiv gives int32 values (NaN and
// infinities lost, large quotients wrapped) and the ops after it refuse or miscompute them
// ("Argument 'x' passed to 'tanh' must be float32 tensor, but got int32 tensor").
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FLOAT_FLOOR_DIV_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FLOAT_FLOOR_DIV_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// On the top-level graph: each FloorDiv of float16, bfloat16, float32 or float64 becomes
// Floor(RealDiv(x, y)) (TensorFlow's definition for floats, floor(x / y)); the Floor keeps the
// node's name and control inputs, the RealDiv is "<name>/real_div". Integer FloorDivs stay.
void RewriteFloatFloorDiv(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FLOAT_FLOOR_DIV_H_
