#include "testdata/tools/table_builder.h"

#include <algorithm>

#include "converter/readers/checkpoint/coding.h"
#include "converter/readers/checkpoint/crc32c.h"

namespace tfjs::testdata {
namespace {

namespace coding = converter::coding;
namespace table = converter::table;

void PutHandle(std::string* out, const table::BlockHandle& handle) {
  coding::PutVarint64(out, handle.offset);
  coding::PutVarint64(out, handle.size);
}

// Shortens `start` to a key k with start <= k < limit, when a one-byte bump allows it.
void ShortenToSeparator(std::string* start, absl::string_view limit) {
  const size_t common_limit = std::min(start->size(), limit.size());
  size_t diff = 0;
  while (diff < common_limit && (*start)[diff] == limit[diff]) ++diff;
  if (diff >= common_limit) return;  // One is a prefix of the other.
  const auto byte = static_cast<unsigned char>((*start)[diff]);
  if (byte < 0xff && byte + 1 < static_cast<unsigned char>(limit[diff])) {
    (*start)[diff] = static_cast<char>(byte + 1);
    start->resize(diff + 1);
  }
}

// Shortens `key` to a short key >= it: the first byte that can be bumped, bumped.
void ShortenToSuccessor(std::string* key) {
  for (size_t i = 0; i < key->size(); ++i) {
    const auto byte = static_cast<unsigned char>((*key)[i]);
    if (byte != 0xff) {
      (*key)[i] = static_cast<char>(byte + 1);
      key->resize(i + 1);
      return;
    }
  }
}

}  // namespace

void TableBuilder::BlockBuilder::Add(absl::string_view key, absl::string_view value) {
  size_t shared = 0;
  if (entries_since_restart_ < restart_interval_) {
    const size_t common_limit = std::min(last_key_.size(), key.size());
    while (shared < common_limit && last_key_[shared] == key[shared]) ++shared;
  } else {
    restarts_.push_back(static_cast<uint32_t>(buffer_.size()));
    entries_since_restart_ = 0;
  }
  const size_t non_shared = key.size() - shared;
  coding::PutVarint64(&buffer_, shared);
  coding::PutVarint64(&buffer_, non_shared);
  coding::PutVarint64(&buffer_, value.size());
  buffer_.append(key.data() + shared, non_shared);
  buffer_.append(value.data(), value.size());
  last_key_.assign(key.data(), key.size());
  ++entries_since_restart_;
}

std::string TableBuilder::BlockBuilder::Finish() {
  std::string block = std::move(buffer_);
  for (const uint32_t restart : restarts_) coding::PutFixed32(&block, restart);
  coding::PutFixed32(&block, static_cast<uint32_t>(restarts_.size()));
  buffer_.clear();
  restarts_.assign(1, 0);
  entries_since_restart_ = 0;
  last_key_.clear();
  return block;
}

TableBuilder::TableBuilder(TableOptions options)
    : options_(options), data_block_(options.restart_interval), index_block_(1) {}

void TableBuilder::AddPendingIndexEntry(absl::string_view next_key) {
  std::string handle;
  PutHandle(&handle, pending_handle_);
  index_block_.Add(next_key, handle);
  pending_index_entry_ = false;
}

void TableBuilder::Add(absl::string_view key, absl::string_view value) {
  // An entry of twice the block size or more gets a block of its own.
  if (num_entries_ > 0 && key.size() + value.size() >= 2 * options_.block_size) FlushDataBlock();
  if (pending_index_entry_) {
    ShortenToSeparator(&last_key_, key);
    AddPendingIndexEntry(last_key_);
  }
  last_key_.assign(key.data(), key.size());
  ++num_entries_;
  data_block_.Add(key, value);
  if (data_block_.SizeEstimate() >= options_.block_size) FlushDataBlock();
}

void TableBuilder::FlushDataBlock() {
  if (data_block_.empty()) return;
  pending_handle_ = WriteBlock(&data_block_);
  pending_index_entry_ = true;
}

table::BlockHandle TableBuilder::WriteBlock(BlockBuilder* block) {
  const std::string contents = block->Finish();
  table::BlockHandle handle{file_.size(), contents.size()};
  file_.append(contents);
  const char type = static_cast<char>(table::kNoCompression);
  file_.push_back(type);
  const uint32_t crc =
      converter::crc32c::Extend(converter::crc32c::Value(contents), absl::string_view(&type, 1));
  coding::PutFixed32(&file_, converter::crc32c::Mask(crc));
  return handle;
}

std::string TableBuilder::Finish() {
  FlushDataBlock();
  BlockBuilder metaindex_block(options_.restart_interval);
  const table::BlockHandle metaindex_handle = WriteBlock(&metaindex_block);
  if (pending_index_entry_) {
    ShortenToSuccessor(&last_key_);
    AddPendingIndexEntry(last_key_);
  }
  const table::BlockHandle index_handle = WriteBlock(&index_block_);
  std::string footer;
  PutHandle(&footer, metaindex_handle);
  PutHandle(&footer, index_handle);
  footer.resize(2 * table::kMaxBlockHandleSize, '\0');
  coding::PutFixed64(&footer, table::kTableMagic);
  file_.append(footer);
  return std::move(file_);
}

}  // namespace tfjs::testdata
