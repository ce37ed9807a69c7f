// RunTfjsRewrites: the rewrites for --op_target=tfjs that turn graph patterns TF.js 4.22 computes
// wrong into equivalent graphs it computes right, or refuse them at conversion with the reason.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_TFJS_REWRITES_H_
#define TFJS_NATIVE_CONVERTER_PASSES_TFJS_REWRITES_H_

#include <ostream>

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

// One line on `log` per TopKV2 with sorted=false: TensorFlow leaves its top k in its own (heap)
// order, TF.js 4.22 always sorts them, so what reads them by position (ConcatV2, a slice) can
// differ. Not rewritten: TF.js has no op to reproduce that order.
void NoteTfjsDifferences(const tensorflow::GraphDef& graph, std::ostream& log);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TFJS_REWRITES_H_
