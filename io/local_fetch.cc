// The local-file Fetcher: stat for sizes, read-only memory maps for contents.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/fetch.h"

namespace tfjs::io {
namespace {

absl::Status ErrnoError(int error, absl::string_view action, absl::string_view path) {
  const std::string message = absl::StrCat("cannot ", action, " '", path, "': ", std::strerror(error));
  return error == ENOENT ? absl::NotFoundError(message) : absl::UnavailableError(message);
}

class LocalFetcher : public Fetcher {
 public:
  absl::StatusOr<uint64_t> Size(const std::string& path) override {
    struct stat info;
    if (stat(path.c_str(), &info) != 0) return ErrnoError(errno, "find", path);
    if (!S_ISREG(info.st_mode)) {
      return absl::InvalidArgumentError(absl::StrCat("'", path, "' is not a regular file"));
    }
    return static_cast<uint64_t>(info.st_size);
  }

  absl::StatusOr<Buffer> Read(const std::string& path) override {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoError(errno, "open", path);
    struct stat info;
    if (fstat(fd, &info) != 0) {
      const int error = errno;
      close(fd);
      return ErrnoError(error, "stat", path);
    }
    if (S_ISDIR(info.st_mode)) {
      close(fd);
      return absl::InvalidArgumentError(
          absl::StrCat("'", path, "' is a directory, expected a file"));
    }
    const size_t size = static_cast<size_t>(info.st_size);
    if (size == 0) {
      close(fd);
      return Buffer();
    }
    void* mapping = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int error = errno;
    close(fd);
    if (mapping == MAP_FAILED) return ErrnoError(error, "memory-map", path);
    std::shared_ptr<const void> owner(mapping, [size](const void* p) {
      munmap(const_cast<void*>(p), size);
    });
    return Buffer::FileMapped(std::move(owner), static_cast<const uint8_t*>(mapping), size);
  }
};

}  // namespace

std::unique_ptr<Fetcher> MakeLocalFetcher() { return std::make_unique<LocalFetcher>(); }

}  // namespace tfjs::io
