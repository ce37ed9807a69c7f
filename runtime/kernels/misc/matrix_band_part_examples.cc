// Op examples of MatrixBandPart and BatchMatrixBandPart (matrix_band_part.cc): one
// sub-diagonal and no super-diagonal of a 3x3 matrix of ones (ones fit bool too).
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_INT64;

OpExample Band(const char* op) {
  return OpExample{.op = op,
                   .inputs = {X({3, 3}, {1, 1, 1, 1, 1, 1, 1, 1, 1}), Fixed(DT_INT64, {}, {1}),
                              Fixed(DT_INT64, {}, {0})},
                   .outputs = {X({3, 3}, {1, 0, 0, 1, 1, 0, 0, 1, 1})}};
}

REGISTER_OP_EXAMPLES(Band("MatrixBandPart"), Band("BatchMatrixBandPart"));

}  // namespace
}  // namespace tfjs::runtime::testing
