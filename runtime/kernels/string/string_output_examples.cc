// Op examples of the string kernels whose outputs are strings (case, strip, joins, substrings,
// formatting, base64, regexes, Unicode, compression) and of the proto kernels (tf.train.Example
// and SequenceExample parsing, TensorProto, DecodeProtoV2/EncodeProto, DecodeJSONExample). Protos
// and compressed streams are written out byte by byte from their wire formats (in hex, with the
// fields spelled out beside them).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_BOOL;
using tensorflow::DT_COMPLEX128;
using tensorflow::DT_COMPLEX64;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_HALF;
using tensorflow::DT_INT16;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_INT8;
using tensorflow::DT_STRING;
using tensorflow::DT_UINT16;
using tensorflow::DT_UINT32;
using tensorflow::DT_UINT64;
using tensorflow::DT_UINT8;

// One string tensor element from hex digits (spaces ignored).
std::string Hex(std::string digits) {
  digits.erase(std::remove(digits.begin(), digits.end(), ' '), digits.end());
  return absl::HexStringToBytes(digits);
}

// A scalar string tensor.
ExampleTensor Scalar(std::string value) { return Bytes({}, {std::move(value)}); }

std::string StrAttr(const std::string& name, const std::string& value) {
  return "attr { key: '" + name + "' value { s: '" + value + "' } }";
}
std::string IntAttr(const std::string& name, int64_t value) {
  return "attr { key: '" + name + "' value { i: " + std::to_string(value) + " } }";
}
std::string BoolAttr(const std::string& name, bool value) {
  return "attr { key: '" + name + "' value { b: " + (value ? "true" : "false") + " } }";
}
std::string TypesAttr(const std::string& name, const std::vector<std::string>& types) {
  std::string text = "attr { key: '" + name + "' value { list {";
  for (const std::string& type : types) text += " type: " + type;
  return text + " } } }";
}
std::string StrsAttr(const std::string& name, const std::vector<std::string>& values) {
  std::string text = "attr { key: '" + name + "' value { list {";
  for (const std::string& value : values) text += " s: '" + value + "'";
  return text + " } } }";
}
// Shapes as dim lists: {{2}, {}} is [2] and a scalar.
std::string ShapesAttr(const std::string& name, const std::vector<std::vector<int64_t>>& shapes) {
  std::string text = "attr { key: '" + name + "' value { list {";
  for (const std::vector<int64_t>& shape : shapes) {
    text += " shape {";
    for (int64_t dim : shape) text += " dim { size: " + std::to_string(dim) + " }";
    text += " }";
  }
  return text + " } } }";
}

// "é" and "€" in UTF-8.
const std::string kEAcute = "\xc3\xa9";
const std::string kEuro = "\xe2\x82\xac";

REGISTER_OP_EXAMPLES(
    // ASCII case mapping leaves "É" alone; with encoding utf-8 ICU maps it too.
    OpExample{.op = "StringLower",
              .inputs = {Bytes({2}, {"AbC1", "\xc3\x89"})},
              .outputs = {Bytes({2}, {"abc1", "\xc3\x89"})},
              .dtype_attr = ""},
    OpExample{.op = "StringLower",
              .name = "utf8",
              .attrs = StrAttr("encoding", "utf-8"),
              .inputs = {Bytes({1}, {"\xc3\x89X"})},
              .outputs = {Bytes({1}, {kEAcute + "x"})},
              .dtype_attr = ""},
    OpExample{.op = "StringUpper",
              .inputs = {Bytes({2}, {"aBc1", kEAcute})},
              .outputs = {Bytes({2}, {"ABC1", kEAcute})},
              .dtype_attr = ""},
    OpExample{.op = "StringUpper",
              .name = "utf8",
              .attrs = StrAttr("encoding", "utf-8"),
              .inputs = {Bytes({1}, {kEAcute + "x"})},
              .outputs = {Bytes({1}, {"\xc3\x89X"})},
              .dtype_attr = ""},
    OpExample{.op = "StringStrip",
              .inputs = {Bytes({3}, {" \ta b\n ", "", "c"})},
              .outputs = {Bytes({3}, {"a b", "", "c"})},
              .dtype_attr = ""});

// Web-safe base64: "abc" is YWJj, "ab" YWI (YWI= padded), 0xfb 0xff is -_8 (six bits 62, 63, 60).
REGISTER_OP_EXAMPLES(OpExample{.op = "EncodeBase64",
                               .inputs = {Bytes({3}, {"abc", "ab", "\xfb\xff"})},
                               .outputs = {Bytes({3}, {"YWJj", "YWI", "-_8"})},
                               .dtype_attr = ""},
                     OpExample{.op = "EncodeBase64",
                               .name = "pad",
                               .attrs = BoolAttr("pad", true),
                               .inputs = {Bytes({3}, {"abc", "ab", "a"})},
                               .outputs = {Bytes({3}, {"YWJj", "YWI=", "YQ=="})},
                               .dtype_attr = ""},
                     OpExample{.op = "DecodeBase64",
                               .inputs = {Bytes({3}, {"YWJj", "YWI=", "-_8"})},
                               .outputs = {Bytes({3}, {"abc", "ab", "\xfb\xff"})},
                               .dtype_attr = ""});

// "abc" as one stored (uncompressed) deflate block: BFINAL 1 and BTYPE 00 (01), LEN 3 (03 00),
// NLEN (fc ff), the bytes. ZLIB wraps it in the header 78 01 and the Adler-32 024d0127
// (a = 1 + 97 + 98 + 99 = 0x127, b = 98 + 196 + 295 = 0x24d); GZIP in the header 1f 8b 08, flags
// 0, mtime 0, xfl 0, OS 3, and the CRC-32 of "abc" (352441c2, little-endian) and the size 3.
// An empty stored block (LEN 0) with the Adler-32 of nothing (1) inflates to "".
const std::string kStoredAbc = "01 0300 fcff 616263";

REGISTER_OP_EXAMPLES(OpExample{.op = "DecodeCompressed",
                               .attrs = StrAttr("compression_type", "ZLIB"),
                               .inputs = {Bytes({2}, {Hex("7801" + kStoredAbc + "024d0127"),
                                                      Hex("7801 01 0000 ffff 00000001")})},
                               .outputs = {Bytes({2}, {"abc", ""})},
                               .dtype_attr = ""},
                     OpExample{.op = "DecodeCompressed",
                               .name = "gzip",
                               .attrs = StrAttr("compression_type", "GZIP"),
                               .inputs = {Bytes({1}, {Hex("1f8b08 00 00000000 00 03" + kStoredAbc +
                                                          "c2412435 03000000")})},
                               .outputs = {Bytes({1}, {"abc"})},
                               .dtype_attr = ""},
                     OpExample{.op = "DecodeCompressed",
                               .name = "none",
                               .inputs = {Bytes({1}, {"\x78\x01"})},
                               .outputs = {Bytes({1}, {"\x78\x01"})},
                               .dtype_attr = ""});

// Joins. ReduceJoin over [[a, b], [c, d]]: axis 0 gives [ac, bd]; axes [1, 0] join row-major,
// [0, 1] column-major (the first listed axis varies fastest).
REGISTER_OP_EXAMPLES(
    OpExample{.op = "StringJoin",
              .attrs = "attr { key: 'N' value { i: 3 } }" + StrAttr("separator", "-"),
              .inputs = {Bytes({2}, {"a", "b"}), Scalar("x"), Bytes({2}, {"c", ""})},
              .outputs = {Bytes({2}, {"a-x-c", "b-x-"})},
              .dtype_attr = ""},
    OpExample{.op = "ReduceJoin",
              .inputs = {Bytes({2, 2}, {"a", "b", "c", "d"}), Fixed(DT_INT32, {1}, {0})},
              .outputs = {Bytes({2}, {"ac", "bd"})},
              .dtype_attr = ""},
    OpExample{.op = "ReduceJoin",
              .name = "keep_dims",
              .attrs = BoolAttr("keep_dims", true) + StrAttr("separator", "."),
              .inputs = {Bytes({2, 2}, {"a", "b", "c", "d"}), Fixed(DT_INT32, {1}, {-1})},
              .outputs = {Bytes({2, 1}, {"a.b", "c.d"})},
              .dtype_attr = ""},
    OpExample{.op = "ReduceJoin",
              .name = "two_axes",
              .inputs = {Bytes({2, 2}, {"a", "b", "c", "d"}), Fixed(DT_INT64, {2}, {1, 0})},
              .outputs = {Bytes({}, {"abcd"})},
              .dtype_attr = ""},
    OpExample{.op = "ReduceJoin",
              .name = "column_major",
              .inputs = {Bytes({2, 2}, {"a", "b", "c", "d"}), Fixed(DT_INT32, {2}, {0, 1})},
              .outputs = {Bytes({}, {"acbd"})},
              .dtype_attr = ""},
    // Segments 1, 0, 1 of 3: segment 2 is empty.
    OpExample{.op = "UnsortedSegmentJoin",
              .attrs = StrAttr("separator", ":") +
                       "attr { key: 'Tnumsegments' value { type: DT_INT32 } }",
              .inputs = {Bytes({3}, {"a", "b", "c"}), X({3}, {1, 0, 1}), Fixed(DT_INT32, {}, {3})},
              .outputs = {Bytes({3}, {"b", "a:c", ""})},
              .dtype_attr = "Tindices"},
    OpExample{
        .op = "UnsortedSegmentJoin",
        .name = "Tnumsegments",
        .attrs = "attr { key: 'Tindices' value { type: DT_INT32 } }",
        .inputs = {Bytes({2, 2}, {"a", "b", "c", "d"}), Fixed(DT_INT32, {2}, {0, 0}), X({}, {1})},
        .outputs = {Bytes({1, 2}, {"ac", "bd"})},
        .dtype_attr = "Tnumsegments"});

// Substr: pos 1 len 3 of "Hello"; a len past the end takes the rest; pos -2 counts from the end.
REGISTER_OP_EXAMPLES(OpExample{.op = "Substr",
                               .inputs = {Bytes({3}, {"Hello", "World", "abc"}), X({3}, {1, 0, -2}),
                                          X({3}, {3, 9, 1})},
                               .outputs = {Bytes({3}, {"ell", "World", "b"})}},
                     OpExample{.op = "Substr",
                               .name = "utf8_broadcast",
                               .attrs = StrAttr("unit", "UTF8_CHAR"),
                               .inputs = {Bytes({2}, {kEAcute + kEuro + "x", "ab"}), X({}, {1}),
                                          X({}, {1})},
                               .outputs = {Bytes({2}, {kEuro, "b"})}});

// AsString prints with printf: %d / %u for integers, %f for floats, "(%f,%f)" for complex
// numbers, true/false for bool, %s for strings; width and fill pad on the left.
const std::vector<DataType> kIntegers = {DT_INT8,  DT_INT16,  DT_INT32,  DT_INT64,
                                         DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64};
const std::vector<DataType> kFloats = {DT_FLOAT, DT_DOUBLE, DT_HALF, tensorflow::DT_BFLOAT16};

REGISTER_OP_EXAMPLES(OpExample{.op = "AsString",
                               .name = "integers",
                               .inputs = {X({2}, {3, 0})},
                               .outputs = {Bytes({2}, {"3", "0"})},
                               .only_dtypes = kIntegers},
                     OpExample{.op = "AsString",
                               .name = "width_fill",
                               .attrs = IntAttr("width", 3) + StrAttr("fill", "0"),
                               .inputs = {X({2}, {3, 42})},
                               .outputs = {Bytes({2}, {"003", "042"})},
                               .only_dtypes = kIntegers},
                     OpExample{.op = "AsString",
                               .name = "floats",
                               .inputs = {X({2}, {1.5, -2})},
                               .outputs = {Bytes({2}, {"1.500000", "-2.000000"})},
                               .only_dtypes = kFloats},
                     OpExample{.op = "AsString",
                               .name = "scientific",
                               .attrs = IntAttr("precision", 2) + BoolAttr("scientific", true),
                               .inputs = {X({2}, {1.5, -256})},
                               .outputs = {Bytes({2}, {"1.50e+00", "-2.56e+02"})},
                               .only_dtypes = kFloats},
                     OpExample{.op = "AsString",
                               .name = "shortest",
                               .attrs = BoolAttr("shortest", true),
                               .inputs = {X({2}, {1.5, -256})},
                               .outputs = {Bytes({2}, {"1.5", "-256"})},
                               .only_dtypes = kFloats},
                     OpExample{.op = "AsString",
                               .name = "complex",
                               .inputs = {X({1}, {1.5})},
                               .outputs = {Bytes({1}, {"(1.500000,0.000000)"})},
                               .only_dtypes = {DT_COMPLEX64, DT_COMPLEX128}},
                     OpExample{.op = "AsString",
                               .name = "bool",
                               .inputs = {X({2}, {1, 0})},
                               .outputs = {Bytes({2}, {"true", "false"})},
                               .only_dtypes = {DT_BOOL}},
                     OpExample{.op = "AsString",
                               .name = "string",
                               .attrs = IntAttr("width", 4),
                               .inputs = {X({1}, {12})},
                               .outputs = {Bytes({1}, {"  12"})},
                               .only_dtypes = {DT_STRING}},
                     OpExample{.op = "AsString",
                               .name = "variant",
                               .inputs = {X({2}, {3, 0})},
                               .outputs = {Bytes({2}, {"Variant<type: ExampleVariant value: 3>",
                                                       "Variant<type: ExampleVariant value: 0>"})},
                               .only_dtypes = {tensorflow::DT_VARIANT}});

// StringFormat prints each input as tf.print does: nested brackets, the first and last
// `summarize` entries of each dim around "...". The op's placeholder defaults to "%s"
// (tf.strings.format passes "{}").
REGISTER_OP_EXAMPLES(OpExample{.op = "StringFormat",
                               .attrs = TypesAttr("T", {"DT_INT32", "DT_FLOAT", "DT_STRING"}) +
                                        StrAttr("template", "x={} y={} s={}") +
                                        StrAttr("placeholder", "{}"),
                               .inputs = {Fixed(DT_INT32, {2, 2}, {1, 2, 3, 4}),
                                          Fixed(DT_FLOAT, {}, {1.5}), Bytes({1}, {"a"})},
                               .outputs = {Scalar("x=[[1 2]\n [3 4]] y=1.5 s=[\"a\"]")},
                               .dtype_attr = ""},
                     OpExample{.op = "StringFormat",
                               .name = "summarize",
                               .attrs = TypesAttr("T", {"DT_INT64"}) + StrAttr("template", "<%>") +
                                        StrAttr("placeholder", "%") + IntAttr("summarize", 2),
                               .inputs = {Fixed(DT_INT64, {5}, {1, 2, 3, 4, 5})},
                               .outputs = {Scalar("<[1 2 ... 4 5]>")},
                               .dtype_attr = ""});

// Regexes (RE2): replace the first match or all of them; \2\1 swaps two groups.
REGISTER_OP_EXAMPLES(OpExample{.op = "RegexReplace",
                               .inputs = {Bytes({2}, {"aba", "bbb"}), Scalar("a"), Scalar("x")},
                               .outputs = {Bytes({2}, {"xbx", "bbb"})},
                               .dtype_attr = ""},
                     OpExample{.op = "RegexReplace",
                               .name = "first",
                               .attrs = BoolAttr("replace_global", false),
                               .inputs = {Bytes({1}, {"abab"}), Scalar("(a)(b)"), Scalar("\\2\\1")},
                               .outputs = {Bytes({1}, {"baab"})},
                               .dtype_attr = ""},
                     OpExample{
                         .op = "StaticRegexReplace",
                         .attrs = StrAttr("pattern", "(a)(b)") + StrAttr("rewrite", "\\\\2\\\\1"),
                         .inputs = {Bytes({2}, {"abab", "cab"})},
                         .outputs = {Bytes({2}, {"baba", "cba"})},
                         .dtype_attr = ""},
                     OpExample{.op = "StaticRegexReplace",
                               .name = "first",
                               .attrs = StrAttr("pattern", "b+") + StrAttr("rewrite", "-") +
                                        BoolAttr("replace_global", false),
                               .inputs = {Bytes({1}, {"abbcb"})},
                               .outputs = {Bytes({1}, {"a-cb"})},
                               .dtype_attr = ""});

// StringNGrams (misc/string_ngrams.cc): bigrams of the rows [a, b, c] and [d]; with one pad on
// each side, the row [d] gives "< d" and "d >".
REGISTER_OP_EXAMPLES(
    OpExample{.op = "StringNGrams",
              .attrs = StrAttr("separator", " ") +
                       "attr { key: 'ngram_widths' value { list { i: 2 } } }" +
                       StrAttr("left_pad", "") + StrAttr("right_pad", "") +
                       IntAttr("pad_width", 0) + BoolAttr("preserve_short_sequences", false),
              .inputs = {Bytes({4}, {"a", "b", "c", "d"}), X({3}, {0, 3, 4})},
              .outputs = {Bytes({2}, {"a b", "b c"}), X({3}, {0, 2, 2})},
              .dtype_attr = "Tsplits"},
    OpExample{
        .op = "StringNGrams",
        .name = "padded",
        .attrs = StrAttr("separator", " ") +
                 "attr { key: 'ngram_widths' value { list { i: 2 } } }" + StrAttr("left_pad", "<") +
                 StrAttr("right_pad", ">") + IntAttr("pad_width", 1) +
                 BoolAttr("preserve_short_sequences", false),
        .inputs = {Bytes({4}, {"a", "b", "c", "d"}), X({3}, {0, 3, 4})},
        .outputs = {Bytes({6}, {"< a", "a b", "b c", "c >", "< d", "d >"}), X({3}, {0, 4, 6})},
        .dtype_attr = "Tsplits"});

// Unicode: H (72), é (233), € (8364); U+FFFD (ef bf bd in UTF-8) replaces an invalid byte.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "UnicodeEncode",
              .attrs = StrAttr("output_encoding", "UTF-8"),
              .inputs = {Fixed(DT_INT32, {3}, {72, 233, 8364}), X({3}, {0, 1, 3})},
              .outputs = {Bytes({2}, {"H", kEAcute + kEuro})},
              .dtype_attr = "Tsplits"},
    OpExample{.op = "UnicodeEncode",
              .name = "utf16",
              .attrs = StrAttr("output_encoding", "UTF-16-BE"),
              .inputs = {Fixed(DT_INT32, {2}, {72, 8364}), X({2}, {0, 2})},
              .outputs = {Bytes({1}, {Hex("0048 20ac")})},
              .dtype_attr = "Tsplits"},
    OpExample{.op = "UnicodeTranscode",
              .attrs = StrAttr("input_encoding", "UTF-8") + StrAttr("output_encoding", "UTF-16-BE"),
              .inputs = {Bytes({2}, {"H" + kEAcute, ""})},
              .outputs = {Bytes({2}, {Hex("0048 00e9"), ""})},
              .dtype_attr = ""},
    OpExample{.op = "UnicodeTranscode",
              .name = "replace",
              .attrs = StrAttr("input_encoding", "UTF-8") + StrAttr("output_encoding", "UTF-8"),
              .inputs = {Bytes({1}, {"a\xff"
                                     "b"})},
              .outputs = {Bytes({1}, {"a\xef\xbf\xbd"
                                      "b"})},
              .dtype_attr = ""});

// Fingerprint with "farmhash64": each row's FarmHash Fingerprint64 as 8 little-endian bytes,
// from the row's bytes, or for strings from the string (one per row) or from the concatenated
// fingerprints of the row's strings. Values from a separate Fingerprint64 reference checked
// against farmhash's published values.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "Fingerprint",
              .name = "strings",
              .inputs = {Bytes({2}, {"a", "test"}), Scalar("farmhash64")},
              .outputs = {Fixed(DT_UINT8, {2, 8},
                                {227, 117, 223, 182, 101, 66, 69, 179,    // "a"
                                 178, 181, 133, 170, 61, 56, 23, 119})},  // "test"
              .only_dtypes = {DT_STRING}},
    OpExample{.op = "Fingerprint",
              .name = "string_rows",
              .inputs = {Bytes({1, 2}, {"a", "abcd"}), Scalar("farmhash64")},
              .outputs = {Fixed(DT_UINT8, {1, 8}, {126, 164, 141, 75, 213, 4, 241, 183})},
              .only_dtypes = {DT_STRING}},
    // The rows [1, 2] and [3, 4] as int32 bytes: 01000000 02000000 and 03000000 04000000.
    OpExample{.op = "Fingerprint",
              .name = "int32",
              .inputs = {X({2, 2}, {1, 2, 3, 4}), Scalar("farmhash64")},
              .outputs = {Fixed(DT_UINT8, {2, 8},
                                {76, 18, 253, 133, 168, 204, 240, 10,      // [1, 2]
                                 254, 162, 60, 240, 103, 244, 53, 255})},  // [3, 4]
              .only_dtypes = {DT_INT32}},
    OpExample{.op = "Fingerprint",
              .name = "uint8",
              .inputs = {X({1, 3}, {1, 2, 3}), Scalar("farmhash64")},
              .outputs = {Fixed(DT_UINT8, {1, 8}, {0, 103, 153, 194, 209, 22, 6, 179})},
              .only_dtypes = {DT_UINT8}});

// Protos. The tf.train.Example {features {feature {key: "a" value {int64_list {value: [5, 7]}}}}}:
//   0a 0d             Example.features (field 1), 13 bytes
//     0a 0b           Features.feature (field 1, a map entry), 11 bytes
//       0a 01 61      key "a"
//       12 06         value: Feature, 6 bytes
//         1a 04       Feature.int64_list (field 3), 4 bytes
//           0a 02 05 07   Int64List.value (field 1, packed): 5, 7
const std::string kExample = Hex("0a0d 0a0b 0a0161 1206 1a04 0a020507");

// The tf.train.SequenceExample with context {"c": int64 [5]} and feature_lists {"f": [int64 [1],
// int64 [2, 3]]}:
//   0a 0c                      SequenceExample.context (field 1): Features, 12 bytes
//     0a 0a 0a 01 63 12 05 1a 03 0a 01 05     the entry "c": int64_list [5]
//   12 16                      SequenceExample.feature_lists (field 2): FeatureLists, 22 bytes
//     0a 14                    FeatureLists.feature_list (field 1, a map entry), 20 bytes
//       0a 01 66               key "f"
//       12 0f                  value: FeatureList, 15 bytes
//         0a 05 1a 03 0a 01 01       FeatureList.feature: int64_list [1]
//         0a 06 1a 04 0a 02 02 03    FeatureList.feature: int64_list [2, 3]
const std::string kSequence =
    Hex("0a0c 0a0a 0a0163 1205 1a03 0a0105"
        "1216 0a14 0a0166 120f 0a05 1a03 0a0101 0a06 1a04 0a020203");

const ExampleTensor kNoStrings = Bytes({0}, {});
const ExampleTensor kNoInt64s = Fixed(DT_INT64, {0}, {});

REGISTER_OP_EXAMPLES(
    // Feature "a" as a dense [2] int64 and as a sparse feature.
    OpExample{.op = "ParseExample",
              .attrs = IntAttr("Nsparse", 0) + IntAttr("Ndense", 1) +
                       TypesAttr("sparse_types", {}) + TypesAttr("Tdense", {"DT_INT64"}) +
                       ShapesAttr("dense_shapes", {{2}}),
              .inputs = {Bytes({1}, {kExample}), kNoStrings, Scalar("a"), kNoInt64s},
              .outputs = {Fixed(DT_INT64, {1, 2}, {5, 7})},
              .dtype_attr = ""},
    OpExample{.op = "ParseExample",
              .name = "sparse",
              .attrs = IntAttr("Nsparse", 1) + IntAttr("Ndense", 0) +
                       TypesAttr("sparse_types", {"DT_INT64"}) + TypesAttr("Tdense", {}) +
                       ShapesAttr("dense_shapes", {}),
              .inputs = {Bytes({2}, {kExample, ""}), kNoStrings, Scalar("a")},
              .outputs = {Fixed(DT_INT64, {2, 2}, {0, 0, 0, 1}), Fixed(DT_INT64, {2}, {5, 7}),
                          Fixed(DT_INT64, {2}, {2, 2})},
              .dtype_attr = ""},
    // The missing feature "b" takes its default.
    OpExample{.op = "ParseSingleExample",
              .attrs = IntAttr("num_sparse", 1) + StrsAttr("sparse_keys", {"a"}) +
                       StrsAttr("dense_keys", {"b"}) + TypesAttr("sparse_types", {"DT_INT64"}) +
                       TypesAttr("Tdense", {"DT_FLOAT"}) + ShapesAttr("dense_shapes", {{}}),
              .inputs = {Scalar(kExample), Fixed(DT_FLOAT, {}, {-1})},
              .outputs = {Fixed(DT_INT64, {2, 1}, {0, 1}), Fixed(DT_INT64, {2}, {5, 7}),
                          Fixed(DT_INT64, {1}, {2}), Fixed(DT_FLOAT, {}, {-1})},
              .dtype_attr = ""},
    // "a" as a ragged feature: values [5, 7], row splits [0, 2, 2] over two examples.
    OpExample{
        .op = "ParseExampleV2",
        .attrs = TypesAttr("Tdense", {}) + IntAttr("num_sparse", 0) +
                 TypesAttr("sparse_types", {}) + TypesAttr("ragged_value_types", {"DT_INT64"}) +
                 TypesAttr("ragged_split_types", {"DT_INT32"}) + ShapesAttr("dense_shapes", {}),
        .inputs = {Bytes({2}, {kExample, ""}), kNoStrings, kNoStrings, kNoStrings,
                   Bytes({1}, {"a"})},
        .outputs = {Fixed(DT_INT64, {2}, {5, 7}), Fixed(DT_INT32, {3}, {0, 2, 2})},
        .dtype_attr = ""},
    // Context "c" dense; feature list "f" sparse: steps 0 and 1 hold [1] and [2, 3].
    OpExample{
        .op = "ParseSingleSequenceExample",
        .attrs = IntAttr("Ncontext_sparse", 0) + IntAttr("Ncontext_dense", 1) +
                 IntAttr("Nfeature_list_sparse", 1) + IntAttr("Nfeature_list_dense", 0) +
                 TypesAttr("context_sparse_types", {}) + TypesAttr("Tcontext_dense", {"DT_INT64"}) +
                 TypesAttr("feature_list_dense_types", {}) +
                 ShapesAttr("context_dense_shapes", {{}}) +
                 TypesAttr("feature_list_sparse_types", {"DT_INT64"}) +
                 ShapesAttr("feature_list_dense_shapes", {}),
        .inputs = {Scalar(kSequence), kNoStrings, Scalar("c"), Scalar("f"), kNoInt64s, Scalar("")},
        .outputs = {Fixed(DT_INT64, {}, {5}), Fixed(DT_INT64, {3, 2}, {0, 0, 1, 0, 1, 1}),
                    Fixed(DT_INT64, {3}, {1, 2, 3}), Fixed(DT_INT64, {2}, {2, 2})},
        .dtype_attr = ""},
    OpExample{
        .op = "ParseSequenceExample",
        .attrs = StrsAttr("feature_list_dense_missing_assumed_empty", {}) +
                 StrsAttr("context_sparse_keys", {}) + StrsAttr("context_dense_keys", {"c"}) +
                 StrsAttr("feature_list_sparse_keys", {"f"}) +
                 StrsAttr("feature_list_dense_keys", {}) + IntAttr("Ncontext_sparse", 0) +
                 IntAttr("Ncontext_dense", 1) + IntAttr("Nfeature_list_sparse", 1) +
                 IntAttr("Nfeature_list_dense", 0) + TypesAttr("context_sparse_types", {}) +
                 TypesAttr("Tcontext_dense", {"DT_INT64"}) +
                 TypesAttr("feature_list_dense_types", {}) +
                 ShapesAttr("context_dense_shapes", {{}}) +
                 TypesAttr("feature_list_sparse_types", {"DT_INT64"}) +
                 ShapesAttr("feature_list_dense_shapes", {}),
        .inputs = {Bytes({1}, {kSequence}), kNoStrings, kNoInt64s},
        .outputs = {Fixed(DT_INT64, {1}, {5}), Fixed(DT_INT64, {3, 3}, {0, 0, 0, 0, 1, 0, 0, 1, 1}),
                    Fixed(DT_INT64, {3}, {1, 2, 3}), Fixed(DT_INT64, {3}, {1, 2, 2})},
        .dtype_attr = ""},
    // Context "c" and feature list "f" as ragged features: f's outer splits count steps, its
    // inner splits values per step.
    OpExample{
        .op = "ParseSequenceExampleV2",
        .attrs = IntAttr("Ncontext_sparse", 0) + TypesAttr("Tcontext_dense", {}) +
                 TypesAttr("context_sparse_types", {}) +
                 TypesAttr("context_ragged_value_types", {"DT_INT64"}) +
                 TypesAttr("context_ragged_split_types", {"DT_INT64"}) +
                 ShapesAttr("context_dense_shapes", {}) + IntAttr("Nfeature_list_sparse", 0) +
                 IntAttr("Nfeature_list_dense", 0) + TypesAttr("feature_list_dense_types", {}) +
                 TypesAttr("feature_list_sparse_types", {}) +
                 TypesAttr("feature_list_ragged_value_types", {"DT_INT64"}) +
                 TypesAttr("feature_list_ragged_split_types", {"DT_INT64"}) +
                 ShapesAttr("feature_list_dense_shapes", {}),
        .inputs = {Bytes({1}, {kSequence}), kNoStrings, kNoStrings, kNoStrings, Bytes({1}, {"c"}),
                   kNoStrings, kNoStrings, Bytes({1}, {"f"}), Fixed(DT_BOOL, {0}, {})},
        .outputs = {Fixed(DT_INT64, {1}, {5}), Fixed(DT_INT64, {2}, {0, 1}),
                    Fixed(DT_INT64, {3}, {1, 2, 3}), Fixed(DT_INT64, {2}, {0, 2}),
                    Fixed(DT_INT64, {3}, {0, 1, 3})},
        .dtype_attr = ""},
    // JSON to the wire form above (int64 values may be JSON strings or numbers).
    OpExample{
        .op = "DecodeJSONExample",
        .inputs = {Bytes({2},
                         {R"({"features": {"feature": {"a": {"int64List": {"value": ["5", 7]}}}}})",
                          "{}"})},
        .outputs = {Bytes({2}, {kExample, ""})},
        .dtype_attr = ""});

// The TensorProto of int32 [2] = [5, 7], as TF's AsProtoTensorContent writes it:
//   08 03                      dtype DT_INT32 (3)
//   12 04 12 02 08 02          tensor_shape {dim {size: 2}}
//   22 08 05000000 07000000    tensor_content, little-endian
const std::string kInt32Proto = Hex("0803 1204 12020802 2208 05000000 07000000");

// The dtypes a TensorProto round trip holds here: the number types, bool and string.
const std::vector<DataType> kProtoDtypes = {
    DT_FLOAT, DT_DOUBLE,    DT_HALF,       tensorflow::DT_BFLOAT16,
    DT_INT8,  DT_INT16,     DT_INT32,      DT_INT64,
    DT_UINT8, DT_UINT16,    DT_UINT32,     DT_UINT64,
    DT_BOOL,  DT_COMPLEX64, DT_COMPLEX128, DT_STRING};

constexpr char kRoundTripGraph[] = R"pb(
  node {
    name: "input_0"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: $T }
    }
  }
  node {
    name: "serialize"
    op: "SerializeTensor"
    input: "input_0"
    attr {
      key: "T"
      value { type: $T }
    }
  }
  node {
    name: "parse"
    op: "ParseTensor"
    input: "serialize"
    attr {
      key: "out_type"
      value { type: $T }
    }
  }
)pb";

REGISTER_OP_EXAMPLES(OpExample{.op = "SerializeTensor",
                               .attrs = "attr { key: 'T' value { type: DT_INT32 } }",
                               .inputs = {Fixed(DT_INT32, {2}, {5, 7})},
                               .outputs = {Scalar(kInt32Proto)},
                               .dtype_attr = ""},
                     OpExample{.op = "ParseTensor",
                               .inputs = {Scalar(kInt32Proto)},
                               .outputs = {X({2}, {5, 7})},
                               .dtype_attr = "out_type",
                               .only_dtypes = {DT_INT32}},
                     // int_val (field 7, packed: 3a 02 05 07) instead of tensor_content; float_val
                     // (field 5: 2d, then 1.5f as 0000c03f) for a scalar.
                     OpExample{.op = "ParseTensor",
                               .name = "typed_fields",
                               .inputs = {Scalar(Hex("0803 1204 12020802 3a02 0507"))},
                               .outputs = {X({2}, {5, 7})},
                               .dtype_attr = "out_type",
                               .only_dtypes = {DT_INT32}},
                     OpExample{.op = "ParseTensor",
                               .name = "float_val",
                               .inputs = {Scalar(Hex("0801 1200 2d 0000c03f"))},
                               .outputs = {X({}, {1.5})},
                               .dtype_attr = "out_type",
                               .only_dtypes = {DT_FLOAT}},
                     // A variant holds its type name and encoding: TensorProto {dtype: DT_VARIANT
                     // (08 15), shape [1] (12 04 12 02 08 01), variant_val (7a 13): {type_name
                     // (0a 0e) "ExampleVariant", metadata (12 01) "3"}}.
                     OpExample{.op = "SerializeTensor",
                               .name = "variant",
                               .inputs = {X({1}, {3})},
                               .outputs = {Scalar(absl::HexStringToBytes(
                                   "0815120412020801" "7a130a0e" +
                                   absl::BytesToHexString("ExampleVariant") + "120133"))},
                               .only_dtypes = {tensorflow::DT_VARIANT}},
                     OpExample{.op = "SerializeTensor",
                               .name = "round_trip",
                               .inputs = {X({2, 2}, {1, 0, 1, 1})},
                               .outputs = {X({2, 2}, {1, 0, 1, 1})},
                               .only_dtypes = kProtoDtypes,
                               .graph = kRoundTripGraph,
                               .fetches = {"parse:0"},
                               .other_ops = {"ParseTensor"}});

// DecodeProtoV2 / EncodeProto on TensorProto (compiled in): dtype 3 (an enum, read as int32) and
// int_val [5, 7], packed: 08 03 3a 02 05 07. Sizes count the values of each field.
const std::string kProtoFieldsAttrs = StrAttr("message_type", "tensorflow.TensorProto") +
                                      StrsAttr("field_names", {"dtype", "int_val"});

REGISTER_OP_EXAMPLES(
    OpExample{.op = "DecodeProtoV2",
              .attrs = kProtoFieldsAttrs + TypesAttr("output_types", {"DT_INT32", "DT_INT32"}),
              .inputs = {Bytes({2}, {Hex("0803 3a02 0507"), ""})},
              .outputs = {Fixed(DT_INT32, {2, 2}, {1, 2, 0, 0}), Fixed(DT_INT32, {2, 1}, {3, 0}),
                          Fixed(DT_INT32, {2, 2}, {5, 7, 0, 0})},
              .dtype_attr = ""},
    OpExample{.op = "EncodeProto",
              .attrs = kProtoFieldsAttrs + TypesAttr("Tinput_types", {"DT_INT32", "DT_INT32"}),
              .inputs = {Fixed(DT_INT32, {2, 2}, {1, 2, 0, 0}), Fixed(DT_INT32, {2, 1}, {3, 0}),
                         Fixed(DT_INT32, {2, 2}, {5, 7, 0, 0})},
              .outputs = {Bytes({2}, {Hex("0803 3a02 0507"), ""})},
              .dtype_attr = ""});

// Skipgram's pairs are random, so the example checks what holds for any draw, on a text file the
// dtype matrix test reads anyway (runtime/kernels/testing/kernels_without_examples.txt): "UNK"
// is word 0 of the vocabulary, a batch holds batch_size pairs, and every word and label is a
// vocabulary id.
std::string IdsInVocabulary(const std::string& name, const std::string& ids) {
  return "node { name: '" + name + "_low' op: 'GreaterEqual' input: '" + ids +
         "' input: 'zero' attr { key: 'T' value { type: DT_INT32 } } }"
         "node { name: '" +
         name + "_high' op: 'Less' input: '" + ids +
         "' input: 'size' attr { key: 'T' value { type: DT_INT32 } } }"
         "node { name: '" +
         name + "_both' op: 'LogicalAnd' input: '" + name + "_low' input: '" + name +
         "_high' }"
         "node { name: '" +
         name + "' op: 'All' input: '" + name +
         "_both' input: 'axis' attr { key: 'Tidx' value { type: DT_INT32 } } }";
}

const std::string kSkipgramGraph =
    "node { name: 'pairs' op: 'Skipgram' "
    "attr { key: 'filename' value { s: 'runtime/kernels/testing/kernels_without_examples.txt' } } "
    "attr { key: 'batch_size' value { i: 4 } } attr { key: 'window_size' value { i: 1 } } "
    "attr { key: 'min_count' value { i: 1 } } }"
    "node { name: 'zero' op: 'Const' attr { key: 'dtype' value { type: DT_INT32 } } "
    "attr { key: 'value' value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 0 } } } }"
    "node { name: 'axis' op: 'Const' attr { key: 'dtype' value { type: DT_INT32 } } "
    "attr { key: 'value' value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 1 } } "
    "int_val: 0 } } } }"
    "node { name: 'unk' op: 'Const' attr { key: 'dtype' value { type: DT_STRING } } "
    "attr { key: 'value' value { tensor { dtype: DT_STRING tensor_shape {} string_val: 'UNK' } } "
    "} }"
    "node { name: 'first' op: 'GatherV2' input: 'pairs:0' input: 'zero' input: 'zero' "
    "attr { key: 'Tparams' value { type: DT_STRING } } "
    "attr { key: 'Tindices' value { type: DT_INT32 } } "
    "attr { key: 'Taxis' value { type: DT_INT32 } } }"
    "node { name: 'unk_first' op: 'Equal' input: 'first' input: 'unk' "
    "attr { key: 'T' value { type: DT_STRING } } }"
    "node { name: 'size' op: 'Size' input: 'pairs:0' "
    "attr { key: 'T' value { type: DT_STRING } } attr { key: 'out_type' value { type: DT_INT32 } } "
    "}"
    "node { name: 'batch' op: 'Shape' input: 'pairs:5' "
    "attr { key: 'T' value { type: DT_INT32 } } attr { key: 'out_type' value { type: DT_INT32 } } "
    "}" +
    IdsInVocabulary("words_in_vocabulary", "pairs:5") +
    IdsInVocabulary("labels_in_vocabulary", "pairs:6");

REGISTER_OP_EXAMPLES(OpExample{
    .op = "Skipgram",
    .outputs = {Fixed(DT_BOOL, {}, {1}), Fixed(DT_INT32, {1}, {4}), Fixed(DT_BOOL, {}, {1}),
                Fixed(DT_BOOL, {}, {1})},
    .dtype_attr = "",
    .graph = kSkipgramGraph,
    .fetches = {"unk_first:0", "batch:0", "words_in_vocabulary:0", "labels_in_vocabulary:0"}});

}  // namespace
}  // namespace tfjs::runtime::testing
