// Op examples of the image kernels: the adjust ops (adjust_ops.cc, color.cc) and box drawing
// (draw_bounding_boxes.cc), worked by hand. (The codec ops take and give encoded bytes, which
// examples cannot hold: codec_ops_test.cc tests them.)
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;

REGISTER_OP_EXAMPLES(
    // Red turned half way round the hue circle is cyan; gray has no hue.
    OpExample{.op = "AdjustHue",
              .inputs = {X({1, 2, 3}, {1, 0, 0, 0.5, 0.5, 0.5}), Fixed(DT_FLOAT, {}, {0.5})},
              .outputs = {X({1, 2, 3}, {0, 1, 1, 0.5, 0.5, 0.5})}},
    // (1, 0.5, 0) has hue 1/12, saturation 1, value 1; at saturation 0.5 it is (1, 0.75, 0.5).
    OpExample{.op = "AdjustSaturation",
              .inputs = {X({1, 1, 3}, {1, 0.5, 0}), Fixed(DT_FLOAT, {}, {0.5})},
              .outputs = {X({1, 1, 3}, {1, 0.75, 0.5})}},
    // Channel mean 2: (1 - 2) * 2 + 2 = 0 and (3 - 2) * 2 + 2 = 4, within [0, 10].
    OpExample{.op = "AdjustContrast",
              .inputs = {X({1, 2, 1, 1}, {1, 3}), Fixed(DT_FLOAT, {}, {2}),
                         Fixed(DT_FLOAT, {}, {0}), Fixed(DT_FLOAT, {}, {10})},
              .outputs = {Fixed(DT_FLOAT, {1, 2, 1, 1}, {0, 4})}},
    OpExample{.op = "AdjustContrast",
              .name = "clamped",
              .inputs = {X({1, 2, 1, 1}, {1, 3}), Fixed(DT_FLOAT, {}, {2}),
                         Fixed(DT_FLOAT, {}, {0.5}), Fixed(DT_FLOAT, {}, {3})},
              .outputs = {Fixed(DT_FLOAT, {1, 2, 1, 1}, {0.5, 3})}},
    OpExample{.op = "AdjustContrastv2",
              .inputs = {X({1, 2, 1, 1}, {1, 3}), Fixed(DT_FLOAT, {}, {2})},
              .outputs = {X({1, 2, 1, 1}, {0, 4})}},
    // The whole 3x3 image's outline in white (one channel); V2's box covers rows 0-1 (0.5 * 2) in
    // its color 0.5.
    OpExample{.op = "DrawBoundingBoxes",
              .inputs = {X({1, 3, 3, 1}, {0, 0, 0, 0, 0, 0, 0, 0, 0}),
                         Fixed(DT_FLOAT, {1, 1, 4}, {0, 0, 1, 1})},
              .outputs = {X({1, 3, 3, 1}, {1, 1, 1, 1, 0, 1, 1, 1, 1})}},
    OpExample{
        .op = "DrawBoundingBoxesV2",
        .inputs = {X({1, 3, 3, 1}, {0, 0, 0, 0, 0, 0, 0, 0, 0}),
                   Fixed(DT_FLOAT, {1, 1, 4}, {0, 0, 0.5, 1}), Fixed(DT_FLOAT, {1, 1}, {0.5})},
        .outputs = {X({1, 3, 3, 1}, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0, 0})}});

}  // namespace
}  // namespace tfjs::runtime::testing
