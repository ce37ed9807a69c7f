// RunTfjsRewrites: the rewrites for --op_target=tfjs that turn graph patterns TF.js 4.22 computes
// wrong into equivalent graphs it computes right, or refuse them at conversion with the reason.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_TFJS_REWRITES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_TFJS_REWRITES_H_

#include "absl/status/status.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// Runs before the optimization passes, so that constant folding and op fusion see its result:
// NchwToNhwc. Errors name the rewrite, the node and its op.
absl::Status RunTfjsLayoutRewrites(FrozenModel* model);

// Runs after the optimization passes, on the graph the writer gets: RewriteFloatFloorDiv,
// RewriteEmptyReductions, RewriteBandPart, RewriteFakeQuant, SplitBatchNormOutputs,
// WidenNarrowInts, then RewriteBitwiseAnd. Errors name the rewrite, the node and its op.
absl::Status RunTfjsRewrites(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TFJS_REWRITES_H_
