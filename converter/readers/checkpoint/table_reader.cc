#include "converter/readers/checkpoint/table_reader.h"

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "converter/readers/checkpoint/coding.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "converter/readers/checkpoint/random_access_file.h"
#include "converter/readers/checkpoint/snappy_decompress.h"
#include "converter/readers/checkpoint/table_format.h"

namespace tfjs::converter::table {
namespace {

class TableParser {
 public:
  explicit TableParser(const RandomAccessFile& file) : file_(file) {}

  absl::StatusOr<std::vector<TableEntry>> ReadAll() {
    absl::StatusOr<BlockHandle> index_handle = ReadFooter();
    if (!index_handle.ok()) return index_handle.status();
    absl::StatusOr<std::string> index_block = ReadBlock(*index_handle, "index block");
    if (!index_block.ok()) return index_block.status();
    std::vector<TableEntry> index_entries;
    if (absl::Status s = ParseBlock(*index_block, "index block", &index_entries); !s.ok()) return s;

    std::vector<TableEntry> entries;
    for (size_t i = 0; i < index_entries.size(); ++i) {
      const std::string block_name = absl::StrCat("data block ", i);
      absl::string_view encoded_handle = index_entries[i].value;
      BlockHandle handle;
      if (!DecodeHandle(&encoded_handle, &handle)) {
        return Corrupt(absl::StrCat("bad block handle for ", block_name, " in the index block"));
      }
      absl::StatusOr<std::string> block = ReadBlock(handle, block_name);
      if (!block.ok()) return block.status();
      const size_t first = entries.size();
      if (absl::Status s = ParseBlock(*block, block_name, &entries); !s.ok()) return s;
      // The index key separates blocks: >= every key of its block, < every key of the next.
      for (size_t e = first; e < entries.size(); ++e) {
        if (entries[e].key > index_entries[i].key) {
          return Corrupt(absl::StrCat(block_name, " holds a key beyond its index entry"));
        }
      }
    }
    return entries;
  }

 private:
  absl::Status Corrupt(absl::string_view what) const {
    return absl::DataLossError(absl::StrCat(file_.path(), ": corrupt checkpoint index: ", what));
  }

  static bool DecodeHandle(absl::string_view* input, BlockHandle* handle) {
    return coding::GetVarint64(input, &handle->offset) &&
           coding::GetVarint64(input, &handle->size);
  }

  absl::StatusOr<BlockHandle> ReadFooter() const {
    if (file_.size() < kFooterSize) {
      return Corrupt(absl::StrCat("truncated: ", file_.size(), " bytes is shorter than the ",
                                  kFooterSize, "-byte table footer"));
    }
    char footer[kFooterSize];
    if (absl::Status s = file_.Read(file_.size() - kFooterSize, kFooterSize, footer); !s.ok()) {
      return s;
    }
    if (coding::DecodeFixed64(footer + kFooterSize - 8) != kTableMagic) {
      return Corrupt("bad magic number in the footer (not a table file, or truncated)");
    }
    absl::string_view handles(footer, kFooterSize - 8);
    BlockHandle metaindex;
    BlockHandle index;
    if (!DecodeHandle(&handles, &metaindex) || !DecodeHandle(&handles, &index)) {
      return Corrupt("bad block handles in the footer");
    }
    return index;
  }

  // The block's contents, checksum verified and decompressed.
  absl::StatusOr<std::string> ReadBlock(const BlockHandle& handle,
                                        absl::string_view block_name) const {
    const uint64_t limit = file_.size() - kFooterSize;
    if (handle.offset > limit || handle.size > limit - handle.offset ||
        kBlockTrailerSize > limit - handle.offset - handle.size) {
      return Corrupt(absl::StrCat(block_name, " [", handle.offset, ", +", handle.size,
                                  ") lies outside the file (truncated?)"));
    }
    std::string raw(handle.size + kBlockTrailerSize, '\0');
    if (absl::Status s = file_.Read(handle.offset, raw.size(), raw.data()); !s.ok()) return s;
    const absl::string_view contents_and_type(raw.data(), handle.size + 1);
    const uint32_t stored = crc32c::Unmask(coding::DecodeFixed32(raw.data() + handle.size + 1));
    if (crc32c::Value(contents_and_type) != stored) {
      return Corrupt(absl::StrCat("crc32c mismatch in ", block_name));
    }
    const auto type = static_cast<unsigned char>(raw[handle.size]);
    raw.resize(handle.size);
    if (type == kNoCompression) return raw;
    if (type == kSnappyCompression) {
      absl::StatusOr<std::string> plain = SnappyDecompress(raw);
      if (!plain.ok()) return Corrupt(absl::StrCat(block_name, ": ", plain.status().message()));
      return plain;
    }
    return Corrupt(absl::StrCat(block_name, " uses unsupported compression type ",
                                static_cast<int>(type)));
  }

  // Appends the block's entries to `entries`, checking restart points and key order.
  absl::Status ParseBlock(absl::string_view block, absl::string_view block_name,
                          std::vector<TableEntry>* entries) const {
    if (block.size() < 4) return Corrupt(absl::StrCat(block_name, " is too short"));
    const uint64_t num_restarts = coding::DecodeFixed32(block.data() + block.size() - 4);
    if (num_restarts == 0 || (num_restarts + 1) * 4 > block.size()) {
      return Corrupt(absl::StrCat(block_name, " has a bad restart count ", num_restarts));
    }
    const size_t entries_end = block.size() - (num_restarts + 1) * 4;
    const char* restarts = block.data() + entries_end;

    absl::string_view input = block.substr(0, entries_end);
    std::string key = entries->empty() ? std::string() : entries->back().key;
    bool first_in_table = entries->empty();
    size_t next_restart = 0;
    while (!input.empty()) {
      const size_t entry_offset = entries_end - input.size();
      uint32_t shared, non_shared, value_size;
      if (!coding::GetVarint32(&input, &shared) || !coding::GetVarint32(&input, &non_shared) ||
          !coding::GetVarint32(&input, &value_size) ||
          input.size() < static_cast<uint64_t>(non_shared) + value_size) {
        return Corrupt(absl::StrCat(block_name, ": truncated entry at offset ", entry_offset));
      }
      const bool is_restart = next_restart < num_restarts &&
                              coding::DecodeFixed32(restarts + 4 * next_restart) == entry_offset;
      if (is_restart) ++next_restart;
      const bool block_start = entry_offset == 0;
      if (((is_restart || block_start) && shared != 0) || shared > key.size()) {
        return Corrupt(absl::StrCat(block_name, ": bad shared key length at offset ",
                                    entry_offset));
      }
      std::string new_key = key.substr(0, shared);
      new_key.append(input.data(), non_shared);
      input.remove_prefix(non_shared);
      if (!first_in_table && new_key <= key) {
        return Corrupt(absl::StrCat(block_name, ": keys out of order at offset ", entry_offset));
      }
      first_in_table = false;
      entries->push_back({new_key, std::string(input.substr(0, value_size))});
      input.remove_prefix(value_size);
      key = std::move(new_key);
    }
    if (entries_end > 0 && next_restart != num_restarts) {
      return Corrupt(absl::StrCat(block_name, ": restart points do not match entry offsets"));
    }
    return absl::OkStatus();
  }

  const RandomAccessFile& file_;
};

}  // namespace

absl::StatusOr<std::vector<TableEntry>> ReadTable(const std::string& path) {
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> file = RandomAccessFile::Open(path);
  if (!file.ok()) return file.status();
  return TableParser(**file).ReadAll();
}

}  // namespace tfjs::converter::table
