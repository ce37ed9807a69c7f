// TensorArrayElementShape: the TF.js rewrite for TensorArraySplitV3 into a TensorArray of unknown
// element shape. TF.js 4.22's split reshapes each piece to the TensorArray's element_shape, so
// with an unknown rank it fails ("Cannot read properties of undefined (reading 'length')").
#ifndef TFJS_NATIVE_CONVERTER_PASSES_TENSOR_ARRAY_ELEMENT_SHAPE_H_
#define TFJS_NATIVE_CONVERTER_PASSES_TENSOR_ARRAY_ELEMENT_SHAPE_H_

#include "proto/graph.pb.h"

namespace tfjs::converter {

// On the top-level graph: a TensorArrayV3 whose element_shape has unknown rank and whose handle
// a TensorArraySplitV3 reads directly, splitting a value of static shape [n, d1, ..., dk]
// (static_shapes.h) with d1..dk known, gets element_shape [-1, d1, ..., dk]: TensorFlow's
// element of a split is [length_i, d1, ..., dk], and TF.js's reshape takes the one -1. Other
// TensorArrays stay (with more than one unknown dim TF.js could not reshape either), so a second
// run changes nothing.
void RewriteTensorArrayElementShapes(tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_TENSOR_ARRAY_ELEMENT_SHAPE_H_
