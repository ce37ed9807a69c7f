#include "io/loopback_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"

namespace tfjs::io::testing {
namespace {

void SendAll(int connection, absl::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = send(connection, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent <= 0) return;
    data.remove_prefix(static_cast<size_t>(sent));
  }
}

}  // namespace

LoopbackHttpServer::LoopbackHttpServer(std::map<std::string, std::string> files,
                                       bool send_content_length)
    : files_(std::move(files)), send_content_length_(send_content_length) {
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(listener_, 16) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::abort();  // The test machine cannot open a loopback socket: nothing to test against.
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  shutdown(listener_, SHUT_RDWR);
  close(listener_);
  thread_.join();
}

std::string LoopbackHttpServer::base_url() const { return absl::StrCat("http://127.0.0.1:", port_); }

std::vector<RecordedRequest> LoopbackHttpServer::requests() const {
  absl::MutexLock lock(&mutex_);
  return requests_;
}

std::vector<std::string> LoopbackHttpServer::HeaderValues(const std::string& name) const {
  std::vector<std::string> values;
  for (const RecordedRequest& request : requests()) {
    auto it = request.headers.find(name);
    values.push_back(it == request.headers.end() ? "" : it->second);
  }
  return values;
}

void LoopbackHttpServer::BreakOffResponses(int responses, size_t bytes) {
  absl::MutexLock lock(&mutex_);
  responses_to_break_off_ = responses;
  break_off_after_ = bytes;
}

void LoopbackHttpServer::Redirect(const std::string& path, const std::string& location) {
  absl::MutexLock lock(&mutex_);
  redirects_[path] = location;
}

void LoopbackHttpServer::StallResponses(int milliseconds) {
  absl::MutexLock lock(&mutex_);
  stall_ms_ = milliseconds;
}

void LoopbackHttpServer::Serve() {
  while (true) {
    const int connection = accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    Answer(connection);
    close(connection);
  }
}

void LoopbackHttpServer::Answer(int connection) {
  std::string received;
  char chunk[4096];
  while (received.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = recv(connection, chunk, sizeof(chunk), 0);
    if (n <= 0) return;
    received.append(chunk, static_cast<size_t>(n));
  }
  RecordedRequest request;
  std::vector<absl::string_view> lines =
      absl::StrSplit(absl::string_view(received).substr(0, received.find("\r\n\r\n")), "\r\n");
  std::vector<std::string> request_line = absl::StrSplit(lines[0], ' ');
  if (request_line.size() < 2) return;
  request.method = request_line[0];
  request.target = request_line[1];
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == absl::string_view::npos) continue;
    request.headers[absl::AsciiStrToLower(lines[i].substr(0, colon))] =
        std::string(absl::StripAsciiWhitespace(lines[i].substr(colon + 1)));
  }
  size_t break_off_after = std::string::npos;
  std::string redirect;
  int stall_ms = 0;
  {
    absl::MutexLock lock(&mutex_);
    requests_.push_back(request);
    if (request.method == "GET" && responses_to_break_off_ > 0) {
      --responses_to_break_off_;
      break_off_after = break_off_after_;
    }
    auto it = redirects_.find(request.target.substr(0, request.target.find('?')));
    if (it != redirects_.end()) redirect = it->second;
    stall_ms = stall_ms_;
  }
  if (stall_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(stall_ms));
  if (!redirect.empty()) {
    SendAll(connection, absl::StrCat("HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: ",
                                     redirect, "\r\nContent-Length: 0\r\n\r\n"));
    return;
  }
  const auto file = files_.find(request.target.substr(0, request.target.find('?')));
  const bool found = file != files_.end();
  std::string status = found ? "200 OK" : "404 Not Found";
  std::string body = found ? file->second : "not found";
  std::string extra_headers;
  // "bytes=N-": the rest of the file from N, or 416 when N lies past its end.
  absl::string_view range;
  if (auto it = request.headers.find("range"); found && it != request.headers.end()) {
    range = it->second;
  }
  size_t start = 0;
  if (absl::ConsumePrefix(&range, "bytes=") && absl::ConsumeSuffix(&range, "-") &&
      absl::SimpleAtoi(range, &start)) {
    const size_t size = body.size();
    if (start >= size) {
      status = "416 Range Not Satisfiable";
      extra_headers = absl::StrCat("Content-Range: bytes */", size, "\r\n");
      body.clear();
    } else {
      status = "206 Partial Content";
      extra_headers =
          absl::StrCat("Content-Range: bytes ", start, "-", size - 1, "/", size, "\r\n");
      body = body.substr(start);
    }
  }
  std::string head =
      absl::StrCat("HTTP/1.1 ", status, "\r\nConnection: close\r\n", extra_headers);
  if (send_content_length_ || !found) {
    absl::StrAppend(&head, "Content-Length: ", body.size(), "\r\n");
  }
  absl::StrAppend(&head, "\r\n");
  SendAll(connection, head);
  if (request.method != "HEAD") {
    SendAll(connection, absl::string_view(body).substr(0, break_off_after));
  }
}

}  // namespace tfjs::io::testing
