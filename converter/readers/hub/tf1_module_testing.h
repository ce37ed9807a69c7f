// Test helper for //testdata/hub:tf1_module: runs a model made from it on x = [[1, 2]].
#ifndef TFJS_NATIVE_CONVERTER_READERS_HUB_TF1_MODULE_TESTING_H_
#define TFJS_NATIVE_CONVERTER_READERS_HUB_TF1_MODULE_TESTING_H_

#include <vector>

#include "absl/status/statusor.h"
#include "runtime/graph_model.h"

namespace tfjs::converter::testing {

// The values of the model's single output for input "x" = [[1, 2]] (float32). The module's
// default signature gives {5.5, -2.5}: [[1, 2]] @ [[0.5, -1], [2, 0.25]] + [1, -2].
absl::StatusOr<std::vector<float>> RunOnOneTwo(const runtime::GraphModel& model);

}  // namespace tfjs::converter::testing

#endif  // TFJS_NATIVE_CONVERTER_READERS_HUB_TF1_MODULE_TESTING_H_
