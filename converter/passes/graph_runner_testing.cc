#include "converter/passes/graph_runner_testing.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "converter/passes/float_const.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "runtime/kernels/nn/nn_test_util.h"

namespace tfjs::converter::testing {

absl::StatusOr<std::vector<runtime::Tensor>> RunGraph(const tensorflow::GraphDef& graph,
                                                      const Feeds& inputs,
                                                      const std::vector<std::string>& outputs) {
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model = runtime::GraphModel::FromGraphDef(
      graph, {}, tensorflow::SignatureDef(), runtime::GraphModelOptions());
  if (!model.ok()) return model.status();
  return (*model)->ExecuteAsync(inputs, outputs);
}

void ExpectSameOutputs(const tensorflow::GraphDef& before, const tensorflow::GraphDef& after,
                       const Feeds& inputs, const std::vector<std::string>& outputs,
                       double tolerance) {
  absl::StatusOr<std::vector<runtime::Tensor>> expected = RunGraph(before, inputs, outputs);
  ASSERT_TRUE(expected.ok()) << "before: " << expected.status();
  absl::StatusOr<std::vector<runtime::Tensor>> actual = RunGraph(after, inputs, outputs);
  ASSERT_TRUE(actual.ok()) << "after: " << actual.status();
  ASSERT_EQ(expected->size(), actual->size());
  for (size_t k = 0; k < expected->size(); ++k) {
    const runtime::Tensor& want = (*expected)[k];
    const runtime::Tensor& got = (*actual)[k];
    ASSERT_EQ(want.dtype(), got.dtype()) << outputs[k];
    ASSERT_EQ(runtime::ShapeString(want.shape()), runtime::ShapeString(got.shape())) << outputs[k];
    if (want.dtype() != tensorflow::DT_FLOAT) {
      EXPECT_EQ(std::memcmp(want.raw_data(), got.raw_data(), want.byte_size()), 0) << outputs[k];
      continue;
    }
    for (int64_t i = 0; i < want.num_elements(); ++i) {
      const double w = want.data<float>()[i], g = got.data<float>()[i];
      ASSERT_NEAR(g, w, tolerance * std::max(1.0, std::abs(w))) << outputs[k] << " at " << i;
    }
  }
}

void ExpectSameTensor(const runtime::Tensor& want, const runtime::Tensor& got) {
  ASSERT_EQ(got.dtype(), want.dtype());
  ASSERT_EQ(got.shape(), want.shape());
  if (want.dtype() == tensorflow::DT_STRING) {
    EXPECT_EQ(got.strings(), want.strings());
  } else {
    EXPECT_EQ(std::memcmp(got.raw_data(), want.raw_data(), want.byte_size()), 0);
  }
}

tensorflow::NodeDef RandomConst(const std::string& name, runtime::Shape shape, unsigned seed) {
  const runtime::Tensor values = runtime::nn::testing::RandomFloats(shape, seed);
  const absl::Span<const float> data = values.values<float>();
  return MakeFloatConst(name, FloatConst{std::vector<int64_t>(shape.begin(), shape.end()),
                                         std::vector<float>(data.begin(), data.end())});
}

}  // namespace tfjs::converter::testing
