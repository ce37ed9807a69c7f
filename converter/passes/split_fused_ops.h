// SplitFusedOps: the inverse of FuseContractions and FusePrelu, for graphs written in TensorFlow's
// own formats, which other tools (TensorFlow, OpenCV's dnn, tf2onnx, TFLite's converter) read
// only with public TF ops.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_SPLIT_FUSED_OPS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_SPLIT_FUSED_OPS_H_

#include "absl/status/status.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// Rewrites every  _FusedConv2D | FusedDepthwiseConv2dNative | _FusedMatMul  with fused_ops
// ["BiasAdd"] or ["BiasAdd", activation] into  Conv2D | DepthwiseConv2dNative | MatMul
// -> BiasAdd [-> activation], and every Prelu(x, alpha) (fused or not) into the graph of Keras's
// PReLU layer, Add(Relu(x), Mul(Neg(alpha), Relu(Neg(x)))), which FusePrelu and OpenCV's dnn
// recognize. The contraction keeps the attrs its public op declares;
// LeakyRelu takes leakyrelu_alpha as its alpha. The last node of each chain keeps the fused
// node's name, so its readers are unchanged; the others are named "<name>/<op>". Fails naming the
// node for fused_ops it cannot split (e.g. FusedBatchNorm, a residual Add). Only the graph's
// nodes are rewritten: a fused op inside a library function is an error naming the function.
absl::Status SplitFusedOps(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_SPLIT_FUSED_OPS_H_
