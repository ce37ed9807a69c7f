// Op examples of the elementwise unary kernels (unary.cc), run for every dtype each declares
// by //runtime/kernels:dtype_matrix_test. Expected values are the functions' exact values at
// these points (to double precision); the 16-bit types round inputs and outputs once.
#include <limits>

#include "absl/strings/str_cat.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using tensorflow::DataType;

// The float and signed integer dtypes (and complex), for ops that also take unsigned integers
// whose example has negative values.
OpExample Signed(OpExample example, bool with_complex = false) {
  example.only_dtypes = {tensorflow::DT_FLOAT,    tensorflow::DT_DOUBLE, tensorflow::DT_HALF,
                         tensorflow::DT_BFLOAT16, tensorflow::DT_INT32,  tensorflow::DT_INT64,
                         tensorflow::DT_INT8,     tensorflow::DT_INT16};
  if (with_complex) {
    example.only_dtypes.push_back(tensorflow::DT_COMPLEX64);
    example.only_dtypes.push_back(tensorflow::DT_COMPLEX128);
  }
  return example;
}

// A float op of one input, four points.
OpExample Unary(const char* op, std::vector<double> x, std::vector<double> y) {
  return OpExample{
      .op = op, .inputs = {X({2, 2}, std::move(x))}, .outputs = {X({2, 2}, std::move(y))}};
}

REGISTER_OP_EXAMPLES(
    Unary("Exp", {0, 1, -1, 2}, {1, 2.718281828459045, 0.36787944117144233, 7.38905609893065}),
    Unary("Log", {1, 2, 0.5, 0}, {0, 0.6931471805599453, -0.6931471805599453, -kInf}),
    Unary("Log1p", {0, 1, -0.5, 3},
          {0, 0.6931471805599453, -0.6931471805599453, 1.3862943611198906}),
    Unary("Sqrt", {0, 4, 2, 0.25}, {0, 2, 1.4142135623730951, 0.5}),
    Unary("Rsqrt", {4, 1, 0.25, 2}, {0.5, 1, 2, 0.7071067811865475}),
    Unary("Reciprocal", {2, -4, 0.5, 8}, {0.5, -0.25, 2, 0.125}),
    Unary("Expm1", {0, 1, -1, 0.5},
          {0, 1.718281828459045, -0.6321205588285577, 0.6487212707001282}),
    Unary("Tan", {0, 0.5, -1, 1}, {0, 0.5463024898437905, -1.5574077246549023, 1.5574077246549023}),
    Unary("Asin", {0, 0.5, -1, 1},
          {0, 0.5235987755982989, -1.5707963267948966, 1.5707963267948966}),
    Unary("Acos", {0, 0.5, -1, 1}, {1.5707963267948966, 1.0471975511965979, 3.141592653589793, 0}),
    Unary("Atan", {0, 0.5, -1, 10},
          {0, 0.4636476090008061, -0.7853981633974483, 1.4711276743037347}),
    Unary("Sinh", {0, 0.5, -1, 2}, {0, 0.5210953054937474, -1.1752011936438014, 3.626860407847019}),
    Unary("Cosh", {0, 0.5, -1, 2}, {1, 1.1276259652063807, 1.5430806348152437, 3.7621956910836314}),
    Unary("Asinh", {0, 0.5, -1, 2},
          {0, 0.48121182505960347, -0.881373587019543, 1.4436354751788103}),
    Unary("Acosh", {1, 1.5, 2, 10}, {0, 0.9624236501192069, 1.3169578969248166, 2.993222846126381}),
    Unary("Atanh", {0, 0.5, -0.5, 0.25},
          {0, 0.5493061443340548, -0.5493061443340548, 0.25541281188299536}),
    Unary("Sin", {0, 0.5, -1, 3}, {0, 0.479425538604203, -0.8414709848078965, 0.1411200080598672}),
    Unary("Cos", {0, 0.5, -1, 3}, {1, 0.8775825618903728, 0.5403023058681398, -0.9899924966004454}),
    Unary("Tanh", {0, 0.5, -1, 3},
          {0, 0.46211715726000974, -0.7615941559557649, 0.9950547536867305}),
    Unary("Erf", {0, 0.5, -1, 2}, {0, 0.5204998778130465, -0.8427007929497149, 0.9953222650189527}),
    Unary("Sigmoid", {0, 1, -2, 4},
          {0.5, 0.7310585786300049, 0.11920292202211755, 0.9820137900379085}),
    Unary("Elu", {0, 1, -1, -2}, {0, 1, -0.6321205588285577, -0.8646647167633873}),
    Unary("Selu", {0, 1, -1, -2},
          {0, 1.0507009873554805, -1.1113307378125625, -1.5201664685956948}),
    Unary("Softplus", {0, 1, -1, 2},
          {0.6931471805599453, 1.3132616875182228, 0.31326168751822286, 2.1269280110429727}),
    Unary("Floor", {1.5, -1.5, 2, -0.25}, {1, -2, 2, -1}),
    Unary("Ceil", {1.5, -1.5, 2, -0.25}, {2, -1, 2, 0}),
    Unary("Round", {2, -3, 0, 5}, {2, -3, 0, 5}),
    Signed(Unary("Relu", {2, -3, 0, 5}, {2, 0, 0, 5})),
    Signed(Unary("Relu6", {2, -3, 0, 9}, {2, 0, 0, 6})),
    Unary("Neg", {2, -3, 0, 5}, {-2, 3, 0, -5}), Unary("Abs", {2, -3, 0, 5}, {2, 3, 0, 5}),
    Signed(Unary("Square", {2, -3, 0, 5}, {4, 9, 0, 25}), true),
    Unary("Sign", {2, -3, 0, 5}, {1, -1, 0, 1}),
    Unary("Inv", {2, -4, 0.5, 8}, {0.5, -0.25, 2, 0.125}),
    Unary("Erfc", {0, 0.5, -1, 2},
          {1, 0.4795001221869535, 1.8427007929497148, 0.004677734981047266}),
    Unary("Rint", {1.5, -1.5, 2.5, -0.25}, {2, -2, 2, -0}),
    Unary("Conj", {1, -2, 0, 3}, {1, -2, 0, 3}));

// The unsigned dtypes of Relu, Relu6 and Square.
OpExample Unsigned(OpExample example) {
  example.name = "unsigned";
  example.only_dtypes = {tensorflow::DT_UINT8, tensorflow::DT_UINT16, tensorflow::DT_UINT32,
                         tensorflow::DT_UINT64};
  return example;
}

REGISTER_OP_EXAMPLES(Unsigned(Unary("Relu", {2, 3, 0, 5}, {2, 3, 0, 5})),
                     Unsigned(Unary("Relu6", {2, 3, 0, 9}, {2, 3, 0, 6})),
                     Unsigned(Unary("Square", {2, 3, 0, 15}, {4, 9, 0, 225})));

// Angle answers in the real dtype of its complex input.
OpExample Angle(DataType complex, DataType real, const char* real_name) {
  return OpExample{.op = "Angle",
                   .name = real_name,
                   .attrs = absl::StrCat("attr { key: \"Tout\" value { type: ", real_name, " } }"),
                   .inputs = {X({3}, {1, -1, 0})},
                   .outputs = {Fixed(real, {3}, {0, 3.141592653589793, 0})},
                   .only_dtypes = {complex}};
}

REGISTER_OP_EXAMPLES(Angle(tensorflow::DT_COMPLEX64, tensorflow::DT_FLOAT, "DT_FLOAT"),
                     Angle(tensorflow::DT_COMPLEX128, tensorflow::DT_DOUBLE, "DT_DOUBLE"));

// Round is half to even; Floor/Ceil above cover the other float roundings.
REGISTER_OP_EXAMPLES(OpExample{.op = "Round",
                               .name = "half_to_even",
                               .inputs = {X({4}, {0.5, 1.5, 2.5, -0.5})},
                               .outputs = {X({4}, {0, 2, 2, -0})},
                               .only_dtypes = {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}});

// The tests for non-finite values answer in bool.
OpExample FloatTest(const char* op, std::vector<double> y) {
  return OpExample{.op = op,
                   .inputs = {X({4}, {1, kInf, -kInf, kNaN})},
                   .outputs = {Fixed(tensorflow::DT_BOOL, {4}, std::move(y))}};
}

REGISTER_OP_EXAMPLES(FloatTest("IsNan", {0, 0, 0, 1}), FloatTest("IsInf", {0, 1, 1, 0}),
                     FloatTest("IsFinite", {1, 0, 0, 0}));

}  // namespace
}  // namespace tfjs::runtime::testing
