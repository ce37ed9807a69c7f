// Test helpers for float16 and bfloat16 kernels: tensors from bit patterns, and an op's output
// bits.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MATH_HALF_TEST_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MATH_HALF_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::testing {

inline Tensor Halves(Shape shape, std::vector<uint16_t> bits) {
  return MakeTensor<uint16_t>(tensorflow::DT_HALF, std::move(shape), std::move(bits));
}
inline Tensor BFloat16s(Shape shape, std::vector<uint16_t> bits) {
  return MakeTensor<uint16_t>(tensorflow::DT_BFLOAT16, std::move(shape), std::move(bits));
}

// Output 0 of `op` (failing the test when it errors), or an empty tensor.
inline Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs,
                    const std::string& attrs = "", int num_threads = 1) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs, 1, {}, num_threads);
  EXPECT_TRUE(outputs.ok()) << op << ": " << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

// The output bits of `op`, checking it kept the first input's 16-bit dtype.
inline std::vector<uint16_t> Bits(const std::string& op, const std::vector<Tensor>& inputs,
                                  const std::string& attrs = "") {
  Tensor out = RunOk(op, inputs, attrs);
  EXPECT_EQ(out.dtype(), inputs[0].dtype()) << op;
  return std::vector<uint16_t>(out.values<uint16_t>().begin(), out.values<uint16_t>().end());
}

inline bool IsHalfNaN(uint16_t bits) { return (bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0; }
inline bool IsBFloat16NaN(uint16_t bits) {
  return (bits & 0x7f80) == 0x7f80 && (bits & 0x7f) != 0;
}

}  // namespace tfjs::runtime::testing

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MATH_HALF_TEST_UTIL_H_
