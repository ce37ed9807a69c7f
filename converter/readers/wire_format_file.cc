#include "converter/readers/wire_format_file.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfjs::converter {
namespace {

constexpr uint64_t kWindowBytes = uint64_t{1} << 20;
constexpr uint64_t kMaxVarintBytes = 10;

}  // namespace

absl::StatusOr<WireFormatFile> WireFormatFile::Open(const std::string& path,
                                                    std::string message_type) {
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> file = RandomAccessFile::Open(path);
  if (!file.ok()) return file.status();
  return WireFormatFile(*std::move(file), std::move(message_type));
}

absl::Status WireFormatFile::Corrupt(uint64_t offset, absl::string_view problem) const {
  return absl::DataLossError(absl::StrCat(path(), ": corrupt or truncated ", message_type_,
                                          " at byte offset ", offset, ": ", problem));
}

absl::StatusOr<absl::string_view> WireFormatFile::Bytes(uint64_t offset, uint64_t length) {
  if (offset > size() || length > size() - offset) {
    return Corrupt(offset, absl::StrCat(length, " bytes wanted past the end of the file (", size(),
                                        " bytes)"));
  }
  const bool in_window =
      offset >= window_offset_ && offset - window_offset_ + length <= window_.size();
  if (!in_window) {
    const uint64_t read = std::max(length, std::min(kWindowBytes, size() - offset));
    window_.resize(read);
    if (absl::Status s = file_->Read(offset, read, window_.data()); !s.ok()) {
      window_.clear();
      return s;
    }
    window_offset_ = offset;
  }
  return absl::string_view(window_).substr(offset - window_offset_, length);
}

absl::Status WireFormatFile::ReadInto(uint64_t offset, uint64_t length, std::string* out) const {
  if (offset > size() || length > size() - offset) {
    return Corrupt(offset, absl::StrCat(length, " bytes wanted past the end of the file (", size(),
                                        " bytes)"));
  }
  out->resize(length);
  return file_->Read(offset, length, out->data());
}

absl::StatusOr<uint64_t> WireFormatFile::ReadVarint(uint64_t offset, uint64_t end, uint64_t* next) {
  const uint64_t available = std::min(kMaxVarintBytes, end - offset);
  absl::StatusOr<absl::string_view> bytes = Bytes(offset, available);
  if (!bytes.ok()) return bytes.status();
  uint64_t value = 0;
  for (uint64_t i = 0; i < bytes->size(); ++i) {
    const auto byte = static_cast<unsigned char>((*bytes)[i]);
    if (i == kMaxVarintBytes - 1 && byte > 1) break;
    value |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      *next = offset + i + 1;
      return value;
    }
  }
  if (available < kMaxVarintBytes) {
    return Corrupt(offset, end == size() ? "varint truncated by the end of the file"
                                         : "varint runs past the end of its message");
  }
  return Corrupt(offset, "varint longer than 64 bits");
}

absl::StatusOr<WireField> WireFormatFile::ReadField(uint64_t offset, uint64_t end) {
  WireField field;
  field.begin = offset;
  absl::StatusOr<uint64_t> tag = ReadVarint(offset, end, &field.value_begin);
  if (!tag.ok()) return tag.status();
  if (*tag > std::numeric_limits<uint32_t>::max() || (*tag >> 3) == 0) {
    return Corrupt(offset, absl::StrCat("invalid field tag ", *tag));
  }
  field.number = static_cast<uint32_t>(*tag >> 3);
  const uint64_t type = *tag & 7;
  const uint64_t left = end - field.value_begin;
  auto past_end = [&](uint64_t size) {
    return Corrupt(field.value_begin,
                   absl::StrCat("field ", field.number, " needs ", size, " bytes but ",
                                end == this->size() ? "the file" : "its message", " has only ",
                                left, " left"));
  };
  switch (type) {
    case static_cast<uint64_t>(WireType::kVarint): {
      field.type = WireType::kVarint;
      absl::StatusOr<uint64_t> value = ReadVarint(field.value_begin, end, &field.end);
      if (!value.ok()) return value.status();
      return field;
    }
    case static_cast<uint64_t>(WireType::kFixed64):
    case static_cast<uint64_t>(WireType::kFixed32): {
      field.type = static_cast<WireType>(type);
      const uint64_t size = field.type == WireType::kFixed64 ? 8 : 4;
      if (left < size) return past_end(size);
      field.end = field.value_begin + size;
      return field;
    }
    case static_cast<uint64_t>(WireType::kLengthDelimited): {
      field.type = WireType::kLengthDelimited;
      uint64_t payload = 0;
      absl::StatusOr<uint64_t> length = ReadVarint(field.value_begin, end, &payload);
      if (!length.ok()) return length.status();
      field.value_begin = payload;
      if (*length > end - payload) {
        return Corrupt(
            payload, absl::StrCat("field ", field.number, " has length ", *length,
                                  ", past the end of ", end == size() ? "the file" : "its message",
                                  " (", end - payload, " bytes left)"));
      }
      field.end = payload + *length;
      return field;
    }
    case static_cast<uint64_t>(WireType::kStartGroup):
    case static_cast<uint64_t>(WireType::kEndGroup):
      return Corrupt(offset, absl::StrCat("field ", field.number, " is a group (wire type ", type,
                                          "), not supported"));
    default:
      return Corrupt(offset, absl::StrCat("field ", field.number, " has invalid wire type ", type));
  }
}

}  // namespace tfjs::converter
