// Where a TF-Hub module handle points: a local module directory, a local .tar.gz, or an http(s)
// URL downloaded (compressed, resumably) into an on-disk cache keyed by the URL.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HUB_HUB_MODULE_SOURCE_H_
#define TFJS_NATIVE_CONVERTER_READERS_HUB_HUB_MODULE_SOURCE_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"

namespace tfjs::converter {

struct HubCacheOptions {
  // Where downloaded modules live, one directory per URL named by the URL's SHA-1. Empty:
  // $XDG_CACHE_HOME/tfjs_native/hub, else $HOME/.cache/tfjs_native/hub.
  std::string cache_dir;
  // Told what a download has done so far ("Downloading URL: 1.5 MB of 3.0 MB (50%)"), as often
  // as the download reports it; empty shows none.
  std::function<void(std::string)> progress;
};

// A module directory ready to read. Archives given as local files are unpacked into a
// temporary directory that lives as long as this object.
class LocalHubModule {
 public:
  LocalHubModule(std::string dir, bool temporary) : dir_(std::move(dir)), temporary_(temporary) {}
  LocalHubModule(LocalHubModule&& other) noexcept;
  LocalHubModule& operator=(LocalHubModule&&) = delete;
  ~LocalHubModule();

  const std::string& dir() const { return dir_; }
  // Whether dir() is removed when this object goes away.
  bool temporary() const { return temporary_; }

 private:
  std::string dir_;
  bool temporary_;
};

// The URL a module handle is downloaded from: the handle with "tf-hub-format=compressed" added
// to its query (as tensorflow_hub asks tfhub.dev and Kaggle for the .tar.gz), unless its path
// already names a .tar.gz / .tgz archive.
std::string CompressedModuleUrl(const std::string& handle);

// The cache directory in use for `options`.
std::string HubCacheDir(const HubCacheOptions& options);

// Resolves `handle`:
//  - a directory: used as it is;
//  - a file (.tar.gz or .tar): unpacked into a temporary directory;
//  - an http(s) URL: if <cache>/<sha1(handle)> exists it is used without any request; else
//    CompressedModuleUrl(handle) is downloaded into <cache>/<sha1>.tar.gz.part, resuming what
//    an earlier interrupted attempt left there (HTTP Range), then unpacked beside and renamed to
//    <cache>/<sha1>. An archive that fails to unpack is deleted so the next attempt starts over.
absl::StatusOr<LocalHubModule> LocateHubModule(const std::string& handle,
                                               const HubCacheOptions& options);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_HUB_HUB_MODULE_SOURCE_H_
