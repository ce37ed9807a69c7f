// Op examples of QuantizedResizeBilinear and QuantizedInstanceNorm, worked by hand.
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;

ExampleTensor FScalar(double value) { return Fixed(DT_FLOAT, {}, {value}); }

// (0, 100) to width 4: sources 0, 0.5, 1, 1.5 (the last clamped to 1), so 0, 50, 100, 100; the
// fixed-point forms weigh 0.5 as 64/128 and 2^29/2^30, exactly. The range passes through.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "QuantizedResizeBilinear",
    .inputs = {X({1, 1, 2, 1}, {0, 100}), Fixed(DT_INT32, {2}, {1, 4}), FScalar(0), FScalar(100)},
    .outputs = {X({1, 1, 4, 1}, {0, 50, 100, 100}), FScalar(0), FScalar(100)}});

// Codes (0, 2): mean 1, variance 1, normalized to -+1 / sqrt(1 + 1e-5) = -+0.999995; in the
// given range [-2, 2] (63.75 codes per unit, -2 at code 0): round(-+63.7497) + 128 = 64, 192.
REGISTER_OP_EXAMPLES(OpExample{.op = "QuantizedInstanceNorm",
                               .attrs = "attr { key: \"output_range_given\" value { b: true } } "
                                        "attr { key: \"given_y_min\" value { f: -2 } } "
                                        "attr { key: \"given_y_max\" value { f: 2 } }",
                               .inputs = {X({1, 1, 2, 1}, {0, 2}), FScalar(0), FScalar(255)},
                               .outputs = {X({1, 1, 2, 1}, {64, 192}), FScalar(-2), FScalar(2)}});

}  // namespace
}  // namespace tfjs::runtime::testing
