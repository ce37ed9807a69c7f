// Op examples of misc/'s math kernels (bitwise, bounds, complex_ops, cumprod, einsum,
// euclidean_norm, fill_ops, linspace, list_diff, nth_element, unique, bincount), run for every
// dtype each declares by //runtime/kernels:dtype_matrix_test.
#include <vector>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DataType;

constexpr DataType kInt32 = tensorflow::DT_INT32;
constexpr DataType kInt64 = tensorflow::DT_INT64;

// The real number dtypes (ListDiff's but string).
std::vector<DataType> RealNumbers() {
  return {tensorflow::DT_HALF,
          tensorflow::DT_BFLOAT16,
          tensorflow::DT_FLOAT,
          tensorflow::DT_DOUBLE,
          tensorflow::DT_INT8,
          tensorflow::DT_INT16,
          kInt32,
          kInt64,
          tensorflow::DT_UINT8,
          tensorflow::DT_UINT16,
          tensorflow::DT_UINT32,
          tensorflow::DT_UINT64};
}

// Unique's dtypes but string, whose outputs the matrix cannot compare.
std::vector<DataType> UniqueDtypesButString() {
  std::vector<DataType> dtypes = RealNumbers();
  dtypes.push_back(tensorflow::DT_BOOL);
  return dtypes;
}

// 12 = 0b1100, 10 = 0b1010.
OpExample Bitwise(const char* op, std::vector<double> x, std::vector<double> y,
                  std::vector<double> z) {
  return OpExample{.op = op,
                   .inputs = {X({2}, std::move(x)), X({2}, std::move(y))},
                   .outputs = {X({2}, std::move(z))}};
}

REGISTER_OP_EXAMPLES(Bitwise("BitwiseAnd", {12, 10}, {10, 6}, {8, 2}),
                     Bitwise("BitwiseOr", {12, 10}, {10, 6}, {14, 14}),
                     Bitwise("BitwiseXor", {12, 10}, {10, 6}, {6, 12}),
                     Bitwise("LeftShift", {1, 3}, {2, 1}, {4, 6}),
                     Bitwise("RightShift", {8, 7}, {2, 1}, {2, 3}),
                     OpExample{.op = "Invert",
                               .inputs = {X({2}, {0, 5})},
                               .outputs = {X({2}, {-1, -6})},
                               .only_dtypes = {tensorflow::DT_INT8, tensorflow::DT_INT16, kInt32,
                                               kInt64}},
                     OpExample{.op = "Invert",
                               .name = "unsigned",
                               .inputs = {X({2}, {0, 5})},
                               .outputs = {X({2}, {255, 250})},
                               .only_dtypes = {tensorflow::DT_UINT8}},
                     OpExample{.op = "Invert",
                               .name = "unsigned_wide",
                               .inputs = {X({1}, {65535})},
                               .outputs = {X({1}, {0})},
                               .only_dtypes = {tensorflow::DT_UINT16}},
                     OpExample{.op = "Invert",
                               .name = "unsigned_32",
                               .inputs = {X({1}, {4294967295.0})},
                               .outputs = {X({1}, {0})},
                               .only_dtypes = {tensorflow::DT_UINT32}},
                     OpExample{.op = "Invert",
                               .name = "unsigned_64",
                               .inputs = {X({1}, {0})},
                               .outputs = {X({1}, {18446744073709551615.0})},
                               .only_dtypes = {tensorflow::DT_UINT64}});

// Where 3 and 4 go in [1, 3, 5]: before the first >= (LowerBound) or > (UpperBound) element.
REGISTER_OP_EXAMPLES(OpExample{.op = "LowerBound",
                               .inputs = {X({1, 3}, {1, 3, 5}), X({1, 2}, {3, 4})},
                               .outputs = {Fixed(kInt32, {1, 2}, {1, 2})}},
                     OpExample{.op = "UpperBound",
                               .inputs = {X({1, 3}, {1, 3, 5}), X({1, 2}, {3, 4})},
                               .outputs = {Fixed(kInt32, {1, 2}, {2, 2})}},
                     OpExample{.op = "LowerBound",
                               .name = "out_type",
                               .attrs = "attr { key: \"T\" value { type: DT_FLOAT } }",
                               .inputs = {Fixed(tensorflow::DT_FLOAT, {1, 3}, {1, 3, 5}),
                                          Fixed(tensorflow::DT_FLOAT, {1, 1}, {6})},
                               .outputs = {X({1, 1}, {3})},
                               .dtype_attr = "out_type"},
                     OpExample{.op = "UpperBound",
                               .name = "out_type",
                               .attrs = "attr { key: \"T\" value { type: DT_FLOAT } }",
                               .inputs = {Fixed(tensorflow::DT_FLOAT, {1, 3}, {1, 3, 5}),
                                          Fixed(tensorflow::DT_FLOAT, {1, 1}, {0})},
                               .outputs = {X({1, 1}, {0})},
                               .dtype_attr = "out_type"});

// Complex numbers with zero imaginary parts, which the matrix compares.
OpExample ComplexOf(DataType real, DataType complex, const char* complex_name) {
  return OpExample{
      .op = "Complex",
      .name = complex_name,
      .attrs = std::string("attr { key: \"Tout\" value { type: ") + complex_name + " } }",
      .inputs = {X({2}, {1, -2}), X({2}, {0, 0})},
      .outputs = {Fixed(complex, {2}, {1, -2})},
      .only_dtypes = {real}};
}

OpExample PartOf(const char* op, DataType complex, DataType real, const char* real_name,
                 std::vector<double> x, std::vector<double> y) {
  return OpExample{.op = op,
                   .name = real_name,
                   .attrs = std::string("attr { key: \"Tout\" value { type: ") + real_name + " } }",
                   .inputs = {X({2}, std::move(x))},
                   .outputs = {Fixed(real, {2}, std::move(y))},
                   .only_dtypes = {complex}};
}

REGISTER_OP_EXAMPLES(
    ComplexOf(tensorflow::DT_FLOAT, tensorflow::DT_COMPLEX64, "DT_COMPLEX64"),
    ComplexOf(tensorflow::DT_DOUBLE, tensorflow::DT_COMPLEX128, "DT_COMPLEX128"),
    PartOf("Real", tensorflow::DT_COMPLEX64, tensorflow::DT_FLOAT, "DT_FLOAT", {1, -2}, {1, -2}),
    PartOf("Real", tensorflow::DT_COMPLEX128, tensorflow::DT_DOUBLE, "DT_DOUBLE", {1, -2}, {1, -2}),
    PartOf("Imag", tensorflow::DT_COMPLEX64, tensorflow::DT_FLOAT, "DT_FLOAT", {1, -2}, {0, 0}),
    PartOf("Imag", tensorflow::DT_COMPLEX128, tensorflow::DT_DOUBLE, "DT_DOUBLE", {1, -2}, {0, 0}),
    PartOf("ComplexAbs", tensorflow::DT_COMPLEX64, tensorflow::DT_FLOAT, "DT_FLOAT", {3, -4},
           {3, 4}),
    PartOf("ComplexAbs", tensorflow::DT_COMPLEX128, tensorflow::DT_DOUBLE, "DT_DOUBLE", {3, -4},
           {3, 4}));

REGISTER_OP_EXAMPLES(
    OpExample{.op = "Cumprod",
              .inputs = {X({3}, {1, 2, 3}), Fixed(kInt32, {}, {0})},
              .outputs = {X({3}, {1, 2, 6})}},
    // sqrt(3^2 + 4^2) and sqrt(6^2 + 8^2).
    OpExample{.op = "EuclideanNorm",
              .inputs = {X({2, 2}, {3, 4, 6, 8}), Fixed(kInt32, {}, {1})},
              .outputs = {X({2}, {5, 10})}},
    OpExample{.op = "Zeros", .inputs = {Fixed(kInt32, {1}, {2})}, .outputs = {X({2}, {0, 0})}},
    OpExample{.op = "Ones", .inputs = {Fixed(kInt32, {1}, {2})}, .outputs = {X({2}, {1, 1})}},
    OpExample{.op = "LinSpace",
              .inputs = {X({}, {0}), X({}, {1}), Fixed(kInt32, {}, {5})},
              .outputs = {X({5}, {0, 0.25, 0.5, 0.75, 1})}},
    OpExample{.op = "ListDiff",
              .inputs = {X({4}, {1, 2, 3, 4}), X({2}, {2, 4})},
              .outputs = {X({2}, {1, 3}), Fixed(kInt32, {2}, {0, 2})},
              .only_dtypes = RealNumbers()},
    // The 2nd smallest of each row.
    OpExample{.op = "NthElement",
              .inputs = {X({2, 3}, {3, 1, 2, 6, 5, 4}), Fixed(kInt32, {}, {1})},
              .outputs = {X({2}, {2, 5})}},
    OpExample{.op = "Unique",
              .inputs = {X({4}, {1, 0, 1, 0})},
              .outputs = {X({2}, {1, 0}), Fixed(kInt32, {4}, {0, 1, 0, 1})},
              .only_dtypes = UniqueDtypesButString()},
    OpExample{.op = "UniqueV2",
              .inputs = {X({4}, {1, 0, 1, 0}), Fixed(kInt64, {1}, {0})},
              .outputs = {X({2}, {1, 0}), Fixed(kInt32, {4}, {0, 1, 0, 1})},
              .only_dtypes = UniqueDtypesButString()},
    OpExample{
        .op = "UniqueWithCounts",
        .inputs = {X({4}, {1, 0, 1, 1})},
        .outputs = {X({2}, {1, 0}), Fixed(kInt32, {4}, {0, 1, 0, 0}), Fixed(kInt32, {2}, {3, 1})},
        .only_dtypes = UniqueDtypesButString()},
    OpExample{
        .op = "UniqueWithCountsV2",
        .inputs = {X({4}, {1, 0, 1, 1}), Fixed(kInt64, {1}, {0})},
        .outputs = {X({2}, {1, 0}), Fixed(kInt32, {4}, {0, 1, 0, 0}), Fixed(kInt32, {2}, {3, 1})},
        .only_dtypes = UniqueDtypesButString()},
    // Without weights, counts in the weights' dtype.
    OpExample{.op = "Bincount",
              .inputs = {Fixed(kInt32, {3}, {1, 1, 3}), Fixed(kInt32, {}, {4}), X({0}, {})},
              .outputs = {X({4}, {0, 2, 0, 1})}},
    OpExample{.op = "DenseBincount",
              .attrs = "attr { key: \"Tidx\" value { type: DT_INT32 } }",
              .inputs = {Fixed(kInt32, {3}, {1, 1, 3}), Fixed(kInt32, {}, {4}), X({0}, {})},
              .outputs = {X({4}, {0, 2, 0, 1})}},
    OpExample{.op = "Einsum",
              .attrs = "attr { key: \"equation\" value { s: \"ij,jk->ik\" } } "
                       "attr { key: \"N\" value { i: 2 } }",
              .inputs = {X({1, 2}, {1, 2}), X({2, 1}, {3, 4})},
              .outputs = {X({1, 1}, {11})}});

}  // namespace
}  // namespace tfjs::runtime::testing
