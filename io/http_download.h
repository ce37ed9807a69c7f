// DownloadToFile: an http(s) GET streamed into a file, resuming a partial earlier download with
// an HTTP Range request.
#ifndef TFJS_NATIVE_IO_HTTP_DOWNLOAD_H_
#define TFJS_NATIVE_IO_HTTP_DOWNLOAD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace tfjs::io {

struct DownloadOptions {
  // Extra request headers.
  std::vector<std::pair<std::string, std::string>> headers;
  // Called as bytes arrive: bytes in the file so far (resumed bytes included) and the full size,
  // or -1 while unknown.
  std::function<void(uint64_t bytes, int64_t total)> on_progress;
};

// Downloads `url` into `path`. When `path` already holds N bytes (an interrupted download) it
// asks for "Range: bytes=N-" and appends if the server answers 206 Partial Content starting at
// N; a 200 answer rewrites the file from the start, and 416 (the range lies past the end) starts
// over once without a range. A transfer that breaks off leaves what arrived in `path` for the
// next call to resume. HTTP errors: NotFound for 404/410, Unavailable otherwise, naming the URL.
absl::Status DownloadToFile(const std::string& url, const std::string& path,
                            const DownloadOptions& options = {});

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_HTTP_DOWNLOAD_H_
