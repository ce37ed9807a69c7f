// WireFormatFile: walks the protobuf wire format of a file field by field, reading through a
// bounded window, so that messages larger than protobuf's 2 GiB limit (or than memory) can be
// taken apart without loading them.
#ifndef TFJS_NATIVE_CONVERTER_READERS_WIRE_FORMAT_FILE_H_
#define TFJS_NATIVE_CONVERTER_READERS_WIRE_FORMAT_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "converter/readers/checkpoint/random_access_file.h"

namespace tfjs::converter {

// Protobuf wire types (the low three bits of a field's tag).
enum class WireType : uint8_t {
  kVarint = 0,
  kFixed64 = 1,
  kLengthDelimited = 2,
  kStartGroup = 3,
  kEndGroup = 4,
  kFixed32 = 5,
};

// One field of a message as it lies in the file: [begin, end) is the whole field (tag included),
// [value_begin, end) its value (for length-delimited fields, the payload without its length).
struct WireField {
  uint32_t number = 0;
  WireType type = WireType::kVarint;
  uint64_t begin = 0;
  uint64_t value_begin = 0;
  uint64_t end = 0;

  uint64_t value_size() const { return end - value_begin; }
};

class WireFormatFile {
 public:
  // `message_type` names what the file holds ("tensorflow.GraphDef") in error messages.
  static absl::StatusOr<WireFormatFile> Open(const std::string& path, std::string message_type);

  const std::string& path() const { return file_->path(); }
  uint64_t size() const { return file_->size(); }

  // The field that starts at `offset` and must end by `end` (the end of its enclosing message).
  // Groups (wire types 3 and 4, unused by TensorFlow's protos) are refused.
  absl::StatusOr<WireField> ReadField(uint64_t offset, uint64_t end);

  // Bytes [offset, offset + length) of the file, valid until the next call on this object.
  // Reads through a window of at least 1 MiB, so that walking small fields in file order costs
  // one read per window.
  absl::StatusOr<absl::string_view> Bytes(uint64_t offset, uint64_t length);

  // Reads [offset, offset + length) into *out (replacing its contents), bypassing the window.
  absl::Status ReadInto(uint64_t offset, uint64_t length, std::string* out) const;

  // "<path>: corrupt or truncated <message type> at byte offset <offset>: <problem>", the
  // DataLoss error for everything wrong with the file's contents.
  absl::Status Corrupt(uint64_t offset, absl::string_view problem) const;

 private:
  WireFormatFile(std::unique_ptr<RandomAccessFile> file, std::string message_type)
      : file_(std::move(file)), message_type_(std::move(message_type)) {}

  // The varint at `offset`, which must end by `end`.
  absl::StatusOr<uint64_t> ReadVarint(uint64_t offset, uint64_t end, uint64_t* next);

  std::unique_ptr<RandomAccessFile> file_;
  std::string message_type_;
  std::string window_;
  uint64_t window_offset_ = 0;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_WIRE_FORMAT_FILE_H_
