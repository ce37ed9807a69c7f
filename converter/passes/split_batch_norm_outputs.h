// SplitBatchNormOutputs: the TF.js rewrite for FusedBatchNorm, FusedBatchNormV2 and
// FusedBatchNormV3. TF.js 4.22's executor returns only output 0 of these ops (the normalized
// tensor), so reading batch_mean, batch_variance or the reserve spaces fails ("TF.js returned no
// tensor for output 'FusedBatchNormV3:1'"), and it always normalizes with the mean and variance
// inputs, also with is_training (the default), where TensorFlow uses the batch's statistics.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_SPLIT_BATCH_NORM_OUTPUTS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_SPLIT_BATCH_NORM_OUTPUTS_H_

#include "absl/status/status.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// On the top-level graph of `model`, for float32 batch norms in NHWC or NCHW whose output 5 (V3's
// reserve_space_3) nothing reads:
// - is_training true (TF's default): the normalized tensor is computed by ops TF.js computes
//   right: the batch mean and (biased) variance over all but the channel dim (Mean,
//   SquaredDifference), then (x - mean) * scale * Rsqrt(variance + epsilon) + offset.
// - Outputs 1-4, when something reads one (a node or a signature output) or the node is one of
//   the model's output_nodes (which a user may fetch as "<node>:k"): each gets nodes of its own,
//   and the node, under its name and with its control inputs, becomes an IdentityN of outputs
//   0-4, which TF.js returns all of. In inference they are the mean (1, 3) and variance (2, 4)
//   inputs, as TensorFlow's kernel forwards them, and output 0 stays with the op ("<node>/y"),
//   which TF.js computes right there. In training they are batch_mean and batch_variance as
//   TensorFlow reports them (the variance with Bessel's correction n / (n - 1), both blended with
//   the mean and variance inputs by exponential_avg_factor when it is not 1), then the reserve
//   spaces (the batch statistics used).
// - Otherwise a training-mode node becomes the AddV2 giving output 0, under its name.
absl::Status SplitBatchNormOutputs(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_SPLIT_BATCH_NORM_OUTPUTS_H_
