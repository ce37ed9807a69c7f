// The consumer's own program: reads the model.json its BUILD converted with tfjs_graph_model
// (through tfjs_native's io), then runs the model on x = [1, 2, 3] with tfjs_native's runtime.
#include <cstdio>
#include <string>

#include "io/load_model.h"
#include "runtime/graph_model.h"

int main(int argc, char** argv) {
  // `bazel run` starts in this workspace's runfiles, where the converted directory lies.
  const std::string model_json = argc > 1 ? argv[1] : "tiny_web/model.json";
  absl::StatusOr<tfjs::io::ModelJson> json = tfjs::io::LoadModelJson(model_json);
  if (!json.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string(json.status().message()).c_str());
    return 1;
  }
  size_t weights = 0;
  for (const tfjs::io::WeightGroup& group : json->weights_manifest) weights += group.weights.size();
  std::printf("format: %s, weights: %zu\n", json->format.c_str(), weights);

  absl::StatusOr<std::unique_ptr<tfjs::runtime::GraphModel>> model =
      tfjs::runtime::GraphModel::Load(model_json);
  absl::StatusOr<tfjs::runtime::Tensor> x = tfjs::runtime::Tensor::Zeros(tensorflow::DT_FLOAT, {1, 3});
  if (!model.ok() || !x.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string((model.ok() ? x.status() : model.status()).message()).c_str());
    return 1;
  }
  for (int i = 0; i < 3; ++i) x->mutable_data<float>()[i] = i + 1.0f;
  absl::StatusOr<std::vector<tfjs::runtime::Tensor>> y = (*model)->Execute({{"x", *x}}, {"y"});
  if (!y.ok()) {
    std::fprintf(stderr, "error: %s\n", std::string(y.status().message()).c_str());
    return 1;
  }
  std::printf("y:");
  for (int64_t i = 0; i < (*y)[0].num_elements(); ++i) std::printf(" %g", (*y)[0].data<float>()[i]);
  std::printf("\n");
  return 0;
}
