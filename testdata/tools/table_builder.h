// Builds a LevelDB-style table (SSTable) in memory, byte-for-byte as TF's table::TableBuilder
// writes a checkpoint index without compression.
#ifndef TFJS_NATIVE_TESTDATA_TOOLS_TABLE_BUILDER_H_
#define TFJS_NATIVE_TESTDATA_TOOLS_TABLE_BUILDER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "converter/readers/checkpoint/table_format.h"

namespace tfjs::testdata {

struct TableOptions {
  // TF's defaults: 256 KiB data blocks, a restart point every 16 keys.
  size_t block_size = 256 * 1024;
  int restart_interval = 16;
};

class TableBuilder {
 public:
  explicit TableBuilder(TableOptions options = {});

  // Keys must be added in strictly increasing bytewise order.
  void Add(absl::string_view key, absl::string_view value);
  // The complete file contents; the builder is spent afterwards.
  std::string Finish();

 private:
  // Prefix-compressed entries with restart points, as one table block.
  class BlockBuilder {
   public:
    explicit BlockBuilder(int restart_interval) : restart_interval_(restart_interval) {}
    void Add(absl::string_view key, absl::string_view value);
    size_t SizeEstimate() const { return buffer_.size() + 4 * (restarts_.size() + 1); }
    bool empty() const { return buffer_.empty(); }
    // The finished block; the builder is reset for the next block.
    std::string Finish();

   private:
    const int restart_interval_;
    std::string buffer_;
    std::vector<uint32_t> restarts_{0};
    int entries_since_restart_ = 0;
    std::string last_key_;
  };

  void FlushDataBlock();
  converter::table::BlockHandle WriteBlock(BlockBuilder* block);
  void AddPendingIndexEntry(absl::string_view next_key);

  const TableOptions options_;
  std::string file_;
  BlockBuilder data_block_;
  BlockBuilder index_block_;
  std::string last_key_;
  size_t num_entries_ = 0;
  // An index entry is written once the next block's first key is known, so that its key can be
  // a short separator between the two blocks.
  bool pending_index_entry_ = false;
  converter::table::BlockHandle pending_handle_;
};

}  // namespace tfjs::testdata

#endif  // TFJS_NATIVE_TESTDATA_TOOLS_TABLE_BUILDER_H_
