// Weight bytes cut into fixed-size files, group{g}-shard{i}of{N}.bin, as write_weights names them.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_SHARDS_H_
#define TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_SHARDS_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::converter {

// ceil(total_bytes / shard_size_bytes) names for weight group `group` (1-based); none for no
// bytes.
std::vector<std::string> ShardFileNames(int group, int64_t total_bytes, int64_t shard_size_bytes);

// Takes exactly `total_bytes` through Append, in pieces of any size, and spreads them over the
// shard files of weight group `group` in `dir`.
class WeightShardWriter {
 public:
  static absl::StatusOr<WeightShardWriter> Open(const std::string& dir, int group,
                                                int64_t total_bytes, int64_t shard_size_bytes);

  absl::Status Append(absl::string_view bytes);
  // Fails unless exactly total_bytes arrived and every file was written.
  absl::Status Finish();

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };

  WeightShardWriter(std::string dir, int group, int64_t total_bytes, int64_t shard_size_bytes);
  absl::Status OpenNextShard();
  absl::Status CloseShard();

  std::string dir_;
  int64_t total_bytes_;
  int64_t shard_size_bytes_;
  std::vector<std::string> file_names_;
  int64_t written_ = 0;
  size_t next_shard_ = 0;
  int64_t room_in_shard_ = 0;
  std::unique_ptr<std::FILE, FileCloser> shard_;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_SHARDS_H_
