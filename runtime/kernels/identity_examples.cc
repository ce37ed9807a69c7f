// Op examples of Identity and its aliases (identity.cc): outputs are the inputs, for any dtype.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

OpExample Forward(const char* op, std::vector<DataType> dtypes) {
  return OpExample{.op = op,
                   .inputs = {X({2, 2}, {1, 0, 1, 1})},
                   .outputs = {X({2, 2}, {1, 0, 1, 1})},
                   .only_dtypes = std::move(dtypes)};
}

// Identity and StopGradient take any dtype; these are the ones the matrix can build.
const std::vector<DataType> kAnyDtypes = {
    tensorflow::DT_FLOAT,     tensorflow::DT_DOUBLE, tensorflow::DT_HALF,   tensorflow::DT_BFLOAT16,
    tensorflow::DT_INT8,      tensorflow::DT_INT32,  tensorflow::DT_UINT64, tensorflow::DT_BOOL,
    tensorflow::DT_COMPLEX64, tensorflow::DT_STRING};

REGISTER_OP_EXAMPLES(Forward("Identity", kAnyDtypes), Forward("StopGradient", kAnyDtypes),
                     Forward("Snapshot", {}));

// IdentityN forwards a list of tensors of several dtypes.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "IdentityN",
    .attrs = "attr { key: \"T\" value { list { type: DT_FLOAT type: DT_INT64 type: DT_STRING } } }",
    .inputs = {Fixed(tensorflow::DT_FLOAT, {2}, {1.5, -2}), Fixed(tensorflow::DT_INT64, {}, {7}),
               Bytes({1}, {std::string("a\0b", 3)})},
    .outputs = {Fixed(tensorflow::DT_FLOAT, {2}, {1.5, -2}), Fixed(tensorflow::DT_INT64, {}, {7}),
                Bytes({1}, {std::string("a\0b", 3)})},
    .dtype_attr = ""});

}  // namespace
}  // namespace tfjs::runtime::testing
