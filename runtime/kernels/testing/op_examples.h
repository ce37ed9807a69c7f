// Op examples: small worked cases per op, which //runtime/kernels:dtype_matrix_test runs for
// every dtype the op's kernel declares (and one it does not), so each declared dtype is computed
// and checked, and every kernel has at least one test.
//
// An example sits beside its kernel in the family's `examples` library, e.g.
//   REGISTER_OP_EXAMPLES({.op = "Abs", .inputs = {X({3}, {-2, 0, 3})},
//                         .outputs = {X({3}, {2, 0, 3})}});
// Values are numbers; the matrix converts them to the dtype under test (float16/bfloat16
// rounded, integers exact, bool as value != 0, complex as real parts, string as decimal text,
// variant and resource as elements holding the number).
// An example whose values only make sense for some dtypes lists them in `only_dtypes`.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_TESTING_OP_EXAMPLES_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_TESTING_OP_EXAMPLES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::testing {

// A tensor of an example, as numbers, or as byte strings for a string tensor.
struct ExampleTensor {
  Shape shape;
  std::vector<double> values;
  // A fixed dtype (an int32 axis, a bool mask); DT_INVALID takes the dtype under test.
  DataType dtype = tensorflow::DT_INVALID;
  // The elements of a fixed string tensor (encoded images, serialized protos); `values` is empty.
  std::vector<std::string> strings;
};

// A tensor in the dtype under test: X({2, 2}, {1, 2, 3, 4}).
ExampleTensor X(Shape shape, std::vector<double> values);
// A tensor of a fixed dtype: Fixed(tensorflow::DT_INT32, {}, {0}).
ExampleTensor Fixed(DataType dtype, Shape shape, std::vector<double> values);
// A string tensor of byte strings: Bytes({2}, {"a", std::string("\0b", 2)}).
ExampleTensor Bytes(Shape shape, std::vector<std::string> strings);

struct OpExample {
  std::string op;
  // Distinguishes several examples of one op in test names, e.g. "broadcast".
  std::string name;
  // NodeDef attr entries in text format besides `dtype_attr`, which the matrix sets.
  std::string attrs;
  std::vector<ExampleTensor> inputs;
  std::vector<ExampleTensor> outputs;
  // The type attr the matrix varies over the kernel's declared dtypes; empty for an example whose
  // dtypes are all fixed (its attrs then set every type attr), which runs once.
  std::string dtype_attr = "T";
  // When not empty, only these dtypes are run (values that fit only some dtypes).
  std::vector<DataType> only_dtypes;
  // Dtypes not run, whose values the numbers do not stand for (a zero string is "", not "0").
  std::vector<DataType> skip_dtypes;
  // Relative tolerance for float32 and float64 outputs; float16 and bfloat16 allow their
  // rounding step on top.
  double tolerance = 1e-6;
  // Inputs fed as Const nodes (kernels that read host values when they are built).
  std::vector<bool> constant_inputs;
  // For ops that work on resources other nodes make (hash tables, tensor arrays, variables): a
  // whole GraphDef in text format to run instead of a single node. `$T` in it stands for the
  // dtype under test (e.g. DT_FLOAT); `inputs` feed its Placeholders input_0, input_1, ...; its
  // `fetches` give the outputs, compared with `outputs`.
  std::string graph;
  std::vector<std::string> fetches;
  // Other ops the graph exercises and checks, counted as tested with `op`.
  std::vector<std::string> other_ops;
};

// Registers `examples`; returns true so it can initialize a static.
bool RegisterOpExamples(std::vector<OpExample> examples);
// Every registered example, in registration order.
const std::vector<OpExample>& AllOpExamples();

// `tensor` in dtype `dtype` (the dtype under test unless `tensor` fixes one); InvalidArgument
// when a value does not fit it (1.5 as int32, 300 as uint8).
absl::StatusOr<Tensor> ExampleToTensor(const ExampleTensor& tensor, DataType dtype_under_test);
// The elements of a numeric, bool, complex (real part), variant or resource tensor (made by
// ExampleToTensor) as doubles.
absl::StatusOr<std::vector<double>> TensorToDoubles(const Tensor& tensor);
// An op with no outputs (it changes a resource) has an example with none; the matrix runs it
// after its inputs and checks it succeeds.

}  // namespace tfjs::runtime::testing

#define TFJS_EXAMPLES_CONCAT_INNER(a, b) a##b
#define TFJS_EXAMPLES_CONCAT(a, b) TFJS_EXAMPLES_CONCAT_INNER(a, b)
#define REGISTER_OP_EXAMPLES(...)                                                                 \
  static const bool TFJS_EXAMPLES_CONCAT(op_examples_registered_, __COUNTER__) [[maybe_unused]] = \
      ::tfjs::runtime::testing::RegisterOpExamples({__VA_ARGS__})

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_TESTING_OP_EXAMPLES_H_
