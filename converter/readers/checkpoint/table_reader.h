// Reads every key/value pair of a LevelDB-style table file (a checkpoint's `.index`), verifying
// block checksums, key order and the footer.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_TABLE_READER_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_TABLE_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tfjs::converter::table {

struct TableEntry {
  std::string key;
  std::string value;
};

// All entries of the table at `path`, in (strictly increasing) key order. Errors name `path`.
absl::StatusOr<std::vector<TableEntry>> ReadTable(const std::string& path);

}  // namespace tfjs::converter::table

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_TABLE_READER_H_
