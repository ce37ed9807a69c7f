// Reads every Keras model.h5 of the corpus: model_config, layer_names, and every layer's
// weights, checking sizes and shapes agree.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/hdf5/hdf5_file.h"
#include "gtest/gtest.h"

namespace tfjs::converter::hdf5 {
namespace {

using ::tfjs::converter::testing::CaseDirs;

// Checks one layer's weights; returns a failure description, or "" when all is well.
std::string CheckLayer(const Group& weights, const std::string& layer, int& weight_count) {
  absl::StatusOr<Group> group = weights.OpenGroup(layer);
  if (!group.ok()) return std::string(group.status().message());
  absl::StatusOr<Attribute> names = group->ReadAttribute("weight_names");
  if (!names.ok()) return std::string(names.status().message());
  // h5py writes a layer without weights as an empty float array.
  if (names->num_elements() == 0) return "";
  if (names->kind != ElementKind::kString) return "weight_names are not strings";
  for (const std::string& name : names->strings) {
    absl::StatusOr<Dataset> weight = group->ReadDataset(name);
    if (!weight.ok()) return std::string(weight.status().message());
    if (weight->kind == ElementKind::kString) return absl::StrCat(name, " holds strings");
    if (weight->bytes.size() != weight->num_elements() * weight->element_size) {
      return absl::StrCat(name, ": ", weight->bytes.size(), " bytes for shape [",
                          absl::StrJoin(weight->shape, ","), "] of ", weight->element_size,
                          "-byte elements");
    }
    if (weight->kind == ElementKind::kFloat && weight->element_size != 4 &&
        weight->element_size != 8 && weight->element_size != 2) {
      return absl::StrCat(name, ": float of ", weight->element_size, " bytes");
    }
    ++weight_count;
  }
  return "";
}

// Reads one model; returns a failure description, or "" when all is well.
std::string CheckModel(const std::string& path, int& weight_count) {
  absl::StatusOr<File> file = File::Open(path);
  if (!file.ok()) return std::string(file.status().message());
  const Group& root = file->root();
  // Every root attribute (keras_version, backend, training_config, ...) must decode.
  for (const std::string& name : root.attribute_names()) {
    absl::StatusOr<Attribute> attribute = root.ReadAttribute(name);
    if (!attribute.ok()) return std::string(attribute.status().message());
  }
  if (root.HasAttribute("model_config")) {
    absl::StatusOr<Attribute> config = root.ReadAttribute("model_config");
    if (!config.ok()) return std::string(config.status().message());
    if (config->kind != ElementKind::kString || config->strings.size() != 1) {
      return "model_config is not one string";
    }
    const std::string& json = config->strings[0];
    if (!absl::StartsWith(json, "{") || !absl::StrContains(json, "\"class_name\"")) {
      return absl::StrCat("model_config is not a Keras JSON config: ", json.substr(0, 80));
    }
  }
  absl::StatusOr<Group> model_weights = root.HasChild("model_weights")
                                            ? root.OpenGroup("model_weights")
                                            : absl::StatusOr<Group>(root);
  if (!model_weights.ok()) return std::string(model_weights.status().message());
  absl::StatusOr<Attribute> layers = model_weights->ReadAttribute("layer_names");
  if (!layers.ok()) return std::string(layers.status().message());
  if (layers->kind != ElementKind::kString || layers->shape.size() != 1 ||
      layers->shape[0] != layers->strings.size()) {
    return "layer_names is not a 1-D array of strings";
  }
  for (const std::string& layer : layers->strings) {
    const std::string problem = CheckLayer(*model_weights, layer, weight_count);
    if (!problem.empty()) return absl::StrCat("layer ", layer, ": ", problem);
  }
  return "";
}

TEST(Hdf5KerasCorpusTest, EveryModelReadsFully) {
  const std::vector<std::string> dirs = CaseDirs("keras");
  ASSERT_EQ(dirs.size(), 211u);
  int models_read = 0;
  int weight_count = 0;
  for (const std::string& dir : dirs) {
    const std::string problem = CheckModel(dir + "/model.h5", weight_count);
    EXPECT_EQ(problem, "") << dir;
    if (problem.empty()) ++models_read;
  }
  EXPECT_EQ(models_read, 211);
  EXPECT_GT(weight_count, 211);
  std::cout << models_read << " of " << dirs.size() << " Keras models read, " << weight_count
            << " weights\n";
}

}  // namespace
}  // namespace tfjs::converter::hdf5
