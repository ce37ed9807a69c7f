#include "converter/readers/hdf5/heaps.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "converter/readers/hdf5/byte_cursor.h"

namespace tfjs::converter::hdf5 {
namespace {

constexpr absl::string_view kLocalHeapSignature = "HEAP";
constexpr absl::string_view kGlobalHeapSignature = "GCOL";

}  // namespace

absl::StatusOr<LocalHeap> LocalHeap::Read(const FileContext& file, uint64_t address) {
  const uint64_t header_size = 4 + 4 + 2 * file.length_size() + file.offset_size();
  absl::StatusOr<std::string> header = file.Read(address, header_size, "local heap");
  if (!header.ok()) return header.status();
  ByteCursor cursor(*header, file.FileOffset(address));
  if (cursor.ReadBytes(4) != kLocalHeapSignature) {
    return file.Corrupt(file.FileOffset(address), "local heap lacks its \"HEAP\" signature");
  }
  cursor.Skip(4);  // version, reserved
  const uint64_t data_size = file.ReadLength(cursor);
  file.ReadLength(cursor);  // free list head
  const uint64_t data_address = file.ReadAddress(cursor);
  if (!cursor.ok()) return file.Truncated(cursor, "local heap");
  absl::StatusOr<std::string> data = file.Read(data_address, data_size, "local heap data");
  if (!data.ok()) return data.status();
  return LocalHeap(file, *std::move(data), file.FileOffset(data_address));
}

absl::StatusOr<std::string> LocalHeap::StringAt(uint64_t offset) const {
  if (offset >= data_.size()) {
    return file_->Corrupt(
        data_file_offset_,
        absl::StrCat("name offset ", offset, " is past the local heap's ", data_.size(), " bytes"));
  }
  const size_t end = data_.find('\0', offset);
  if (end == std::string::npos) {
    return file_->Corrupt(data_file_offset_ + offset, "name in the local heap is not terminated");
  }
  return data_.substr(offset, end - offset);
}

absl::StatusOr<std::string> GlobalHeap::Object(uint64_t collection_address, uint32_t index) {
  auto found = collections_.find(collection_address);
  if (found == collections_.end()) {
    const uint64_t header_size = 4 + 4 + file_.length_size();
    absl::StatusOr<std::string> header =
        file_.Read(collection_address, header_size, "global heap collection");
    if (!header.ok()) return header.status();
    ByteCursor cursor(*header, file_.FileOffset(collection_address));
    if (cursor.ReadBytes(4) != kGlobalHeapSignature) {
      return file_.Corrupt(file_.FileOffset(collection_address),
                           "global heap collection lacks its \"GCOL\" signature");
    }
    cursor.Skip(4);  // version, reserved
    const uint64_t collection_size = file_.ReadLength(cursor);
    if (!cursor.ok()) return file_.Truncated(cursor, "global heap collection");
    if (collection_size < header_size) {
      return file_.Corrupt(file_.FileOffset(collection_address),
                           "global heap collection is smaller than its header");
    }
    absl::StatusOr<std::string> bytes =
        file_.Read(collection_address, collection_size, "global heap collection");
    if (!bytes.ok()) return bytes.status();
    absl::flat_hash_map<uint32_t, std::string> objects;
    ByteCursor objects_cursor(*bytes, file_.FileOffset(collection_address));
    objects_cursor.Skip(header_size);
    // Each object: index, reference count, reserved, size, data padded to 8 bytes. Index 0 is
    // the free space that ends the collection.
    const uint64_t object_header_size = 2 + 2 + 4 + file_.length_size();
    while (objects_cursor.remaining() >= object_header_size) {
      const uint16_t object_index = objects_cursor.ReadU16();
      if (object_index == 0) break;
      objects_cursor.Skip(2 + 4);
      const uint64_t object_size = file_.ReadLength(objects_cursor);
      const absl::string_view data = objects_cursor.ReadBytes(object_size);
      if (!objects_cursor.ok()) return file_.Truncated(objects_cursor, "global heap object");
      // The data is padded to a multiple of 8 bytes (the last object's padding may be cut).
      objects_cursor.Skip(
          std::min<uint64_t>((8 - object_size % 8) % 8, objects_cursor.remaining()));
      objects.emplace(object_index, std::string(data));
    }
    found = collections_.emplace(collection_address, std::move(objects)).first;
  }
  auto object = found->second.find(index);
  if (object == found->second.end()) {
    return file_.Corrupt(file_.FileOffset(collection_address),
                         absl::StrCat("global heap collection has no object ", index));
  }
  return object->second;
}

}  // namespace tfjs::converter::hdf5
