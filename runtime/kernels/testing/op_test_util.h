// Helpers for kernel tests: build tensors and run one op through the real GraphModel path.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_TESTING_OP_TEST_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_TESTING_OP_TEST_UTIL_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/graph.pb.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::testing {

template <typename T>
Tensor MakeTensor(DataType dtype, Shape shape, std::vector<T> values) {
  Tensor tensor = *Tensor::Allocate(dtype, std::move(shape));
  T* out = tensor.mutable_data<T>();
  for (size_t i = 0; i < values.size() && static_cast<int64_t>(i) < tensor.num_elements(); ++i) {
    out[i] = values[i];
  }
  return tensor;
}
inline Tensor Floats(Shape shape, std::vector<float> values) {
  return MakeTensor<float>(tensorflow::DT_FLOAT, std::move(shape), std::move(values));
}
inline Tensor Ints(Shape shape, std::vector<int32_t> values) {
  return MakeTensor<int32_t>(tensorflow::DT_INT32, std::move(shape), std::move(values));
}
inline Tensor Int64s(Shape shape, std::vector<int64_t> values) {
  return MakeTensor<int64_t>(tensorflow::DT_INT64, std::move(shape), std::move(values));
}
inline Tensor Bools(Shape shape, std::vector<bool> values) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_BOOL, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) tensor.mutable_data<bool>()[i] = values[i];
  return tensor;
}

// Runs one node of `op` whose inputs are fed from `inputs` (as Placeholders "input_0", ...,
// or as Const nodes when `constant_inputs[i]` is true, so kernels can pack them) and returns
// outputs 0..num_outputs-1 (none: the op runs as a control dependency), through ExecuteAsync so
// control-flow ops run too. `attrs_text` holds
// NodeDef attr entries in text format, e.g. `attr { key: "T" value { type: DT_FLOAT } }`.
absl::StatusOr<std::vector<Tensor>> RunOp(const std::string& op, const std::vector<Tensor>& inputs,
                                          const std::string& attrs_text, int num_outputs = 1,
                                          std::vector<bool> constant_inputs = {},
                                          int num_threads = 1);

// Runs a graph given as GraphDef text: feeds `feeds` (node name -> tensor) and returns `fetches`
// ("node:k"), through ExecuteAsync. For tests of ops that work on resources made by other nodes.
absl::StatusOr<std::vector<Tensor>> RunGraph(
    const std::string& graph_text, const std::vector<std::pair<std::string, Tensor>>& feeds,
    const std::vector<std::string>& fetches);

// The values of a float tensor, for EXPECT_THAT(..., Pointwise(FloatNear(1e-5), ...)).
std::vector<float> FloatValues(const Tensor& tensor);
std::vector<int32_t> IntValues(const Tensor& tensor);
std::vector<int64_t> Int64Values(const Tensor& tensor);

// "ok", or the error's message, for EXPECT_THAT(StatusMessage(RunOp(...)), HasSubstr(...)).
std::string StatusMessage(const absl::StatusOr<std::vector<Tensor>>& result);

}  // namespace tfjs::runtime::testing

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_TESTING_OP_TEST_UTIL_H_
