// Weight bytes cut into fixed-size files, group{g}-shard{i}of{N}.bin, as write_weights names them.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_SHARDS_H_
#define TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_SHARDS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "converter/weight_source.h"
#include "converter/writer/file_creator_thread.h"
#include "converter/writer/file_range_copy.h"
#include "converter/writer/weight_crc_checker.h"

namespace tfjs::converter {

// ceil(total_bytes / shard_size_bytes) names for weight group `group` (1-based); none for no
// bytes.
std::vector<std::string> ShardFileNames(int group, int64_t total_bytes, int64_t shard_size_bytes);

// Takes exactly `total_bytes` through Append and AppendFromFile, in pieces of any size, and
// spreads them over the shard files of weight group `group` (1-based) in `dir`. Small pieces are
// gathered in one reused buffer and written in large writes; pieces from files are copied
// file-to-file, their crc32c checked on a second thread meanwhile. The shard files are created
// on a thread of their own, a few ahead.
class WeightShardWriter {
 public:
  // `copy_method` is how AppendFromFile copies; kCopyFileRange falls back to kReadWrite by itself
  // where the kernel refuses, so only tests pass kReadWrite.
  static absl::StatusOr<WeightShardWriter> Open(
      const std::string& dir, int group, int64_t total_bytes, int64_t shard_size_bytes,
      CopyMethod copy_method = CopyMethod::kCopyFileRange);
  WeightShardWriter(WeightShardWriter&& other) noexcept;
  WeightShardWriter& operator=(WeightShardWriter&&) = delete;
  ~WeightShardWriter();

  absl::Status Append(absl::string_view bytes);
  // Appends the source's bytes, copied from its file without passing through a TensorProto, and
  // has their crc32c checked if the source has one. A mismatch is a DataLoss error naming the
  // data file and the checkpoint key, returned by a later AppendFromFile or by Finish (the shards
  // are then incomplete or wrong: the caller discards them).
  absl::Status AppendFromFile(const WeightSource& source);
  // Fails unless exactly total_bytes arrived, every file was written and every crc32c matched.
  absl::Status Finish();

 private:
  WeightShardWriter(std::vector<std::string> shard_paths, int64_t total_bytes,
                    int64_t shard_size_bytes, CopyMethod copy_method);
  // Opens the next shard when none is open.
  absl::Status EnsureShard();
  absl::Status Flush();
  absl::Status CloseShard();
  // Counts `bytes` into the open shard, closing it when full.
  absl::Status Advance(int64_t bytes);
  absl::Status OpenSource(const std::string& path);

  int64_t total_bytes_;
  int64_t shard_size_bytes_;
  CopyMethod copy_method_;
  size_t shard_count_;
  // Creates the shard files ahead of their use.
  std::unique_ptr<FileCreatorThread> shard_files_;
  int64_t written_ = 0;
  size_t next_shard_ = 0;
  int64_t room_in_shard_ = 0;
  OpenFile shard_;
  // The last source file copied from, kept open for the next weight in it.
  OpenFile source_;
  std::unique_ptr<WeightCrcChecker> crc_checker_;
  // Append's gathering buffer, and AppendFromFile's scratch for kReadWrite. Never zero-filled.
  std::unique_ptr<char[]> buffer_;
  size_t buffered_ = 0;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_SHARDS_H_
