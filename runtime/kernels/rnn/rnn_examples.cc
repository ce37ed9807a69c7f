// Op examples of the recurrent cells with zero weights and biases, worked by hand: every gate
// pre-activation is 0 (the LSTM forget gate's is forget_bias, 1 by default, except in
// BlockLSTMV2), so gates are sigmoid(0) = 1/2 and candidates tanh(0) = 0.
#include <cmath>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_INT64;

const double kSigmoidOne = 1 / (1 + std::exp(-1.0));

ExampleTensor Zeros(Shape shape) { return X(shape, std::vector<double>(NumElements(shape), 0)); }

// LSTM inputs after x: cs_prev, h_prev (zero), w [2, 4], wci, wcf, wco, b.
std::vector<ExampleTensor> LstmInputs(ExampleTensor x) {
  return {std::move(x), Zeros({1, 1}), Zeros({1, 1}), Zeros({2, 4}),
          Zeros({1}),   Zeros({1}),    Zeros({1}),    Zeros({4})};
}

std::vector<ExampleTensor> LstmOutputs(Shape shape, double f) {
  return {X(shape, {0.5}), X(shape, {0}), X(shape, {f}), X(shape, {0.5}),
          X(shape, {0}),   X(shape, {0}), X(shape, {0})};
}

std::vector<ExampleTensor> BlockInputs() {
  std::vector<ExampleTensor> inputs = LstmInputs(X({1, 1, 1}, {1}));
  inputs.insert(inputs.begin(), Fixed(DT_INT64, {}, {1}));
  return inputs;
}

REGISTER_OP_EXAMPLES(
    // h = u h_prev + (1 - u) c = 2 / 2.
    OpExample{.op = "GRUBlockCell",
              .inputs = {X({1, 1}, {1}), X({1, 1}, {2}), Zeros({2, 2}), Zeros({2, 1}), Zeros({2}),
                         Zeros({1})},
              .outputs = {X({1, 1}, {0.5}), X({1, 1}, {0.5}), X({1, 1}, {0}), X({1, 1}, {1})}},
    OpExample{.op = "LSTMBlockCell",
              .inputs = LstmInputs(X({1, 1}, {1})),
              .outputs = LstmOutputs({1, 1}, kSigmoidOne)},
    OpExample{
        .op = "BlockLSTM", .inputs = BlockInputs(), .outputs = LstmOutputs({1, 1, 1}, kSigmoidOne)},
    OpExample{
        .op = "BlockLSTMV2", .inputs = BlockInputs(), .outputs = LstmOutputs({1, 1, 1}, 0.5)});

}  // namespace
}  // namespace tfjs::runtime::testing
