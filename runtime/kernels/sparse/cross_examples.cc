// Op examples of the cross kernels with int64 features, whose hashes are the features
// themselves: FingerprintCat64 chains computed with a separate reference. The crosses have no
// type attr the matrix varies; they run once.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kInt64 = tensorflow::DT_INT64;

ExampleTensor I64(Shape shape, std::vector<double> values) {
  return Fixed(kInt64, std::move(shape), std::move(values));
}

REGISTER_OP_EXAMPLES(
    // Sparse [[3, -4]] crossed with dense [[9]], hash_key 0, 1000 buckets.
    OpExample{.op = "SparseCross",
              .attrs = "attr { key: \"N\" value { i: 1 } }"
                       "attr { key: \"sparse_types\" value { list { type: DT_INT64 } } }"
                       "attr { key: \"dense_types\" value { list { type: DT_INT64 } } }"
                       "attr { key: \"hashed_output\" value { b: true } }"
                       "attr { key: \"num_buckets\" value { i: 1000 } }"
                       "attr { key: \"hash_key\" value { i: 0 } }"
                       "attr { key: \"out_type\" value { type: DT_INT64 } }"
                       "attr { key: \"internal_type\" value { type: DT_INT64 } }",
              .inputs = {I64({2, 2}, {0, 0, 0, 1}), I64({2}, {3, -4}), I64({2}, {1, 2}),
                         I64({1, 1}, {9})},
              .outputs = {I64({2, 2}, {0, 0, 0, 1}), I64({2}, {952, 4}), I64({2}, {1, 2})}},
    OpExample{.op = "SparseCrossV2",
              .attrs = "attr { key: \"N\" value { i: 1 } }"
                       "attr { key: \"sparse_types\" value { list { type: DT_INT64 } } }"
                       "attr { key: \"dense_types\" value { list { type: DT_INT64 } } }",
              .inputs = {I64({2, 2}, {0, 0, 0, 1}), I64({2}, {3, -4}), I64({2}, {1, 2}),
                         I64({1, 1}, {9}), Fixed(tensorflow::DT_STRING, {}, {0})},
              .outputs = {I64({2, 2}, {0, 0, 0, 1})}},
    // Ragged [[1]] crossed with dense [[2, 3]], hash_key 5, 100 buckets.
    OpExample{.op = "RaggedCross",
              .attrs = "attr { key: \"Nsparse\" value { i: 0 } }"
                       "attr { key: \"input_order\" value { s: \"RD\" } }"
                       "attr { key: \"hashed_output\" value { b: true } }"
                       "attr { key: \"num_buckets\" value { i: 100 } }"
                       "attr { key: \"hash_key\" value { i: 5 } }"
                       "attr { key: \"ragged_values_types\" value { list { type: DT_INT64 } } }"
                       "attr { key: \"ragged_splits_types\" value { list { type: DT_INT64 } } }"
                       "attr { key: \"sparse_values_types\" value { list { } } }"
                       "attr { key: \"dense_types\" value { list { type: DT_INT64 } } }"
                       "attr { key: \"out_values_type\" value { type: DT_INT64 } }",
              .inputs = {I64({1}, {1}), I64({2}, {0, 1}), I64({1, 2}, {2, 3})},
              .outputs = {I64({2}, {50, 94}), X({2}, {0, 2})},
              .dtype_attr = "out_row_splits_type",
              .only_dtypes = {tensorflow::DT_INT32, tensorflow::DT_INT64}});

}  // namespace
}  // namespace tfjs::runtime::testing
