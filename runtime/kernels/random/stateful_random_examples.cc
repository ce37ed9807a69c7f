// Op examples of the stateful random ops (stateful_random.cc). State [0, 1, 5] is the Philox
// counter [0, 0, 1, 0] under key 5, the generator of TF's seeded ops with seeds 5 and 1, so the
// normal values are TF's documented tf.random.normal([2, 2], seed=1) after tf.random.set_seed(5).
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_BFLOAT16;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_HALF;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_UINT32;
using tensorflow::DT_UINT64;

const char kShapeInt32[] = "attr { key: 'shape_dtype' value { type: DT_INT32 } }";

OpExample Stateful(const std::string& op, const std::string& name, std::vector<double> values,
                   std::vector<DataType> dtypes, std::vector<ExampleTensor> bounds = {}) {
  std::vector<ExampleTensor> inputs = {Fixed(DT_INT64, {3}, {0, 1, 5}), Fixed(DT_INT64, {}, {1}),
                                       Fixed(DT_INT32, {1}, {static_cast<double>(values.size())})};
  for (const ExampleTensor& bound : bounds) inputs.push_back(bound);
  const Shape shape = {static_cast<int64_t>(values.size())};
  return OpExample{.op = op,
                   .name = name,
                   .attrs = kShapeInt32,
                   .inputs = std::move(inputs),
                   .outputs = {X(shape, std::move(values))},
                   .dtype_attr = "dtype",
                   .only_dtypes = std::move(dtypes)};
}

const std::vector<double> kNormal = {-1.3768897509547529, -0.012583157529733158,
                                     -0.16951499685009175, 1.0824056056061053};

REGISTER_OP_EXAMPLES(
    Stateful("StatefulUniform", "float32",
             {0.38751840591430664, 0.7485455274581909, 0.548719048500061, 0.9752756357192993},
             {DT_FLOAT}),
    Stateful("StatefulUniform", "float64",
             {0.10014755977046774, 0.3897530659572699, 0.2811135661371156, 0.019795973783178322},
             {DT_DOUBLE}),
    Stateful("StatefulUniform", "float16", {0.55078125, 0.0849609375, 0.1064453125, 0.4580078125},
             {DT_HALF}),
    Stateful("StatefulUniform", "bfloat16", {0.40625, 0.6796875, 0.8515625, 0.6640625},
             {DT_BFLOAT16}),
    Stateful("StatefulStandardNormalV2", "float", kNormal, {DT_FLOAT, DT_HALF, DT_BFLOAT16}),
    Stateful("StatefulStandardNormalV2", "float64",
             {1.3700151600563044, -1.6508420963385997, 0.19764305656650125, 1.5808005265917415},
             {DT_DOUBLE}),
    Stateful("StatefulTruncatedNormal", "float",
             {-1.3768897509547529, -0.012583157529733158, -0.16951499685009175, 1.0824056056061053,
              -0.1062281741005755},
             {DT_FLOAT, DT_HALF, DT_BFLOAT16}),
    Stateful("StatefulTruncatedNormal", "float64",
             {1.3700151600563044, -1.6508420963385997, -0.8136816504019115, 0.05003778684434004},
             {DT_DOUBLE}),
    Stateful("StatefulUniformInt", "int32", {1, -2, 0, 6}, {DT_INT32}, {X({}, {-3}), X({}, {7})}),
    Stateful("StatefulUniformInt", "int64", {-3, 4, -1, -2}, {DT_INT64}, {X({}, {-3}), X({}, {7})}),
    Stateful("StatefulUniformFullInt", "int32", {1664195124, 1407176791, -2126103443, -1241721387},
             {DT_INT32}),
    Stateful("StatefulUniformFullInt", "uint32", {1664195124, 1407176791, 2168863853, 3053245909},
             {DT_UINT32}));

// StatefulStandardNormal's state starts with the algorithm (Philox).
REGISTER_OP_EXAMPLES(
    OpExample{.op = "StatefulStandardNormal",
              .attrs = kShapeInt32,
              .inputs = {Fixed(DT_INT64, {4}, {1, 0, 1, 5}), Fixed(DT_INT32, {2}, {2, 2})},
              .outputs = {X({2, 2}, kNormal)},
              .dtype_attr = "dtype",
              .only_dtypes = {DT_FLOAT, DT_HALF, DT_BFLOAT16}},
    OpExample{.op = "StatefulStandardNormal",
              .name = "float64",
              .attrs = kShapeInt32,
              .inputs = {Fixed(DT_INT64, {4}, {1, 0, 1, 5}), Fixed(DT_INT32, {1}, {2})},
              .outputs = {X({2}, {1.3700151600563044, -1.6508420963385997})},
              .dtype_attr = "dtype",
              .only_dtypes = {DT_DOUBLE}});

// RngReadAndSkip returns the state it then moves on. (RngSkip has no output for an example to
// check: stateful_random_test.cc tests the skip.)
REGISTER_OP_EXAMPLES(OpExample{.op = "RngReadAndSkip",
                               .inputs = {Fixed(DT_INT64, {3}, {7, 1, 5}), Fixed(DT_INT32, {}, {1}),
                                          Fixed(DT_UINT64, {}, {2})},
                               .outputs = {Fixed(DT_INT64, {3}, {7, 1, 5})}},
                     OpExample{.op = "NonDeterministicInts",
                               .attrs = kShapeInt32,
                               .inputs = {Fixed(DT_INT32, {2}, {0, 3})},
                               .outputs = {X({0, 3}, {})},
                               .dtype_attr = "dtype"});

}  // namespace
}  // namespace tfjs::runtime::testing
