#include "converter/writer/weight_shards.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"

namespace tfjs::converter {
namespace {

// Append gathers pieces up to this size before writing; AppendFromFile's read/write fallback
// moves this much per call. Allocated once, so its pages fault in once.
constexpr size_t kBufferBytes = size_t{1} << 20;

// Shard files created ahead of the one being written.
constexpr size_t kShardFilesAhead = 8;

// AppendFromFile copies at most this much before handing the range to the crc checker, so that
// the check of one piece overlaps the copy of the next, and reads bytes still in the CPU's cache.
constexpr int64_t kCopyPieceBytes = int64_t{4} << 20;

void Close(OpenFile* file) {
  if (file->fd >= 0) ::close(file->fd);
  file->fd = -1;
}

std::vector<std::string> ShardPaths(const std::string& dir, int group, int64_t total_bytes,
                                    int64_t shard_size_bytes) {
  std::vector<std::string> paths = ShardFileNames(group, total_bytes, shard_size_bytes);
  for (std::string& path : paths) path = absl::StrCat(dir, "/", path);
  return paths;
}

}  // namespace

std::vector<std::string> ShardFileNames(int group, int64_t total_bytes,
                                        int64_t shard_size_bytes) {
  const int64_t count = (total_bytes + shard_size_bytes - 1) / shard_size_bytes;
  std::vector<std::string> names;
  for (int64_t i = 1; i <= count; ++i) {
    names.push_back(absl::StrCat("group", group, "-shard", i, "of", count, ".bin"));
  }
  return names;
}

WeightShardWriter::WeightShardWriter(std::vector<std::string> shard_paths, int64_t total_bytes,
                                     int64_t shard_size_bytes, CopyMethod copy_method)
    : total_bytes_(total_bytes),
      shard_size_bytes_(shard_size_bytes),
      copy_method_(copy_method),
      shard_count_(shard_paths.size()),
      shard_files_(std::make_unique<FileCreatorThread>(std::move(shard_paths), kShardFilesAhead)),
      crc_checker_(std::make_unique<WeightCrcChecker>()),
      buffer_(new char[kBufferBytes]) {}

WeightShardWriter::WeightShardWriter(WeightShardWriter&& other) noexcept
    : total_bytes_(other.total_bytes_),
      shard_size_bytes_(other.shard_size_bytes_),
      copy_method_(other.copy_method_),
      shard_count_(other.shard_count_),
      shard_files_(std::move(other.shard_files_)),
      written_(other.written_),
      next_shard_(other.next_shard_),
      room_in_shard_(other.room_in_shard_),
      shard_(std::exchange(other.shard_, OpenFile())),
      source_(std::exchange(other.source_, OpenFile())),
      crc_checker_(std::move(other.crc_checker_)),
      buffer_(std::move(other.buffer_)),
      buffered_(other.buffered_) {}

WeightShardWriter::~WeightShardWriter() {
  Close(&shard_);
  Close(&source_);
}

absl::StatusOr<WeightShardWriter> WeightShardWriter::Open(const std::string& dir, int group,
                                                          int64_t total_bytes,
                                                          int64_t shard_size_bytes,
                                                          CopyMethod copy_method) {
  if (shard_size_bytes <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("weight shard size must be positive, got ", shard_size_bytes));
  }
  if (total_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat("negative weight byte count ", total_bytes));
  }
  return WeightShardWriter(ShardPaths(dir, group, total_bytes, shard_size_bytes), total_bytes,
                           shard_size_bytes, copy_method);
}

absl::Status WeightShardWriter::EnsureShard() {
  if (shard_.fd >= 0) return absl::OkStatus();
  absl::StatusOr<OpenFile> file = shard_files_->Next();
  if (!file.ok()) return file.status();
  shard_ = *std::move(file);
  ++next_shard_;
  room_in_shard_ = shard_size_bytes_;
  return absl::OkStatus();
}

absl::Status WeightShardWriter::Flush() {
  absl::Status status = WriteAll(shard_, absl::string_view(buffer_.get(), buffered_));
  buffered_ = 0;
  return status;
}

absl::Status WeightShardWriter::CloseShard() {
  absl::Status status = Flush();
  const int fd = std::exchange(shard_.fd, -1);
  if (::close(fd) != 0 && status.ok()) {
    status =
        absl::InternalError(absl::StrCat("cannot write ", shard_.path, ": ", std::strerror(errno)));
  }
  return status;
}

absl::Status WeightShardWriter::Advance(int64_t bytes) {
  written_ += bytes;
  room_in_shard_ -= bytes;
  return room_in_shard_ == 0 ? CloseShard() : absl::OkStatus();
}

absl::Status WeightShardWriter::Append(absl::string_view bytes) {
  if (written_ + static_cast<int64_t>(bytes.size()) > total_bytes_) {
    return absl::InternalError(
        absl::StrCat("more weight bytes than the ", total_bytes_, " announced"));
  }
  while (!bytes.empty()) {
    if (absl::Status s = EnsureShard(); !s.ok()) return s;
    const size_t piece = static_cast<size_t>(std::min<int64_t>(room_in_shard_, bytes.size()));
    if (buffered_ + piece <= kBufferBytes) {
      std::memcpy(buffer_.get() + buffered_, bytes.data(), piece);
      buffered_ += piece;
    } else {
      // Too big to gather: write what is gathered, then the piece straight from the caller.
      absl::Status status = Flush();
      if (status.ok()) status = WriteAll(shard_, bytes.substr(0, piece));
      if (!status.ok()) return status;
    }
    bytes.remove_prefix(piece);
    if (absl::Status s = Advance(static_cast<int64_t>(piece)); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status WeightShardWriter::OpenSource(const std::string& path) {
  if (source_.fd >= 0 && source_.path == path) return absl::OkStatus();
  Close(&source_);
  source_.path = path;
  source_.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (source_.fd < 0) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status WeightShardWriter::AppendFromFile(const WeightSource& source) {
  const int64_t size = static_cast<int64_t>(source.size);
  if (written_ + size > total_bytes_) {
    return absl::InternalError(
        absl::StrCat("more weight bytes than the ", total_bytes_, " announced"));
  }
  if (absl::Status s = crc_checker_->status(); !s.ok()) return s;
  if (absl::Status s = OpenSource(source.path); !s.ok()) return s;
  // A source without a crc32c (a tensor inside a .pb) is copied unchecked.
  const auto checked =
      source.has_crc32c ? std::make_shared<const WeightSource>(source) : nullptr;
  if (checked != nullptr && size == 0) crc_checker_->Check(checked, source.offset, 0);
  uint64_t offset = source.offset;
  int64_t left = size;
  while (left > 0) {
    if (absl::Status s = EnsureShard(); !s.ok()) return s;
    // Bytes gathered by Append go first, at the shard's file position.
    if (absl::Status s = Flush(); !s.ok()) return s;
    const int64_t piece = std::min({room_in_shard_, left, kCopyPieceBytes});
    absl::Status status =
        AppendFileRange(source_, offset, static_cast<uint64_t>(piece), shard_, &copy_method_,
                        absl::MakeSpan(buffer_.get(), kBufferBytes));
    if (!status.ok()) {
      return absl::Status(status.code(),
                          absl::StrCat("tensor '", source.checkpoint_key, "': ", status.message()));
    }
    if (checked != nullptr) crc_checker_->Check(checked, offset, static_cast<uint64_t>(piece));
    offset += static_cast<uint64_t>(piece);
    left -= piece;
    if (absl::Status s = Advance(piece); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status WeightShardWriter::Finish() {
  if (shard_.fd >= 0) {
    if (absl::Status s = CloseShard(); !s.ok()) return s;
  }
  if (written_ != total_bytes_ || next_shard_ != shard_count_) {
    return absl::InternalError(absl::StrCat("wrote ", written_, " of ", total_bytes_,
                                            " weight bytes into ", next_shard_, " of ",
                                            shard_count_, " shards"));
  }
  return crc_checker_->Finish();
}

}  // namespace tfjs::converter
