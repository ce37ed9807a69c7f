#include "io/http_download.h"

#include <curl/curl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "io/curl_request.h"

namespace tfjs::io {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// State of one GET shared with libcurl's callbacks.
struct Transfer {
  std::FILE* file = nullptr;
  // Bytes the file held when the request asked to resume from there.
  uint64_t resume_from = 0;
  // Of the last response whose headers arrived (redirects come first).
  long status = 0;
  // Start of "Content-Range: bytes START-END/SIZE", or -1.
  int64_t range_start = -1;
  bool body_started = false;
  // Bytes already in the file when this response's body began.
  uint64_t base = 0;
  std::string error;
  const DownloadOptions* options = nullptr;
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  Transfer& transfer = *static_cast<Transfer*>(user);
  const absl::string_view line(data, size * count);
  if (absl::StartsWith(line, "HTTP/")) {
    // A new response (after a redirect or a 100 Continue): its own status and headers.
    const size_t space = line.find(' ');
    long status = 0;
    if (space != absl::string_view::npos && absl::SimpleAtoi(line.substr(space + 1, 3), &status)) {
      transfer.status = status;
    }
    transfer.range_start = -1;
    return size * count;
  }
  const size_t colon = line.find(':');
  if (colon != absl::string_view::npos &&
      absl::EqualsIgnoreCase(line.substr(0, colon), "content-range")) {
    absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
    if (absl::ConsumePrefix(&value, "bytes ")) {
      int64_t start = -1;
      if (absl::SimpleAtoi(value.substr(0, value.find('-')), &start)) transfer.range_start = start;
    }
  }
  return size * count;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  Transfer& transfer = *static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (transfer.status < 200 || transfer.status >= 300) return bytes;  // An error page: dropped.
  if (!transfer.body_started) {
    transfer.body_started = true;
    if (transfer.status == 206) {
      if (transfer.range_start != static_cast<int64_t>(transfer.resume_from)) {
        transfer.error = absl::StrCat("the server resumed at byte ", transfer.range_start,
                                      ", not at byte ", transfer.resume_from, " as asked");
        return 0;
      }
      transfer.base = transfer.resume_from;
    } else if (transfer.resume_from > 0) {
      // The whole content instead of the rest: start the file over.
      if (std::fflush(transfer.file) != 0 || ftruncate(fileno(transfer.file), 0) != 0) {
        transfer.error =
            absl::StrCat("cannot truncate the partial download: ", std::strerror(errno));
        return 0;
      }
    }
  }
  if (std::fwrite(data, 1, bytes, transfer.file) != bytes) {
    transfer.error = absl::StrCat("write failed: ", std::strerror(errno));
    return 0;
  }
  return bytes;
}

int OnProgress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  const Transfer& transfer = *static_cast<Transfer*>(user);
  if (transfer.options->on_progress && transfer.body_started) {
    transfer.options->on_progress(transfer.base + static_cast<uint64_t>(now),
                                  total > 0 ? static_cast<int64_t>(transfer.base + total) : -1);
  }
  return 0;
}

uint64_t FileSize(const std::string& path) {
  std::error_code error;
  const uintmax_t size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

// One GET; `*range_unsatisfiable` is set when the server answered 416 to the resume range.
absl::Status Get(const std::string& url, const std::string& path, const DownloadOptions& options,
                 bool* range_unsatisfiable) {
  *range_unsatisfiable = false;
  Transfer transfer;
  transfer.options = &options;
  transfer.resume_from = FileSize(path);
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "ab"));
  if (file == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat(path, ": cannot open for writing: ", std::strerror(errno)));
  }
  transfer.file = file.get();
  const CurlHeaderList headers = MakeCurlHeaderList(options.headers);
  absl::StatusOr<CurlHandle> curl = NewCurlRequest(url, headers.get());
  if (!curl.ok()) return curl.status();
  const std::string range = absl::StrCat(transfer.resume_from, "-");
  if (transfer.resume_from > 0) curl_easy_setopt(curl->get(), CURLOPT_RANGE, range.c_str());
  curl_easy_setopt(curl->get(), CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl->get(), CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(curl->get(), CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl->get(), CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl->get(), CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl->get(), CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(curl->get(), CURLOPT_NOPROGRESS, 0L);
  const CURLcode code = curl_easy_perform(curl->get());
  const bool flushed = std::fflush(file.get()) == 0;
  if (!transfer.error.empty()) {
    return absl::DataLossError(absl::StrCat("GET ", url, " into ", path, ": ", transfer.error));
  }
  if (code != CURLE_OK) {
    return absl::UnavailableError(absl::StrCat("GET ", url, " failed after ", FileSize(path),
                                               " bytes: ", curl_easy_strerror(code)));
  }
  long status = 0;
  curl_easy_getinfo(curl->get(), CURLINFO_RESPONSE_CODE, &status);
  if (status == 416 && transfer.resume_from > 0) {
    *range_unsatisfiable = true;
    return absl::OkStatus();
  }
  if (absl::Status error = CheckHttpStatus("GET", url, status); !error.ok()) return error;
  if (!transfer.body_started && status != 206 && ftruncate(fileno(file.get()), 0) != 0) {
    return absl::DataLossError(absl::StrCat(path, ": cannot truncate: ", std::strerror(errno)));
  }
  if (!flushed) return absl::DataLossError(absl::StrCat(path, ": write failed"));
  return absl::OkStatus();
}

}  // namespace

absl::Status DownloadToFile(const std::string& url, const std::string& path,
                            const DownloadOptions& options) {
  bool range_unsatisfiable = false;
  absl::Status status = Get(url, path, options, &range_unsatisfiable);
  if (!status.ok() || !range_unsatisfiable) return status;
  // What we hold is longer than the content now is: start over.
  if (std::remove(path.c_str()) != 0) {
    return absl::PermissionDeniedError(
        absl::StrCat(path, ": cannot remove the stale partial download"));
  }
  status = Get(url, path, options, &range_unsatisfiable);
  if (status.ok() && range_unsatisfiable) {
    return absl::UnavailableError(absl::StrCat("GET ", url, ": HTTP 416 without a range"));
  }
  return status;
}

}  // namespace tfjs::io
