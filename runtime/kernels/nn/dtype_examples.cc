// Op examples of the matmuls, fused convolutions, batch norms, resizes, crops, pools, LRN,
// dilation, patches and projective transforms, worked by hand with small non-negative integers so
// that every declared dtype holds them exactly.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

constexpr char kValid2D[] =
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'dilations' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'VALID' } } ";
constexpr char kBiasAdd[] =
    "attr { key: 'fused_ops' value { list { s: 'BiasAdd' } } } "
    "attr { key: 'num_args' value { i: 1 } } ";
constexpr char kInference[] =
    "attr { key: 'epsilon' value { f: 0 } } attr { key: 'is_training' value { b: false } } ";
constexpr char kPool3D[] =
    "attr { key: 'ksize' value { list { i: 1 i: 2 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'VALID' } } ";

// [[1, 2], [3, 4]] through a 2x2 diagonal filter: 1 + 4 for the one output pixel.
const ExampleTensor kImage = X({1, 2, 2, 1}, {1, 2, 3, 4});
// A [1, 2] row that the resizes widen to 4 columns or keep.
const ExampleTensor kRow = X({1, 1, 2, 1}, {1, 3});

OpExample BatchNorm(const char* op, bool with_u) {
  auto vector = [&](std::vector<double> values) {
    return with_u ? Fixed(DT_FLOAT, {2}, std::move(values)) : X({2}, std::move(values));
  };
  // Channel 0: (1 - 0) * 2 / 1 + 1 = 3; channel 1: (4 - 2) * 1 / 2 + 0 = 1.
  return OpExample{.op = op,
                   .attrs = std::string(kInference) +
                            (with_u ? "attr { key: 'U' value { type: DT_FLOAT } }" : ""),
                   .inputs = {X({1, 1, 1, 2}, {1, 4}), vector({2, 1}), vector({1, 0}),
                              vector({0, 2}), vector({1, 4})},
                   .outputs = {X({1, 1, 1, 2}, {3, 1})}};
}

OpExample Resize(const char* op, int64_t width, std::vector<double> expected, bool float_output) {
  return OpExample{.op = op,
                   .inputs = {kRow, Fixed(DT_INT32, {2}, {1, static_cast<double>(width)})},
                   .outputs = {float_output ? Fixed(DT_FLOAT, {1, 1, width, 1}, expected)
                                            : X({1, 1, width, 1}, expected)}};
}

REGISTER_OP_EXAMPLES(
    OpExample{.op = "MatMul",
              .inputs = {X({1, 2}, {1, 2}), X({2, 1}, {3, 4})},
              .outputs = {X({1, 1}, {11})}},
    OpExample{.op = "_FusedMatMul",
              .attrs = kBiasAdd,
              .inputs = {X({1, 2}, {1, 2}), X({2, 1}, {3, 4}), X({1}, {1})},
              .outputs = {X({1, 1}, {12})}},
    OpExample{.op = "BatchMatMul",
              .inputs = {X({1, 1, 2}, {1, 2}), X({1, 2, 1}, {3, 4})},
              .outputs = {X({1, 1, 1}, {11})}},
    // b broadcasts over a's two batches.
    OpExample{.op = "BatchMatMulV2",
              .inputs = {X({2, 1, 2}, {1, 2, 0, 1}), X({2, 1}, {3, 4})},
              .outputs = {X({2, 1, 1}, {11, 4})}},
    BatchNorm("FusedBatchNorm", false), BatchNorm("FusedBatchNormV2", true),
    BatchNorm("FusedBatchNormV3", true),
    OpExample{.op = "Conv1D",
              .attrs = "attr { key: 'stride' value { i: 1 } } "
                       "attr { key: 'padding' value { s: 'VALID' } }",
              .inputs = {X({1, 3, 1}, {1, 2, 3}), X({2, 1, 1}, {1, 1})},
              .outputs = {X({1, 2, 1}, {3, 5})},
              .constant_inputs = {false, true}},
    // TF.js's op has no type attr: float32 only.
    OpExample{.op = "DepthwiseConv2d",
              .attrs = kValid2D,
              .inputs = {Fixed(DT_FLOAT, {1, 2, 2, 1}, {1, 2, 3, 4}),
                         Fixed(DT_FLOAT, {2, 2, 1, 1}, {1, 0, 0, 1})},
              .outputs = {Fixed(DT_FLOAT, {1, 1, 1, 1}, {5})},
              .dtype_attr = "",
              .constant_inputs = {false, true}},
    OpExample{.op = "_FusedConv2D",
              .attrs = std::string(kValid2D) + kBiasAdd,
              .inputs = {kImage, X({2, 2, 1, 1}, {1, 0, 0, 1}), X({1}, {1})},
              .outputs = {X({1, 1, 1, 1}, {6})},
              .constant_inputs = {false, true, true}},
    OpExample{.op = "FusedDepthwiseConv2dNative",
              .attrs = std::string(kValid2D) + kBiasAdd,
              .inputs = {kImage, X({2, 2, 1, 1}, {1, 0, 0, 1}), X({1}, {1})},
              .outputs = {X({1, 1, 1, 1}, {6})},
              .constant_inputs = {false, true, true}},
    // The whole image as one 2x2 crop: the pixels, as float32.
    OpExample{.op = "CropAndResize",
              .inputs = {kImage, Fixed(DT_FLOAT, {1, 4}, {0, 0, 1, 1}), Fixed(DT_INT32, {1}, {0}),
                         Fixed(DT_INT32, {2}, {2, 2})},
              .outputs = {Fixed(DT_FLOAT, {1, 2, 2, 1}, {1, 2, 3, 4})}},
    OpExample{.op = "Dilation2D",
              .attrs = "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'rates' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'VALID' } }",
              .inputs = {kImage, X({1, 1, 1}, {1})},
              .outputs = {X({1, 2, 2, 1}, {2, 3, 4, 5})}},
    OpExample{.op = "ExtractImagePatches",
              .attrs = "attr { key: 'ksizes' value { list { i: 1 i: 2 i: 2 i: 1 } } } "
                       "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'rates' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'VALID' } }",
              .inputs = {kImage},
              .outputs = {X({1, 1, 1, 4}, {1, 2, 3, 4})}},
    // The identity transform.
    OpExample{.op = "ImageProjectiveTransformV3",
              .attrs = "attr { key: 'interpolation' value { s: 'NEAREST' } }",
              .inputs = {kImage, Fixed(DT_FLOAT, {1, 8}, {1, 0, 0, 0, 1, 0, 0, 0}),
                         Fixed(DT_INT32, {2}, {2, 2}), Fixed(DT_FLOAT, {}, {0})},
              .outputs = {kImage},
              .dtype_attr = "dtype"},
    // V2: output x reads input x + 1; past the edge reads 0 (CONSTANT).
    OpExample{.op = "ImageProjectiveTransformV2",
              .attrs = "attr { key: 'interpolation' value { s: 'NEAREST' } }",
              .inputs = {kImage, Fixed(DT_FLOAT, {1, 8}, {1, 0, 1, 0, 1, 0, 0, 0}),
                         Fixed(DT_INT32, {2}, {2, 2})},
              .outputs = {X({1, 2, 2, 1}, {2, 0, 4, 0})},
              .dtype_attr = "dtype"},
    // depth_radius 0, bias 0, alpha 1, beta 1: x / x^2.
    OpExample{.op = "LRN",
              .attrs = "attr { key: 'depth_radius' value { i: 0 } } "
                       "attr { key: 'bias' value { f: 0 } } attr { key: 'alpha' value { f: 1 } } "
                       "attr { key: 'beta' value { f: 1 } }",
              .inputs = {X({1, 1, 1, 2}, {2, 4})},
              .outputs = {X({1, 1, 1, 2}, {0.5, 0.25})}},
    OpExample{.op = "MaxPool3D",
              .attrs = kPool3D,
              .inputs = {X({1, 2, 1, 1, 1}, {1, 3})},
              .outputs = {X({1, 1, 1, 1, 1}, {3})}},
    OpExample{.op = "AvgPool3D",
              .attrs = kPool3D,
              .inputs = {X({1, 2, 1, 1, 1}, {1, 3})},
              .outputs = {X({1, 1, 1, 1, 1}, {2})}},
    OpExample{.op = "MaxPoolWithArgmax",
              .attrs = "attr { key: 'ksize' value { list { i: 1 i: 2 i: 2 i: 1 } } } "
                       "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'VALID' } }",
              .inputs = {X({1, 2, 2, 1}, {1, 4, 3, 2})},
              .outputs = {X({1, 1, 1, 1}, {4}), Fixed(DT_INT64, {1, 1, 1, 1}, {1})}},
    // Doubling the width samples at 0, 0.5, 1, 1.5 (the last clamps).
    Resize("ResizeBilinear", 4, {1, 2, 3, 3}, true), Resize("ResizeBicubic", 2, {1, 3}, true),
    Resize("ResizeNearestNeighbor", 4, {1, 1, 3, 3}, false), Resize("ResizeArea", 2, {1, 3}, true));

}  // namespace
}  // namespace tfjs::runtime::testing
