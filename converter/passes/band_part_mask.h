// BandPartMask: the TF.js rewrite for MatrixBandPart. TF.js 4.22's op list reads num_upper from
// input 1 (both bounds have `start: 1`), so it keeps the band |i - j| <= num_lower instead of
// -num_upper <= i - j <= num_lower.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_BAND_PART_MASK_H_
#define TFJS_NATIVE_CONVERTER_PASSES_BAND_PART_MASK_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// On the top-level graph: each MatrixBandPart becomes SelectV2(in_band, x, ZerosLike(x)) under its
// name, with in_band[i, j] = (num_lower < 0 || i - j <= num_lower) &&
// (num_upper < 0 || j - i <= num_upper) over the last two dims (Shape, StridedSlice, Range), as
// TensorFlow defines it; bounds of dtype int64 are cast to int32 first. New nodes are
// "<name>/...".
void RewriteBandPart(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_BAND_PART_MASK_H_
