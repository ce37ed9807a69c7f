#include "converter/readers/hdf5/object_header.h"

#include <deque>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "converter/readers/hdf5/checksum.h"

namespace tfjs::converter::hdf5 {
namespace {

constexpr absl::string_view kV2HeaderSignature = "OHDR";
constexpr absl::string_view kV2ContinuationSignature = "OCHK";
constexpr uint64_t kV1PrefixSize = 16;  // 12 bytes of fields, padded to 8-byte alignment
constexpr uint64_t kV1MessageHeaderSize = 8;
constexpr uint64_t kChecksumSize = 4;
// Message flag bit 7: fail when the message type is not understood.
constexpr uint8_t kFailIfUnknownFlag = 0x80;

struct Block {
  uint64_t address;
  uint64_t length;
};

bool IsKnownMessage(uint16_t type) { return type <= 0x0018; }

class HeaderParser {
 public:
  HeaderParser(const FileContext& file, ObjectHeader& header) : file_(file), header_(header) {}

  absl::Status Parse() {
    absl::StatusOr<std::string> first = file_.Read(header_.address, 1, "object header");
    if (!first.ok()) return first.status();
    absl::Status status;
    if ((*first)[0] == 1) {
      status = ParseV1Prefix();
    } else if ((*first)[0] == kV2HeaderSignature[0]) {
      status = ParseV2Prefix();
    } else {
      return file_.Corrupt(file_.FileOffset(header_.address),
                           absl::StrCat("object header has version byte ",
                                        static_cast<int>(static_cast<uint8_t>((*first)[0])),
                                        " (expected 1 or an \"OHDR\" signature)"));
    }
    if (!status.ok()) return status;
    // Continuation blocks; each block may be visited once, so a cycle cannot loop forever.
    absl::flat_hash_set<uint64_t> visited;
    while (!pending_.empty()) {
      const Block block = pending_.front();
      pending_.pop_front();
      if (!visited.insert(block.address).second) {
        return file_.Corrupt(file_.FileOffset(block.address),
                             "object header continuation block is referenced twice");
      }
      // Blocks may not overlap, so together they cannot exceed the file.
      bytes_read_ += block.length;
      if (block.length > file_.file_size() || bytes_read_ > file_.file_size()) {
        return file_.Corrupt(file_.FileOffset(block.address),
                             "object header continuation blocks are larger than the file");
      }
      absl::StatusOr<std::string> bytes =
          file_.Read(block.address, block.length, "object header continuation block");
      if (!bytes.ok()) return bytes.status();
      if (version_ == 1) {
        status = ParseMessagesV1(*bytes, file_.FileOffset(block.address));
      } else {
        status = ParseContinuationV2(*bytes, file_.FileOffset(block.address));
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ParseV1Prefix() {
    version_ = 1;
    absl::StatusOr<std::string> prefix =
        file_.Read(header_.address, kV1PrefixSize, "object header");
    if (!prefix.ok()) return prefix.status();
    ByteCursor cursor(*prefix, file_.FileOffset(header_.address));
    cursor.Skip(1 + 1 + 2 + 4);  // version, reserved, message count, reference count
    const uint32_t size = cursor.ReadU32();
    absl::StatusOr<std::string> bytes =
        file_.Read(header_.address + kV1PrefixSize, size, "object header messages");
    if (!bytes.ok()) return bytes.status();
    return ParseMessagesV1(*bytes, file_.FileOffset(header_.address + kV1PrefixSize));
  }

  absl::Status ParseMessagesV1(absl::string_view bytes, uint64_t file_offset) {
    ByteCursor cursor(bytes, file_offset);
    while (cursor.remaining() >= kV1MessageHeaderSize) {
      const uint16_t type = cursor.ReadU16();
      const uint16_t size = cursor.ReadU16();
      const uint8_t flags = cursor.ReadU8();
      cursor.Skip(3);
      const uint64_t data_offset = cursor.file_offset();
      const absl::string_view data = cursor.ReadBytes(size);
      if (!cursor.ok()) return file_.Truncated(cursor, "object header message");
      cursor.AlignTo(8);
      if (absl::Status s = AddMessage(type, flags, data_offset, data); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status ParseV2Prefix() {
    version_ = 2;
    // Signature, version, flags, optional times and attribute phase values, chunk size.
    constexpr uint64_t kLongestPrefix = 4 + 1 + 1 + 16 + 4 + 8;
    const uint64_t available =
        file_.file_size() -
        std::min<uint64_t>(file_.file_size(), file_.FileOffset(header_.address));
    absl::StatusOr<std::string> prefix =
        file_.Read(header_.address, std::min<uint64_t>(kLongestPrefix, available), "object header");
    if (!prefix.ok()) return prefix.status();
    ByteCursor cursor(*prefix, file_.FileOffset(header_.address));
    if (cursor.ReadBytes(4) != kV2HeaderSignature || cursor.ReadU8() != 2) {
      return file_.Corrupt(cursor.file_offset(),
                           "object header has an \"OHDR\" signature but not version 2");
    }
    header_flags_ = cursor.ReadU8();
    if (header_flags_ & 0x20) cursor.Skip(16);  // access, modification, change, birth times
    if (header_flags_ & 0x10) cursor.Skip(4);   // attribute storage phase change values
    const uint64_t chunk_size = cursor.ReadUint(1 << (header_flags_ & 0x03));
    if (!cursor.ok()) return file_.Truncated(cursor, "object header");
    const uint64_t prefix_size = cursor.position();
    if (chunk_size > file_.file_size()) {
      return file_.Corrupt(cursor.file_offset(), "object header chunk is larger than the file");
    }
    absl::StatusOr<std::string> bytes = file_.Read(
        header_.address, prefix_size + chunk_size + kChecksumSize, "object header messages");
    if (!bytes.ok()) return bytes.status();
    if (absl::Status s = VerifyChecksum(*bytes, file_.FileOffset(header_.address)); !s.ok()) {
      return s;
    }
    return ParseMessagesV2(absl::string_view(*bytes).substr(prefix_size, chunk_size),
                           file_.FileOffset(header_.address) + prefix_size);
  }

  // The last 4 bytes of a version-2 block are the lookup3 checksum of the bytes before them.
  absl::Status VerifyChecksum(absl::string_view block, uint64_t file_offset) {
    const absl::string_view covered = block.substr(0, block.size() - kChecksumSize);
    ByteCursor cursor(block.substr(covered.size()), file_offset + covered.size());
    const uint32_t stored = cursor.ReadU32();
    const uint32_t computed = Lookup3Checksum(covered);
    if (stored != computed) {
      return file_.Corrupt(
          file_offset, absl::StrCat("object header checksum mismatch (stored ", absl::Hex(stored),
                                    ", computed ", absl::Hex(computed), ")"));
    }
    return absl::OkStatus();
  }

  absl::Status ParseContinuationV2(absl::string_view bytes, uint64_t file_offset) {
    if (bytes.size() < kV2ContinuationSignature.size() + kChecksumSize ||
        bytes.substr(0, kV2ContinuationSignature.size()) != kV2ContinuationSignature) {
      return file_.Corrupt(file_offset,
                           "object header continuation block lacks its \"OCHK\" "
                           "signature");
    }
    if (absl::Status s = VerifyChecksum(bytes, file_offset); !s.ok()) return s;
    return ParseMessagesV2(
        bytes.substr(kV2ContinuationSignature.size(),
                     bytes.size() - kV2ContinuationSignature.size() - kChecksumSize),
        file_offset + kV2ContinuationSignature.size());
  }

  absl::Status ParseMessagesV2(absl::string_view bytes, uint64_t file_offset) {
    const bool has_creation_order = (header_flags_ & 0x04) != 0;
    const uint64_t message_header_size = has_creation_order ? 6 : 4;
    ByteCursor cursor(bytes, file_offset);
    // A gap smaller than a message header may end the block.
    while (cursor.remaining() >= message_header_size) {
      const uint8_t type = cursor.ReadU8();
      const uint16_t size = cursor.ReadU16();
      const uint8_t flags = cursor.ReadU8();
      if (has_creation_order) cursor.Skip(2);
      const uint64_t data_offset = cursor.file_offset();
      const absl::string_view data = cursor.ReadBytes(size);
      if (!cursor.ok()) return file_.Truncated(cursor, "object header message");
      if (absl::Status s = AddMessage(type, flags, data_offset, data); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  absl::Status AddMessage(uint16_t type, uint8_t flags, uint64_t file_offset,
                          absl::string_view data) {
    if (type == kContinuationMessage) {
      ByteCursor cursor(data, file_offset);
      const uint64_t address = file_.ReadAddress(cursor);
      const uint64_t length = file_.ReadLength(cursor);
      if (!cursor.ok()) return file_.Truncated(cursor, "object header continuation message");
      pending_.push_back(Block{address, length});
      return absl::OkStatus();
    }
    if (!IsKnownMessage(type) && (flags & kFailIfUnknownFlag)) {
      return file_.Unsupported(
          file_offset, absl::StrCat("object header message type ", type, " marked as required"));
    }
    header_.messages.push_back(HeaderMessage{type, flags, file_offset, std::string(data)});
    return absl::OkStatus();
  }

  const FileContext& file_;
  ObjectHeader& header_;
  int version_ = 1;
  uint8_t header_flags_ = 0;
  std::deque<Block> pending_;
  uint64_t bytes_read_ = 0;
};

}  // namespace

const HeaderMessage* ObjectHeader::Find(uint16_t type) const {
  for (const HeaderMessage& message : messages) {
    if (message.type == type) return &message;
  }
  return nullptr;
}

absl::StatusOr<ObjectHeader> ReadObjectHeader(const FileContext& file, uint64_t address) {
  ObjectHeader header;
  header.address = address;
  HeaderParser parser(file, header);
  if (absl::Status s = parser.Parse(); !s.ok()) return s;
  return header;
}

}  // namespace tfjs::converter::hdf5
