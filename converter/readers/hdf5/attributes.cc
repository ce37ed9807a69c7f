#include "converter/readers/hdf5/attributes.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "converter/readers/hdf5/byte_cursor.h"
#include "converter/readers/hdf5/datatype.h"
#include "converter/readers/hdf5/elements.h"

namespace tfjs::converter::hdf5 {
namespace {

// An attribute message taken apart; the views point into the message's data.
struct AttributeParts {
  std::string name;
  absl::string_view datatype;
  uint64_t datatype_offset = 0;
  absl::string_view dataspace;
  uint64_t dataspace_offset = 0;
  absl::string_view value;
  uint64_t value_offset = 0;
};

uint64_t PaddedTo8(uint64_t size) { return (size + 7) / 8 * 8; }

absl::StatusOr<AttributeParts> SplitAttributeMessage(const FileContext& file,
                                                     const HeaderMessage& message) {
  if (message.is_shared()) {
    return file.Unsupported(message.file_offset, "shared attribute message");
  }
  ByteCursor cursor(message.data, message.file_offset);
  const uint8_t version = cursor.ReadU8();
  const uint8_t flags = cursor.ReadU8();
  const uint16_t name_size = cursor.ReadU16();
  const uint16_t datatype_size = cursor.ReadU16();
  const uint16_t dataspace_size = cursor.ReadU16();
  if (version == 3) cursor.Skip(1);  // name character set
  if (!cursor.ok()) return file.Truncated(cursor, "attribute message");
  if (version < 1 || version > 3) {
    return file.Unsupported(message.file_offset,
                            absl::StrCat("attribute message version ", static_cast<int>(version)));
  }
  if (version >= 2 && (flags & 0x03)) {
    return file.Unsupported(message.file_offset, "attribute with a shared datatype or dataspace");
  }
  // Version 1 pads the name, datatype and dataspace to multiples of 8 bytes.
  auto padded = [version](uint64_t size) { return version == 1 ? PaddedTo8(size) : size; };
  AttributeParts parts;
  const absl::string_view name = cursor.ReadBytes(padded(name_size));
  parts.name = std::string(name.substr(0, std::min<size_t>(name_size, name.find('\0'))));
  parts.datatype_offset = cursor.file_offset();
  parts.datatype = cursor.ReadBytes(padded(datatype_size));
  parts.dataspace_offset = cursor.file_offset();
  parts.dataspace = cursor.ReadBytes(padded(dataspace_size));
  parts.value_offset = cursor.file_offset();
  parts.value = cursor.ReadBytes(cursor.remaining());
  if (!cursor.ok()) return file.Truncated(cursor, "attribute message");
  return parts;
}

// Attribute info message: version, flags, [max creation index], fractal heap address, ...
absl::Status CheckCompactAttributeStorage(const FileContext& file, const HeaderMessage& message) {
  ByteCursor cursor(message.data, message.file_offset);
  cursor.Skip(1);
  const uint8_t flags = cursor.ReadU8();
  if (flags & 0x01) cursor.Skip(2);
  const uint64_t heap_address = file.ReadAddress(cursor);
  if (!cursor.ok()) return file.Truncated(cursor, "attribute info message");
  if (!file.IsUndefined(heap_address)) {
    return file.Unsupported(message.file_offset, "dense attribute storage (fractal heap)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ReadAttributeNames(const FileContext& file,
                                                            const ObjectHeader& header) {
  if (const HeaderMessage* info = header.Find(kAttributeInfoMessage)) {
    if (absl::Status s = CheckCompactAttributeStorage(file, *info); !s.ok()) return s;
  }
  std::vector<std::string> names;
  for (const HeaderMessage& message : header.messages) {
    if (message.type != kAttributeMessage) continue;
    absl::StatusOr<AttributeParts> parts = SplitAttributeMessage(file, message);
    if (!parts.ok()) return parts.status();
    names.push_back(std::move(parts->name));
  }
  return names;
}

absl::StatusOr<Attribute> ReadAttributeValue(const FileContext& file, const ObjectHeader& header,
                                             absl::string_view name) {
  for (const HeaderMessage& message : header.messages) {
    if (message.type != kAttributeMessage) continue;
    absl::StatusOr<AttributeParts> parts = SplitAttributeMessage(file, message);
    if (!parts.ok()) return parts.status();
    if (parts->name != name) continue;
    absl::StatusOr<Datatype> type = ParseDatatype(file, parts->datatype, parts->datatype_offset);
    if (!type.ok()) return type.status();
    absl::StatusOr<Dataspace> space =
        ParseDataspace(file, parts->dataspace, parts->dataspace_offset);
    if (!space.ok()) return space.status();
    if (space->is_null) {
      return file.Unsupported(message.file_offset,
                              absl::StrCat("attribute \"", name, "\" with a null dataspace"));
    }
    absl::StatusOr<uint64_t> size =
        ByteSize(file, space->shape, type->stored_size, parts->value.size(), parts->value_offset);
    if (!size.ok()) return size.status();
    return DecodeElements(file, *type, std::move(space->shape),
                          std::string(parts->value.substr(0, *size)), parts->value_offset);
  }
  return absl::NotFoundError(absl::StrCat(file.path(), ": object at byte offset ",
                                          file.FileOffset(header.address), " has no attribute \"",
                                          name, "\""));
}

}  // namespace tfjs::converter::hdf5
