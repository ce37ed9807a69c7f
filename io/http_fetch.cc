// The http(s) Fetcher: libcurl HEAD for sizes, GET for contents, with the caller's headers.
#include <curl/curl.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "io/curl_request.h"
#include "io/fetch.h"
#include "io/paths.h"

namespace tfjs::io {
namespace {

bool IsCredentialHeader(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  return lower == "authorization" || lower == "cookie" || lower == "proxy-authorization";
}

size_t AppendBody(char* data, size_t size, size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

class HttpFetcher : public Fetcher {
 public:
  HttpFetcher(const LoadOptions& options, std::string home_origin)
      : headers_(options.headers),
        with_credentials_(options.with_credentials),
        home_origin_(std::move(home_origin)) {}

  absl::StatusOr<uint64_t> Size(const std::string& url) override {
    absl::StatusOr<Response> head = Request(url, /*head_only=*/true);
    if (!head.ok()) return head.status();
    if (head->content_length >= 0) return static_cast<uint64_t>(head->content_length);
    // No Content-Length (chunked or HEAD unsupported): read it now and keep it for Read.
    absl::StatusOr<Buffer> body = Read(url);
    if (!body.ok()) return body.status();
    fetched_[url] = *body;
    return body->size();
  }

  absl::StatusOr<Buffer> Read(const std::string& url) override {
    auto cached = fetched_.find(url);
    if (cached != fetched_.end()) {
      Buffer body = std::move(cached->second);
      fetched_.erase(cached);
      return body;
    }
    absl::StatusOr<Response> get = Request(url, /*head_only=*/false);
    if (!get.ok()) return get.status();
    // The body string becomes the buffer's storage, without a copy.
    auto body = std::make_shared<const std::string>(std::move(get->body));
    const uint8_t* data = reinterpret_cast<const uint8_t*>(body->data());
    const size_t size = body->size();
    return Buffer(std::move(body), data, size);
  }

 private:
  struct Response {
    std::string body;
    curl_off_t content_length = -1;
  };

  absl::StatusOr<Response> Request(const std::string& url, bool head_only) {
    absl::StatusOr<std::string> origin = UrlOrigin(url);
    if (!origin.ok()) return origin.status();
    const bool send_credentials = with_credentials_ || *origin == home_origin_;
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& header : headers_) {
      if (!IsCredentialHeader(header.first) || send_credentials) headers.push_back(header);
    }
    const CurlHeaderList header_list = MakeCurlHeaderList(headers);
    absl::StatusOr<CurlHandle> curl = NewCurlRequest(url, header_list.get());
    if (!curl.ok()) return curl.status();
    Response response;
    curl_easy_setopt(curl->get(), CURLOPT_NOBODY, head_only ? 1L : 0L);
    curl_easy_setopt(curl->get(), CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(curl->get(), CURLOPT_WRITEDATA, &response.body);
    const CURLcode code = curl_easy_perform(curl->get());
    const char* verb = head_only ? "HEAD" : "GET";
    if (code != CURLE_OK) {
      return absl::UnavailableError(absl::StrCat(verb, " ", url, " failed: ", curl_easy_strerror(code)));
    }
    long status = 0;
    curl_easy_getinfo(curl->get(), CURLINFO_RESPONSE_CODE, &status);
    if (absl::Status error = CheckHttpStatus(verb, url, status); !error.ok()) return error;
    curl_easy_getinfo(curl->get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &response.content_length);
    return response;
  }

  const std::vector<std::pair<std::string, std::string>> headers_;
  const bool with_credentials_;
  const std::string home_origin_;
  // Bodies fetched by Size for lack of a Content-Length, handed over by the next Read.
  absl::flat_hash_map<std::string, Buffer> fetched_;
};

}  // namespace

std::unique_ptr<Fetcher> MakeHttpFetcher(const LoadOptions& options, std::string home_origin) {
  return std::make_unique<HttpFetcher>(options, std::move(home_origin));
}

}  // namespace tfjs::io
