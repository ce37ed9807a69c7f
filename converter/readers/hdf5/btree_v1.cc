#include "converter/readers/hdf5/btree_v1.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/hdf5/byte_cursor.h"

namespace tfjs::converter::hdf5 {
namespace {

constexpr absl::string_view kNodeSignature = "TREE";

class BTreeWalker {
 public:
  BTreeWalker(const FileContext& file, BTreeV1Type type, uint64_t key_size,
              const BTreeV1Visitor& visit)
      : file_(file), type_(type), key_size_(key_size), visit_(visit) {}

  // `expected_level` is -1 for the root (whose level is read), else the level the parent implies.
  absl::Status Walk(uint64_t address, int expected_level) {
    if (!visited_.insert(address).second) {
      return file_.Corrupt(file_.FileOffset(address), "B-tree node is referenced twice");
    }
    const uint64_t header_size = 4 + 1 + 1 + 2 + 2 * file_.offset_size();
    absl::StatusOr<std::string> header = file_.Read(address, header_size, "B-tree node");
    if (!header.ok()) return header.status();
    ByteCursor cursor(*header, file_.FileOffset(address));
    if (cursor.ReadBytes(4) != kNodeSignature) {
      return file_.Corrupt(file_.FileOffset(address), "B-tree node lacks its \"TREE\" signature");
    }
    const uint8_t node_type = cursor.ReadU8();
    const uint8_t level = cursor.ReadU8();
    const uint16_t entries = cursor.ReadU16();
    if (node_type != static_cast<uint8_t>(type_)) {
      return file_.Corrupt(file_.FileOffset(address),
                           absl::StrCat("B-tree node of type ", static_cast<int>(node_type),
                                        " where type ", static_cast<int>(type_), " was expected"));
    }
    if (expected_level >= 0 && level != expected_level) {
      return file_.Corrupt(file_.FileOffset(address),
                           absl::StrCat("B-tree node at level ", static_cast<int>(level),
                                        " under a node at level ", expected_level + 1));
    }
    const uint64_t entry_size = key_size_ + file_.offset_size();
    absl::StatusOr<std::string> body =
        file_.Read(address + header_size, entries * entry_size + key_size_, "B-tree node entries");
    if (!body.ok()) return body.status();
    ByteCursor entry_cursor(*body, file_.FileOffset(address + header_size));
    for (uint16_t i = 0; i < entries; ++i) {
      const uint64_t key_offset = entry_cursor.file_offset();
      const absl::string_view key = entry_cursor.ReadBytes(key_size_);
      const uint64_t child = file_.ReadAddress(entry_cursor);
      if (!entry_cursor.ok()) return file_.Truncated(entry_cursor, "B-tree node");
      absl::Status status = level == 0 ? visit_(key, key_offset, child) : Walk(child, level - 1);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

 private:
  const FileContext& file_;
  const BTreeV1Type type_;
  const uint64_t key_size_;
  const BTreeV1Visitor& visit_;
  absl::flat_hash_set<uint64_t> visited_;
};

}  // namespace

absl::Status WalkBTreeV1(const FileContext& file, uint64_t root, BTreeV1Type type,
                         uint64_t key_size, const BTreeV1Visitor& visit) {
  return BTreeWalker(file, type, key_size, visit).Walk(root, -1);
}

}  // namespace tfjs::converter::hdf5
