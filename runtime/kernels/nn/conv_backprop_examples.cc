// Op examples of the convolution gradients (conv_backprop.cc) and the generic Conv
// (conv_nd.cc), worked by hand on 3x3 (and 2x2x2) images of 1..9 (1..8).
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;

constexpr char kValid2D[] =
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'VALID' } } ";
constexpr char kValid3D[] =
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'VALID' } } ";

// dW[kh,kw] = sum over the 2x2 outputs of x[oh+kh, ow+kw] * dy[oh,ow], dy = [[1,0],[0,1]]:
// x[0,0]+x[1,1] = 6, x[0,1]+x[1,2] = 8, x[1,0]+x[2,1] = 12, x[1,1]+x[2,2] = 14.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "Conv2DBackpropFilter",
              .attrs = kValid2D,
              .inputs = {X({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                         Fixed(DT_INT32, {4}, {2, 2, 1, 1}), X({1, 2, 2, 1}, {1, 0, 0, 1})},
              .outputs = {X({2, 2, 1, 1}, {6, 8, 12, 14})}},
    OpExample{.op = "DepthwiseConv2dNativeBackpropFilter",
              .attrs = kValid2D,
              .inputs = {X({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                         Fixed(DT_INT32, {4}, {2, 2, 1, 1}), X({1, 2, 2, 1}, {1, 0, 0, 1})},
              .outputs = {X({2, 2, 1, 1}, {6, 8, 12, 14})}},
    // Each dy entry of 1 adds the filter [[1,2],[3,4]] at its window: (0,0) and (1,1) overlap
    // at the centre (4 + 1).
    OpExample{.op = "DepthwiseConv2dNativeBackpropInput",
              .attrs = kValid2D,
              .inputs = {Fixed(DT_INT32, {4}, {1, 3, 3, 1}), X({2, 2, 1, 1}, {1, 2, 3, 4}),
                         X({1, 2, 2, 1}, {1, 0, 0, 1})},
              .outputs = {X({1, 3, 3, 1}, {1, 2, 0, 3, 5, 2, 0, 3, 4})}},
    // One output of a 2x2x2 filter over a 2x2x2 input: dW = dy * x = 2x.
    OpExample{.op = "Conv3DBackpropFilter",
              .attrs = kValid3D,
              .inputs = {X({1, 2, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8}),
                         X({2, 2, 2, 1, 1}, {0, 0, 0, 0, 0, 0, 0, 0}), X({1, 1, 1, 1, 1}, {2})},
              .outputs = {X({2, 2, 2, 1, 1}, {2, 4, 6, 8, 10, 12, 14, 16})}},
    OpExample{.op = "Conv3DBackpropFilterV2",
              .attrs = kValid3D,
              .inputs = {X({1, 2, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8}),
                         Fixed(DT_INT32, {5}, {2, 2, 2, 1, 1}), X({1, 1, 1, 1, 1}, {2})},
              .outputs = {X({2, 2, 2, 1, 1}, {2, 4, 6, 8, 10, 12, 14, 16})}},
    // A 2x2x2 filter w of 1..8 over a 3x2x2 input gives two outputs along depth, dy = [1, 2]:
    // dx[z] = dy[z] w[0] + dy[z-1] w[1], i.e. w[0], w[1] + 2 w[0], 2 w[1].
    OpExample{.op = "Conv3DBackpropInputV2",
              .attrs = kValid3D,
              .inputs = {Fixed(DT_INT32, {5}, {1, 3, 2, 2, 1}),
                         X({2, 2, 2, 1, 1}, {1, 2, 3, 4, 5, 6, 7, 8}), X({1, 2, 1, 1, 1}, {1, 2})},
              .outputs = {X({1, 3, 2, 2, 1}, {1, 2, 3, 4, 7, 10, 13, 16, 10, 12, 14, 16})}},
    OpExample{.op = "Conv3DBackpropInputV2",
              .name = "Tshape",
              .attrs = std::string(kValid3D) + "attr { key: 'T' value { type: DT_FLOAT } }",
              .inputs = {X({5}, {1, 1, 1, 2, 1}), Fixed(DT_FLOAT, {1, 1, 2, 1, 1}, {1, 2}),
                         Fixed(DT_FLOAT, {1, 1, 1, 1, 1}, {3})},
              .outputs = {Fixed(DT_FLOAT, {1, 1, 1, 2, 1}, {3, 6})},
              .dtype_attr = "Tshape"},
    // The input's values do not matter, only its shape.
    OpExample{.op = "Conv3DBackpropInput",
              .attrs = kValid3D,
              .inputs = {X({1, 3, 2, 2, 1}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                         X({2, 2, 2, 1, 1}, {1, 2, 3, 4, 5, 6, 7, 8}), X({1, 2, 1, 1, 1}, {1, 2})},
              .outputs = {X({1, 3, 2, 2, 1}, {1, 2, 3, 4, 7, 10, 13, 16, 10, 12, 14, 16})}},
    // The filter [[1,0],[0,1]] adds each pixel to its lower-right neighbour.
    OpExample{
        .op = "Conv",
        .attrs = kValid2D,
        .inputs = {X({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), X({2, 2, 1, 1}, {1, 0, 0, 1})},
        .outputs = {X({1, 2, 2, 1}, {6, 8, 12, 14})}});

// The forward convolutions and pooling on every declared dtype (float32 on XNNPACK, the rest on
// the reference): the [[1, 0], [0, 1]] filter adds each pixel to its lower-right neighbour.
REGISTER_OP_EXAMPLES(
    OpExample{
        .op = "Conv2D",
        .attrs = kValid2D,
        .inputs = {X({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), X({2, 2, 1, 1}, {1, 0, 0, 1})},
        .outputs = {X({1, 2, 2, 1}, {6, 8, 12, 14})}},
    OpExample{
        .op = "DepthwiseConv2dNative",
        .attrs = kValid2D,
        .inputs = {X({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), X({2, 2, 1, 1}, {1, 0, 0, 1})},
        .outputs = {X({1, 2, 2, 1}, {6, 8, 12, 14})}},
    // A 2x2x2 filter of ones sums the whole 2x2x2 input: 36.
    OpExample{.op = "Conv3D",
              .attrs = kValid3D,
              .inputs = {X({1, 2, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8}),
                         X({2, 2, 2, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1})},
              .outputs = {X({1, 1, 1, 1, 1}, {36})}},
    OpExample{.op = "Conv2DBackpropInput",
              .attrs = kValid2D,
              .inputs = {Fixed(DT_INT32, {4}, {1, 3, 3, 1}), X({2, 2, 1, 1}, {1, 2, 3, 4}),
                         X({1, 2, 2, 1}, {1, 0, 0, 1})},
              .outputs = {X({1, 3, 3, 1}, {1, 2, 0, 3, 5, 2, 0, 3, 4})}},
    OpExample{.op = "MaxPool",
              .attrs = "attr { key: 'ksize' value { list { i: 1 i: 2 i: 2 i: 1 } } } "
                       "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'VALID' } }",
              .inputs = {X({1, 2, 2, 1}, {1, 4, 3, 2})},
              .outputs = {X({1, 1, 1, 1}, {4})}},
    // SAME over 2x2 with 2x2 windows: the last row and column average only the pixels inside.
    OpExample{.op = "AvgPool",
              .attrs = "attr { key: 'ksize' value { list { i: 1 i: 2 i: 2 i: 1 } } } "
                       "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'SAME' } }",
              .inputs = {X({1, 2, 2, 1}, {1, 4, 3, 2})},
              .outputs = {X({1, 2, 2, 1}, {2.5, 3, 2.5, 2})}});

// REFLECT padding of [1, 2] by one on each side of the width gives [2, 1, 2, 1]; the filter
// [1, 1] sums neighbours: [3, 3, 3].
constexpr char kPadConv[] =
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'VALID' } } attr { key: 'mode' value { s: 'REFLECT' } } ";

REGISTER_OP_EXAMPLES(
    OpExample{.op = "FusedPadConv2D",
              .attrs = kPadConv,
              .inputs = {X({1, 1, 2, 1}, {1, 2}), Fixed(DT_INT32, {4, 2}, {0, 0, 0, 0, 1, 1, 0, 0}),
                         X({1, 2, 1, 1}, {1, 1})},
              .outputs = {X({1, 1, 3, 1}, {3, 3, 3})}},
    // Resizing [1, 3] to width 3 (scale 2/3, no align_corners) samples at 0, 2/3, 4/3:
    // [1, 7/3, 3]; SYMMETRIC padding by one: [1, 1, 7/3, 3, 3]; the filter [1, 1] sums pairs.
    OpExample{
        .op = "FusedResizeAndPadConv2D",
        .attrs = "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                 "attr { key: 'padding' value { s: 'VALID' } } "
                 "attr { key: 'mode' value { s: 'SYMMETRIC' } }",
        .inputs = {X({1, 1, 2, 1}, {1, 3}), Fixed(DT_INT32, {2}, {1, 3}),
                   Fixed(DT_INT32, {4, 2}, {0, 0, 0, 0, 1, 1, 0, 0}), X({1, 2, 1, 1}, {1, 1})},
        .outputs = {X({1, 1, 4, 1}, {2, 1 + 7.0 / 3, 3 + 7.0 / 3, 6})}});

}  // namespace
}  // namespace tfjs::runtime::testing
