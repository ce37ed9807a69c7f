// Op examples of the stateless random ops (stateless_random.cc), with TF's values. V1 ops take
// seed [1, 2] (TF's tf.random.stateless_normal([2, 3], seed=[1, 2]) starts 0.5441101,
// 0.20738031, 0.07356433, 0.04643455); V2 ops take key 5, counter [0, 1], the generator TF's
// seeded ops make from seed 5, seed2 1 (tf.random.normal([2, 2], seed=1) after
// tf.random.set_seed(5) is -1.3768897, -0.01258316, -0.169515, 1.0824056 in TF's docs). The other
// distributions read the same Philox words.
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

const char kV1Attrs[] =
    "attr { key: 'T' value { type: DT_INT32 } } attr { key: 'Tseed' value { type: DT_INT32 } }";
const char kV2Attrs[] = "attr { key: 'Tshape' value { type: DT_INT32 } }";

OpExample V1(const std::string& op, const std::string& name, std::vector<double> values,
             std::vector<DataType> dtypes, std::vector<ExampleTensor> bounds = {}) {
  std::vector<ExampleTensor> inputs = {Fixed(DT_INT32, {1}, {static_cast<double>(values.size())}),
                                       Fixed(DT_INT32, {2}, {1, 2})};
  for (const ExampleTensor& bound : bounds) inputs.push_back(bound);
  const Shape shape = {static_cast<int64_t>(values.size())};
  return OpExample{.op = op,
                   .name = name,
                   .attrs = kV1Attrs,
                   .inputs = std::move(inputs),
                   .outputs = {X(shape, std::move(values))},
                   .dtype_attr = "dtype",
                   .only_dtypes = std::move(dtypes)};
}

OpExample V2(const std::string& op, const std::string& name, std::vector<double> values,
             std::vector<DataType> dtypes, std::vector<ExampleTensor> bounds = {}) {
  std::vector<ExampleTensor> inputs = {Fixed(DT_INT32, {1}, {static_cast<double>(values.size())}),
                                       Fixed(DT_UINT64, {1}, {5}), Fixed(DT_UINT64, {2}, {0, 1}),
                                       Fixed(DT_INT32, {}, {1})};
  for (const ExampleTensor& bound : bounds) inputs.push_back(bound);
  const Shape shape = {static_cast<int64_t>(values.size())};
  return OpExample{.op = op,
                   .name = name,
                   .attrs = kV2Attrs,
                   .inputs = std::move(inputs),
                   .outputs = {X(shape, std::move(values))},
                   .dtype_attr = "dtype",
                   .only_dtypes = std::move(dtypes)};
}

const std::vector<DataType> k32BitFloats = {DT_FLOAT, DT_HALF, DT_BFLOAT16};

REGISTER_OP_EXAMPLES(
    V1("StatelessRandomUniform", "float32",
       {0.8440604209899902, 0.19204533100128174, 0.9962232112884521, 0.16038739681243896},
       {DT_FLOAT}),
    V1("StatelessRandomUniform", "float64",
       {0.7524837538451801, 0.9697857725627486, 0.17592233912897481, 0.8555556648693279},
       {DT_DOUBLE}),
    V1("StatelessRandomUniform", "float16", {0.54296875, 0.2353515625, 0.060546875, 0.8935546875},
       {DT_HALF}),
    V1("StatelessRandomUniform", "bfloat16", {0.34375, 0.8828125, 0.484375, 0.1484375},
       {DT_BFLOAT16}),
    V1("StatelessRandomNormal", "float",
       {0.5441100963262215, 0.20738031661812784, 0.07356431973432542, 0.04643455201208724},
       k32BitFloats),
    V1("StatelessRandomNormal", "float64",
       {-0.1423118100189212, 0.7406072461585091, -1.469047669443883, 1.147747453689489},
       {DT_DOUBLE}),
    V1("StatelessTruncatedNormal", "float",
       {0.5441100963262215, 0.20738031661812784, 0.07356431973432542, 0.04643455201208724,
        0.1682059160468512},
       k32BitFloats),
    V1("StatelessTruncatedNormal", "float64",
       {-0.1423118100189212, 0.7406072461585091, -0.552387756244845, -0.734450092480207},
       {DT_DOUBLE}),
    V1("StatelessRandomUniformInt", "int32", {-3, 6, 1, 6}, {DT_INT32}, {X({}, {-3}), X({}, {7})}),
    V1("StatelessRandomUniformInt", "int64", {1, 5, 4, 0}, {DT_INT64}, {X({}, {-3}), X({}, {7})}),
    V1("StatelessRandomUniformFullInt", "int32", {1105988140, 1738052849, -335576002, 370444179},
       {DT_INT32}),
    V1("StatelessRandomUniformFullInt", "uint32", {1105988140, 1738052849, 3959391294, 370444179},
       {DT_UINT32}));

REGISTER_OP_EXAMPLES(
    V2("StatelessRandomUniformV2", "float32",
       {0.38751840591430664, 0.7485455274581909, 0.548719048500061, 0.9752756357192993},
       {DT_FLOAT}),
    V2("StatelessRandomUniformV2", "float64",
       {0.10014755977046774, 0.3897530659572699, 0.2811135661371156, 0.019795973783178322},
       {DT_DOUBLE}),
    V2("StatelessRandomUniformV2", "float16",
       {0.55078125, 0.0849609375, 0.1064453125, 0.4580078125}, {DT_HALF}),
    V2("StatelessRandomUniformV2", "bfloat16", {0.40625, 0.6796875, 0.8515625, 0.6640625},
       {DT_BFLOAT16}),
    V2("StatelessRandomNormalV2", "float",
       {-1.3768897509547529, -0.012583157529733158, -0.16951499685009175, 1.0824056056061053},
       k32BitFloats),
    V2("StatelessRandomNormalV2", "float64",
       {1.3700151600563044, -1.6508420963385997, 0.19764305656650125, 1.5808005265917415},
       {DT_DOUBLE}),
    V2("StatelessTruncatedNormalV2", "float",
       {-1.3768897509547529, -0.012583157529733158, -0.16951499685009175, 1.0824056056061053,
        -0.1062281741005755},
       k32BitFloats),
    V2("StatelessTruncatedNormalV2", "float64",
       {1.3700151600563044, -1.6508420963385997, -0.8136816504019115, 0.05003778684434004},
       {DT_DOUBLE}),
    V2("StatelessRandomUniformIntV2", "int32", {1, -2, 0, 6}, {DT_INT32},
       {X({}, {-3}), X({}, {7})}),
    V2("StatelessRandomUniformIntV2", "int64", {-3, 4, -1, -2}, {DT_INT64},
       {X({}, {-3}), X({}, {7})}),
    V2("StatelessRandomUniformFullIntV2", "int32",
       {1664195124, 1407176791, -2126103443, -1241721387}, {DT_INT32}),
    V2("StatelessRandomUniformFullIntV2", "uint32",
       {1664195124, 1407176791, 2168863853, 3053245909}, {DT_UINT32}));

// Seed [1, 2] gives key 0x908502c96d2f7fba and counter [0, 0xf7734320619cb60b] (compared as
// doubles here; stateless_random_test.cc checks every bit).
REGISTER_OP_EXAMPLES(OpExample{.op = "StatelessRandomGetKeyCounter",
                               .inputs = {X({2}, {1, 2})},
                               .outputs = {Fixed(DT_UINT64, {1}, {10413732777507651514.0}),
                                           Fixed(DT_UINT64, {2}, {0, 17830669156045600267.0})},
                               .dtype_attr = "Tseed"},
                     OpExample{.op = "StatelessRandomGetKeyCounterAlg",
                               .inputs = {X({2}, {1, 2})},
                               .outputs = {Fixed(DT_UINT64, {1}, {10413732777507651514.0}),
                                           Fixed(DT_UINT64, {2}, {0, 17830669156045600267.0}),
                                           Fixed(DT_INT32, {}, {1})},
                               .dtype_attr = "Tseed"},
                     OpExample{.op = "StatelessRandomGetAlg",
                               .outputs = {Fixed(DT_INT32, {}, {1})}});

}  // namespace
}  // namespace tfjs::runtime::testing
