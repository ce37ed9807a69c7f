// Copies a byte range of one file to the end of another, in the kernel when it can (as `cp`
// does), computing the crc32c of the copied bytes on the way when asked to.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_FILE_RANGE_COPY_H_
#define TFJS_NATIVE_CONVERTER_WRITER_FILE_RANGE_COPY_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tfjs::converter {

enum class CopyMethod {
  // copy_file_range(2): page cache to page cache in the kernel, as `cp` copies; the crc reads
  // the source back in buffer-sized pieces (pread into a cache-hot buffer is cheap, a write from
  // user memory into fresh page-cache pages is what costs).
  kCopyFileRange,
  // pread into a caller's buffer, crc, write: for file systems (or kernels) that refuse
  // copy_file_range.
  kReadWrite,
};

struct OpenFile {
  int fd = -1;
  // For error messages.
  std::string path;
};

// Writes all of `bytes` to `to` at its current file position, retrying short writes.
absl::Status WriteAll(const OpenFile& to, absl::string_view bytes);

// Appends bytes [offset, offset + length) of `from` to `to` at its current file position, and
// extends `*crc` (as crc32c::Extend) with them unless `crc` is null (then nothing is read back). With *method == kCopyFileRange, a kernel refusal
// (EXDEV, ENOSYS, EINVAL, EOPNOTSUPP) switches *method to kReadWrite for this and later copies.
// `buffer` is scratch space for the crc read-back and for kReadWrite; it is never cleared, only
// overwritten. Errors name the file that failed; a source shorter than the range is a DataLoss
// error.
absl::Status AppendFileRange(const OpenFile& from, uint64_t offset, uint64_t length,
                             const OpenFile& to, CopyMethod* method, absl::Span<char> buffer,
                             uint32_t* crc);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_FILE_RANGE_COPY_H_
