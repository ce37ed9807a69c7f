// ReadProtoFile: loads a protobuf message from a file in binary or text format, told apart by
// the file's content.
#ifndef TFJS_NATIVE_CONVERTER_READERS_PROTO_FILE_H_
#define TFJS_NATIVE_CONVERTER_READERS_PROTO_FILE_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace tfjs::converter {

// Whether a file starting with `prefix` (its first kTextProtoProbeBytes suffice) holds text
// format: it starts (after blanks) like text-format fields or a comment and has no control
// characters there.
inline constexpr size_t kTextProtoProbeBytes = 4096;
bool LooksLikeTextProto(absl::string_view prefix);

// Whether the file at `path` holds a text-format protobuf, from its first bytes (false for an
// empty file); NotFound when it cannot be opened.
absl::StatusOr<bool> IsTextProtoFile(const std::string& path);

// The whole file; NotFound when it cannot be opened.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

// Text format when the content starts (after blanks) like text-format fields or a comment,
// binary otherwise. Errors name the file: empty, corrupt or truncated binary data, or the first
// text-format error with its line and column.
absl::Status ReadProtoFile(const std::string& path, google::protobuf::Message* message);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_PROTO_FILE_H_
