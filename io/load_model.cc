#include "io/load_model.h"

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "io/load_weights.h"
#include "io/paths.h"

namespace tfjs::io {
namespace {

// The origin credential headers always go to: the model's, or for a local model the weight
// folder's.
std::string HomeOrigin(absl::string_view model_path, absl::string_view weight_folder) {
  absl::StatusOr<std::string> origin =
      UrlOrigin(IsHttpUrl(model_path) ? model_path : weight_folder);
  return origin.ok() ? *origin : std::string();
}

std::unique_ptr<Fetcher> FetcherFor(absl::string_view location, absl::string_view model_path,
                                    const LoadOptions& options) {
  if (!IsHttpUrl(location)) return MakeLocalFetcher();
  return MakeHttpFetcher(options, HomeOrigin(model_path, location));
}

// `model_path`, or for a local directory the model.json in it.
absl::StatusOr<std::string> ModelJsonPath(absl::string_view model_path) {
  std::error_code ec;
  if (IsHttpUrl(model_path) || !std::filesystem::is_directory(std::string(model_path), ec)) {
    return std::string(model_path);
  }
  std::string path = absl::StrCat(absl::StripSuffix(model_path, "/"), "/model.json");
  if (!std::filesystem::exists(path, ec)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", model_path, "' is a directory without a model.json"));
  }
  return path;
}

}  // namespace

absl::StatusOr<ModelJson> LoadModelJson(absl::string_view model_path, const LoadOptions& options) {
  absl::StatusOr<std::string> path = ModelJsonPath(model_path);
  if (!path.ok()) return path.status();
  std::unique_ptr<Fetcher> fetcher = FetcherFor(*path, *path, options);
  absl::StatusOr<Buffer> text = fetcher->Read(*path);
  if (!text.ok()) return text.status();
  return ParseModelJson(
      absl::string_view(reinterpret_cast<const char*>(text->data()), text->size()), *path);
}

absl::StatusOr<LoadedModel> LoadModel(absl::string_view given_path, const LoadOptions& options) {
  absl::StatusOr<std::string> resolved = ModelJsonPath(given_path);
  if (!resolved.ok()) return resolved.status();
  const std::string& model_path = *resolved;
  absl::StatusOr<ModelJson> model_json = LoadModelJson(model_path, options);
  if (!model_json.ok()) return model_json.status();
  const ModelLocation location = SplitModelLocation(model_path);
  const std::string folder =
      options.weight_path_prefix.empty() ? location.folder : options.weight_path_prefix;
  const std::string query = IsHttpUrl(folder) ? location.query : "";
  std::unique_ptr<Fetcher> fetcher = FetcherFor(folder, model_path, options);
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeightsWith(
      *fetcher, model_json->weights_manifest, folder, query, nullptr, options.on_progress);
  if (!weights.ok()) {
    return absl::Status(weights.status().code(),
                        absl::StrCat(model_path, ": ", weights.status().message()));
  }
  return LoadedModel{*std::move(model_json), *std::move(weights)};
}

}  // namespace tfjs::io
