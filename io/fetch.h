// Fetching model files: the Fetcher interface over local files (memory-mapped) and http(s) URLs
// (libcurl), and the options TF.js's LoadOptions has for them.
#ifndef TFJS_NATIVE_IO_FETCH_H_
#define TFJS_NATIVE_IO_FETCH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/tensor.h"

namespace tfjs::io {

struct LoadOptions {
  // Extra request headers for every HTTP request (fetch's requestInit.headers).
  std::vector<std::pair<std::string, std::string>> headers;
  // Credential headers among `headers` (Authorization, Cookie, Proxy-Authorization) always go to
  // the origin the model came from; to another origin (weight_path_prefix on a CDN) only when
  // this is true: the analogue of fetch's credentials 'include' vs 'same-origin', or XHR's
  // withCredentials.
  bool with_credentials = false;
  // Folder (directory or http(s) URL) the manifest's paths are relative to, instead of the
  // model.json's folder (TF.js's weightPathPrefix).
  std::string weight_path_prefix;
  // Called with the fraction (0..1] of weight shards read so far, ending with 1.
  std::function<void(double)> on_progress;
  // Limits on every HTTP request: time to connect, longest stall with no byte received, bytes
  // of one response body, and redirects followed (each hop's origin decides on credentials).
  int connect_timeout_ms = 30000;
  int read_timeout_ms = 60000;
  uint64_t max_response_bytes = uint64_t{4} << 30;
  int max_redirects = 10;
};

// One transport for whole files, addressed by local path or URL. Not thread-safe: one loader
// uses it at a time.
class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Byte size without reading the content (stat, HTTP HEAD). NotFound when missing.
  virtual absl::StatusOr<uint64_t> Size(const std::string& location) = 0;
  // The whole content. NotFound when missing.
  virtual absl::StatusOr<Buffer> Read(const std::string& location) = 0;
};

// Local files; Read memory-maps them, so weights can point into the mapping.
std::unique_ptr<Fetcher> MakeLocalFetcher();

// http(s) URLs through libcurl, sending options.headers. `home_origin` ("scheme://host:port") is
// the origin credential headers always go to.
std::unique_ptr<Fetcher> MakeHttpFetcher(const LoadOptions& options, std::string home_origin);

// The fetcher for files under `folder`: HTTP for http(s) URLs, else local.
std::unique_ptr<Fetcher> MakeFetcherFor(absl::string_view folder, const LoadOptions& options);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_FETCH_H_
