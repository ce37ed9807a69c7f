// Op examples of the smaller nn kernels (bias_batch_norm_v1.cc, top_k_ops.cc,
// isotonic_regression.cc, max_pool_extra.cc, dilation2d_backprop.cc, fused_batch_norm_grad.cc),
// worked by hand.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_BOOL;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

constexpr char kWindow2x2[] =
    "attr { key: 'ksize' value { list { i: 1 i: 2 i: 2 i: 1 } } } "
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'VALID' } } ";
constexpr char kDilation[] =
    "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'rates' value { list { i: 1 i: 1 i: 1 i: 1 } } } "
    "attr { key: 'padding' value { s: 'VALID' } } ";

REGISTER_OP_EXAMPLES(
    OpExample{.op = "BiasAddV1",
              .inputs = {X({2, 2}, {1, 2, 3, 4}), X({2}, {10, 20})},
              .outputs = {X({2, 2}, {11, 22, 13, 24})}},
    // Channel 0: (1 - 0) / sqrt(3 + 1) * 2 + 1 = 2; channel 1: (2 - 1) / sqrt(0 + 1) * 3 + 1 = 4.
    OpExample{.op = "BatchNormWithGlobalNormalization",
              .attrs = "attr { key: 'variance_epsilon' value { f: 1 } } "
                       "attr { key: 'scale_after_normalization' value { b: true } }",
              .inputs = {X({1, 1, 1, 2}, {1, 2}), X({2}, {0, 1}), X({2}, {3, 0}), X({2}, {1, 1}),
                         X({2}, {2, 3})},
              .outputs = {X({1, 1, 1, 2}, {2, 4})}},
    // Row 0: one score (0.5) beats the target's 0.4, fewer than k = 2; row 1: two beat 0.1.
    OpExample{.op = "InTopK",
              .attrs = "attr { key: 'k' value { i: 2 } }",
              .inputs = {Fixed(DT_FLOAT, {2, 3}, {0.1, 0.5, 0.4, 0.3, 0.2, 0.1}), X({2}, {2, 2})},
              .outputs = {Fixed(DT_BOOL, {2}, {1, 0})}},
    OpExample{.op = "InTopKV2",
              .inputs = {Fixed(DT_FLOAT, {2, 3}, {0.1, 0.5, 0.4, 0.3, 0.2, 0.1}), X({2}, {2, 2}),
                         X({}, {2})},
              .outputs = {Fixed(DT_BOOL, {2}, {1, 0})}},
    OpExample{.op = "ApproxTopK",
              .attrs = "attr { key: 'k' value { i: 2 } }",
              .inputs = {X({2, 3}, {1, 3, 2, 5, 4, 6})},
              .outputs = {X({2, 2}, {3, 2, 6, 5}), Fixed(DT_INT32, {2, 2}, {1, 2, 2, 0})}},
    OpExample{.op = "TopK",
              .attrs = "attr { key: 'k' value { i: 2 } }",
              .inputs = {X({2, 3}, {1, 3, 2, 5, 4, 6})},
              .outputs = {X({2, 2}, {3, 2, 6, 5}), Fixed(DT_INT32, {2, 2}, {1, 2, 2, 0})}},
    // 2 after 1 violates the non-increasing order: both pool to 1.5.
    OpExample{
        .op = "IsotonicRegression",
        .inputs = {X({4}, {4, 1, 2, 0})},
        .outputs = {Fixed(DT_FLOAT, {4}, {4, 1.5, 1.5, 0}), Fixed(DT_INT32, {4}, {0, 1, 1, 2})}},
    OpExample{.op = "MaxPoolV2",
              .attrs = "attr { key: 'padding' value { s: 'VALID' } }",
              .inputs = {X({1, 2, 2, 1}, {1, 4, 3, 2}), Fixed(DT_INT32, {4}, {1, 2, 2, 1}),
                         Fixed(DT_INT32, {4}, {1, 1, 1, 1})},
              .outputs = {X({1, 1, 1, 1}, {4})}},
    OpExample{
        .op = "MaxPoolGradWithArgmax",
        .attrs = std::string(kWindow2x2) + "attr { key: 'Targmax' value { type: DT_INT64 } } ",
        .inputs = {X({1, 2, 2, 1}, {1, 4, 3, 2}), X({1, 1, 1, 1}, {5}),
                   Fixed(DT_INT64, {1, 1, 1, 1}, {1})},
        .outputs = {X({1, 2, 2, 1}, {0, 5, 0, 0})}},
    // The window's max, 4 + 0, is at pixel (0, 1) and tap (0, 1).
    OpExample{
        .op = "Dilation2DBackpropInput",
        .attrs = kDilation,
        .inputs = {X({1, 2, 2, 1}, {1, 4, 3, 2}), X({2, 2, 1}, {0, 0, 0, 0}), X({1, 1, 1, 1}, {3})},
        .outputs = {X({1, 2, 2, 1}, {0, 3, 0, 0})}},
    OpExample{
        .op = "Dilation2DBackpropFilter",
        .attrs = kDilation,
        .inputs = {X({1, 2, 2, 1}, {1, 4, 3, 2}), X({2, 2, 1}, {0, 0, 0, 0}), X({1, 1, 1, 1}, {3})},
        .outputs = {X({2, 2, 1}, {0, 3, 0, 0})}},
    // x = [1, 2, 3] with mean 2, variance 1 (epsilon 0), dy = [1, 0, 0], scale 2:
    // dx = 2 * (dy - 1/3 + (x - 2) / 3) = [2/3, -2/3, 0], dscale = -1, doffset = 1.
    OpExample{.op = "FusedBatchNormGradV3",
              .attrs = "attr { key: 'epsilon' value { f: 0 } } "
                       "attr { key: 'U' value { type: DT_FLOAT } }",
              .inputs = {X({1, 1, 3, 1}, {1, 0, 0}), X({1, 1, 3, 1}, {1, 2, 3}),
                         Fixed(DT_FLOAT, {1}, {2}), Fixed(DT_FLOAT, {1}, {2}),
                         Fixed(DT_FLOAT, {1}, {1}), Fixed(DT_FLOAT, {1}, {0})},
              .outputs = {X({1, 1, 3, 1}, {2.0 / 3, -2.0 / 3, 0}), Fixed(DT_FLOAT, {1}, {-1}),
                          Fixed(DT_FLOAT, {1}, {1}), Fixed(DT_FLOAT, {0}, {}),
                          Fixed(DT_FLOAT, {0}, {})}});

}  // namespace
}  // namespace tfjs::runtime::testing
