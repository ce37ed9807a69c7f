// FakeQuantOps: the TF.js rewrite for FakeQuantWithMinMaxVars. TF.js 4.22 runs it as Identity
// ("This op is currently ignored"), so quantization-aware models give unquantized values.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FAKE_QUANT_OPS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FAKE_QUANT_OPS_H_

#include "absl/status/status.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// On the top-level graph: each FakeQuantWithMinMaxVars whose min and max are scalar float32
// Consts becomes, under its name, the arithmetic TensorFlow's kernel does, with the range
// nudged at conversion as TensorFlow nudges it (scale = (max - min) / (quant_max - quant_min),
// the zero point rounded onto [quant_min, quant_max] = [narrow_range ? 1 : 0, 2^num_bits - 1]):
// floor((clamp(x, nudged_min, nudged_max) - nudged_min) * inverse_scale + 0.5) * scale +
// nudged_min, in float32 op by op. One whose min or max is computed is refused, naming it.
absl::Status RewriteFakeQuant(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FAKE_QUANT_OPS_H_
