// NmsValidOutputs: the TF.js rewrite for NonMaxSuppressionV5's third output. TF.js 4.22 runs
// NonMaxSuppressionV5 as nonMaxSuppressionWithScoreAsync and returns only selected_indices and
// selected_scores, so reading valid_outputs (output 2) fails with "Cannot read properties of
// undefined (reading 'id')", whatever the dtype (float16 included).
#ifndef TFJS_NATIVE_CONVERTER_PASSES_NMS_VALID_OUTPUTS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_NMS_VALID_OUTPUTS_H_

#include "converter/frozen_model.h"

namespace tfjs::converter {

// Each top-level NonMaxSuppressionV5 whose output 2 a node reads, or that is a model output
// (whose outputs the user may fetch by index), is renamed
// "<name>/nms", and an IdentityN under its name returns its outputs 0 and 1 and Size(output 0)
// as int32 ("<name>/valid_outputs"): the count of selected boxes, which is valid_outputs (TF.js
// never pads, so its selected_indices hold exactly the valid ones). Readers and model outputs
// keep their names. The renamed node's output 2 is then unread, so a second run changes nothing.
void RewriteNmsValidOutputs(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_NMS_VALID_OUTPUTS_H_
