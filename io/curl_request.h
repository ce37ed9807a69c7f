// libcurl easy handles set up the way every HTTP request of io/ makes them.
#ifndef TFJS_NATIVE_IO_CURL_REQUEST_H_
#define TFJS_NATIVE_IO_CURL_REQUEST_H_

#include <curl/curl.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::io {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlHeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;

// "Name: value" lines for CURLOPT_HTTPHEADER (null when `headers` is empty).
CurlHeaderList MakeCurlHeaderList(const std::vector<std::pair<std::string, std::string>>& headers);

// A handle for `url` (libcurl's global setup done once before the first): redirects followed,
// http and https only (redirects too), no signals, `headers` sent (kept alive by the caller).
absl::StatusOr<CurlHandle> NewCurlRequest(const std::string& url, const curl_slist* headers);

// OK for a 2xx HTTP status; NotFound for 404 and 410; Unavailable otherwise. Messages read
// "<verb> <url>: HTTP <status>".
absl::Status CheckHttpStatus(absl::string_view verb, const std::string& url, long status);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_CURL_REQUEST_H_
