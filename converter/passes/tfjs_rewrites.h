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
// WidenNarrowInts, RewriteBitwiseAnd, RewriteIntMean (after the widening, so it sees the narrow
// integers' Means as int32), RewriteNmsValidOutputs, then RewriteTensorArrayElementShapes.
// Errors name the rewrite, the node and its op. Running it again on its result changes nothing.
absl::Status RunTfjsRewrites(FrozenModel* model);

// The differences left after the rewrites, one line each on `log`: ops and dtypes TF.js 4.22
// computes wrong or refuses on our op examples (NoteTfjsOpSupport), and each TopKV2 with
// sorted=false: TensorFlow leaves its top k in its own (heap) order, TF.js 4.22 always sorts
// them, so what reads them by position (ConcatV2, a slice) can differ. Not rewritten: TF.js has
// no op to reproduce that order.
void NoteTfjsDifferences(const tensorflow::GraphDef& graph, std::ostream& log);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TFJS_REWRITES_H_
