// BitwiseAndBits: the TF.js rewrite for BitwiseAnd. TF.js 4.22 never runs it: its op list names
// the inputs x and y, its executor reads a and b ("Argument 'x' passed to 'bitwiseAnd' must be a
// Tensor or TensorLike, but got 'null'").
#ifndef TFJS_NATIVE_CONVERTER_PASSES_BITWISE_AND_BITS_H_
#define TFJS_NATIVE_CONVERTER_PASSES_BITWISE_AND_BITS_H_

#include "absl/status/status.h"
#include "proto/graph.pb.h"

namespace tfjs::converter {

// On the top-level graph (after WidenNarrowInts, so 8- and 16-bit integers are int32): each int32
// BitwiseAnd becomes, under its name, the sum of the bits both operands have: bits 0-30 as
// FloorMod(FloorDiv(v, 2^k), 2) of the operands expanded by a last dim of 31 (FloorDiv floors,
// so negatives give their two's-complement bits), multiplied and weighted by 2^k and summed, plus
// -2^31 where both are negative. Broadcasting stays TensorFlow's. BitwiseAnd of other dtypes
// (int64, unsigned 32- and 64-bit) is refused, naming the node.
absl::Status RewriteBitwiseAnd(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_BITWISE_AND_BITS_H_
