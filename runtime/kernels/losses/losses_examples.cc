// Op examples of L2Loss and the softmax cross entropies, worked by hand.
#include <cmath>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_INT32;

REGISTER_OP_EXAMPLES(OpExample{.op = "L2Loss",
                               .inputs = {X({3}, {1, -2, 3})},
                               .outputs = {X({}, {7})}},
                     // Equal logits: softmax (1/2, 1/2); loss log 2, gradient softmax - labels.
                     OpExample{.op = "SoftmaxCrossEntropyWithLogits",
                               .inputs = {X({1, 2}, {0, 0}), X({1, 2}, {1, 0})},
                               .outputs = {X({1}, {std::log(2.0)}), X({1, 2}, {-0.5, 0.5})}},
                     OpExample{.op = "SparseSoftmaxCrossEntropyWithLogits",
                               .attrs = "attr { key: 'Tlabels' value { type: DT_INT32 } }",
                               .inputs = {X({1, 2}, {0, 0}), Fixed(DT_INT32, {1}, {0})},
                               .outputs = {X({1}, {std::log(2.0)}), X({1, 2}, {-0.5, 0.5})}});

}  // namespace
}  // namespace tfjs::runtime::testing
