// Op examples of the CTC kernels, worked by hand on one-frame and two-frame problems.
#include <cmath>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

REGISTER_OP_EXAMPLES(
    // One uniform frame over (label 0, blank): p("0") = 1/2; gradient softmax - occupancy.
    OpExample{.op = "CTCLoss",
              .inputs = {X({1, 1, 2}, {0, 0}), Fixed(DT_INT64, {1, 2}, {0, 0}),
                         Fixed(DT_INT32, {1}, {0}), Fixed(DT_INT32, {1}, {1})},
              .outputs = {X({1}, {std::log(2.0)}), X({1, 1, 2}, {-0.5, 0.5})}},
    // Frames' best classes 0 and 2 (the blank): decoded [0], log probability -(1 + 1).
    OpExample{.op = "CTCGreedyDecoder",
              .inputs = {X({2, 1, 3}, {1, 0, 0, 0, 0, 1}), Fixed(DT_INT32, {1}, {2})},
              .outputs = {Fixed(DT_INT64, {1, 2}, {0, 0}), Fixed(DT_INT64, {1}, {0}),
                          Fixed(DT_INT64, {2}, {1, 1}), X({1, 1}, {-2})}},
    // One frame, logits (1, 0): the path [0] has log probability 1 - log(1 + e).
    OpExample{.op = "CTCBeamSearchDecoder",
              .attrs = "attr { key: 'beam_width' value { i: 1 } } "
                       "attr { key: 'top_paths' value { i: 1 } }",
              .inputs = {X({1, 1, 2}, {1, 0}), Fixed(DT_INT32, {1}, {1})},
              .outputs = {Fixed(DT_INT64, {1, 2}, {0, 0}), Fixed(DT_INT64, {1}, {0}),
                          Fixed(DT_INT64, {2}, {1, 1}), X({1, 1}, {1 - std::log(1 + M_E)})}});

}  // namespace
}  // namespace tfjs::runtime::testing
