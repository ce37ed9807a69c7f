// Op examples of the broadcasting binary kernels (binary_arithmetic.cc, comparison.cc,
// approximate_equal.cc), run for every dtype each declares by //runtime/kernels:dtype_matrix_test.
// Values fit every declared dtype (unsigned ones included) unless an example lists its dtypes.
#include <limits>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DataType;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The number dtypes but string, for Add (whose string form the matrix cannot compare).
const std::vector<DataType> kAddNumbers = {
    tensorflow::DT_FLOAT,     tensorflow::DT_DOUBLE,    tensorflow::DT_HALF,
    tensorflow::DT_BFLOAT16,  tensorflow::DT_INT32,     tensorflow::DT_INT64,
    tensorflow::DT_UINT8,     tensorflow::DT_INT8,      tensorflow::DT_INT16,
    tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};
const std::vector<DataType> kFloats = {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE};

// x op y with y broadcast along x's rows.
OpExample Binary(const char* op, std::vector<double> x, std::vector<double> y,
                 std::vector<double> z) {
  return OpExample{.op = op,
                   .inputs = {X({2, 2}, std::move(x)), X({2}, std::move(y))},
                   .outputs = {X({2, 2}, std::move(z))}};
}

REGISTER_OP_EXAMPLES(OpExample{.op = "Add",
                               .inputs = {X({2, 2}, {1, 2, 3, 4}), X({2}, {10, 20})},
                               .outputs = {X({2, 2}, {11, 22, 13, 24})},
                               .only_dtypes = kAddNumbers},
                     Binary("AddV2", {1, 2, 3, 4}, {10, 20}, {11, 22, 13, 24}),
                     Binary("Sub", {11, 22, 13, 24}, {10, 20}, {1, 2, 3, 4}),
                     Binary("Mul", {1, 2, 3, 4}, {10, 20}, {10, 40, 30, 80}),
                     Binary("Div", {10, 40, 30, 80}, {10, 20}, {1, 2, 3, 4}),
                     Binary("RealDiv", {1, 3, 3, 8}, {2, 4}, {0.5, 0.75, 1.5, 2}),
                     Binary("DivNoNan", {1, 3, 3, 8}, {0, 4}, {0, 0.75, 0, 2}),
                     Binary("FloorDiv", {7, 8, 9, 3}, {2, 4}, {3, 2, 4, 0}),
                     Binary("FloorMod", {7, 8, 9, 3}, {2, 5}, {1, 3, 1, 3}),
                     Binary("Mod", {7, 8, 9, 3}, {2, 5}, {1, 3, 1, 3}),
                     Binary("TruncateDiv", {7, 8, 9, 3}, {2, 4}, {3, 2, 4, 0}),
                     Binary("TruncateMod", {7, 8, 9, 3}, {2, 5}, {1, 3, 1, 3}),
                     Binary("Maximum", {1, 5, 3, 2}, {2, 4}, {2, 5, 3, 4}),
                     Binary("Minimum", {1, 5, 3, 2}, {2, 4}, {1, 4, 2, 2}),
                     Binary("SquaredDifference", {1, 5, 3, 2}, {2, 4}, {1, 1, 1, 4}),
                     Binary("Pow", {2, 3, 1, 4}, {3, 2}, {8, 9, 1, 16}),
                     Binary("MulNoNan", {2, 3, 1, 4}, {0, 2}, {0, 6, 0, 8}),
                     Binary("Xdivy", {0, 3, 0, 4}, {0, 2}, {0, 1.5, 0, 2}),
                     // x == 0 gives 0 whatever y is.
                     OpExample{.op = "Xlogy",
                               .inputs = {X({4}, {0, 2, 3, 0}), X({4}, {0, 4, 1, kNaN})},
                               .outputs = {X({4}, {0, 2.772588722239781, 0, 0})}},
                     OpExample{.op = "Xlog1py",
                               .inputs = {X({4}, {0, 2, 3, 0}), X({4}, {-1, 3, 0, kNaN})},
                               .outputs = {X({4}, {0, 2.772588722239781, 0, 0})}},
                     Binary("Atan2", {0, 1, -1, 1}, {1, 0},
                            {0, 1.5707963267948966, -0.7853981633974483, 1.5707963267948966}));

// Signed and float behaviour: rounding toward -inf or 0, the divisor's or dividend's sign.
REGISTER_OP_EXAMPLES(OpExample{.op = "FloorDiv",
                               .name = "negative",
                               .inputs = {X({4}, {-7, 7, -7, 7}), X({4}, {2, -2, -2, 2})},
                               .outputs = {X({4}, {-4, -4, 3, 3})},
                               .only_dtypes = {tensorflow::DT_INT32, tensorflow::DT_FLOAT}},
                     OpExample{.op = "TruncateDiv",
                               .name = "negative",
                               .inputs = {X({4}, {-7, 7, -7, 7}), X({4}, {2, -2, -2, 2})},
                               .outputs = {X({4}, {-3, -3, 3, 3})},
                               .only_dtypes = {tensorflow::DT_INT8, tensorflow::DT_INT64}},
                     OpExample{.op = "TruncateMod",
                               .name = "negative",
                               .inputs = {X({4}, {-7, 7, -7, 7}), X({4}, {2, -2, -2, 2})},
                               .outputs = {X({4}, {-1, 1, -1, 1})},
                               .only_dtypes = {tensorflow::DT_INT32, tensorflow::DT_DOUBLE}},
                     OpExample{.op = "FloorMod",
                               .name = "negative",
                               .inputs = {X({4}, {-7, 7, -7, 7}), X({4}, {2, -2, -2, 2})},
                               .outputs = {X({4}, {1, -1, -1, 1})},
                               .only_dtypes = {tensorflow::DT_INT16, tensorflow::DT_FLOAT}},
                     OpExample{.op = "NextAfter",
                               .inputs = {X({3}, {1, 1, 0}), X({3}, {2, 0, 1})},
                               .outputs = {X({3}, {1 + std::numeric_limits<double>::epsilon(),
                                                   1 - std::numeric_limits<double>::epsilon() / 2,
                                                   std::numeric_limits<double>::denorm_min()})},
                               .only_dtypes = {tensorflow::DT_DOUBLE},
                               .tolerance = 0},
                     OpExample{.op = "NextAfter",
                               .name = "float",
                               .inputs = {X({2}, {1, 1}), X({2}, {2, 0})},
                               .outputs = {X({2}, {1 + 1.0 / (1 << 23), 1 - 1.0 / (1 << 24)})},
                               .only_dtypes = {tensorflow::DT_FLOAT},
                               .tolerance = 0},
                     OpExample{.op = "Maximum",
                               .name = "nan",
                               .inputs = {X({2}, {kNaN, 1}), X({2}, {1, kNaN})},
                               .outputs = {X({2}, {kNaN, kNaN})},
                               .only_dtypes = kFloats});

}  // namespace
}  // namespace tfjs::runtime::testing
