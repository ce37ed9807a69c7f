// FusePrelu: finds the ops Keras's PReLU layer becomes in a TensorFlow graph and replaces them by
// one Prelu op, as tensorflowjs_converter's fuse_prelu step does.
#ifndef TFJS_NATIVE_CONVERTER_PASSES_FUSE_PRELU_H_
#define TFJS_NATIVE_CONVERTER_PASSES_FUSE_PRELU_H_

#include <string>
#include <vector>

#include "proto/graph.pb.h"

namespace tfjs::converter {

// Matches  Add|AddV2(Relu(x), Mul(k, Relu(Neg(x))))  (either operand order of Add and Mul), where
// k is -alpha as a float Const or Neg(Const alpha), and  Sub(Relu(x), Mul(alpha, Relu(Neg(x)))).
// The Add/Sub becomes Prelu(x, alpha) under its own name; alpha is the Const itself when the
// pattern holds it with the right sign, else a negated copy "<add>/alpha". The Relu, Mul, Relu and
// Neg must feed nothing else and not be among `outputs`. Returns how many Prelu ops it made.
int FusePrelu(const std::vector<std::string>& outputs, tensorflow::GraphDef* graph);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_PASSES_FUSE_PRELU_H_
