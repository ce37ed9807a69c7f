// FoldBatchNorms: folds inference batch norms into the convolution filters before them, as
// tensorflowjs_converter's fold_batch_norms step does, leaving a BiasAdd.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FOLD_BATCH_NORMS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FOLD_BATCH_NORMS_H_

#include <string>
#include <vector>

#include "proto/graph.pb.h"

namespace tfjs::converter {

// Rewrites  Conv2D|DepthwiseConv2dNative (NHWC, Const float filter)
//           [-> BiasAdd|Add|AddV2 with a Const per-channel bias]
//           -> FusedBatchNorm|FusedBatchNormV2|FusedBatchNormV3 (is_training false)
//              | BatchNormWithGlobalNormalization   (Const float statistics)
// into the convolution with a rescaled filter ("<conv>_weights") and a BiasAdd named as the batch
// norm, adding "<conv>_bn_offset". Only output 0 of the batch norm may be read, and the nodes
// folded away must feed nothing else and not be among `outputs` ("node" or "node:k"). Inputs the
// folded nodes leave unused stay for pruning. Returns how many batch norms were folded.
int FoldBatchNorms(const std::vector<std::string>& outputs, tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FOLD_BATCH_NORMS_H_
