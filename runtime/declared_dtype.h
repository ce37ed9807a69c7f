// Const weights back in the dtype their node declares: TF.js-target weights hold only TF.js's
// dtypes, so the converter narrows float64/int64 weights to float32/int32, widens 8- and 16-bit
// integers to int32, and float16 weights are read as float32; a graph that declares another dtype
// gets it back here.
#ifndef TFJS_NATIVE_RUNTIME_DECLARED_DTYPE_H_
#define TFJS_NATIVE_RUNTIME_DECLARED_DTYPE_H_

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime {

// `weight` converted to `declared` when it holds a stored form of it: float32 for float64,
// float16 or bfloat16 (rounded to nearest even), int32 for int64 (sign-extended), int8, int16,
// uint8, uint16, uint32 (the same bits) or uint64 (the low 32 bits, as the converter wrote them).
// Unchanged for any other pairing (equal dtypes, DT_INVALID, complex128 narrowed to complex64,
// which no kernel widens back). Fails only when the converted tensor cannot be allocated.
absl::StatusOr<Tensor> ToDeclaredDtype(Tensor weight, DataType declared);

}  // namespace tfjs::runtime

#endif  // TFJS_NATIVE_RUNTIME_DECLARED_DTYPE_H_
