#include "converter/readers/proto_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "proto/protobuf_log.h"

namespace tfjs::converter {
namespace {

// Keeps the first text-format parse error instead of letting protobuf log it.
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (!error_.empty()) return;
    error_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
  }
  void AddWarning(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

// A directory opens as a file and fails only when read: said instead of "read error".
absl::Status CheckNotDirectory(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory, expected a file"));
}

}  // namespace

// Text format starts with a field name or a comment and holds no control characters; binary
// protobufs are full of them (field tags such as 0x12, short lengths) within their first bytes,
// even when a leading tag byte happens to be whitespace and a node name follows.
bool LooksLikeTextProto(absl::string_view content) {
  size_t start = 0;
  while (start < content.size() && absl::ascii_isspace(content[start])) ++start;
  if (start == content.size()) return false;
  const char first = content[start];
  if (!absl::ascii_isalpha(first) && first != '#') return false;
  const size_t probe_end = std::min(content.size(), kTextProtoProbeBytes);
  for (size_t i = 0; i < probe_end; ++i) {
    const unsigned char c = content[i];
    if (c < 0x20 && !absl::ascii_isspace(c)) return false;
    if (c == 0x7F) return false;
  }
  return true;
}

absl::StatusOr<bool> IsTextProtoFile(const std::string& path) {
  if (absl::Status status = CheckNotDirectory(path); !status.ok()) return status;
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(path, ": cannot open file"));
  std::string prefix(kTextProtoProbeBytes, '\0');
  file.read(prefix.data(), static_cast<std::streamsize>(prefix.size()));
  if (file.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  prefix.resize(static_cast<size_t>(file.gcount()));
  return LooksLikeTextProto(prefix);
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  if (absl::Status status = CheckNotDirectory(path); !status.ok()) return status;
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(path, ": cannot open file"));
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return content.str();
}

absl::Status ReadProtoFile(const std::string& path, google::protobuf::Message* message) {
  absl::StatusOr<std::string> content = ReadFileToString(path);
  if (!content.ok()) return content.status();
  if (content->empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": file is empty, expected a ",
                                                   message->GetTypeName()));
  }
  proto::CaptureProtobufLog();
  if (LooksLikeTextProto(*content)) {
    FirstErrorCollector errors;
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (!parser.ParseFromString(*content, message)) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": not a valid text-format ", message->GetTypeName(), " (", errors.error(), ")"));
    }
    return absl::OkStatus();
  }
  if (!message->ParseFromString(*content)) {
    std::string reason = proto::TakeProtobufLog();
    if (reason.empty()) reason = "corrupt or truncated protobuf";
    return absl::DataLossError(
        absl::StrCat(path, ": not a valid binary ", message->GetTypeName(), " (", reason, ")"));
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
