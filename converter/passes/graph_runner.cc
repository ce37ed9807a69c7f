#include "converter/passes/graph_runner.h"

#include <cstring>
#include <memory>

#include "gtest/gtest.h"
#include "runtime/graph_model.h"

namespace tfjs::converter::testing {

absl::StatusOr<std::vector<runtime::Tensor>> RunGraph(const tensorflow::GraphDef& graph,
                                                      const Feeds& feeds,
                                                      const std::vector<std::string>& fetches) {
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::FromGraphDef(graph, {}, tensorflow::SignatureDef(), {});
  if (!model.ok()) return model.status();
  return (*model)->ExecuteAsync(feeds, fetches);
}

void ExpectSameOutputs(const tensorflow::GraphDef& before, const tensorflow::GraphDef& after,
                       const Feeds& feeds, const std::vector<std::string>& fetches) {
  absl::StatusOr<std::vector<runtime::Tensor>> expected = RunGraph(before, feeds, fetches);
  ASSERT_TRUE(expected.ok()) << "before: " << expected.status();
  absl::StatusOr<std::vector<runtime::Tensor>> actual = RunGraph(after, feeds, fetches);
  ASSERT_TRUE(actual.ok()) << "after: " << actual.status();
  for (size_t i = 0; i < fetches.size(); ++i) {
    SCOPED_TRACE(fetches[i]);
    ExpectSameTensor((*expected)[i], (*actual)[i]);
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

runtime::Tensor FloatTensor(runtime::Shape shape, const std::vector<float>& values) {
  runtime::Tensor tensor = *runtime::Tensor::Allocate(tensorflow::DT_FLOAT, std::move(shape));
  std::memcpy(tensor.mutable_data<float>(), values.data(), values.size() * sizeof(float));
  return tensor;
}

}  // namespace tfjs::converter::testing
