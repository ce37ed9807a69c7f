// ShardedGroup: the bytes of one weights group, spread over its shard files, read lazily shard
// by shard and addressed as one contiguous range.
#ifndef TFJS_NATIVE_IO_SHARDED_GROUP_H_
#define TFJS_NATIVE_IO_SHARDED_GROUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/fetch.h"
#include "io/tensor.h"

namespace tfjs::io {

class ShardedGroup {
 public:
  // Looks up every shard's size (not its content); a missing shard is an error naming it.
  static absl::StatusOr<ShardedGroup> Open(Fetcher& fetcher, std::vector<std::string> locations);

  uint64_t total_size() const { return total_size_; }
  size_t shard_count() const { return locations_.size(); }
  const std::string& location(size_t shard) const { return locations_[shard]; }
  uint64_t shard_size(size_t shard) const { return sizes_[shard]; }
  bool is_read(size_t shard) const { return contents_[shard].has_value(); }

  // Indices of the shards overlapping [offset, offset + size), which must lie within the group.
  std::vector<size_t> ShardsCovering(uint64_t offset, uint64_t size) const;
  // Reads the shard unless already read; a content size differing from the looked-up size is an
  // error naming the shard.
  absl::Status ReadShard(size_t shard);
  // The bytes [offset, offset + size): a view into the shard when one shard holds them all, else
  // a copy. Reads the shards involved as needed.
  absl::StatusOr<Buffer> Range(uint64_t offset, uint64_t size);

 private:
  ShardedGroup(Fetcher& fetcher, std::vector<std::string> locations, std::vector<uint64_t> sizes);

  Fetcher* fetcher_;
  std::vector<std::string> locations_;
  std::vector<uint64_t> sizes_;
  // starts_[i]: offset of shard i in the group.
  std::vector<uint64_t> starts_;
  std::vector<std::optional<Buffer>> contents_;
  uint64_t total_size_ = 0;
};

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_SHARDED_GROUP_H_
