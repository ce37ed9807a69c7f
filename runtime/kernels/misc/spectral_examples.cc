// Op examples of the FFT ops (spectral.cc), worked by hand; complex values are compared by their
// real parts (testing/op_examples.h).
#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_COMPLEX64;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;

OpExample Complex(const char* op, ExampleTensor input, ExampleTensor output,
                  std::vector<ExampleTensor> extra = {}) {
  OpExample example{.op = op,
                    .inputs = {std::move(input)},
                    .outputs = {std::move(output)},
                    .dtype_attr = "Tcomplex"};
  example.inputs.insert(example.inputs.end(), extra.begin(), extra.end());
  return example;
}

// RFFT*: the real dtype varies, the output is the default Tcomplex, complex64. (Outputs are real
// here: the matrix compares real values only.)
OpExample Real(const char* op, ExampleTensor input, ExampleTensor output,
               std::vector<ExampleTensor> lengths) {
  OpExample example{.op = op,
                    .inputs = {std::move(input)},
                    .outputs = {std::move(output)},
                    .dtype_attr = "Treal"};
  example.inputs.insert(example.inputs.end(), lengths.begin(), lengths.end());
  return example;
}

// IRFFT*: the complex dtype varies, the output is the default Treal, float32.
OpExample InverseReal(const char* op, ExampleTensor input, ExampleTensor output,
                      std::vector<ExampleTensor> lengths) {
  return Complex(op, std::move(input), std::move(output), std::move(lengths));
}

REGISTER_OP_EXAMPLES(
    // An even sequence has a real transform: [1, 2, 3, 2] -> [8, -2, 0, -2].
    Complex("FFT", X({4}, {1, 2, 3, 2}), X({4}, {8, -2, 0, -2})),
    // (1/4) sum X[k] e^{+2 pi i k n / 4} of [10, -2, -2, -2].
    Complex("IFFT", X({4}, {10, -2, -2, -2}), X({4}, {1, 3, 3, 3})),
    Complex("FFT2D", X({2, 2}, {1, 2, 3, 4}), X({2, 2}, {10, -2, -4, 0})),
    Complex("IFFT2D", X({2, 2}, {10, -2, -4, 0}), X({2, 2}, {1, 2, 3, 4})),
    Complex("FFT3D", X({1, 1, 2}, {1, 2}), X({1, 1, 2}, {3, -1})),
    Complex("IFFT3D", X({1, 1, 2}, {3, -1}), X({1, 1, 2}, {1, 2})),
    // Along axis 0 only: column sums and differences.
    Complex("FFTND", X({2, 2}, {1, 2, 3, 4}), X({2, 2}, {4, 6, -2, -2}),
            {Fixed(DT_INT32, {1}, {2}), Fixed(DT_INT32, {1}, {0})}),
    // [4, 2, 0, 2, 9] cropped to 4: (1/4) [8, 4, 0, 4].
    Complex("IFFTND", X({5}, {4, 2, 0, 2, 9}), X({4}, {2, 1, 0, 1}),
            {Fixed(DT_INT32, {1}, {4}), Fixed(DT_INT32, {1}, {-1})}),
    Real("RFFT", X({4}, {1, 2, 3, 2}), Fixed(DT_COMPLEX64, {3}, {8, -2, 0}),
         {Fixed(DT_INT32, {1}, {4})}),
    Real("RFFT2D", X({2, 2}, {1, 2, 3, 4}), Fixed(DT_COMPLEX64, {2, 2}, {10, -2, -4, 0}),
         {Fixed(DT_INT32, {2}, {2, 2})}),
    Real("RFFT3D", X({1, 1, 2}, {1, 2}), Fixed(DT_COMPLEX64, {1, 1, 2}, {3, -1}),
         {Fixed(DT_INT32, {3}, {1, 1, 2})}),
    Real("RFFTND", X({2, 2}, {1, 2, 3, 4}), Fixed(DT_COMPLEX64, {2, 2}, {4, 6, -2, -2}),
         {Fixed(DT_INT32, {1}, {2}), Fixed(DT_INT32, {1}, {0})}),
    // The half spectrum [10, -2, -2] of length 4 completes to [10, -2, -2, -2].
    InverseReal("IRFFT", X({3}, {10, -2, -2}), Fixed(DT_FLOAT, {4}, {1, 3, 3, 3}),
                {Fixed(DT_INT32, {1}, {4})}),
    InverseReal("IRFFT2D", X({2, 2}, {10, -2, -4, 0}), Fixed(DT_FLOAT, {2, 2}, {1, 2, 3, 4}),
                {Fixed(DT_INT32, {2}, {2, 2})}),
    InverseReal("IRFFT3D", X({1, 1, 2}, {3, -1}), Fixed(DT_FLOAT, {1, 1, 2}, {1, 2}),
                {Fixed(DT_INT32, {3}, {1, 1, 2})}),
    InverseReal("IRFFTND", X({2, 2}, {4, 6, -2, -2}), Fixed(DT_FLOAT, {2, 2}, {1, 2, 3, 4}),
                {Fixed(DT_INT32, {1}, {2}), Fixed(DT_INT32, {1}, {0})}));

}  // namespace
}  // namespace tfjs::runtime::testing
