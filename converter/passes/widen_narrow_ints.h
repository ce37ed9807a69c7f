// WidenNarrowInts: the TF.js rewrite for 8- and 16-bit integers. TF.js 4.22 holds every integer
// tensor as int32: it maps int8, int16, uint8 and uint16 to int32 without ever wrapping, so a
// result that leaves the narrow range (int8 100 + 100) comes back as 200 where TensorFlow gives
// -56, and it cannot cast to uint32 at all ("Failed to cast to unknown dtype null").
#ifndef TFJS_NATIVE_CONVERTER_PASSES_WIDEN_NARROW_INTS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_WIDEN_NARROW_INTS_H_

#include "absl/status/status.h"
#include "converter/frozen_model.h"

namespace tfjs::converter {

// On the top-level graph of `model` (function bodies stay as they are): every int8, int16,
// uint8 and uint16 becomes int32, exactly, so the graph is one TensorFlow could run on int32 and
// computes TensorFlow's values:
// - Consts of those dtypes hold their values as int32; type attrs (and type-list attrs) and
//   signature outputs say int32.
// - Placeholders keep their dtype (the model's inputs do not change: TF.js takes int32 tensors for
//   them anyway); a Cast that reads one keeps casting from it, other readers read
//   "<name>/as_int32", a Cast of it to int32.
// - A single-output node whose output was narrow and that can leave the narrow range (Cast to a
//   narrow dtype, and ops of TF.js's arithmetic, basic_math, reduction and matrices families)
//   keeps its name for the value wrapped back into range as TensorFlow's narrow arithmetic wraps:
//   FloorMod(v + 2^(n-1), 2^n) - 2^(n-1) for signed, FloorMod(v, 2^n) for unsigned n-bit
//   integers; the op itself is renamed "<name>/int32". This is exact while the int32 results fit,
//   as they do for any op of two narrow operands.
// Refused, naming the node and op: type attrs whose op does not take int32, Bitcasts of narrow
// integers (their bytes change), and Casts to uint32 or uint64 (TF.js cannot cast to them and
// int32 cannot hold their values).
absl::Status WidenNarrowInts(FrozenModel* model);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_WIDEN_NARROW_INTS_H_
