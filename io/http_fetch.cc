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

// A response body growing up to `max_bytes`; past that the transfer is aborted.
struct Body {
  std::string bytes;
  uint64_t max_bytes = 0;
  bool too_large = false;
};

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  Body& body = *static_cast<Body*>(user);
  if (body.bytes.size() + size * count > body.max_bytes) {
    body.too_large = true;
    return 0;  // Anything but size * count aborts the transfer.
  }
  body.bytes.append(data, size * count);
  return size * count;
}

class HttpFetcher : public Fetcher {
 public:
  HttpFetcher(const LoadOptions& options, std::string home_origin)
      : headers_(options.headers),
        with_credentials_(options.with_credentials),
        connect_timeout_ms_(options.connect_timeout_ms),
        read_timeout_ms_(options.read_timeout_ms),
        max_response_bytes_(options.max_response_bytes),
        max_redirects_(options.max_redirects),
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

  // Follows redirects itself (at most max_redirects_), so that credentials go only where each
  // hop's origin allows.
  absl::StatusOr<Response> Request(const std::string& url, bool head_only) {
    std::string location = url;
    for (int redirects = 0;; ++redirects) {
      std::string next;
      absl::StatusOr<Response> response = RequestOnce(location, head_only, &next);
      if (!response.ok() || next.empty()) return response;
      if (redirects == max_redirects_) {
        return absl::UnavailableError(absl::StrCat(head_only ? "HEAD " : "GET ", url,
                                                   ": more than ", max_redirects_,
                                                   " redirects"));
      }
      location = next;
    }
  }

  // One request; a redirect's target goes to *redirect (left empty otherwise).
  absl::StatusOr<Response> RequestOnce(const std::string& url, bool head_only,
                                       std::string* redirect) {
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
    Body body;
    body.max_bytes = max_response_bytes_;
    curl_easy_setopt(curl->get(), CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl->get(), CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(connect_timeout_ms_));
    // A stall: less than one byte a second for the read timeout.
    curl_easy_setopt(curl->get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl->get(), CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>((read_timeout_ms_ + 999) / 1000));
    // Refused up front when a Content-Length announces more.
    curl_easy_setopt(curl->get(), CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(max_response_bytes_));
    curl_easy_setopt(curl->get(), CURLOPT_NOBODY, head_only ? 1L : 0L);
    curl_easy_setopt(curl->get(), CURLOPT_WRITEFUNCTION, AppendBody);
    curl_easy_setopt(curl->get(), CURLOPT_WRITEDATA, &body);
    const CURLcode code = curl_easy_perform(curl->get());
    const char* verb = head_only ? "HEAD" : "GET";
    if (body.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      return absl::ResourceExhaustedError(absl::StrCat(verb, " ", url, ": the response is over ",
                                                       max_response_bytes_, " bytes"));
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
      return absl::DeadlineExceededError(absl::StrCat(verb, " ", url, ": no response within ",
                                                      read_timeout_ms_, " ms"));
    }
    if (code != CURLE_OK) {
      return absl::UnavailableError(absl::StrCat(verb, " ", url, " failed: ", curl_easy_strerror(code)));
    }
    long status = 0;
    curl_easy_getinfo(curl->get(), CURLINFO_RESPONSE_CODE, &status);
    if (status >= 300 && status < 400) {
      char* target = nullptr;
      curl_easy_getinfo(curl->get(), CURLINFO_REDIRECT_URL, &target);
      if (target != nullptr) {
        *redirect = target;
        return Response();
      }
    }
    if (absl::Status error = CheckHttpStatus(verb, url, status); !error.ok()) return error;
    Response response;
    response.body = std::move(body.bytes);
    curl_easy_getinfo(curl->get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &response.content_length);
    return response;
  }

  const std::vector<std::pair<std::string, std::string>> headers_;
  const bool with_credentials_;
  const int connect_timeout_ms_;
  const int read_timeout_ms_;
  const uint64_t max_response_bytes_;
  const int max_redirects_;
  const std::string home_origin_;
  // Bodies fetched by Size for lack of a Content-Length, handed over by the next Read.
  absl::flat_hash_map<std::string, Buffer> fetched_;
};

}  // namespace

std::unique_ptr<Fetcher> MakeHttpFetcher(const LoadOptions& options, std::string home_origin) {
  return std::make_unique<HttpFetcher>(options, std::move(home_origin));
}

}  // namespace tfjs::io
