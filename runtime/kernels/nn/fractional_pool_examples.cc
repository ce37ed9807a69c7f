// Op examples of FractionalMaxPool and FractionalAvgPool: a ratio of 2 over a 2 x 2 image gives
// one region whatever the draw, boundaries [0, 2].
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_INT64;

const char kAttrs[] =
    "attr { key: 'pooling_ratio' value { list { f: 1 f: 2 f: 2 f: 1 } } } "
    "attr { key: 'deterministic' value { b: true } } attr { key: 'seed' value { i: 1 } }";

REGISTER_OP_EXAMPLES(OpExample{.op = "FractionalMaxPool",
                               .attrs = kAttrs,
                               .inputs = {X({1, 2, 2, 1}, {1, 2, 3, 6})},
                               .outputs = {X({1, 1, 1, 1}, {6}), Fixed(DT_INT64, {2}, {0, 2}),
                                           Fixed(DT_INT64, {2}, {0, 2})}},
                     OpExample{.op = "FractionalAvgPool",
                               .attrs = kAttrs,
                               .inputs = {X({1, 2, 2, 1}, {1, 2, 3, 6})},
                               .outputs = {X({1, 1, 1, 1}, {3}), Fixed(DT_INT64, {2}, {0, 2}),
                                           Fixed(DT_INT64, {2}, {0, 2})}});

}  // namespace
}  // namespace tfjs::runtime::testing
