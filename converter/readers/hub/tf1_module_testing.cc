#include "converter/readers/hub/tf1_module_testing.h"

#include "absl/strings/str_cat.h"

namespace tfjs::converter::testing {

absl::StatusOr<std::vector<float>> RunOnOneTwo(const runtime::GraphModel& model) {
  absl::StatusOr<runtime::Tensor> x = runtime::Tensor::Allocate(tensorflow::DT_FLOAT, {1, 2});
  if (!x.ok()) return x.status();
  x->mutable_data<float>()[0] = 1;
  x->mutable_data<float>()[1] = 2;
  absl::StatusOr<std::vector<runtime::Tensor>> outputs = model.Execute({{"x", *x}}, {});
  if (!outputs.ok()) return outputs.status();
  if (outputs->size() != 1) {
    return absl::InternalError(absl::StrCat("expected one output, got ", outputs->size()));
  }
  auto values = (*outputs)[0].values<float>();
  return std::vector<float>(values.begin(), values.end());
}

}  // namespace tfjs::converter::testing
