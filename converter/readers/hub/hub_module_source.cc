#include "converter/readers/hub/hub_module_source.h"

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/hub/sha1.h"
#include "converter/readers/hub/tar_archive.h"
#include "io/http_download.h"
#include "io/paths.h"
#include "io/progress_line.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

// A fresh directory "<prefix>XXXXXX".
absl::StatusOr<std::string> MakeTempDir(const std::string& prefix) {
  std::string pattern = prefix + "XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::PermissionDeniedError(absl::StrCat("cannot create directory ", pattern));
  }
  return pattern;
}

// "Downloading URL: 1.5 MB of 3.0 MB (50%)" (no total when the server gave none).
std::string DownloadProgress(const std::string& url, uint64_t bytes, int64_t total) {
  std::string text = absl::StrCat("Downloading ", url, ": ", io::FormatMegabytes(bytes));
  if (total > 0) {
    absl::StrAppend(&text, " of ", io::FormatMegabytes(total), " (", 100 * bytes / total, "%)");
  }
  return text;
}

absl::StatusOr<LocalHubModule> UnpackLocalArchive(const std::string& archive) {
  std::error_code error;
  fs::path tmp = fs::temp_directory_path(error);
  if (error) tmp = "/tmp";
  absl::StatusOr<std::string> dir = MakeTempDir((tmp / "tfjs_hub_module.").string());
  if (!dir.ok()) return dir.status();
  LocalHubModule module(*dir, /*temporary=*/true);
  if (absl::Status status = ExtractTarArchive(archive, *dir); !status.ok()) return status;
  return module;
}

absl::StatusOr<LocalHubModule> DownloadToCache(const std::string& handle,
                                               const HubCacheOptions& options) {
  const fs::path cache = HubCacheDir(options);
  const fs::path module = cache / Sha1Hex(handle);
  std::error_code error;
  if (fs::is_directory(module, error)) return LocalHubModule(module.string(), false);
  fs::create_directories(cache, error);
  if (error) {
    return absl::PermissionDeniedError(
        absl::StrCat(cache.string(), ": cannot create the TF-Hub cache: ", error.message()));
  }
  const std::string url = CompressedModuleUrl(handle);
  const std::string archive = module.string() + ".tar.gz.part";
  {
    io::DownloadOptions download;
    if (options.progress) {
      download.on_progress = [&](uint64_t bytes, int64_t total) {
        options.progress(DownloadProgress(url, bytes, total));
      };
    }
    if (absl::Status status = io::DownloadToFile(url, archive, download); !status.ok()) {
      return absl::Status(status.code(),
                          absl::StrCat("TF-Hub module ", handle, ": ", status.message(),
                                       " (run again to resume the download)"));
    }
  }
  absl::StatusOr<std::string> staging = MakeTempDir(module.string() + ".tmp-");
  if (!staging.ok()) return staging.status();
  absl::Status status = ExtractTarArchive(archive, *staging);
  if (status.ok()) {
    fs::rename(*staging, module, error);
    // Another process may have finished the same module first; theirs is as good.
    if (error && fs::is_directory(module)) error.clear();
    if (error) {
      status = absl::PermissionDeniedError(
          absl::StrCat("cannot move ", *staging, " to ", module.string(), ": ", error.message()));
    }
  }
  fs::remove_all(*staging, error);
  fs::remove(archive, error);
  if (!status.ok()) {
    return absl::Status(status.code(), absl::StrCat("TF-Hub module ", handle, " from ", url, ": ",
                                                    status.message()));
  }
  return LocalHubModule(module.string(), false);
}

}  // namespace

LocalHubModule::LocalHubModule(LocalHubModule&& other) noexcept
    : dir_(std::move(other.dir_)), temporary_(std::exchange(other.temporary_, false)) {}

LocalHubModule::~LocalHubModule() {
  if (!temporary_) return;
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::string CompressedModuleUrl(const std::string& handle) {
  const size_t query = handle.find('?');
  const std::string path = absl::AsciiStrToLower(handle.substr(0, query));
  if (absl::EndsWith(path, ".tar.gz") || absl::EndsWith(path, ".tgz")) return handle;
  return absl::StrCat(handle, query == std::string::npos ? "?" : "&", "tf-hub-format=compressed");
}

std::string HubCacheDir(const HubCacheOptions& options) {
  if (!options.cache_dir.empty()) return options.cache_dir;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg != '\0') return (fs::path(xdg) / "tfjs_native" / "hub").string();
  const char* home = std::getenv("HOME");
  return (fs::path(home != nullptr ? home : ".") / ".cache" / "tfjs_native" / "hub").string();
}

absl::StatusOr<LocalHubModule> LocateHubModule(const std::string& handle,
                                               const HubCacheOptions& options) {
  if (io::IsHttpUrl(handle)) return DownloadToCache(handle, options);
  std::error_code error;
  if (fs::is_directory(handle, error)) return LocalHubModule(handle, false);
  if (fs::is_regular_file(handle, error)) return UnpackLocalArchive(handle);
  return absl::NotFoundError(
      absl::StrCat(handle,
                   ": no such TF-Hub module (expected a module directory, a .tar.gz archive or an "
                   "http(s) URL)"));
}

}  // namespace tfjs::converter
