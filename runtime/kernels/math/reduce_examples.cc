// Op examples of the reductions (reduce.cc, arg_reduce.cc), softmax.cc, bias_add.cc,
// clip_by_value.cc, select.cc, comparison.cc, logical.cc, cast.cc, leaky_relu.cc and prelu.cc,
// run for every dtype each declares by //runtime/kernels:dtype_matrix_test. Values are 0 and 1
// where an op also takes bool.
#include <vector>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DataType;

constexpr DataType kBool = tensorflow::DT_BOOL;
constexpr DataType kInt32 = tensorflow::DT_INT32;
constexpr DataType kInt64 = tensorflow::DT_INT64;
constexpr char kFloatT[] = "attr { key: \"T\" value { type: DT_FLOAT } }";

// A [2, 2] input reduced along axis 1.
OpExample Reduce(const char* op, std::vector<double> x, std::vector<double> y) {
  return OpExample{.op = op,
                   .inputs = {X({2, 2}, std::move(x)), Fixed(kInt32, {}, {1})},
                   .outputs = {X({2}, std::move(y))}};
}

REGISTER_OP_EXAMPLES(Reduce("Sum", {1, 2, 3, 4}, {3, 7}), Reduce("Mean", {1, 3, 3, 5}, {2, 4}),
                     Reduce("Prod", {1, 2, 3, 4}, {2, 12}), Reduce("Max", {1, 2, 4, 3}, {2, 4}),
                     Reduce("Min", {1, 2, 4, 3}, {1, 3}),
                     OpExample{
                         .op = "Sum",
                         .name = "int64_axis",
                         .attrs = kFloatT,
                         .inputs = {Fixed(tensorflow::DT_FLOAT, {2, 2}, {1, 2, 3, 4}), X({1}, {0})},
                         .outputs = {Fixed(tensorflow::DT_FLOAT, {2}, {4, 6})},
                         .dtype_attr = "Tidx"},
                     OpExample{.op = "All",
                               .inputs = {Fixed(kBool, {2, 2}, {1, 1, 0, 1}), X({}, {1})},
                               .outputs = {Fixed(kBool, {2}, {1, 0})},
                               .dtype_attr = "Tidx"},
                     OpExample{.op = "Any",
                               .inputs = {Fixed(kBool, {2, 2}, {0, 0, 0, 1}), X({}, {1})},
                               .outputs = {Fixed(kBool, {2}, {0, 1})},
                               .dtype_attr = "Tidx"});

// The first of equal extremes wins.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "ArgMax",
              .inputs = {X({2, 3}, {0, 1, 0, 1, 0, 1}), Fixed(kInt32, {}, {1})},
              .outputs = {Fixed(kInt64, {2}, {1, 0})}},
    OpExample{.op = "ArgMin",
              .inputs = {X({2, 3}, {0, 1, 0, 1, 0, 1}), Fixed(kInt32, {}, {1})},
              .outputs = {Fixed(kInt64, {2}, {0, 1})}},
    OpExample{.op = "ArgMax",
              .name = "output_type",
              .attrs = kFloatT,
              .inputs = {Fixed(tensorflow::DT_FLOAT, {3}, {2, 5, 1}), Fixed(kInt32, {}, {0})},
              .outputs = {X({}, {1})},
              .dtype_attr = "output_type"},
    OpExample{.op = "ArgMin",
              .name = "output_type",
              .attrs = kFloatT,
              .inputs = {Fixed(tensorflow::DT_FLOAT, {3}, {2, 5, 1}), Fixed(kInt32, {}, {0})},
              .outputs = {X({}, {2})},
              .dtype_attr = "output_type"},
    OpExample{.op = "ArgMax",
              .name = "axis",
              .attrs = kFloatT,
              .inputs = {Fixed(tensorflow::DT_FLOAT, {3}, {2, 5, 1}), X({}, {-1})},
              .outputs = {Fixed(kInt64, {}, {1})},
              .dtype_attr = "Tidx"},
    OpExample{.op = "ArgMin",
              .name = "axis",
              .attrs = kFloatT,
              .inputs = {Fixed(tensorflow::DT_FLOAT, {3}, {2, 5, 1}), X({}, {0})},
              .outputs = {Fixed(kInt64, {}, {2})},
              .dtype_attr = "Tidx"});

// Comparisons answer in bool; Equal and NotEqual also take bool and string, so they compare 0s
// and 1s.
OpExample Compare(const char* op, std::vector<double> x, std::vector<double> y,
                  std::vector<double> z) {
  return OpExample{.op = op,
                   .inputs = {X({3}, std::move(x)), X({3}, std::move(y))},
                   .outputs = {Fixed(kBool, {3}, std::move(z))}};
}

REGISTER_OP_EXAMPLES(Compare("Equal", {0, 1, 1}, {0, 0, 1}, {1, 0, 1}),
                     Compare("NotEqual", {0, 1, 1}, {0, 0, 1}, {0, 1, 0}),
                     Compare("Greater", {1, 2, 3}, {2, 2, 2}, {0, 0, 1}),
                     Compare("GreaterEqual", {1, 2, 3}, {2, 2, 2}, {0, 1, 1}),
                     Compare("Less", {1, 2, 3}, {2, 2, 2}, {1, 0, 0}),
                     Compare("LessEqual", {1, 2, 3}, {2, 2, 2}, {1, 1, 0}),
                     OpExample{
                         .op = "LogicalAnd",
                         .inputs = {Fixed(kBool, {3}, {0, 1, 1}), Fixed(kBool, {3}, {1, 0, 1})},
                         .outputs = {Fixed(kBool, {3}, {0, 0, 1})}},
                     OpExample{
                         .op = "LogicalOr",
                         .inputs = {Fixed(kBool, {3}, {0, 1, 0}), Fixed(kBool, {3}, {0, 0, 1})},
                         .outputs = {Fixed(kBool, {3}, {0, 1, 1})}},
                     OpExample{.op = "LogicalNot",
                               .inputs = {Fixed(kBool, {2}, {0, 1})},
                               .outputs = {Fixed(kBool, {2}, {1, 0})}});

REGISTER_OP_EXAMPLES(
    OpExample{.op = "Select",
              .inputs = {Fixed(kBool, {2}, {1, 0}), X({2}, {1, 1}), X({2}, {0, 0})},
              .outputs = {X({2}, {1, 0})}},
    // The condition broadcasts over the rows.
    OpExample{.op = "SelectV2",
              .inputs = {Fixed(kBool, {2}, {1, 0}), X({2, 2}, {1, 1, 0, 1}), X({}, {0})},
              .outputs = {X({2, 2}, {1, 0, 0, 0})}},
    OpExample{.op = "BiasAdd",
              .inputs = {X({2, 2}, {1, 2, 3, 4}), X({2}, {10, 20})},
              .outputs = {X({2, 2}, {11, 22, 13, 24})}},
    OpExample{.op = "ClipByValue",
              .inputs = {X({3}, {1, 5, 3}), X({}, {2}), X({}, {4})},
              .outputs = {X({3}, {2, 4, 3})}},
    // softmax(0, log 3) = (1/4, 3/4).
    OpExample{.op = "Softmax",
              .inputs = {X({2}, {0, 1.0986122886681098})},
              .outputs = {X({2}, {0.25, 0.75})}},
    OpExample{.op = "LogSoftmax",
              .inputs = {X({2}, {0, 0})},
              .outputs = {X({2}, {-0.6931471805599453, -0.6931471805599453})}},
    OpExample{.op = "LeakyRelu", .inputs = {X({3}, {-1, 0, 2})}, .outputs = {X({3}, {-0.2, 0, 2})}},
    OpExample{.op = "Prelu",
              .inputs = {X({2, 2}, {-1, 2, -4, 1}), X({2}, {0.5, 0.25})},
              .outputs = {X({2, 2}, {-0.5, 2, -2, 1})}},
    OpExample{.op = "Cast",
              .attrs = "attr { key: \"DstT\" value { type: DT_INT32 } }",
              .inputs = {X({3}, {1, 0, 2})},
              .outputs = {Fixed(kInt32, {3}, {1, 0, 2})},
              .dtype_attr = "SrcT"});

}  // namespace
}  // namespace tfjs::runtime::testing
