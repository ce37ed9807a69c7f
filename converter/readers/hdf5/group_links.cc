#include "converter/readers/hdf5/group_links.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "converter/readers/hdf5/btree_v1.h"
#include "converter/readers/hdf5/byte_cursor.h"
#include "converter/readers/hdf5/heaps.h"

namespace tfjs::converter::hdf5 {
namespace {

constexpr absl::string_view kSymbolNodeSignature = "SNOD";

enum LinkType : uint8_t { kHardLink = 0, kSoftLink = 1, kExternalLink = 64 };

// Symbol table node: signature, version, reserved, symbol count, then the entries.
absl::Status ReadSymbolNode(const FileContext& file, const LocalHeap& names, uint64_t address,
                            std::vector<Link>& links) {
  constexpr uint64_t kNodeHeaderSize = 4 + 1 + 1 + 2;
  absl::StatusOr<std::string> header = file.Read(address, kNodeHeaderSize, "symbol table node");
  if (!header.ok()) return header.status();
  ByteCursor cursor(*header, file.FileOffset(address));
  if (cursor.ReadBytes(4) != kSymbolNodeSignature) {
    return file.Corrupt(file.FileOffset(address), "symbol table node lacks its \"SNOD\" signature");
  }
  cursor.Skip(2);  // version, reserved
  const uint16_t count = cursor.ReadU16();
  // Entry: link name offset, object header address, cache type, reserved, scratch-pad.
  const uint64_t entry_size = 2 * file.offset_size() + 4 + 4 + 16;
  absl::StatusOr<std::string> entries =
      file.Read(address + kNodeHeaderSize, count * entry_size, "symbol table node entries");
  if (!entries.ok()) return entries.status();
  ByteCursor entry_cursor(*entries, file.FileOffset(address + kNodeHeaderSize));
  for (uint16_t i = 0; i < count; ++i) {
    const uint64_t name_offset = file.ReadAddress(entry_cursor);
    const uint64_t object_address = file.ReadAddress(entry_cursor);
    entry_cursor.Skip(4 + 4 + 16);
    if (!entry_cursor.ok()) return file.Truncated(entry_cursor, "symbol table entry");
    absl::StatusOr<std::string> name = names.StringAt(name_offset);
    if (!name.ok()) return name.status();
    links.push_back(Link{*std::move(name), object_address});
  }
  return absl::OkStatus();
}

absl::Status ReadSymbolTable(const FileContext& file, const HeaderMessage& message,
                             std::vector<Link>& links) {
  ByteCursor cursor(message.data, message.file_offset);
  const uint64_t btree_address = file.ReadAddress(cursor);
  const uint64_t heap_address = file.ReadAddress(cursor);
  if (!cursor.ok()) return file.Truncated(cursor, "symbol table message");
  absl::StatusOr<LocalHeap> names = LocalHeap::Read(file, heap_address);
  if (!names.ok()) return names.status();
  // Group B-tree keys are offsets into the local heap (length-sized); children are "SNOD" nodes.
  return WalkBTreeV1(file, btree_address, BTreeV1Type::kGroup, file.length_size(),
                     [&](absl::string_view, uint64_t, uint64_t child) {
                       return ReadSymbolNode(file, *names, child, links);
                     });
}

absl::StatusOr<Link> ParseLinkMessage(const FileContext& file, const HeaderMessage& message) {
  ByteCursor cursor(message.data, message.file_offset);
  const uint8_t version = cursor.ReadU8();
  const uint8_t flags = cursor.ReadU8();
  if (!cursor.ok()) return file.Truncated(cursor, "link message");
  if (version != 1) {
    return file.Unsupported(message.file_offset,
                            absl::StrCat("link message version ", static_cast<int>(version)));
  }
  const uint8_t link_type = (flags & 0x08) ? cursor.ReadU8() : kHardLink;
  if (flags & 0x04) cursor.Skip(8);  // creation order
  if (flags & 0x10) cursor.Skip(1);  // name character set
  const uint64_t name_length = cursor.ReadUint(1 << (flags & 0x03));
  Link link;
  link.name = std::string(cursor.ReadBytes(name_length));
  if (!cursor.ok()) return file.Truncated(cursor, "link message");
  if (link_type != kHardLink) {
    return file.Unsupported(message.file_offset,
                            absl::StrCat(link_type == kSoftLink       ? "soft"
                                         : link_type == kExternalLink ? "external"
                                                                      : "user-defined",
                                         " link \"", link.name, "\""));
  }
  link.address = file.ReadAddress(cursor);
  if (!cursor.ok()) return file.Truncated(cursor, "link message");
  return link;
}

// Link info message: version, flags, [max creation index], fractal heap address, ...
absl::Status CheckCompactLinkStorage(const FileContext& file, const HeaderMessage& message) {
  ByteCursor cursor(message.data, message.file_offset);
  cursor.Skip(1);
  const uint8_t flags = cursor.ReadU8();
  if (flags & 0x01) cursor.Skip(8);
  const uint64_t heap_address = file.ReadAddress(cursor);
  if (!cursor.ok()) return file.Truncated(cursor, "link info message");
  if (!file.IsUndefined(heap_address)) {
    return file.Unsupported(message.file_offset, "dense link storage (fractal heap)");
  }
  return absl::OkStatus();
}

}  // namespace

bool IsGroupHeader(const ObjectHeader& header) {
  return header.Find(kSymbolTableMessage) != nullptr || header.Find(kLinkInfoMessage) != nullptr ||
         header.Find(kLinkMessage) != nullptr;
}

absl::StatusOr<std::vector<Link>> ReadLinks(const FileContext& file, const ObjectHeader& header) {
  std::vector<Link> links;
  if (const HeaderMessage* symbol_table = header.Find(kSymbolTableMessage)) {
    if (absl::Status s = ReadSymbolTable(file, *symbol_table, links); !s.ok()) return s;
    return links;
  }
  if (const HeaderMessage* link_info = header.Find(kLinkInfoMessage)) {
    if (absl::Status s = CheckCompactLinkStorage(file, *link_info); !s.ok()) return s;
  }
  for (const HeaderMessage& message : header.messages) {
    if (message.type != kLinkMessage) continue;
    absl::StatusOr<Link> link = ParseLinkMessage(file, message);
    if (!link.ok()) return link.status();
    links.push_back(*std::move(link));
  }
  return links;
}

}  // namespace tfjs::converter::hdf5
