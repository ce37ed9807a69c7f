// FuseContractions: merges a convolution or matmul with the BiasAdd and activation after it into
// the fused ops TF.js runs (_FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul), as
// tensorflowjs_converter's Grappler remapper, fuse_depthwise_conv2d and fuse_prelu steps do.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FUSE_CONTRACTIONS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FUSE_CONTRACTIONS_H_

#include <string>
#include <vector>

#include "proto/graph.pb.h"

namespace tfjs::converter {

// Rewrites  Conv2D|DepthwiseConv2dNative (float, NHWC) | MatMul (float)
//           -> BiasAdd (NHWC) [-> Relu|Relu6|Elu|LeakyRelu|Sigmoid|Prelu]
// into one node named as the last op of the chain, with inputs (x, filter, bias[, alpha]),
// the contraction's attrs, fused_ops ["BiasAdd"[, activation]], num_args 1 (2 with Prelu),
// epsilon 0 (convolution and matmul, as Grappler writes it) and leakyrelu_alpha for LeakyRelu.
// The ops folded in must feed nothing else and not be among `outputs`. Returns how many fused
// ops it made.
int FuseContractions(const std::vector<std::string>& outputs, tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FUSE_CONTRACTIONS_H_
