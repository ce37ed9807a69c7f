// Op examples of UniformQuantizedDot/Convolution and their hybrid forms, worked by hand from
// TF's formulas: centred codes multiplied and summed in int32, then requantized with the Q31
// multiplier lhs_scale * rhs_scale / output_scale (or, hybrid, scaled back to float).
#include <cstdint>
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_QINT32;
using tensorflow::DT_QINT8;

std::string IntAttr(const std::string& name, int64_t value) {
  return "attr { key: \"" + name + "\" value { i: " + std::to_string(value) + " } }";
}
std::string TypeAttr(const std::string& name, const std::string& dtype) {
  return "attr { key: \"" + name + "\" value { type: " + dtype + " } }";
}
std::string Range(const std::string& prefix, int64_t min, int64_t max) {
  return IntAttr(prefix + "_quantization_min_val", min) +
         IntAttr(prefix + "_quantization_max_val", max);
}
ExampleTensor F(Shape shape, std::vector<double> values) {
  return Fixed(DT_FLOAT, std::move(shape), std::move(values));
}
ExampleTensor I(Shape shape, std::vector<double> values) {
  return Fixed(DT_INT32, std::move(shape), std::move(values));
}

const std::string kQuantizedAttrs = TypeAttr("Tin", "DT_QINT8") + TypeAttr("Tout", "DT_QINT32") +
                                    Range("lhs", -128, 127) + Range("rhs", -127, 127) +
                                    Range("output", -1000, 1000);
const std::string kHybridAttrs = TypeAttr("Tlhs", "DT_FLOAT") + TypeAttr("Trhs", "DT_QINT8") +
                                 TypeAttr("Tout", "DT_FLOAT") + Range("rhs", -127, 127);

// lhs (3, 5) - 1 = (2, 4) times [[1, 2], [3, 4]] = (14, 20); multiplier 0.5 * 1 / 1 gives
// (7, 10), plus the output zero point 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformQuantizedDot",
    .attrs = kQuantizedAttrs,
    .inputs = {Fixed(DT_QINT8, {1, 2}, {3, 5}), Fixed(DT_QINT8, {2, 2}, {1, 2, 3, 4}), F({}, {0.5}),
               I({}, {1}), F({}, {1}), I({}, {0}), F({}, {1}), I({}, {2})},
    .outputs = {Fixed(DT_QINT32, {1, 2}, {9, 12})},
    .dtype_attr = ""});

// lhs (2, 0) spans [0, 2]: scale 2/255, zero point -128, codes (127, -128), centred (255, 0);
// times the column (1, 1) is 255 * 2/255 * 1 = 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformQuantizedDotHybrid",
    .attrs = kHybridAttrs,
    .inputs = {F({1, 2}, {2, 0}), Fixed(DT_QINT8, {2, 1}, {1, 1}), F({}, {1}), I({}, {0})},
    .outputs = {F({1, 1}, {2})},
    .dtype_attr = "",
    .tolerance = 1e-6});

// NCHW 3x3 input 1..9 with a 2x2 kernel of ones, VALID: window sums 12, 16, 24, 28, halved by
// the output scale 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformQuantizedConvolution",
    .attrs = kQuantizedAttrs + "attr { key: \"padding\" value { s: \"VALID\" } }",
    .inputs = {Fixed(DT_QINT8, {1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
               Fixed(DT_QINT8, {1, 1, 2, 2}, {1, 1, 1, 1}), F({}, {1}), I({}, {0}), F({}, {1}),
               I({}, {0}), F({}, {2}), I({}, {0})},
    .outputs = {Fixed(DT_QINT32, {1, 1, 2, 2}, {6, 8, 12, 14})},
    .dtype_attr = ""});

// lhs (2, 0, 0, 2) as 1x1x2x2 spans [0, 2] (codes 127/-128, zero point -128, scale 2/255);
// a 1x1 kernel of 3: 255 * 3 * 2/255 = 6 where lhs is 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformQuantizedConvolutionHybrid",
    .attrs = kHybridAttrs + "attr { key: \"padding\" value { s: \"VALID\" } }",
    .inputs = {F({1, 1, 2, 2}, {2, 0, 0, 2}), Fixed(DT_QINT8, {1, 1, 1, 1}, {3}), F({}, {1}),
               I({}, {0})},
    .outputs = {F({1, 1, 2, 2}, {6, 0, 0, 6})},
    .dtype_attr = "",
    .tolerance = 1e-6});

}  // namespace
}  // namespace tfjs::runtime::testing
