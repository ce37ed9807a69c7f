// FeedTablesFromInitializer: TF2 hash tables the way TF.js 4 runs them, created by the model
// initializer and passed to the model as resource inputs matched by "resourceId".
#ifndef TFJS_NATIVE_CONVERTER_PASSES_TABLE_INPUTS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_TABLE_INPUTS_H_

#include "absl/status/status.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// tensorflowjs_converter freezes a TF2 SavedModel's tables into a separate initializer function
// whose outputs are the tables; the model takes each as a captured resource input. This does the
// same to a model whose `initializer` shares tables with `graph` by node name. For every hash
// table node T of `graph`, numbered 1, 2, ... in graph order:
// - `initializer` holds T (copied there if it lacks it) and an Identity "T/handle" of it that
//   waits (control inputs) on every initializer node nothing else reads, so that fetching it
//   fills the tables first; "T/handle:0" is an initializer_signature output with T's number as
//   its resource id;
// - in `graph`, T becomes a scalar DT_RESOURCE Placeholder "T/handle" (a name no node has yet,
//   "_1"... added if needed), a signature input keyed "T/handle:0" with the same resource id.
// Does nothing to a model without tables. Fails when the initializer has a node named T that is
// another op, or when initializer_signature is already set.
absl::Status FeedTablesFromInitializer(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TABLE_INPUTS_H_
