// A read-only file read with pread at explicit offsets (no mmap, so peak memory stays at what
// callers keep), with errors that name the file.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_RANDOM_ACCESS_FILE_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_RANDOM_ACCESS_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tfjs::converter {

class RandomAccessFile {
 public:
  static absl::StatusOr<std::unique_ptr<RandomAccessFile>> Open(const std::string& path);
  ~RandomAccessFile();
  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }

  // A DataLoss error naming the file unless [offset, offset + length) lies inside it.
  absl::Status CheckRange(uint64_t offset, uint64_t length) const;

  // Fills dst[0, length) from [offset, offset + length); a range past the end is a DataLoss
  // error naming the file. Safe to call from several threads at once.
  absl::Status Read(uint64_t offset, uint64_t length, char* dst) const;

 private:
  RandomAccessFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}

  const std::string path_;
  const int fd_;
  const uint64_t size_;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_RANDOM_ACCESS_FILE_H_
