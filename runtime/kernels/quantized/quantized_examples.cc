// Op examples of the quantized kernels, run for every dtype each declares by
// //runtime/kernels:dtype_matrix_test. Values are worked by hand from TF's formulas
// (quantization_utils.h); the quantized add and bias add ones with a plain float32 reference of
// those formulas kept outside the kernels.
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_BFLOAT16;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_QINT16;
using tensorflow::DT_QINT32;
using tensorflow::DT_QINT8;
using tensorflow::DT_QUINT16;
using tensorflow::DT_QUINT8;

ExampleTensor F(Shape shape, std::vector<double> values) {
  return Fixed(DT_FLOAT, std::move(shape), std::move(values));
}
ExampleTensor FScalar(double value) { return F({}, {value}); }

std::string TypeAttr(const char* name, const char* dtype) {
  return std::string("attr { key: \"") + name + "\" value { type: " + dtype + " } }";
}

// QuantizeV2, MIN_COMBINED over [0, 4] (scale (max - lowest) / 4; signed types shift by half
// their range and round half away from zero, unsigned ones add 0.5 and truncate). qint32's
// float scale is 2^30, so 4 would wrap: the example stops at 3.
OpExample Quantize(DataType dtype, std::vector<double> input, std::vector<double> output) {
  return OpExample{.op = "QuantizeV2",
                   .name = "min_combined",
                   .inputs = {F({4}, std::move(input)), FScalar(0), FScalar(4)},
                   .outputs = {X({4}, std::move(output)), FScalar(0), FScalar(4)},
                   .only_dtypes = {dtype}};
}

REGISTER_OP_EXAMPLES(Quantize(DT_QUINT8, {0, 1, 2, 4}, {0, 64, 128, 255}),
                     Quantize(DT_QINT8, {0, 1, 2, 4}, {-128, -64, -1, 127}),
                     Quantize(DT_QUINT16, {0, 1, 2, 4}, {0, 16384, 32768, 65535}),
                     Quantize(DT_QINT16, {0, 1, 2, 4}, {-32768, -16384, -1, 32767}),
                     Quantize(DT_QINT32, {0, 1, 2, 3},
                              {-2147483648.0, -1073741824.0, 0, 1073741824.0}));

// Dequantize, MIN_COMBINED over [0, highest - lowest]: one step per code, from lowest.
OpExample Dequantize(DataType dtype, double span, std::vector<double> input,
                     std::vector<double> output) {
  return OpExample{.op = "Dequantize",
                   .name = "min_combined",
                   .attrs = TypeAttr("dtype", "DT_FLOAT"),
                   .inputs = {X({4}, std::move(input)), FScalar(0), FScalar(span)},
                   .outputs = {F({4}, std::move(output))},
                   .only_dtypes = {dtype}};
}

REGISTER_OP_EXAMPLES(Dequantize(DT_QUINT8, 255, {0, 64, 128, 255}, {0, 64, 128, 255}),
                     Dequantize(DT_QINT8, 255, {-128, -1, 0, 127}, {0, 127, 128, 255}),
                     Dequantize(DT_QUINT16, 65535, {0, 1, 2, 65535}, {0, 1, 2, 65535}),
                     Dequantize(DT_QINT16, 65535, {-32768, 0, 1, 32767}, {0, 32768, 32769, 65535}),
                     Dequantize(DT_QINT32, 4294967295.0, {-2147483648.0, 256, 0, 2147483392.0},
                                {0, 2147483904.0, 2147483648.0, 4294967040.0}));

// The output dtype varies: float32 or bfloat16 (exact for these integers).
REGISTER_OP_EXAMPLES(OpExample{
    .op = "Dequantize",
    .name = "output_dtype",
    .attrs = TypeAttr("T", "DT_QUINT8"),
    .inputs = {Fixed(DT_QUINT8, {4}, {0, 64, 128, 255}), FScalar(0), FScalar(255)},
    .outputs = {X({4}, {0, 64, 128, 255})},
    .dtype_attr = "dtype"});

// 8 signed bits over the given [-1, 1]: the scale comes from the max side (127), so codes are
// k / 127; -0.5 * 127 = -63.5 rounds half to even.
REGISTER_OP_EXAMPLES(OpExample{.op = "QuantizeAndDequantizeV2",
                               .attrs = "attr { key: \"range_given\" value { b: true } }",
                               .inputs = {X({5}, {-1, -0.5, 0, 0.3, 1}), X({}, {-1}), X({}, {1})},
                               .outputs = {X({5}, {-1, -64 / 127.0, 0, 38 / 127.0, 1})}},
                     OpExample{.op = "QuantizeAndDequantizeV4",
                               .attrs = "attr { key: \"range_given\" value { b: true } }",
                               .inputs = {X({5}, {-1, -0.5, 0, 0.3, 1}), X({}, {-1}), X({}, {1})},
                               .outputs = {X({5}, {-1, -64 / 127.0, 0, 38 / 127.0, 1})}},
                     OpExample{.op = "QuantizeAndDequantizeV3",
                               .attrs = "attr { key: \"range_given\" value { b: true } }",
                               .inputs = {X({5}, {-1, -0.5, 0, 0.3, 1}), X({}, {-1}), X({}, {1}),
                                          Fixed(DT_INT32, {}, {8})},
                               .outputs = {X({5}, {-1, -64 / 127.0, 0, 38 / 127.0, 1})}},
                     // V1 takes the range from the data here: [-1, 1] again.
                     OpExample{.op = "QuantizeAndDequantize",
                               .inputs = {X({5}, {-1, -0.5, 0, 0.3, 1})},
                               .outputs = {X({5}, {-1, -64 / 127.0, 0, 38 / 127.0, 1})}});

// qint32 in [-1, 1] to quint8 in [0, 1], in TF's 16-bit fixed point: 2^30 is 0.5, 127.5 in
// quint8, which the fixed point rounds up.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "Requantize",
    .attrs = TypeAttr("out_type", "DT_QUINT8"),
    .inputs = {X({4}, {-1073741824.0, 0, 1073741824.0, 2147483647.0}), FScalar(-1), FScalar(1),
               FScalar(0), FScalar(1)},
    .outputs = {Fixed(DT_QUINT8, {4}, {0, 0, 128, 255}), FScalar(0), FScalar(1)},
    .dtype_attr = "Tinput"});

// To qint8 in [-1, 1] TF dequantizes and quantizes in float: -0.5, 0, 0.5 and 1.0 become
// -64, 0, 64 and 128, saturated to 127.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "Requantize",
    .name = "to_qint8",
    .attrs = TypeAttr("Tinput", "DT_QINT32"),
    .inputs = {Fixed(DT_QINT32, {4}, {-1073741824.0, 0, 1073741824.0, 2147483647.0}), FScalar(-1),
               FScalar(1), FScalar(-1), FScalar(1)},
    .outputs = {X({4}, {-64, 0, 64, 127}), FScalar(-1), FScalar(1)},
    .dtype_attr = "out_type",
    .only_dtypes = {DT_QINT8}});

// The codes -2^30 and 2^30 of [-1, 1] stand for -0.5 and 0.5 (to float precision).
REGISTER_OP_EXAMPLES(OpExample{
    .op = "RequantizationRange",
    .inputs = {X({3}, {-1073741824.0, 0, 1073741824.0}), FScalar(-1), FScalar(1)},
    .outputs = {FScalar(-0.5), FScalar(0.5)},
    .dtype_attr = "Tinput"});
REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizeDownAndShrinkRange",
    .attrs = TypeAttr("out_type", "DT_QUINT8"),
    .inputs = {X({3}, {-1073741824.0, 0, 1073741824.0}), FScalar(-1), FScalar(1)},
    .outputs = {Fixed(DT_QUINT8, {3}, {0, 128, 255}), FScalar(-0.5), FScalar(0.5)},
    .dtype_attr = "Tinput"});

// Zero is code 128 of quint8 [-1, 1] and code 0 of qint32 [-1, 1]; 6 is code 128 of quint8
// [0, 12] and 1610612736 of qint32 [-8, 8].
OpExample Relu(const char* op, DataType dtype, const char* dtype_name, std::vector<double> input,
               std::vector<double> output, double min, double max) {
  std::vector<ExampleTensor> inputs = {X({4}, std::move(input))};
  if (std::string(op) == "QuantizedReluX") inputs.push_back(FScalar(6));
  inputs.push_back(FScalar(min));
  inputs.push_back(FScalar(max));
  return OpExample{.op = op,
                   .name = dtype_name,
                   .attrs = TypeAttr("out_type", dtype_name),
                   .inputs = std::move(inputs),
                   .outputs = {X({4}, std::move(output)), FScalar(min), FScalar(max)},
                   .dtype_attr = "Tinput",
                   .only_dtypes = {dtype}};
}

REGISTER_OP_EXAMPLES(
    Relu("QuantizedRelu", DT_QUINT8, "DT_QUINT8", {0, 100, 128, 255}, {128, 128, 128, 255}, -1, 1),
    Relu("QuantizedRelu", DT_QINT32, "DT_QINT32", {-5, 0, 7, 100}, {0, 0, 7, 100}, -1, 1),
    Relu("QuantizedRelu6", DT_QUINT8, "DT_QUINT8", {0, 100, 128, 200}, {0, 100, 128, 128}, 0, 12),
    Relu("QuantizedRelu6", DT_QINT32, "DT_QINT32", {-5, 0, 1610612735, 2000000000},
         {0, 0, 1610612735, 1610612736}, -8, 8),
    Relu("QuantizedReluX", DT_QUINT8, "DT_QUINT8", {0, 100, 128, 200}, {0, 100, 128, 128}, 0, 12),
    Relu("QuantizedReluX", DT_QINT32, "DT_QINT32", {-5, 0, 1610612735, 2000000000},
         {0, 0, 1610612735, 1610612736}, -8, 8));

const std::string kQuint8PairToQint32 =
    TypeAttr("T2", "DT_QUINT8") + TypeAttr("Toutput", "DT_QINT32");

// x in [0, 1], y in [0, 2]: the sum's range is +-2 * 2^14; 0.2 + 0.8 lands one step under 1.0.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizedAdd",
    .attrs = kQuint8PairToQint32,
    .inputs = {X({4}, {0, 51, 255, 128}), Fixed(DT_QUINT8, {4}, {0, 102, 255, 0}), FScalar(0),
               FScalar(1), FScalar(0), FScalar(2)},
    .outputs = {Fixed(DT_QINT32, {4}, {0, 65535, 196605, 32896}), FScalar(-32768), FScalar(32768)},
    .dtype_attr = "T1"});

// Ranges [0, 255] put zero at code 0, so the product is the plain one; one step is 1.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizedMul",
    .attrs = kQuint8PairToQint32,
    .inputs = {X({2}, {10, 20}), Fixed(DT_QUINT8, {2}, {3, 4}), FScalar(0), FScalar(255),
               FScalar(0), FScalar(255)},
    .outputs = {Fixed(DT_QINT32, {2}, {30, 80}), FScalar(-2147483648.0), FScalar(2147483648.0)},
    .dtype_attr = "T1"});

REGISTER_OP_EXAMPLES(
    OpExample{.op = "QuantizedBiasAdd",
              .name = "quint8",
              .attrs = TypeAttr("T2", "DT_QUINT8") + TypeAttr("out_type", "DT_QINT32"),
              .inputs = {X({2, 2}, {0, 255, 51, 102}), Fixed(DT_QUINT8, {2}, {0, 255}), FScalar(0),
                         FScalar(1), FScalar(0), FScalar(2)},
              .outputs = {Fixed(DT_QINT32, {2, 2}, {0, 24576, 1638, 19661}), FScalar(-262144),
                          FScalar(262144)},
              .dtype_attr = "T1",
              .only_dtypes = {DT_QUINT8}},
    OpExample{.op = "QuantizedBiasAdd",
              .name = "qint8",
              .attrs = TypeAttr("T2", "DT_QINT8") + TypeAttr("out_type", "DT_QINT32"),
              .inputs = {X({2, 2}, {-128, 127, 0, 10}), Fixed(DT_QINT8, {2}, {-128, 127}),
                         FScalar(-1), FScalar(1), FScalar(-2), FScalar(2)},
              .outputs = {Fixed(DT_QINT32, {2, 2}, {-24480, 24672, -16256, 17155}),
                          FScalar(-262144), FScalar(262144)},
              .dtype_attr = "T1",
              .only_dtypes = {DT_QINT8}});

REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizedMatMul",
    .attrs = kQuint8PairToQint32,
    .inputs = {X({2, 2}, {1, 2, 3, 4}), Fixed(DT_QUINT8, {2, 2}, {5, 6, 7, 8}), FScalar(0),
               FScalar(255), FScalar(0), FScalar(255)},
    .outputs = {Fixed(DT_QINT32, {2, 2}, {19, 22, 43, 50}), FScalar(-2147483648.0),
                FScalar(2147483648.0)},
    .dtype_attr = "T1"});

// A 2x2 box filter over a 2x2 image, SAME: each output sums the in-bounds values right and below.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizedConv2D",
    .attrs = TypeAttr("Tfilter", "DT_QUINT8") + TypeAttr("out_type", "DT_QINT32") +
             "attr { key: \"strides\" value { list { i: 1 i: 1 i: 1 i: 1 } } }"
             "attr { key: \"padding\" value { s: \"SAME\" } }",
    .inputs = {X({1, 2, 2, 1}, {1, 2, 3, 4}), Fixed(DT_QUINT8, {2, 2, 1, 1}, {1, 1, 1, 1}),
               FScalar(0), FScalar(255), FScalar(0), FScalar(255)},
    .outputs = {Fixed(DT_QINT32, {1, 2, 2, 1}, {10, 6, 7, 4}), FScalar(-2147483648.0),
                FScalar(2147483648.0)},
    .dtype_attr = "Tinput"});

const char kPool2x2[] =
    "attr { key: \"ksize\" value { list { i: 1 i: 2 i: 2 i: 1 } } }"
    "attr { key: \"strides\" value { list { i: 1 i: 2 i: 2 i: 1 } } }"
    "attr { key: \"padding\" value { s: \"VALID\" } }";

// One 2x2 window; the average truncates (9 / 4 = 2).
REGISTER_OP_EXAMPLES(OpExample{.op = "QuantizedMaxPool",
                               .attrs = kPool2x2,
                               .inputs = {X({1, 2, 2, 1}, {1, 5, 2, 1}), FScalar(-1), FScalar(3)},
                               .outputs = {X({1, 1, 1, 1}, {5}), FScalar(-1), FScalar(3)}},
                     OpExample{.op = "QuantizedAvgPool",
                               .attrs = kPool2x2,
                               .inputs = {X({1, 2, 2, 1}, {1, 5, 2, 1}), FScalar(-1), FScalar(3)},
                               .outputs = {X({1, 1, 1, 1}, {2}), FScalar(-1), FScalar(3)}});

REGISTER_OP_EXAMPLES(OpExample{.op = "QuantizedReshape",
                               .attrs = TypeAttr("Tshape", "DT_INT32"),
                               .inputs = {X({2, 2}, {1, 2, 3, 4}), Fixed(DT_INT32, {2}, {-1, 1}),
                                          FScalar(-1), FScalar(2)},
                               .outputs = {X({4, 1}, {1, 2, 3, 4}), FScalar(-1), FScalar(2)}},
                     OpExample{
                         .op = "QuantizedReshape",
                         .name = "int64_shape",
                         .attrs = TypeAttr("T", "DT_QUINT8"),
                         .inputs = {Fixed(DT_QUINT8, {2, 2}, {1, 2, 3, 4}), X({1}, {4}),
                                    FScalar(-1), FScalar(2)},
                         .outputs = {Fixed(DT_QUINT8, {4}, {1, 2, 3, 4}), FScalar(-1), FScalar(2)},
                         .dtype_attr = "Tshape"});

// Both inputs share one range, so the values are copied unchanged (the requantizing is tested in
// quantized_array_test.cc).
REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizedConcat",
    .attrs = "attr { key: \"N\" value { i: 2 } }",
    .inputs = {Fixed(DT_INT32, {}, {1}), X({2, 1}, {1, 2}), X({2, 2}, {3, 4, 5, 6}), FScalar(-4),
               FScalar(-4), FScalar(4), FScalar(4)},
    .outputs = {X({2, 3}, {1, 3, 4, 2, 5, 6}), FScalar(-4), FScalar(4)}});

std::string IntAttr(const char* name, int64_t value) {
  return std::string("attr { key: \"") + name + "\" value { i: " + std::to_string(value) + " } }";
}

// floor(x / 0.5 + 0.5) + 3, clamped to [0, 100].
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformQuantize",
    .attrs = IntAttr("quantization_min_val", 0) + IntAttr("quantization_max_val", 100),
    .inputs = {F({4}, {0.5, -1, 2.6, 100}), FScalar(0.5), Fixed(DT_INT32, {}, {3})},
    .outputs = {X({4}, {4, 1, 8, 100})},
    .dtype_attr = "Tout"});

// (code - 3) * 0.5.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformDequantize",
    .attrs = TypeAttr("Tout", "DT_FLOAT") + IntAttr("quantization_min_val", -128) +
             IntAttr("quantization_max_val", 127),
    .inputs = {X({4}, {4, 1, 8, 100}), FScalar(0.5), Fixed(DT_INT32, {}, {3})},
    .outputs = {F({4}, {0.5, -1, 2.5, 48.5})},
    .dtype_attr = "Tin"});

// From scale 1 to scale 2 with zero point 1: the Q31 multiplier 0.5 rounds halves up
// (5.5 -> 6 - 1, -4.5 -> -4 - 1).
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformRequantize",
    .attrs = TypeAttr("Tout", "DT_QINT8") + IntAttr("input_quantization_min_val", -128) +
             IntAttr("input_quantization_max_val", 127) +
             IntAttr("output_quantization_min_val", -128) +
             IntAttr("output_quantization_max_val", 127),
    .inputs = {X({4}, {10, -10, 100, 0}), FScalar(1), Fixed(DT_INT32, {}, {0}), FScalar(2),
               Fixed(DT_INT32, {}, {1})},
    .outputs = {Fixed(DT_QINT8, {4}, {6, -4, 51, 1})},
    .dtype_attr = "Tin"});

// Equal scales: the codes add, plus the output zero point 5; the scalar broadcasts.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformQuantizedAdd",
    .attrs =
        IntAttr("lhs_quantization_min_val", -1000) + IntAttr("lhs_quantization_max_val", 1000) +
        IntAttr("rhs_quantization_min_val", -1000) + IntAttr("rhs_quantization_max_val", 1000) +
        IntAttr("output_quantization_min_val", -1000) + IntAttr("output_quantization_max_val", 25),
    .inputs = {X({2}, {10, 20}), X({}, {4}), FScalar(1), Fixed(DT_INT32, {}, {0}), FScalar(1),
               Fixed(DT_INT32, {}, {0}), FScalar(1), Fixed(DT_INT32, {}, {5})},
    .outputs = {X({2}, {19, 25})}});

REGISTER_OP_EXAMPLES(OpExample{
    .op = "UniformQuantizedClipByValue",
    .attrs = IntAttr("quantization_min_val", -1000) + IntAttr("quantization_max_val", 1000),
    .inputs = {X({4}, {-5, 0, 7, 100}), X({}, {0}), X({}, {10}), FScalar(1),
               Fixed(DT_INT32, {}, {0})},
    .outputs = {X({4}, {0, 0, 7, 10})}});

// Mean 0, variance 1, gamma 2 over [0, 255] (codes are the values): the output is 2x, in the
// fixed range [-2^20, 2^20] where one is 2048 codes: 255 -> 510 * 2048.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizedBatchNormWithGlobalNormalization",
    .attrs = TypeAttr("out_type", "DT_QINT32") +
             "attr { key: 'variance_epsilon' value { f: 0 } } "
             "attr { key: 'scale_after_normalization' value { b: true } }",
    .inputs = {X({1, 1, 1, 2}, {0, 255}), FScalar(0), FScalar(255), X({2}, {0, 0}), FScalar(0),
               FScalar(255), X({2}, {1, 1}), FScalar(0), FScalar(255), X({2}, {0, 0}), FScalar(0),
               FScalar(255), X({2}, {2, 2}), FScalar(0), FScalar(255)},
    .outputs = {Fixed(DT_QINT32, {1, 1, 1, 2}, {0, 1044480}), FScalar(-1048576), FScalar(1048576)},
    .dtype_attr = "Tinput"});

}  // namespace
}  // namespace tfjs::runtime::testing
