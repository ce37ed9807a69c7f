// Op examples of CompareAndBitpack: 16 values against threshold 2 give two bytes, MSB first.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

// Elements above 2 are 1 bits: 0b00100111 = 39, 0b11000001 = 193. For bool the threshold
// (here true) is ignored and the nonzero values are the bits, which gives the same bytes.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "CompareAndBitpack",
    .inputs = {X({2, 8}, {0, 1, 3, 2, 0, 5, 4, 3, 7, 9, 2, 1, 0, 1, 2, 6}), X({}, {2})},
    .outputs = {Fixed(tensorflow::DT_UINT8, {2, 1}, {39, 193})},
    .only_dtypes = {tensorflow::DT_HALF, tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE,
                    tensorflow::DT_INT8, tensorflow::DT_INT16, tensorflow::DT_INT32,
                    tensorflow::DT_INT64}});
REGISTER_OP_EXAMPLES(OpExample{.op = "CompareAndBitpack",
                               .name = "bool",
                               .inputs = {X({8}, {0, 0, 1, 0, 0, 1, 1, 1}), X({}, {1})},
                               .outputs = {Fixed(tensorflow::DT_UINT8, {1}, {39})},
                               .only_dtypes = {tensorflow::DT_BOOL}});

}  // namespace
}  // namespace tfjs::runtime::testing
