// Op examples of AddN, AccumulateNV2, ApproximateEqual, ToBool, PopulationCount, Bucketize,
// HistogramFixedWidth and StochasticCastToInt, run for every dtype each declares by
// //runtime/kernels:dtype_matrix_test.
#include <limits>
#include <string>
#include <vector>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DataType;

constexpr char kTwoInputs[] = "attr { key: \"N\" value { i: 2 } }";

REGISTER_OP_EXAMPLES(
    OpExample{.op = "AddN",
              .attrs = kTwoInputs,
              .inputs = {X({3}, {1, 2, 3}), X({3}, {4, 5, 6})},
              .outputs = {X({3}, {5, 7, 9})}},
    OpExample{.op = "AccumulateNV2",
              .attrs = std::string(kTwoInputs) +
                       "attr { key: \"shape\" value { shape { dim { size: 3 } } } }",
              .inputs = {X({3}, {1, 2, 3}), X({3}, {4, 5, 6})},
              .outputs = {X({3}, {5, 7, 9})}},
    // |x - y| < tolerance, strictly.
    OpExample{.op = "ApproximateEqual",
              .attrs = "attr { key: \"tolerance\" value { f: 0.5 } }",
              .inputs = {X({4}, {1, 2, 3, 4}), X({4}, {1.25, 2.5, 3, 5})},
              .outputs = {Fixed(tensorflow::DT_BOOL, {4}, {1, 0, 1, 0})}},
    OpExample{.op = "ToBool",
              .name = "scalar",
              .inputs = {X({}, {0})},
              .outputs = {Fixed(tensorflow::DT_BOOL, {}, {0})}},
    OpExample{.op = "ToBool",
              .name = "vector",
              .inputs = {X({2}, {0, 0})},
              .outputs = {Fixed(tensorflow::DT_BOOL, {}, {1})}},
    // 3 = 0b11, 7 = 0b111, 100 = 0b1100100.
    OpExample{.op = "PopulationCount",
              .inputs = {X({4}, {0, 3, 7, 100})},
              .outputs = {Fixed(tensorflow::DT_UINT8, {4}, {0, 2, 3, 3})}},
    OpExample{.op = "PopulationCount",
              .name = "negative",
              .inputs = {X({1}, {-1})},
              .outputs = {Fixed(tensorflow::DT_UINT8, {1}, {8})},
              .only_dtypes = {tensorflow::DT_INT8}},
    // Boundaries [0, 10, 100]: how many are <= each value.
    OpExample{.op = "Bucketize",
              .attrs = "attr { key: \"boundaries\" value { list { f: 0 f: 10 f: 100 } } }",
              .inputs = {X({4}, {-5, 0, 10, 150})},
              .outputs = {Fixed(tensorflow::DT_INT32, {4}, {0, 1, 2, 3})},
              .only_dtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64, tensorflow::DT_FLOAT,
                              tensorflow::DT_DOUBLE}},
    // Bins of width 2 over [0, 10); -1 and 12 land in the outer bins.
    OpExample{.op = "HistogramFixedWidth",
              .inputs = {X({6}, {-1, 0, 1.5, 2, 5, 12}), X({2}, {0, 10}),
                         Fixed(tensorflow::DT_INT32, {}, {5})},
              .outputs = {Fixed(tensorflow::DT_INT32, {5}, {3, 1, 1, 0, 1})},
              .only_dtypes = {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE}},
    OpExample{.op = "HistogramFixedWidth",
              .name = "integers",
              .inputs = {X({6}, {-1, 0, 1, 2, 5, 12}), X({2}, {0, 10}),
                         Fixed(tensorflow::DT_INT32, {}, {5})},
              .outputs = {Fixed(tensorflow::DT_INT32, {5}, {3, 1, 1, 0, 1})},
              .only_dtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64}});

// Integers and NaN do not draw: 0 for NaN, saturated beyond the output type.
OpExample StochasticCast(const char* out_type, std::vector<double> x, DataType out,
                         std::vector<double> y) {
  const int64_t n = static_cast<int64_t>(x.size());
  return OpExample{
      .op = "StochasticCastToInt",
      .name = out_type,
      .attrs = std::string("attr { key: \"Tout\" value { type: ") + out_type + " } }",
      .inputs = {X({n}, std::move(x)), Fixed(tensorflow::DT_UINT64, {1}, {7}),
                 Fixed(tensorflow::DT_UINT64, {2}, {0, 0}), Fixed(tensorflow::DT_INT32, {}, {1})},
      .outputs = {Fixed(out, {n}, std::move(y))},
      .dtype_attr = "Tin"};
}

REGISTER_OP_EXAMPLES(StochasticCast("DT_INT32",
                                    {1, -2, 3, std::numeric_limits<double>::quiet_NaN()},
                                    tensorflow::DT_INT32, {1, -2, 3, 0}),
                     StochasticCast("DT_INT8", {1000, -1000, 5}, tensorflow::DT_INT8,
                                    {127, -128, 5}),
                     StochasticCast("DT_INT16", {-40000, 7}, tensorflow::DT_INT16, {-32768, 7}));

}  // namespace
}  // namespace tfjs::runtime::testing
