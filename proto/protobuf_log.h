// Protobuf's log lines ("[libprotobuf ERROR ...] String field ... contains invalid UTF-8 data")
// kept per thread instead of printed, so that the error of the parse that caused them says it
// in its one line.
#ifndef TFJS_NATIVE_PROTO_PROTOBUF_LOG_H_
#define TFJS_NATIVE_PROTO_PROTOBUF_LOG_H_

#include <string>

namespace tfjs::proto {

// Installs the handler (once per process; later calls do nothing). Fatal lines still go to
// stderr, as protobuf aborts after them.
void CaptureProtobufLog();

// The lines this thread logged since the last call, joined by "; " (empty when none), and
// forgets them.
std::string TakeProtobufLog();

}  // namespace tfjs::proto

#endif  // TFJS_NATIVE_PROTO_PROTOBUF_LOG_H_
