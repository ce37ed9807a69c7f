#include "io/curl_request.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tfjs::io {

CurlHeaderList MakeCurlHeaderList(const std::vector<std::pair<std::string, std::string>>& headers) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : headers) {
    list = curl_slist_append(list, absl::StrCat(name, ": ", value).c_str());
  }
  return CurlHeaderList(list);
}

absl::StatusOr<CurlHandle> NewCurlRequest(const std::string& url, const curl_slist* headers) {
  // libcurl's process-wide setup, once, before the first handle.
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!curl_ready) return absl::InternalError("libcurl could not be initialized");
  CurlHandle curl(curl_easy_init());
  if (curl == nullptr) return absl::InternalError("libcurl could not start a request");
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  return curl;
}

absl::Status CheckHttpStatus(absl::string_view verb, const std::string& url, long status) {
  if (status == 404 || status == 410) {
    return absl::NotFoundError(absl::StrCat(verb, " ", url, ": HTTP ", status, " (not found)"));
  }
  if (status < 200 || status >= 300) {
    return absl::UnavailableError(absl::StrCat(verb, " ", url, ": HTTP ", status));
  }
  return absl::OkStatus();
}

}  // namespace tfjs::io
