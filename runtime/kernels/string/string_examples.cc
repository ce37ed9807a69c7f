// Op examples of the string kernels with numeric outputs, run by
// //runtime/kernels:dtype_matrix_test (string_output_examples.cc has those giving strings).
// Example inputs of dtype string hold numbers as decimal text ("12"). Hashes were computed with a
// separate reference.
#include <limits>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kString = tensorflow::DT_STRING;

ExampleTensor Text(Shape shape, std::vector<double> numbers) {
  return Fixed(kString, std::move(shape), std::move(numbers));
}

REGISTER_OP_EXAMPLES(OpExample{.op = "StringLength",
                               .inputs = {Text({3}, {1, 22, -333})},
                               .outputs = {Fixed(tensorflow::DT_INT32, {3}, {1, 2, 4})}},
                     OpExample{.op = "StringToNumber",
                               .inputs = {Text({3}, {1, -20, 300})},
                               .outputs = {X({3}, {1, -20, 300})},
                               .dtype_attr = "out_type"},
                     OpExample{.op = "StringToHashBucket",
                               .attrs = "attr { key: \"num_buckets\" value { i: 1000 } }",
                               .inputs = {Text({3}, {1, 22, 333})},
                               .outputs = {Fixed(tensorflow::DT_INT64, {3}, {333, 859, 983})}},
                     OpExample{.op = "StringToHashBucketStrong",
                               .attrs = "attr { key: \"num_buckets\" value { i: 1000 } }"
                                        "attr { key: \"key\" value { list { i: 1 i: 2 } } }",
                               .inputs = {Text({3}, {1, 22, 333})},
                               .outputs = {Fixed(tensorflow::DT_INT64, {3}, {714, 721, 511})}},
                     OpExample{.op = "RegexFullMatch",
                               .inputs = {Text({2}, {12, 123}), Text({}, {12})},
                               .outputs = {Fixed(tensorflow::DT_BOOL, {2}, {1, 0})}},
                     OpExample{.op = "StaticRegexFullMatch",
                               .attrs = "attr { key: \"pattern\" value { s: \"1.*\" } }",
                               .inputs = {Text({3}, {12, 21, 1})},
                               .outputs = {Fixed(tensorflow::DT_BOOL, {3}, {1, 0, 1})}},
                     // "102" and "3" split at "0": indices of ["1", "2"] and ["3"].
                     OpExample{
                         .op = "StringSplitV2",
                         .inputs = {Text({2}, {102, 3}), Text({}, {0})},
                         .outputs = {Fixed(tensorflow::DT_INT64, {3, 2}, {0, 0, 0, 1, 1, 0})}});

// "1234" is the bytes 0x31 0x32 0x33 0x34 and "-inf" is 0x2d 0x69 0x6e 0x66, read little-endian;
// -12345.5 is the 8 bytes "-12345.5".
OpExample RawBytes(std::vector<DataType> dtypes, double text, Shape shape,
                   std::vector<double> values) {
  return OpExample{.op = "DecodeRaw",
                   .name = DataTypeName(dtypes[0]),
                   .inputs = {Text({1}, {text})},
                   .outputs = {X(std::move(shape), std::move(values))},
                   .dtype_attr = "out_type",
                   .only_dtypes = std::move(dtypes)};
}

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

REGISTER_OP_EXAMPLES(
    RawBytes({tensorflow::DT_UINT8, tensorflow::DT_INT8}, 1234, {1, 4}, {49, 50, 51, 52}),
    RawBytes({tensorflow::DT_BOOL}, 1234, {1, 4}, {1, 1, 1, 1}),
    RawBytes({tensorflow::DT_INT16, tensorflow::DT_UINT16}, 1234, {1, 2}, {12849, 13363}),
    RawBytes({tensorflow::DT_INT32}, 1234, {1, 1}, {875770417}),
    RawBytes({tensorflow::DT_INT64}, -12345.5, {1, 1}, {3832058831252369709.0}),
    RawBytes({tensorflow::DT_FLOAT}, kMinusInf, {1, 1}, {2.814658434106117e+23}),
    RawBytes({tensorflow::DT_HALF}, kMinusInf, {1, 2}, {2650, 1646}),
    RawBytes({tensorflow::DT_BFLOAT16}, kMinusInf, {1, 2},
             {1.3071510424583178e+25, 2.809808057307439e+23}),
    RawBytes({tensorflow::DT_DOUBLE}, -12345.5, {1, 1}, {1.5769221875313986e-52}),
    // Complex values read from digits have imaginary parts, which examples cannot compare.
    OpExample{.op = "DecodeRaw",
              .name = "complex",
              .inputs = {Text({0}, {})},
              .outputs = {X({0, 0}, {})},
              .dtype_attr = "out_type",
              .only_dtypes = {tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128}});

// "12" padded with zeros to fixed_length bytes.
OpExample PaddedBytes(std::vector<DataType> dtypes, double text, int fixed_length, Shape shape,
                      std::vector<double> values) {
  return OpExample{.op = "DecodePaddedRaw",
                   .name = DataTypeName(dtypes[0]),
                   .inputs = {Text({1}, {text}), Fixed(tensorflow::DT_INT32, {}, {fixed_length})},
                   .outputs = {X(std::move(shape), std::move(values))},
                   .dtype_attr = "out_type",
                   .only_dtypes = std::move(dtypes)};
}

REGISTER_OP_EXAMPLES(
    PaddedBytes({tensorflow::DT_UINT8, tensorflow::DT_INT8}, 12, 4, {1, 4}, {49, 50, 0, 0}),
    PaddedBytes({tensorflow::DT_INT16, tensorflow::DT_UINT16}, 12, 4, {1, 2}, {12849, 0}),
    PaddedBytes({tensorflow::DT_INT32}, 12, 8, {1, 2}, {12849, 0}),
    PaddedBytes({tensorflow::DT_INT64}, 12, 16, {1, 2}, {12849, 0}),
    PaddedBytes({tensorflow::DT_FLOAT}, kMinusInf, 8, {1, 2}, {2.814658434106117e+23, 0}),
    PaddedBytes({tensorflow::DT_BFLOAT16}, kMinusInf, 6, {1, 3},
                {1.3071510424583178e+25, 2.809808057307439e+23, 0}),
    // 12345678 is the text "1.23457e+07"; its first 8 bytes end in 'e' (0x65).
    PaddedBytes({tensorflow::DT_DOUBLE}, 12345678, 8, {1, 1}, {3.761767289219479e+179}));

// Kernels in misc/: StringSplit (at "0") and StringToHashBucketFast (FarmHash Fingerprint64:
// "1", "22", "333" hash to ...849, ...940, ...307).
REGISTER_OP_EXAMPLES(OpExample{.op = "StringSplit",
                               .inputs = {Text({2}, {102, 3}), Text({}, {0})},
                               .outputs = {Fixed(tensorflow::DT_INT64, {3, 2},
                                                 {0, 0, 0, 1, 1, 0})}},
                     OpExample{.op = "StringToHashBucketFast",
                               .attrs = "attr { key: \"num_buckets\" value { i: 1000 } }",
                               .inputs = {Text({3}, {1, 22, 333})},
                               .outputs = {Fixed(tensorflow::DT_INT64, {3}, {849, 940, 307})}});

// Unicode: "12" is the code points 49 and 50.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "UnicodeDecode",
              .attrs = "attr { key: \"input_encoding\" value { s: \"UTF-8\" } }",
              .inputs = {Text({2}, {12, 3})},
              .outputs = {X({3}, {0, 2, 3}), Fixed(tensorflow::DT_INT32, {3}, {49, 50, 51})},
              .dtype_attr = "Tsplits"},
    OpExample{.op = "UnicodeDecodeWithOffsets",
              .attrs = "attr { key: \"input_encoding\" value { s: \"UTF-8\" } }",
              .inputs = {Text({2}, {12, 3})},
              .outputs = {X({3}, {0, 2, 3}), Fixed(tensorflow::DT_INT32, {3}, {49, 50, 51}),
                          Fixed(tensorflow::DT_INT64, {3}, {0, 1, 0})},
              .dtype_attr = "Tsplits"},
    // USCRIPT_LATIN is 25, USCRIPT_COMMON 0.
    OpExample{.op = "UnicodeScript",
              .inputs = {Fixed(tensorflow::DT_INT32, {3}, {65, 48, -1})},
              .outputs = {Fixed(tensorflow::DT_INT32, {3}, {25, 0, -1})}},
    OpExample{.op = "DecodeCSV",
              // Records "12" and "32" split at the delimiter "2": a number, then an empty field.
              .attrs = "attr { key: \"OUT_TYPE\" value { list { type: DT_INT32 type: DT_FLOAT } } }"
                       "attr { key: \"field_delim\" value { s: \"2\" } }",
              .inputs = {Text({2}, {12, 32}), Fixed(tensorflow::DT_INT32, {1}, {0}),
                         Fixed(tensorflow::DT_FLOAT, {1}, {-1})},
              .outputs = {Fixed(tensorflow::DT_INT32, {2}, {1, 3}),
                          Fixed(tensorflow::DT_FLOAT, {2}, {-1, -1})}});

}  // namespace
}  // namespace tfjs::runtime::testing
