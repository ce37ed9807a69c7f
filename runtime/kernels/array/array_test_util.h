// Helpers for the array kernel tests: typed tensors in and out, and error
// matching.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_TEST_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::testing {

inline Tensor Doubles(Shape shape, std::vector<double> values) {
  return MakeTensor<double>(tensorflow::DT_DOUBLE, std::move(shape), std::move(values));
}
inline Tensor Int32Scalar(int32_t value) { return Ints({}, {value}); }

// Elements of a tensor whose storage type is T.
template <typename T>
std::vector<T> Values(const Tensor& tensor) {
  absl::Span<const T> values = tensor.values<T>();
  return std::vector<T>(values.begin(), values.end());
}
inline std::vector<bool> BoolValues(const Tensor& tensor) { return Values<bool>(tensor); }

// Runs `op` and returns its outputs, failing the test on an error.
inline std::vector<Tensor> RunOk(const std::string& op, const std::vector<Tensor>& inputs,
                                 const std::string& attrs = "", int num_outputs = 1) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs, num_outputs);
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  if (!outputs.ok()) return std::vector<Tensor>(num_outputs, Tensor());
  return *std::move(outputs);
}

// The message of running `op`, which must fail; empty when it succeeded.
inline std::string RunError(const std::string& op, const std::vector<Tensor>& inputs,
                            const std::string& attrs = "", int num_outputs = 1) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs, num_outputs);
  if (outputs.ok()) return "";
  return std::string(outputs.status().message());
}

// Text for an int attr, e.g. IntAttr("axis", 1).
inline std::string IntAttr(const std::string& name, int64_t value) {
  return "attr { key: \"" + name + "\" value { i: " + std::to_string(value) + " } }";
}
inline std::string BoolAttr(const std::string& name, bool value) {
  return "attr { key: \"" + name + "\" value { b: " + (value ? "true" : "false") + " } }";
}
inline std::string TypeAttr(const std::string& name, const std::string& type) {
  return "attr { key: \"" + name + "\" value { type: " + type + " } }";
}
inline std::string StringAttr(const std::string& name, const std::string& value) {
  return "attr { key: \"" + name + "\" value { s: \"" + value + "\" } }";
}
inline std::string IntListAttr(const std::string& name, const std::vector<int64_t>& values) {
  std::string text = "attr { key: \"" + name + "\" value { list {";
  for (int64_t value : values) text += " i: " + std::to_string(value);
  return text + " } } }";
}

}  // namespace tfjs::runtime::testing

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_ARRAY_ARRAY_TEST_UTIL_H_
