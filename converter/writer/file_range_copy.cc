#include "converter/writer/file_range_copy.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "converter/readers/checkpoint/crc32c.h"

namespace tfjs::converter {
namespace {

// Bytes per copy_file_range call, after which the crc reads them back: large enough that syscall
// costs vanish, small enough that the bytes are still in the page cache when read back.
constexpr uint64_t kChunkBytes = uint64_t{16} << 20;

absl::Status ErrnoError(absl::string_view what, const std::string& path, uint64_t offset,
                        int error) {
  return absl::UnavailableError(
      absl::StrCat(path, ": ", what, " failed at offset ", offset, ": ", std::strerror(error)));
}

absl::Status Truncated(const OpenFile& from, uint64_t offset) {
  return absl::DataLossError(absl::StrCat(from.path, ": unexpected end of file at offset ", offset,
                                          " (was it changed during the conversion?)"));
}

// Reads [offset, offset + length) of `from` into `buffer`, piece by piece, handing each piece to
// `use`.
template <typename UsePiece>
absl::Status ReadPieces(const OpenFile& from, uint64_t offset, uint64_t length,
                        absl::Span<char> buffer, UsePiece use) {
  while (length > 0) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(length, buffer.size()));
    const ssize_t n = ::pread(from.fd, buffer.data(), want, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("read", from.path, offset, errno);
    }
    if (n == 0) return Truncated(from, offset);
    if (absl::Status s = use(absl::string_view(buffer.data(), static_cast<size_t>(n))); !s.ok()) {
      return s;
    }
    offset += static_cast<uint64_t>(n);
    length -= static_cast<uint64_t>(n);
  }
  return absl::OkStatus();
}

// Extends *crc (when not null) with [offset, offset + length) of `from`, read into the reused
// buffer: pread from the page cache is cheap, and the crc then runs on cache-hot bytes. (A
// mapping of the file costs more on this kind of VM: page-table work per 4 KiB page, and the crc
// reads DRAM.)
absl::Status ExtendCrcByReading(const OpenFile& from, uint64_t offset, uint64_t length,
                                absl::Span<char> buffer, uint32_t* crc) {
  if (crc == nullptr) return absl::OkStatus();
  return ReadPieces(from, offset, length, buffer, [crc](absl::string_view piece) {
    *crc = crc32c::Extend(*crc, piece);
    return absl::OkStatus();
  });
}

// Copies one chunk with copy_file_range, advancing *offset past what it copied; sets *refused
// (and returns OK) when the kernel will not copy between these files, so that the caller goes on
// by hand from *offset.
absl::Status CopyInKernel(const OpenFile& from, uint64_t* offset, uint64_t length,
                          const OpenFile& to, bool* refused) {
  *refused = false;
  while (length > 0) {
    loff_t in = static_cast<loff_t>(*offset);
    const ssize_t n = ::copy_file_range(from.fd, &in, to.fd, nullptr, length, 0);
    if (n < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      if (error == EXDEV || error == ENOSYS || error == EINVAL || error == EOPNOTSUPP) {
        *refused = true;
        return absl::OkStatus();
      }
      return absl::InternalError(
          absl::StrCat("cannot copy ", from.path, " to ", to.path, ": ", std::strerror(error)));
    }
    if (n == 0) return Truncated(from, *offset);
    *offset += static_cast<uint64_t>(n);
    length -= static_cast<uint64_t>(n);
  }
  return absl::OkStatus();
}

absl::Status CopyThroughBuffer(const OpenFile& from, uint64_t offset, uint64_t length,
                               const OpenFile& to, absl::Span<char> buffer, uint32_t* crc) {
  return ReadPieces(from, offset, length, buffer, [&](absl::string_view piece) {
    if (crc != nullptr) *crc = crc32c::Extend(*crc, piece);
    return WriteAll(to, piece);
  });
}

}  // namespace

absl::Status WriteAll(const OpenFile& to, absl::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(to.fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(
          absl::StrCat("cannot write ", to.path, ": ", std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return absl::OkStatus();
}

absl::Status AppendFileRange(const OpenFile& from, uint64_t offset, uint64_t length,
                             const OpenFile& to, CopyMethod* method, absl::Span<char> buffer,
                             uint32_t* crc) {
  while (length > 0) {
    const uint64_t chunk = std::min(length, kChunkBytes);
    if (*method == CopyMethod::kCopyFileRange) {
      uint64_t copied_to = offset;
      bool refused = false;
      absl::Status status = CopyInKernel(from, &copied_to, chunk, to, &refused);
      if (!status.ok()) return status;
      if (!refused) {
        // The copy just went through the page cache, so the pages are resident.
        status = ExtendCrcByReading(from, offset, chunk, buffer, crc);
        if (!status.ok()) return status;
        offset += chunk;
        length -= chunk;
        continue;
      }
      // Part of the chunk may have been copied before the refusal: crc it, go on by hand.
      if (copied_to > offset) {
        status = ExtendCrcByReading(from, offset, copied_to - offset, buffer, crc);
        if (!status.ok()) return status;
        length -= copied_to - offset;
        offset = copied_to;
      }
      *method = CopyMethod::kReadWrite;
    }
    return CopyThroughBuffer(from, offset, length, to, buffer, crc);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
