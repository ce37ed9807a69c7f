#include "converter/writer/weight_shards.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfjs::converter {

std::vector<std::string> ShardFileNames(int group, int64_t total_bytes,
                                        int64_t shard_size_bytes) {
  const int64_t count = (total_bytes + shard_size_bytes - 1) / shard_size_bytes;
  std::vector<std::string> names;
  for (int64_t i = 1; i <= count; ++i) {
    names.push_back(absl::StrCat("group", group, "-shard", i, "of", count, ".bin"));
  }
  return names;
}

WeightShardWriter::WeightShardWriter(std::string dir, int group, int64_t total_bytes,
                                     int64_t shard_size_bytes)
    : dir_(std::move(dir)),
      total_bytes_(total_bytes),
      shard_size_bytes_(shard_size_bytes),
      file_names_(ShardFileNames(group, total_bytes, shard_size_bytes)) {}

absl::StatusOr<WeightShardWriter> WeightShardWriter::Open(const std::string& dir, int group,
                                                          int64_t total_bytes,
                                                          int64_t shard_size_bytes) {
  if (shard_size_bytes <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("weight shard size must be positive, got ", shard_size_bytes));
  }
  if (total_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat("negative weight byte count ", total_bytes));
  }
  return WeightShardWriter(dir, group, total_bytes, shard_size_bytes);
}

absl::Status WeightShardWriter::OpenNextShard() {
  const std::string path = absl::StrCat(dir_, "/", file_names_[next_shard_++]);
  shard_.reset(std::fopen(path.c_str(), "wb"));
  if (shard_ == nullptr) {
    return absl::InternalError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  room_in_shard_ = shard_size_bytes_;
  return absl::OkStatus();
}

absl::Status WeightShardWriter::CloseShard() {
  std::FILE* file = shard_.release();
  if (std::fclose(file) != 0) {
    return absl::InternalError(absl::StrCat("cannot write ", dir_, "/",
                                            file_names_[next_shard_ - 1], ": ",
                                            std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status WeightShardWriter::Append(absl::string_view bytes) {
  if (written_ + static_cast<int64_t>(bytes.size()) > total_bytes_) {
    return absl::InternalError(
        absl::StrCat("more weight bytes than the ", total_bytes_, " announced"));
  }
  while (!bytes.empty()) {
    if (shard_ == nullptr) {
      absl::Status status = OpenNextShard();
      if (!status.ok()) return status;
    }
    const size_t piece = static_cast<size_t>(std::min<int64_t>(room_in_shard_, bytes.size()));
    if (std::fwrite(bytes.data(), 1, piece, shard_.get()) != piece) {
      return absl::InternalError(absl::StrCat("cannot write ", dir_, "/",
                                              file_names_[next_shard_ - 1], ": ",
                                              std::strerror(errno)));
    }
    bytes.remove_prefix(piece);
    written_ += piece;
    room_in_shard_ -= piece;
    if (room_in_shard_ == 0) {
      absl::Status status = CloseShard();
      if (!status.ok()) return status;
    }
  }
  return absl::OkStatus();
}

absl::Status WeightShardWriter::Finish() {
  if (shard_ != nullptr) {
    absl::Status status = CloseShard();
    if (!status.ok()) return status;
  }
  if (written_ != total_bytes_ || next_shard_ != file_names_.size()) {
    return absl::InternalError(absl::StrCat("wrote ", written_, " of ", total_bytes_,
                                            " weight bytes into ", next_shard_, " of ",
                                            file_names_.size(), " shards"));
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
