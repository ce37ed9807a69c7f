// Op examples of the control kernels whose inputs and outputs are plain tensors
// (control_flow.cc), run for every dtype each declares by //runtime/kernels:dtype_matrix_test;
// ops on handles, lists and maps are tested in their own tests.
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_BOOL;
using tensorflow::DT_INT32;

// The declared dtypes examples can hold: numbers, bool and the quantized types.
std::vector<DataType> Holdable() { return dtypes::Join({dtypes::Pod(), dtypes::Quantized()}); }

REGISTER_OP_EXAMPLES(
    // A false predicate forwards the data to output 0 (output 1 stays dead).
    OpExample{.op = "Switch",
              .inputs = {X({2}, {1, 0}), Fixed(DT_BOOL, {}, {0})},
              .outputs = {X({2}, {1, 0})},
              .only_dtypes = Holdable()},
    OpExample{.op = "RefSwitch",
              .inputs = {X({2}, {0, 1}), Fixed(DT_BOOL, {}, {0})},
              .outputs = {X({2}, {0, 1})},
              .only_dtypes = Holdable()},
    OpExample{.op = "Merge",
              .attrs = "attr { key: 'N' value { i: 1 } }",
              .inputs = {X({2}, {1, 0})},
              .outputs = {X({2}, {1, 0}), Fixed(DT_INT32, {}, {0})},
              .only_dtypes = Holdable()},
    OpExample{.op = "RefMerge",
              .attrs = "attr { key: 'N' value { i: 1 } }",
              .inputs = {X({2}, {0, 1})},
              .outputs = {X({2}, {0, 1}), Fixed(DT_INT32, {}, {0})},
              .only_dtypes = Holdable()},
    OpExample{.op = "RefSelect",
              .attrs = "attr { key: 'N' value { i: 2 } }",
              .inputs = {Fixed(DT_INT32, {}, {1}), X({2}, {1, 1}), X({2}, {0, 1})},
              .outputs = {X({2}, {0, 1})},
              .only_dtypes = dtypes::Pod()},
    OpExample{.op = "LoopCond",
              .inputs = {Fixed(DT_BOOL, {}, {1})},
              .outputs = {Fixed(DT_BOOL, {}, {1})},
              .only_dtypes = {DT_BOOL}});

}  // namespace
}  // namespace tfjs::runtime::testing
