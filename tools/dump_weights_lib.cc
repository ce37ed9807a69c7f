#include "tools/dump_weights_lib.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "io/fetch.h"
#include "io/load_weights.h"
#include "io/model_json.h"
#include "io/paths.h"
#include "io/weights_manifest.h"
#include "tools/dump_weights_npy.h"

namespace tfjs::tools {
namespace {

absl::StatusOr<io::WeightsManifest> ReadManifest(io::Fetcher& fetcher, const std::string& path) {
  absl::StatusOr<io::Buffer> content = fetcher.Read(path);
  if (!content.ok()) return content.status();
  const absl::string_view text(reinterpret_cast<const char*>(content->data()), content->size());
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first != absl::string_view::npos && text[first] == '[') {
    return io::ParseWeightsManifest(text, path);
  }
  absl::StatusOr<io::ModelJson> model = io::ParseModelJson(text, path);
  if (!model.ok()) return model.status();
  return std::move(model->weights_manifest);
}

// A manifest with at least one weight: there is nothing to dump otherwise, and a manifest that
// lists none ([{}], a weightless model's empty group) is more likely the wrong file.
absl::StatusOr<io::WeightsManifest> ReadNonEmptyManifest(io::Fetcher& fetcher,
                                                         const std::string& path) {
  absl::StatusOr<io::WeightsManifest> manifest = ReadManifest(fetcher, path);
  if (!manifest.ok()) return manifest.status();
  for (const io::WeightGroup& group : *manifest) {
    if (!group.weights.empty()) return manifest;
  }
  return absl::InvalidArgumentError(absl::StrCat(path, ": the weights manifest lists no weights"));
}

// "<index>_<name>.npy" with characters outside [A-Za-z0-9._-] replaced by '_'.
std::string FileNameFor(size_t index, absl::string_view weight_name) {
  std::string safe;
  for (char c : weight_name) {
    safe += absl::ascii_isalnum(c) || c == '.' || c == '_' || c == '-' ? c : '_';
  }
  return absl::StrFormat("%04d_%s.npy", index, safe);
}

// `text` as a JSON string literal.
std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += absl::StrFormat("\\u%04x", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

absl::Status WriteFile(const std::string& path, absl::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write '", path, "'"));
  return absl::OkStatus();
}

}  // namespace

absl::Status DumpWeights(const std::string& manifest_path, const std::string& output_dir,
                         const std::vector<std::string>& names) {
  const io::ModelLocation location = io::SplitModelLocation(manifest_path);
  std::unique_ptr<io::Fetcher> fetcher = io::MakeFetcherFor(location.folder, io::LoadOptions());
  absl::StatusOr<io::WeightsManifest> manifest = ReadNonEmptyManifest(*fetcher, manifest_path);
  if (!manifest.ok()) return manifest.status();
  absl::StatusOr<std::vector<io::NamedTensor>> weights = io::LoadWeightsWith(
      *fetcher, *manifest, location.folder, location.query, names.empty() ? nullptr : &names, nullptr);
  if (!weights.ok()) return weights.status();
  std::error_code created;
  std::filesystem::create_directories(output_dir, created);
  if (created) {
    return absl::UnavailableError(
        absl::StrCat("cannot create '", output_dir, "': ", created.message()));
  }

  // weights.json lists the weights in load order.
  std::string json = "{";
  for (size_t i = 0; i < weights->size(); ++i) {
    const io::NamedTensor& weight = (*weights)[i];
    const std::string file_name = FileNameFor(i, weight.name);
    absl::Status written = WriteFile(absl::StrCat(output_dir, "/", file_name), EncodeNpy(weight.tensor));
    if (!written.ok()) return written;
    absl::StrAppend(&json, i == 0 ? "\n" : ",\n", "  ", JsonString(weight.name), ": ",
                    JsonString(file_name));
  }
  absl::StrAppend(&json, "\n}\n");
  return WriteFile(absl::StrCat(output_dir, "/weights.json"), json);
}

}  // namespace tfjs::tools
