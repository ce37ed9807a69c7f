// Op examples of the FakeQuant ops (float32 only: they have no type attr) and Einsum, worked by
// hand. With min 0 and max 255 over 8 bits the step is 1, so values round to integers.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;

REGISTER_OP_EXAMPLES(
    OpExample{.op = "FakeQuantWithMinMaxArgs",
              .attrs = "attr { key: 'min' value { f: 0 } } attr { key: 'max' value { f: 255 } }",
              .inputs = {Fixed(DT_FLOAT, {3}, {0.4, 1.6, 300})},
              .outputs = {Fixed(DT_FLOAT, {3}, {0, 2, 255})},
              .dtype_attr = ""},
    OpExample{.op = "FakeQuantWithMinMaxVars",
              .inputs = {Fixed(DT_FLOAT, {3}, {0.4, 1.6, 300}), Fixed(DT_FLOAT, {}, {0}),
                         Fixed(DT_FLOAT, {}, {255})},
              .outputs = {Fixed(DT_FLOAT, {3}, {0, 2, 255})},
              .dtype_attr = ""},
    // Channel 1's range [0, 510] has step 2: 1.6 rounds to 2, 300 to 300.
    OpExample{.op = "FakeQuantWithMinMaxVarsPerChannel",
              .inputs = {Fixed(DT_FLOAT, {2, 2}, {0.4, 1.6, 300, 300}),
                         Fixed(DT_FLOAT, {2}, {0, 0}), Fixed(DT_FLOAT, {2}, {255, 510})},
              .outputs = {Fixed(DT_FLOAT, {2, 2}, {0, 2, 255, 300})},
              .dtype_attr = ""},
    OpExample{.op = "Einsum",
              .attrs = "attr { key: 'equation' value { s: 'ij,jk->ik' } } "
                       "attr { key: 'N' value { i: 2 } }",
              .inputs = {X({1, 2}, {1, 2}), X({2, 1}, {3, 4})},
              .outputs = {X({1, 1}, {11})}});

}  // namespace
}  // namespace tfjs::runtime::testing
