// Op examples of the segment reductions, run for every dtype each declares by
// //runtime/kernels:dtype_matrix_test: rows 0 and 1 of a [3, 2] input form segment 0 and row 2
// segment 1 (the unsorted ops: rows 0 and 2 form segment 1, row 1 segment 0).
#include <vector>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr tensorflow::DataType kInt32 = tensorflow::DT_INT32;

OpExample Segment(const char* op, std::vector<double> y) {
  return OpExample{.op = op,
                   .inputs = {X({3, 2}, {1, 2, 3, 4, 5, 6}), Fixed(kInt32, {3}, {0, 0, 1})},
                   .outputs = {X({2, 2}, std::move(y))}};
}

OpExample Unsorted(const char* op, std::vector<double> y) {
  return OpExample{.op = op,
                   .inputs = {X({3, 2}, {1, 2, 3, 4, 5, 6}), Fixed(kInt32, {3}, {1, 0, 1}),
                              Fixed(kInt32, {}, {2})},
                   .outputs = {X({2, 2}, std::move(y))}};
}

REGISTER_OP_EXAMPLES(Segment("SegmentSum", {4, 6, 5, 6}), Segment("SegmentMean", {2, 3, 5, 6}),
                     Segment("SegmentProd", {3, 8, 5, 6}), Segment("SegmentMin", {1, 2, 5, 6}),
                     Segment("SegmentMax", {3, 4, 5, 6}),
                     Unsorted("UnsortedSegmentSum", {3, 4, 6, 8}),
                     Unsorted("UnsortedSegmentProd", {3, 4, 5, 12}),
                     Unsorted("UnsortedSegmentMin", {3, 4, 1, 2}),
                     Unsorted("UnsortedSegmentMax", {3, 4, 5, 6}));

// The index dtypes.
REGISTER_OP_EXAMPLES(OpExample{.op = "SegmentSum",
                               .name = "indices",
                               .attrs = "attr { key: \"T\" value { type: DT_INT32 } }",
                               .inputs = {Fixed(kInt32, {3}, {1, 2, 3}), X({3}, {0, 1, 1})},
                               .outputs = {Fixed(kInt32, {2}, {1, 5})},
                               .dtype_attr = "Tindices"},
                     OpExample{.op = "UnsortedSegmentSum",
                               .name = "num_segments",
                               .attrs = "attr { key: \"T\" value { type: DT_INT32 } }",
                               .inputs = {Fixed(kInt32, {3}, {1, 2, 3}),
                                          Fixed(kInt32, {3}, {2, -1, 2}), X({}, {3})},
                               .outputs = {Fixed(kInt32, {3}, {0, 0, 4})},
                               .dtype_attr = "Tnumsegments"});

}  // namespace
}  // namespace tfjs::runtime::testing
