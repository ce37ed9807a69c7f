// Op examples of the seeded TF1 random ops (seeded_random.cc, multinomial.cc, random_gamma.cc,
// random_poisson.cc, random_shuffle.cc), the binomial, truncated-normal and candidate-sampler
// kernels. Seeds 5 and 1 give the Philox generator of TF's tf.random.normal([2, 2], seed=1) after
// tf.random.set_seed(5) (-1.3768897, -0.01258316, -0.169515, 1.0824056 in TF's docs), the same one
// stateful_random_examples.cc starts from, so uniform, normal, truncated and integer values are
// TF's. The rejection samplers' examples use parameters whose samples are certain (rate 0, prob 0
// or 1, one finite logit, a range of one class) or empty outputs; their tests check the draws.
#include <limits>
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_BFLOAT16;
using tensorflow::DT_BOOL;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_HALF;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_UINT64;

const char kSeeds[] =
    "attr { key: 'seed' value { i: 5 } } attr { key: 'seed2' value { i: 1 } } "
    "attr { key: 'T' value { type: DT_INT32 } }";

OpExample Seeded(const std::string& op, const std::string& name, std::vector<double> values,
                 std::vector<DataType> dtypes, std::vector<ExampleTensor> bounds = {}) {
  std::vector<ExampleTensor> inputs = {Fixed(DT_INT32, {1}, {static_cast<double>(values.size())})};
  for (const ExampleTensor& bound : bounds) inputs.push_back(bound);
  const Shape shape = {static_cast<int64_t>(values.size())};
  return OpExample{.op = op,
                   .name = name,
                   .attrs = kSeeds,
                   .inputs = std::move(inputs),
                   .outputs = {X(shape, std::move(values))},
                   .dtype_attr = bounds.empty() ? "dtype" : "Tout",
                   .only_dtypes = std::move(dtypes)};
}

const std::vector<double> kNormal = {-1.3768897509547529, -0.012583157529733158,
                                     -0.16951499685009175, 1.0824056056061053};
constexpr double kInf = std::numeric_limits<double>::infinity();

REGISTER_OP_EXAMPLES(
    Seeded("RandomUniform", "float32",
           {0.38751840591430664, 0.7485455274581909, 0.548719048500061, 0.9752756357192993},
           {DT_FLOAT}),
    Seeded("RandomUniform", "float64",
           {0.10014755977046774, 0.3897530659572699, 0.2811135661371156, 0.019795973783178322},
           {DT_DOUBLE}),
    Seeded("RandomUniform", "float16", {0.55078125, 0.0849609375, 0.1064453125, 0.4580078125},
           {DT_HALF}),
    Seeded("RandomUniform", "bfloat16", {0.40625, 0.6796875, 0.8515625, 0.6640625}, {DT_BFLOAT16}),
    Seeded("RandomStandardNormal", "float", kNormal, {DT_FLOAT, DT_HALF, DT_BFLOAT16}),
    Seeded("RandomStandardNormal", "float64",
           {1.3700151600563044, -1.6508420963385997, 0.19764305656650125, 1.5808005265917415},
           {DT_DOUBLE}),
    Seeded("TruncatedNormal", "float",
           {-1.3768897509547529, -0.012583157529733158, -0.16951499685009175, 1.0824056056061053,
            -0.1062281741005755},
           {DT_FLOAT, DT_HALF, DT_BFLOAT16}),
    Seeded("TruncatedNormal", "float64",
           {1.3700151600563044, -1.6508420963385997, -0.8136816504019115, 0.05003778684434004},
           {DT_DOUBLE}),
    Seeded("RandomUniformInt", "int32", {1, -2, 0, 6}, {DT_INT32}, {X({}, {-3}), X({}, {7})}),
    Seeded("RandomUniformInt", "int64", {-3, 4, -1, -2}, {DT_INT64}, {X({}, {-3}), X({}, {7})}));

// Only class 1 has a finite logit, so every sample is 1.
REGISTER_OP_EXAMPLES(OpExample{.op = "Multinomial",
                               .attrs = kSeeds,
                               .inputs = {X({2, 3}, {-kInf, 0, -kInf, -kInf, 2, -kInf}),
                                          Fixed(DT_INT32, {}, {3})},
                               .outputs = {Fixed(DT_INT64, {2, 3}, {1, 1, 1, 1, 1, 1})}},
                     OpExample{.op = "StatelessMultinomial",
                               .attrs = "attr { key: 'Tseed' value { type: DT_INT32 } }",
                               .inputs = {X({1, 3}, {-kInf, -kInf, 1}), Fixed(DT_INT32, {}, {2}),
                                          Fixed(DT_INT32, {2}, {1, 2})},
                               .outputs = {Fixed(DT_INT64, {1, 2}, {2, 2})}});

// Gamma: empty outputs (samples are checked in random_gamma_test.cc).
REGISTER_OP_EXAMPLES(
    OpExample{
        .op = "RandomGamma",
        .attrs = "attr { key: 'seed' value { i: 5 } } attr { key: 'S' value { type: DT_INT32 } }",
        .inputs = {Fixed(DT_INT32, {1}, {0}), X({2}, {1, 2})},
        .outputs = {X({0, 2}, {})}},
    OpExample{
        .op = "StatelessRandomGammaV2",
        .attrs = "attr { key: 'T' value { type: DT_INT32 } } "
                 "attr { key: 'Tseed' value { type: DT_INT32 } }",
        .inputs = {Fixed(DT_INT32, {2}, {0, 2}), Fixed(DT_INT32, {2}, {1, 2}), X({2}, {1, 2})},
        .outputs = {X({0, 2}, {})},
        .dtype_attr = "dtype"},
    OpExample{.op = "StatelessRandomGammaV3",
              .attrs = "attr { key: 'shape_dtype' value { type: DT_INT32 } }",
              .inputs = {Fixed(DT_INT32, {2}, {0, 2}), Fixed(DT_UINT64, {1}, {5}),
                         Fixed(DT_UINT64, {2}, {0, 1}), Fixed(DT_INT32, {}, {1}), X({2}, {1, 2})},
              .outputs = {X({0, 2}, {})},
              .dtype_attr = "dtype"});

// Poisson of rate 0 (or below) is always 0.
REGISTER_OP_EXAMPLES(
    OpExample{
        .op = "RandomPoisson",
        .attrs = "attr { key: 'seed' value { i: 5 } } attr { key: 'S' value { type: DT_INT32 } }",
        .inputs = {Fixed(DT_INT32, {1}, {3}), X({2}, {0, -1})},
        .outputs = {X({3, 2}, {0, 0, 0, 0, 0, 0})},
        .dtype_attr = "dtype"},
    OpExample{
        .op = "RandomPoissonV2",
        .name = "rates",
        .attrs = "attr { key: 'seed' value { i: 5 } } attr { key: 'S' value { type: DT_INT32 } } "
                 "attr { key: 'dtype' value { type: DT_INT64 } }",
        .inputs = {Fixed(DT_INT32, {1}, {2}), X({1}, {0})},
        .outputs = {Fixed(DT_INT64, {2, 1}, {0, 0})},
        .dtype_attr = "R"},
    OpExample{
        .op = "RandomPoissonV2",
        .name = "outputs",
        .attrs = "attr { key: 'seed' value { i: 5 } } attr { key: 'S' value { type: DT_INT32 } } "
                 "attr { key: 'R' value { type: DT_DOUBLE } }",
        .inputs = {Fixed(DT_INT32, {1}, {2}), Fixed(DT_DOUBLE, {1}, {0})},
        .outputs = {X({2, 1}, {0, 0})},
        .dtype_attr = "dtype"},
    OpExample{.op = "StatelessRandomPoisson",
              .name = "rates",
              .attrs = "attr { key: 'T' value { type: DT_INT32 } } "
                       "attr { key: 'Tseed' value { type: DT_INT32 } } "
                       "attr { key: 'dtype' value { type: DT_FLOAT } }",
              .inputs = {Fixed(DT_INT32, {2}, {2, 1}), Fixed(DT_INT32, {2}, {1, 2}), X({1}, {0})},
              .outputs = {Fixed(DT_FLOAT, {2, 1}, {0, 0})},
              .dtype_attr = "Rtype"},
    OpExample{.op = "StatelessRandomPoisson",
              .name = "outputs",
              .attrs = "attr { key: 'T' value { type: DT_INT32 } } "
                       "attr { key: 'Tseed' value { type: DT_INT32 } } "
                       "attr { key: 'Rtype' value { type: DT_FLOAT } }",
              .inputs = {Fixed(DT_INT32, {2}, {2, 1}), Fixed(DT_INT32, {2}, {1, 2}),
                         Fixed(DT_FLOAT, {1}, {0})},
              .outputs = {X({2, 1}, {0, 0})},
              .dtype_attr = "dtype"});

// Binomial with prob 0 is 0 and with prob 1 is count; count 0 is 0.
const char kBinomialAttrs[] =
    "attr { key: 'S' value { type: DT_INT32 } } attr { key: 'Tseed' value { type: DT_INT32 } } ";
REGISTER_OP_EXAMPLES(
    OpExample{
        .op = "StatelessRandomBinomial",
        .name = "params",
        .attrs = std::string(kBinomialAttrs) + "attr { key: 'dtype' value { type: DT_INT64 } }",
        .inputs = {Fixed(DT_INT32, {2}, {2, 3}), Fixed(DT_INT32, {2}, {1, 2}), X({3}, {5, 5, 0}),
                   X({3}, {0, 1, 0.5})},
        .outputs = {Fixed(DT_INT64, {2, 3}, {0, 5, 0, 0, 5, 0})}},
    OpExample{.op = "StatelessRandomBinomial",
              .name = "outputs",
              .attrs = std::string(kBinomialAttrs) + "attr { key: 'T' value { type: DT_FLOAT } }",
              .inputs = {Fixed(DT_INT32, {1}, {2}), Fixed(DT_INT32, {2}, {1, 2}),
                         Fixed(DT_FLOAT, {}, {7}), Fixed(DT_FLOAT, {}, {1})},
              .outputs = {X({2}, {7, 7})},
              .dtype_attr = "dtype"},
    OpExample{.op = "StatefulRandomBinomial",
              .attrs = "attr { key: 'S' value { type: DT_INT32 } } "
                       "attr { key: 'dtype' value { type: DT_INT32 } }",
              .inputs = {Fixed(DT_INT64, {3}, {0, 1, 5}), Fixed(DT_INT64, {}, {1}),
                         Fixed(DT_INT32, {1}, {2}), X({2}, {3, 4}), X({}, {1})},
              .outputs = {Fixed(DT_INT32, {2}, {3, 4})}});

// Empty outputs: the samplers' draws are checked in parameterized_truncated_normal_test.cc.
REGISTER_OP_EXAMPLES(OpExample{.op = "ParameterizedTruncatedNormal",
                               .attrs = kSeeds,
                               .inputs = {Fixed(DT_INT32, {2}, {0, 3}), X({}, {0}), X({}, {1}),
                                          X({}, {-1}), X({}, {1})},
                               .outputs = {X({0, 3}, {})},
                               .dtype_attr = "dtype"},
                     OpExample{
                         .op = "StatelessParameterizedTruncatedNormal",
                         .attrs = "attr { key: 'S' value { type: DT_INT32 } } "
                                  "attr { key: 'Tseed' value { type: DT_INT32 } }",
                         .inputs = {Fixed(DT_INT32, {2}, {0, 2}), Fixed(DT_INT32, {2}, {1, 2}),
                                    X({}, {0}), X({}, {1}), X({}, {-1}), X({2}, {1, 2})},
                         .outputs = {X({0, 2}, {})},
                         .dtype_attr = "dtype"});

// Equal elements (or one slice) shuffle to themselves; every dtype but resource and variant.
const std::vector<DataType> kShuffleDtypes = {DT_HALF,
                                              DT_BFLOAT16,
                                              DT_FLOAT,
                                              DT_DOUBLE,
                                              tensorflow::DT_INT8,
                                              tensorflow::DT_INT16,
                                              DT_INT32,
                                              DT_INT64,
                                              tensorflow::DT_UINT8,
                                              tensorflow::DT_UINT16,
                                              tensorflow::DT_UINT32,
                                              DT_UINT64,
                                              DT_BOOL,
                                              tensorflow::DT_STRING,
                                              tensorflow::DT_COMPLEX64,
                                              tensorflow::DT_COMPLEX128};
REGISTER_OP_EXAMPLES(OpExample{.op = "RandomShuffle",
                               .attrs = "attr { key: 'seed' value { i: 5 } }",
                               .inputs = {X({3, 2}, {1, 0, 1, 0, 1, 0})},
                               .outputs = {X({3, 2}, {1, 0, 1, 0, 1, 0})},
                               .only_dtypes = kShuffleDtypes},
                     OpExample{.op = "StatelessShuffle",
                               .inputs = {X({1, 2}, {1, 0}), Fixed(DT_UINT64, {1}, {5}),
                                          Fixed(DT_UINT64, {2}, {0, 1}), Fixed(DT_INT32, {}, {1})},
                               .outputs = {X({1, 2}, {1, 0})},
                               .only_dtypes = kShuffleDtypes});

// A range of one class leaves one choice; AllCandidateSampler takes classes 0 .. num_sampled - 1.
const char kSamplerAttrs[] =
    "attr { key: 'num_true' value { i: 1 } } attr { key: 'num_sampled' value { i: 2 } } "
    "attr { key: 'unique' value { b: false } } attr { key: 'range_max' value { i: 1 } } "
    "attr { key: 'seed' value { i: 5 } }";
OpExample Sampler(const std::string& op, std::string extra_attrs = "") {
  return OpExample{.op = op,
                   .attrs = kSamplerAttrs + extra_attrs,
                   .inputs = {Fixed(DT_INT64, {2, 1}, {0, 0})},
                   .outputs = {Fixed(DT_INT64, {2}, {0, 0}), Fixed(DT_FLOAT, {2, 1}, {2, 2}),
                               Fixed(DT_FLOAT, {2}, {2, 2})},
                   .dtype_attr = ""};
}
REGISTER_OP_EXAMPLES(
    Sampler("UniformCandidateSampler"), Sampler("LogUniformCandidateSampler"),
    Sampler("LearnedUnigramCandidateSampler"), Sampler("ThreadUnsafeUnigramCandidateSampler"),
    Sampler("FixedUnigramCandidateSampler", " attr { key: 'unigrams' value { list { f: 3 } } }"),
    OpExample{.op = "AllCandidateSampler",
              .attrs = "attr { key: 'num_true' value { i: 1 } } "
                       "attr { key: 'num_sampled' value { i: 3 } } "
                       "attr { key: 'unique' value { b: true } }",
              .inputs = {Fixed(DT_INT64, {1, 1}, {1})},
              .outputs = {Fixed(DT_INT64, {3}, {0, 1, 2}), Fixed(DT_FLOAT, {1, 1}, {1}),
                          Fixed(DT_FLOAT, {3}, {1, 1, 1})},
              .dtype_attr = ""},
    // True classes 3 and 7 of row 0 and 7 of row 1 are sampled, at positions 2 and 0.
    OpExample{
        .op = "ComputeAccidentalHits",
        .attrs = "attr { key: 'num_true' value { i: 2 } }",
        .inputs = {Fixed(DT_INT64, {2, 2}, {3, 7, 7, 1}), Fixed(DT_INT64, {3}, {7, 5, 3})},
        .outputs = {Fixed(DT_INT32, {3}, {0, 0, 1}), Fixed(DT_INT64, {3}, {2, 0, 0}),
                    Fixed(DT_FLOAT, {3},
                          {-std::numeric_limits<float>::max(), -std::numeric_limits<float>::max(),
                           -std::numeric_limits<float>::max()})},
        .dtype_attr = ""});

}  // namespace
}  // namespace tfjs::runtime::testing
