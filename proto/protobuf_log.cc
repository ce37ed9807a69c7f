#include "proto/protobuf_log.h"

#include <cstdio>

#include "google/protobuf/stubs/logging.h"

namespace tfjs::proto {
namespace {

thread_local std::string captured;

void Keep(google::protobuf::LogLevel level, const char* filename, int line,
          const std::string& message) {
  if (level == google::protobuf::LOGLEVEL_FATAL) {
    std::fprintf(stderr, "[libprotobuf FATAL %s:%d] %s\n", filename, line, message.c_str());
    return;
  }
  std::string text = message;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (!captured.empty()) captured += "; ";
  captured += text;
}

}  // namespace

void CaptureProtobufLog() {
  static const bool installed = [] {
    google::protobuf::SetLogHandler(&Keep);
    return true;
  }();
  (void)installed;
}

std::string TakeProtobufLog() {
  std::string lines = std::move(captured);
  captured.clear();
  return lines;
}

}  // namespace tfjs::proto
