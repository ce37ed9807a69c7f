#include "io/sharded_group.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tfjs::io {

ShardedGroup::ShardedGroup(Fetcher& fetcher, std::vector<std::string> locations,
                           std::vector<uint64_t> sizes)
    : fetcher_(&fetcher),
      locations_(std::move(locations)),
      sizes_(std::move(sizes)),
      contents_(locations_.size()) {
  for (uint64_t size : sizes_) {
    starts_.push_back(total_size_);
    total_size_ += size;
  }
}

absl::StatusOr<ShardedGroup> ShardedGroup::Open(Fetcher& fetcher, std::vector<std::string> locations) {
  std::vector<uint64_t> sizes;
  for (const std::string& location : locations) {
    absl::StatusOr<uint64_t> size = fetcher.Size(location);
    if (!size.ok()) {
      if (absl::IsNotFound(size.status())) {
        return absl::NotFoundError(
            absl::StrCat("weights shard '", location, "' is missing: ", size.status().message()));
      }
      return size.status();
    }
    sizes.push_back(*size);
  }
  return ShardedGroup(fetcher, std::move(locations), std::move(sizes));
}

std::vector<size_t> ShardedGroup::ShardsCovering(uint64_t offset, uint64_t size) const {
  std::vector<size_t> shards;
  const uint64_t end = offset + size;
  for (size_t i = 0; i < sizes_.size(); ++i) {
    const uint64_t shard_end = starts_[i] + sizes_[i];
    if (sizes_[i] == 0) continue;
    if (starts_[i] < end && offset < shard_end) shards.push_back(i);
  }
  return shards;
}

absl::Status ShardedGroup::ReadShard(size_t shard) {
  if (contents_[shard].has_value()) return absl::OkStatus();
  absl::StatusOr<Buffer> content = fetcher_->Read(locations_[shard]);
  if (!content.ok()) return content.status();
  if (content->size() != sizes_[shard]) {
    return absl::DataLossError(absl::StrCat("weights shard '", locations_[shard], "' changed size from ",
                                            sizes_[shard], " to ", content->size(), " bytes while loading"));
  }
  contents_[shard] = *std::move(content);
  return absl::OkStatus();
}

absl::StatusOr<Buffer> ShardedGroup::Range(uint64_t offset, uint64_t size) {
  const std::vector<size_t> shards = ShardsCovering(offset, size);
  for (size_t shard : shards) {
    absl::Status read = ReadShard(shard);
    if (!read.ok()) return read;
  }
  if (shards.empty()) return Buffer();
  if (shards.size() == 1) {
    return contents_[shards[0]]->Slice(offset - starts_[shards[0]], size);
  }
  Buffer joined = Buffer::Allocate(size);
  for (size_t shard : shards) {
    const uint64_t from = std::max(offset, starts_[shard]);
    const uint64_t to = std::min(offset + size, starts_[shard] + sizes_[shard]);
    std::memcpy(joined.mutable_data() + (from - offset), contents_[shard]->data() + (from - starts_[shard]),
                to - from);
  }
  return joined;
}

}  // namespace tfjs::io
