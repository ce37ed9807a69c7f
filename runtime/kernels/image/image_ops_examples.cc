// Op examples of the box and crop kernels (non_max_suppression.cc, crop_and_resize_grad.cc,
// random_crop.cc, sample_distorted_bounding_box.cc), worked by hand.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT16;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;
using tensorflow::DT_INT8;
using tensorflow::DT_UINT8;

// Box 1 overlaps box 0 with IoU 0.9 / 1.1 > 0.5 and is dropped; box 2 is apart.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "NonMaxSuppression",
              .inputs = {Fixed(DT_FLOAT, {3, 4}, {0, 0, 1, 1, 0, 0.1, 1, 1.1, 0, 2, 1, 3}),
                         Fixed(DT_FLOAT, {3}, {0.9, 0.8, 0.7}), Fixed(DT_INT32, {}, {3})},
              .outputs = {Fixed(DT_INT32, {2}, {0, 2})},
              .dtype_attr = ""},
    // Box 2 scores highest; box 0 overlaps it by 0.6 > 0.5; box 1 is below the score threshold.
    OpExample{.op = "NonMaxSuppressionWithOverlaps",
              .inputs = {Fixed(DT_FLOAT, {3, 3}, {1, 0, 0.6, 0, 1, 0, 0.6, 0, 1}),
                         Fixed(DT_FLOAT, {3}, {0.5, 0.1, 0.9}), Fixed(DT_INT32, {}, {3}),
                         Fixed(DT_FLOAT, {}, {0.5}), Fixed(DT_FLOAT, {}, {0.2})},
              .outputs = {Fixed(DT_INT32, {1}, {2})},
              .dtype_attr = ""});

// A 1x1 crop of the whole 3x3 image samples its centre pixel, which takes the whole gradient.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "CropAndResizeGradImage",
              .inputs = {Fixed(DT_FLOAT, {1, 1, 1, 1}, {2}), Fixed(DT_FLOAT, {1, 4}, {0, 0, 1, 1}),
                         Fixed(DT_INT32, {1}, {0}), Fixed(DT_INT32, {4}, {1, 3, 3, 1})},
              .outputs = {X({1, 3, 3, 1}, {0, 0, 0, 0, 2, 0, 0, 0, 0})}},
    // Box [0, 0, 0.5, 0.5] of a 2x2 image [[0, 1], [2, 3]] cropped to 1x1 samples (0.25, 0.25):
    // d/dy = 0.75 * 2 + 0.25 * 2 = 2, d/dx = 1, each times (H - 1) / 2 for both box edges.
    OpExample{.op = "CropAndResizeGradBoxes",
              .inputs = {Fixed(DT_FLOAT, {1, 1, 1, 1}, {1}), X({1, 2, 2, 1}, {0, 1, 2, 3}),
                         Fixed(DT_FLOAT, {1, 4}, {0, 0, 0.5, 0.5}), Fixed(DT_INT32, {1}, {0})},
              .outputs = {Fixed(DT_FLOAT, {1, 4}, {1, 0.5, 1, 0.5})}});

// A crop the image's size is the image.
REGISTER_OP_EXAMPLES(OpExample{.op = "RandomCrop",
                               .attrs = "attr { key: 'seed' value { i: 3 } }",
                               .inputs = {X({2, 2, 1}, {1, 2, 3, 4}), Fixed(DT_INT64, {2}, {2, 2})},
                               .outputs = {X({2, 2, 1}, {1, 2, 3, 4})}});

// Area and aspect ratio fixed at 1 on a 4x4 image leave one crop: the whole image.
const char kWholeImage[] =
    "attr { key: 'area_range' value { list { f: 1 f: 1 } } } "
    "attr { key: 'aspect_ratio_range' value { list { f: 1 f: 1 } } } "
    "attr { key: 'seed' value { i: 3 } }";
const std::vector<DataType> kSignedSizes = {DT_INT8, DT_INT16, DT_INT32, DT_INT64};
OpExample WholeImage(const std::string& op, std::vector<ExampleTensor> extra, bool unsigned_size) {
  std::vector<ExampleTensor> inputs = {X({3}, {4, 4, 3}), Fixed(DT_FLOAT, {1, 1, 4}, {0, 0, 1, 1})};
  for (ExampleTensor& input : extra) inputs.push_back(std::move(input));
  return OpExample{.op = op,
                   .name = unsigned_size ? "uint8" : "signed",
                   .attrs = kWholeImage,
                   .inputs = std::move(inputs),
                   .outputs = {X({3}, {0, 0, 0}), X({3}, {4, 4, unsigned_size ? 255.0 : -1.0}),
                               Fixed(DT_FLOAT, {1, 1, 4}, {0, 0, 1, 1})},
                   .only_dtypes = unsigned_size ? std::vector<DataType>{DT_UINT8} : kSignedSizes};
}
REGISTER_OP_EXAMPLES(WholeImage("SampleDistortedBoundingBox", {}, false),
                     WholeImage("SampleDistortedBoundingBox", {}, true),
                     WholeImage("SampleDistortedBoundingBoxV2", {Fixed(DT_FLOAT, {}, {0.5})},
                                false),
                     WholeImage("SampleDistortedBoundingBoxV2", {Fixed(DT_FLOAT, {}, {0.5})}, true),
                     WholeImage("StatelessSampleDistortedBoundingBox",
                                {Fixed(DT_FLOAT, {}, {0.5}), Fixed(DT_INT64, {2}, {1, 2})}, false),
                     WholeImage("StatelessSampleDistortedBoundingBox",
                                {Fixed(DT_FLOAT, {}, {0.5}), Fixed(DT_INT64, {2}, {1, 2})}, true));

// (1, 0.5, 0): value 1, saturation 1, hue (0.5 - 0) / 6. Back, hue 1/12 gives ramps (1, 0.5, 0);
// hue 1.2 is past red, where TF's clamped ramps give (1, 0, 0).
REGISTER_OP_EXAMPLES(OpExample{.op = "RGBToHSV",
                               .inputs = {X({2, 3}, {1, 0.5, 0, 0.25, 0.25, 0.25})},
                               .outputs = {X({2, 3}, {1.0 / 12, 1, 1, 0, 0, 0.25})}},
                     OpExample{.op = "HSVToRGB",
                               .inputs = {X({2, 3}, {1.0 / 12, 1, 1, 1.2, 1, 0.5})},
                               .outputs = {X({2, 3}, {1, 0.5, 0, 0.5, 0, 0})}});

// VALID 2x2x2 windows of a 2x2x2 volume: the whole volume; SAME 1x1x2 windows 2 apart along 3
// columns: [1, 2] and [3, pad 0].
REGISTER_OP_EXAMPLES(
    OpExample{.op = "ExtractVolumePatches",
              .attrs = "attr { key: 'ksizes' value { list { i: 1 i: 2 i: 2 i: 2 i: 1 } } } "
                       "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 1 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'VALID' } }",
              .inputs = {X({1, 2, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8})},
              .outputs = {X({1, 1, 1, 1, 8}, {1, 2, 3, 4, 5, 6, 7, 8})}},
    OpExample{.op = "ExtractVolumePatches",
              .name = "same",
              .attrs = "attr { key: 'ksizes' value { list { i: 1 i: 1 i: 1 i: 2 i: 1 } } } "
                       "attr { key: 'strides' value { list { i: 1 i: 1 i: 1 i: 2 i: 1 } } } "
                       "attr { key: 'padding' value { s: 'SAME' } }",
              .inputs = {X({1, 1, 1, 3, 1}, {1, 2, 3})},
              .outputs = {X({1, 1, 1, 2, 2}, {1, 2, 3, 0})}});

// Centred offset 0 of a 3x3 image: window corner (1.5 - 1) truncated to 0. The V2 example's
// window at (2, 2) overlaps one pixel; the rest is zero noise.
REGISTER_OP_EXAMPLES(
    OpExample{.op = "ExtractGlimpse",
              .inputs = {Fixed(DT_FLOAT, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                         Fixed(DT_INT32, {2}, {2, 2}), Fixed(DT_FLOAT, {1, 2}, {0, 0})},
              .outputs = {Fixed(DT_FLOAT, {1, 2, 2, 1}, {1, 2, 4, 5})},
              .dtype_attr = ""},
    OpExample{.op = "ExtractGlimpseV2",
              .attrs = "attr { key: 'centered' value { b: false } } "
                       "attr { key: 'normalized' value { b: false } } "
                       "attr { key: 'uniform_noise' value { b: false } } "
                       "attr { key: 'noise' value { s: 'zero' } }",
              .inputs = {Fixed(DT_FLOAT, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                         Fixed(DT_INT32, {2}, {2, 2}), Fixed(DT_FLOAT, {1, 2}, {2, 2})},
              .outputs = {Fixed(DT_FLOAT, {1, 2, 2, 1}, {9, 0, 0, 0})},
              .dtype_attr = ""});

// Class 0 keeps box 0 (box 1 overlaps it by IoU 0.9); class 1 keeps box 1 (box 0 scores below
// the threshold). Sorted by score and padded to max_total_size 3.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "CombinedNonMaxSuppression",
    .inputs = {Fixed(DT_FLOAT, {1, 2, 1, 4}, {0, 0, 1, 1, 0, 0, 0.9, 1}),
               Fixed(DT_FLOAT, {1, 2, 2}, {0.9, 0.1, 0.8, 0.7}), Fixed(DT_INT32, {}, {2}),
               Fixed(DT_INT32, {}, {3}), Fixed(DT_FLOAT, {}, {0.5}), Fixed(DT_FLOAT, {}, {0.2})},
    .outputs = {Fixed(DT_FLOAT, {1, 3, 4}, {0, 0, 1, 1, 0, 0, 0.9, 1, 0, 0, 0, 0}),
                Fixed(DT_FLOAT, {1, 3}, {0.9, 0.7, 0}), Fixed(DT_FLOAT, {1, 3}, {0, 1, 0}),
                Fixed(DT_INT32, {1}, {2})},
    .dtype_attr = ""});

// Halving the width with the triangle kernel widened to radius 2 weighs both input pixels
// (distance 0.5 / 2 each) equally: (1 + 3) / 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "ScaleAndTranslate",
    .attrs = "attr { key: 'kernel_type' value { s: 'triangle' } }",
    .inputs = {X({1, 1, 2, 1}, {1, 3}), Fixed(DT_INT32, {2}, {1, 1}),
               Fixed(DT_FLOAT, {2}, {1, 0.5}), Fixed(DT_FLOAT, {2}, {0, 0})},
    .outputs = {Fixed(DT_FLOAT, {1, 1, 1, 1}, {2})}});

}  // namespace
}  // namespace tfjs::runtime::testing
