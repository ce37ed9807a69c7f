// Shared pieces of the nn kernel tests: attr text, random tensors and tolerant comparison.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_NN_NN_TEST_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_NN_NN_TEST_UTIL_H_

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "runtime/tensor.h"

namespace tfjs::runtime::nn::testing {

inline std::string IntListAttr(const std::string& name, const std::vector<int64_t>& values) {
  std::string list;
  for (int64_t value : values) absl::StrAppend(&list, " i: ", value);
  return absl::StrCat("attr { key: \"", name, "\" value { list {", list, " } } } ");
}
inline std::string StringListAttr(const std::string& name, const std::vector<std::string>& values) {
  std::string list;
  for (const std::string& value : values) absl::StrAppend(&list, " s: \"", value, "\"");
  return absl::StrCat("attr { key: \"", name, "\" value { list {", list, " } } } ");
}
inline std::string StringAttr(const std::string& name, const std::string& value) {
  return absl::StrCat("attr { key: \"", name, "\" value { s: \"", value, "\" } } ");
}
inline std::string IntAttr(const std::string& name, int64_t value) {
  return absl::StrCat("attr { key: \"", name, "\" value { i: ", value, " } } ");
}
inline std::string FloatAttr(const std::string& name, float value) {
  return absl::StrCat("attr { key: \"", name, "\" value { f: ", value, " } } ");
}
inline std::string BoolAttr(const std::string& name, bool value) {
  return absl::StrCat("attr { key: \"", name, "\" value { b: ", value ? "true" : "false", " } } ");
}

// A float tensor of uniform values in [low, high), the same for the same seed.
inline Tensor RandomFloats(Shape shape, uint32_t seed, float low = -1.f, float high = 1.f) {
  Tensor tensor = *Tensor::Allocate(tensorflow::DT_FLOAT, std::move(shape));
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> distribution(low, high);
  float* values = tensor.mutable_data<float>();
  for (int64_t i = 0; i < tensor.num_elements(); ++i) values[i] = distribution(generator);
  return tensor;
}

// Expects `actual` to hold `expected` within 1e-5 relative (absolute near zero).
inline void ExpectClose(const Tensor& actual, const Shape& expected_shape,
                        const std::vector<double>& expected, double tolerance = 1e-5) {
  ASSERT_EQ(actual.dtype(), tensorflow::DT_FLOAT);
  ASSERT_EQ(ShapeString(actual.shape()), ShapeString(expected_shape));
  ASSERT_EQ(actual.num_elements(), static_cast<int64_t>(expected.size()));
  const float* values = actual.data<float>();
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_NEAR(values[i], expected[i], tolerance * std::max(1.0, std::abs(expected[i])))
        << "at flat index " << i;
  }
}

// Builds a model of one `op` node reading Placeholder "x" and Const "w" (= `weight`), runs it
// once per input serially, then from one thread per input at once (`runs` times each, on a
// two-thread pool), and expects every concurrent result to equal the serial one bit for bit.
void ExpectConcurrentRunsAgree(const std::string& op, const std::string& attrs_text,
                               const Tensor& weight, const std::vector<Tensor>& inputs,
                               int runs = 25);

}  // namespace tfjs::runtime::nn::testing

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_NN_NN_TEST_UTIL_H_
