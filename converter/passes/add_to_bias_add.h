// AddToBiasAdd: turns the Add of a per-channel constant after a convolution or matmul into the
// BiasAdd that op fusion expects.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_ADD_TO_BIAS_ADD_H_
#define TFJS_NATIVE_CONVERTER_PASSES_ADD_TO_BIAS_ADD_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// Rewrites Add|AddV2(x, c) or (c, x) in place into BiasAdd(x, c) (NHWC) when x is a float
// Conv2D or DepthwiseConv2dNative (NHWC, Const filter) or MatMul (Const weights) and c is a
// 1-D float Const as long as x's last dim. The node keeps its name and its value. Returns how
// many nodes were rewritten.
int ConvertAddToBiasAdd(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_ADD_TO_BIAS_ADD_H_
