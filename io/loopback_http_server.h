// LoopbackHttpServer: a minimal HTTP/1.1 file server on 127.0.0.1 for tests, running on its own
// thread, recording every request it answers. It honours "Range: bytes=N-" and can break off
// responses midway to imitate a failed download.
#ifndef TFJS_NATIVE_IO_LOOPBACK_HTTP_SERVER_H_
#define TFJS_NATIVE_IO_LOOPBACK_HTTP_SERVER_H_

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace tfjs::io::testing {

struct RecordedRequest {
  std::string method;
  // Path and query, as sent.
  std::string target;
  // Header names lower-cased.
  std::map<std::string, std::string> headers;
};

class LoopbackHttpServer {
 public:
  // Serves `files` (URL path without query -> body) on an ephemeral port. With
  // `send_content_length` false, responses end by closing the connection instead.
  explicit LoopbackHttpServer(std::map<std::string, std::string> files,
                              bool send_content_length = true);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  // "http://127.0.0.1:<port>"
  std::string base_url() const;
  std::vector<RecordedRequest> requests() const;
  // The value of header `name` (lower case) in each recorded request, "" where it was absent.
  std::vector<std::string> HeaderValues(const std::string& name) const;
  // The next `responses` GET responses close the connection after `bytes` body bytes, although
  // their Content-Length announces the whole body.
  void BreakOffResponses(int responses, size_t bytes);
  // Requests for `path` get "302 Found" to `location` (a path here or a URL elsewhere).
  void Redirect(const std::string& path, const std::string& location);
  // Every response waits `milliseconds` before its first byte.
  void StallResponses(int milliseconds);

 private:
  void Serve();
  void Answer(int connection);

  const std::map<std::string, std::string> files_;
  const bool send_content_length_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  mutable absl::Mutex mutex_;
  std::vector<RecordedRequest> requests_ ABSL_GUARDED_BY(mutex_);
  int responses_to_break_off_ ABSL_GUARDED_BY(mutex_) = 0;
  size_t break_off_after_ ABSL_GUARDED_BY(mutex_) = 0;
  std::map<std::string, std::string> redirects_ ABSL_GUARDED_BY(mutex_);
  int stall_ms_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace tfjs::io::testing

#endif  // TFJS_NATIVE_IO_LOOPBACK_HTTP_SERVER_H_
