// Op examples of the SparseTensor kernels, run for every declared dtype by
// //runtime/kernels:dtype_matrix_test. Values are 0/1 where bool runs too and non-negative where
// unsigned types do; for string values (numbers as text, which the matrix cannot compare) only
// the index outputs are checked.
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

constexpr DataType kInt64 = tensorflow::DT_INT64;

ExampleTensor I64(Shape shape, std::vector<double> values) {
  return Fixed(kInt64, std::move(shape), std::move(values));
}

// The POD dtypes TF's copy-only sparse kernels take (their string runs check indices only).
const std::vector<DataType> kPod = {
    tensorflow::DT_FLOAT,    tensorflow::DT_DOUBLE,    tensorflow::DT_HALF,
    tensorflow::DT_BFLOAT16, tensorflow::DT_INT8,      tensorflow::DT_INT16,
    tensorflow::DT_INT32,    tensorflow::DT_INT64,     tensorflow::DT_UINT8,
    tensorflow::DT_UINT16,   tensorflow::DT_UINT32,    tensorflow::DT_UINT64,
    tensorflow::DT_BOOL,     tensorflow::DT_COMPLEX64, tensorflow::DT_COMPLEX128};
const std::vector<DataType> kString = {tensorflow::DT_STRING};

// An example for the POD dtypes and one for string, whose outputs are `outputs` without the
// values output `values_output`.
std::vector<OpExample> PodAndString(OpExample example, size_t values_output) {
  OpExample strings = example;
  strings.name = "string";
  strings.only_dtypes = kString;
  strings.outputs.resize(values_output);
  example.only_dtypes = kPod;
  return {example, strings};
}

bool RegisterCopyExamples() {
  std::vector<OpExample> all;
  for (std::vector<OpExample> pair : {
           PodAndString(OpExample{.op = "SparseReorder",
          .inputs = {I64({3, 2}, {1, 0, 0, 1, 0, 0}), X({3}, {1, 0, 1}), I64({2}, {2, 2})},
          .outputs = {I64({3, 2}, {0, 0, 0, 1, 1, 0}), X({3}, {1, 0, 1})}},
                        1),
           PodAndString(OpExample{.op = "SparseConcat",
           .attrs = "attr { key: \"N\" value { i: 2 } }"
                    "attr { key: \"concat_dim\" value { i: 1 } }",
           .inputs = {I64({2, 2}, {0, 1, 1, 0}), I64({1, 2}, {0, 0}), X({2}, {1, 0}), X({1}, {1}),
                      I64({2}, {2, 2}), I64({2}, {2, 1})},
           .outputs = {I64({3, 2}, {0, 1, 0, 2, 1, 0}), X({3}, {1, 1, 0}), I64({2}, {2, 3})}},
                        1),
           PodAndString(OpExample{.op = "SparseSlice",
           .inputs = {I64({3, 2}, {0, 0, 0, 3, 1, 2}), X({3}, {1, 0, 1}), I64({2}, {2, 4}),
                      I64({2}, {0, 1}), I64({2}, {2, 3})},
           .outputs = {I64({2, 2}, {0, 2, 1, 1}), X({2}, {0, 1}), I64({2}, {2, 3})}},
                        1),
           PodAndString(
               OpExample{.op = "SparseSplit",
  .attrs = "attr { key: \"num_split\" value { i: 2 } }",
  .inputs = {I64({}, {1}), I64({3, 2}, {0, 0, 0, 2, 1, 1}), X({3}, {1, 0, 1}), I64({2}, {2, 3})},
  .outputs = {I64({2, 2}, {0, 0, 1, 1}), I64({1, 2}, {0, 0}), X({2}, {1, 1}), X({1}, {0}),
              I64({2}, {2, 2}), I64({2}, {2, 1})}},
               2)}) {
    all.insert(all.end(), pair.begin(), pair.end());
  }
  // SparseSplit's string run compares both index outputs (outputs 0 and 1).
  return RegisterOpExamples(std::move(all));
}
const bool kCopyExamples [[maybe_unused]] = RegisterCopyExamples();

REGISTER_OP_EXAMPLES(
    OpExample{.op = "SparseAdd",
              .attrs = "attr { key: \"Treal\" value { type: DT_FLOAT } }",
              .inputs = {I64({2, 1}, {0, 2}), X({2}, {1, 2}), I64({1}, {3}), I64({2, 1}, {1, 2}),
                         X({2}, {3, 4}), I64({1}, {3}), Fixed(tensorflow::DT_FLOAT, {}, {0})},
              .outputs = {I64({3, 1}, {0, 1, 2}), X({3}, {1, 3, 6}), I64({1}, {3})}},
    OpExample{.op = "SparseAdd",
              .name = "threshold",
              .attrs = "attr { key: \"T\" value { type: DT_FLOAT } }",
              .inputs = {I64({2, 1}, {0, 2}), Fixed(tensorflow::DT_FLOAT, {2}, {1, 2}),
                         I64({1}, {3}), I64({1, 1}, {2}), Fixed(tensorflow::DT_FLOAT, {1}, {1}),
                         I64({1}, {3}), X({}, {4})},
              .outputs = {I64({1, 1}, {0}), Fixed(tensorflow::DT_FLOAT, {1}, {1}), I64({1}, {3})},
              .dtype_attr = "Treal"},
    OpExample{.op = "SparseSparseMaximum",
              .inputs = {I64({2, 1}, {0, 2}), X({2}, {1, 5}), I64({1}, {3}), I64({2, 1}, {1, 2}),
                         X({2}, {3, 4}), I64({1}, {3})},
              .outputs = {I64({3, 1}, {0, 1, 2}), X({3}, {1, 3, 5})}},
    OpExample{.op = "SparseSparseMinimum",
              .inputs = {I64({2, 1}, {0, 2}), X({2}, {1, 5}), I64({1}, {3}), I64({2, 1}, {1, 2}),
                         X({2}, {3, 4}), I64({1}, {3})},
              .outputs = {I64({3, 1}, {0, 1, 2}), X({3}, {0, 0, 4})}});

// A [2, 3] SparseTensor with entries [0,0]=1, [0,2]=2, [1,1]=3.
std::vector<ExampleTensor> Sparse23() {
  return {I64({3, 2}, {0, 0, 0, 2, 1, 1}), X({3}, {1, 2, 3}), I64({2}, {2, 3})};
}
std::vector<ExampleTensor> With(std::vector<ExampleTensor> inputs, ExampleTensor extra) {
  inputs.push_back(std::move(extra));
  return inputs;
}

REGISTER_OP_EXAMPLES(
    OpExample{.op = "SparseReduceSum",
              .inputs = With(Sparse23(), Fixed(tensorflow::DT_INT32, {1}, {1})),
              .outputs = {X({2}, {3, 3})}},
    OpExample{.op = "SparseReduceSumSparse",
              .inputs = With(Sparse23(), Fixed(tensorflow::DT_INT32, {1}, {0})),
              .outputs = {I64({3, 1}, {0, 1, 2}), X({3}, {1, 3, 2}), I64({1}, {3})}},
    OpExample{.op = "SparseReduceMax",
              .inputs = With(Sparse23(), Fixed(tensorflow::DT_INT32, {1}, {1})),
              .outputs = {X({2}, {2, 3})}},
    OpExample{.op = "SparseReduceMaxSparse",
              .inputs = With(Sparse23(), Fixed(tensorflow::DT_INT32, {0}, {})),
              .outputs = {I64({1, 0}, {}), X({1}, {3}), I64({0}, {})}},
    OpExample{.op = "SparseSoftmax",
              .inputs = {I64({3, 2}, {0, 0, 0, 2, 1, 1}), X({3}, {0, 0, 3}), I64({2}, {2, 3})},
              .outputs = {X({3}, {0.5, 0.5, 1})}},
    OpExample{.op = "SparseDenseCwiseAdd",
              .inputs = With(Sparse23(), X({3}, {1, 2, 3})),
              .outputs = {X({3}, {2, 5, 5})}},
    OpExample{.op = "SparseDenseCwiseMul",
              .inputs = With(Sparse23(), X({2, 1}, {2, 3})),
              .outputs = {X({3}, {2, 4, 9})}},
    OpExample{.op = "SparseDenseCwiseDiv",
              .inputs = With(Sparse23(), X({}, {1})),
              .outputs = {X({3}, {1, 2, 3})}});

// A [2, 3] (entries [0,0]=1, [1,2]=2) times B [3, 2].
OpExample DenseMatMul(const char* name, std::string dtype_attr, std::vector<ExampleTensor> in) {
  return OpExample{
      .op = "SparseTensorDenseMatMul",
      .name = name,
      .attrs = dtype_attr == "T" ? "attr { key: \"Tindices\" value { type: DT_INT64 } }"
                                 : "attr { key: \"T\" value { type: DT_FLOAT } }",
      .inputs = std::move(in),
      .outputs = {dtype_attr == "T" ? X({2, 2}, {1, 2, 10, 12})
                                    : Fixed(tensorflow::DT_FLOAT, {2, 2}, {1, 2, 10, 12})},
      .dtype_attr = std::move(dtype_attr)};
}

REGISTER_OP_EXAMPLES(DenseMatMul("", "T",
                                 {I64({2, 2}, {0, 0, 1, 2}), X({2}, {1, 2}), I64({2}, {2, 3}),
                                  X({3, 2}, {1, 2, 3, 4, 5, 6})}),
                     DenseMatMul("indices", "Tindices",
                                 {X({2, 2}, {0, 0, 1, 2}), Fixed(tensorflow::DT_FLOAT, {2}, {1, 2}),
                                  I64({2}, {2, 3}),
                                  Fixed(tensorflow::DT_FLOAT, {3, 2}, {1, 2, 3, 4, 5, 6})}),
                     OpExample{.op = "SparseMatMul",
                               .attrs = "attr { key: \"Tb\" value { type: DT_FLOAT } }",
                               .inputs = {X({2, 2}, {1, 2, 3, 4}),
                                          Fixed(tensorflow::DT_FLOAT, {2, 2}, {5, 6, 7, 8})},
                               .outputs = {Fixed(tensorflow::DT_FLOAT, {2, 2}, {19, 22, 43, 50})},
                               .dtype_attr = "Ta"},
                     OpExample{.op = "SparseMatMul",
                               .name = "b",
                               .attrs = "attr { key: \"Ta\" value { type: DT_FLOAT } }",
                               .inputs = {Fixed(tensorflow::DT_FLOAT, {2, 2}, {1, 2, 3, 4}),
                                          X({2, 2}, {5, 6, 7, 8})},
                               .outputs = {Fixed(tensorflow::DT_FLOAT, {2, 2}, {19, 22, 43, 50})},
                               .dtype_attr = "Tb"});

}  // namespace
}  // namespace tfjs::runtime::testing
