// NchwToNhwc: the TF.js rewrite for channels-first graphs (GPU-trained models). TF.js 4.22's op
// mappers drop or mishandle data_format "NCHW": BiasAdd adds the bias along the last dim
// ("Operands could not be broadcast together with shapes"), and convolutions and pooling fail or
// compute the wrong dims. As Grappler's layout optimizer does for devices, the NCHW regions of
// the graph become NHWC, with transposes only at the regions' borders.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_NCHW_TO_NHWC_H_
#define TFJS_NATIVE_CONVERTER_PASSES_NCHW_TO_NHWC_H_

#include "absl/status/status.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// On the top-level graph of `model` (function bodies stay as they are), in topological order:
// - Conv2D, DepthwiseConv2dNative, Conv2DBackpropInput, BiasAdd (of a 4-D input), MaxPool,
//   AvgPool, DepthToSpace, SpaceToDepth and inference-mode FusedBatchNorm(V2/V3) with
//   data_format NCHW become NHWC: their 4-element list attrs (strides,
//   ksize, dilations) and explicit_paddings pairs are permuted, Conv2DBackpropInput's
//   input_sizes gathered in NHWC order.
// - Elementwise ops (Identity, TF.js's single-input basic_math ops and TF's broadcasting binary
//   ops) whose inputs are all NHWC values of such nodes, Consts of rank 0 to 4 or (for binary
//   ops) both, follow them into NHWC; a Const of rank 1 to 3 is first reshaped to rank 4, as
//   broadcasting aligns it, then transposed.
// A node that moves to NHWC is renamed "<name>/nhwc", and its old name goes to a Transpose back to
// NCHW (an IdentityN of that Transpose and outputs 1-4, for a batch norm whose statistics are
// read or that the model names as an output), so that everything else (the outputs, and nodes
// that stay NCHW) reads what it read before; a node that moves reads the NHWC value behind such a
// Transpose directly, and such Transposes nothing reads then go (unless the model names them), so
// that op fusion sees the NHWC nodes' sole consumers. Other inputs are transposed to NHWC once per
// tensor; the transposes of Consts are left for constant folding (the optimization passes run
// after this one).
// The graph computes the same values afterwards.
absl::Status NchwToNhwc(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_NCHW_TO_NHWC_H_
