#include "converter/readers/hub/tar_archive.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

constexpr size_t kBlock = 512;

struct GzCloser {
  void operator()(gzFile file) const { gzclose(file); }
};

// The archive's bytes, decompressed when gzip (zlib reads other files as they are).
class ArchiveStream {
 public:
  static absl::StatusOr<ArchiveStream> Open(const std::string& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) return absl::NotFoundError(absl::StrCat(path, ": cannot open archive"));
    gzbuffer(file, 1 << 17);
    return ArchiveStream(path, file);
  }

  // Exactly `size` bytes into `out`; `*end` set (and OK) when the archive ended before any.
  absl::Status Read(char* out, size_t size, bool* end = nullptr) {
    size_t done = 0;
    while (done < size) {
      const unsigned chunk = static_cast<unsigned>(std::min<size_t>(size - done, 1 << 30));
      const int n = gzread(file_.get(), out + done, chunk);
      if (n < 0) {
        int code = 0;
        const char* message = gzerror(file_.get(), &code);
        return absl::DataLossError(absl::StrCat(path_, ": corrupt archive: ", message));
      }
      if (n == 0) {
        if (done == 0 && end != nullptr) {
          *end = true;
          return absl::OkStatus();
        }
        return absl::DataLossError(absl::StrCat(path_, ": truncated archive"));
      }
      done += static_cast<size_t>(n);
    }
    return absl::OkStatus();
  }

  // Skips `size` bytes.
  absl::Status Skip(uint64_t size) {
    std::vector<char> buffer(std::min<uint64_t>(size, 1 << 16));
    while (size > 0) {
      const size_t chunk = std::min<uint64_t>(size, buffer.size());
      if (absl::Status status = Read(buffer.data(), chunk); !status.ok()) return status;
      size -= chunk;
    }
    return absl::OkStatus();
  }

 private:
  ArchiveStream(std::string path, gzFile file) : path_(std::move(path)), file_(file) {}
  std::string path_;
  std::unique_ptr<gzFile_s, GzCloser> file_;
};

uint64_t PaddedSize(uint64_t size) { return (size + kBlock - 1) / kBlock * kBlock; }

// A NUL-terminated (or field-filling) string field of a header.
std::string Field(const char* header, size_t offset, size_t length) {
  const char* start = header + offset;
  return std::string(start, std::find(start, start + length, '\0'));
}

// An octal number field, or GNU's base-256 form (high bit of the first byte set).
absl::StatusOr<uint64_t> NumberField(const char* header, size_t offset, size_t length) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(header + offset);
  uint64_t value = 0;
  if (bytes[0] & 0x80) {
    value = bytes[0] & 0x7F;
    for (size_t i = 1; i < length; ++i) value = (value << 8) | bytes[i];
    return value;
  }
  size_t i = 0;
  while (i < length && bytes[i] == ' ') ++i;
  for (; i < length && bytes[i] >= '0' && bytes[i] <= '7'; ++i)
    value = value * 8 + (bytes[i] - '0');
  if (i < length && bytes[i] != '\0' && bytes[i] != ' ') {
    return absl::DataLossError("bad number field in a tar header");
  }
  return value;
}

bool ChecksumMatches(const char* header) {
  absl::StatusOr<uint64_t> stored = NumberField(header, 148, 8);
  if (!stored.ok()) return false;
  uint64_t sum = 0;
  for (size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
  }
  return sum == *stored;
}

// The "path" record of pax extended-header data ("LEN key=value\n" records), or "".
std::string PaxPath(absl::string_view records) {
  std::string path;
  while (!records.empty()) {
    const size_t space = records.find(' ');
    size_t length = 0;
    if (space == absl::string_view::npos || !absl::SimpleAtoi(records.substr(0, space), &length) ||
        length > records.size() || length <= space + 1) {
      break;
    }
    absl::string_view record = records.substr(space + 1, length - space - 2);
    if (absl::ConsumePrefix(&record, "path=")) path = std::string(record);
    records.remove_prefix(length);
  }
  return path;
}

// `name` relative to the extraction root with "." parts dropped; an error for absolute paths and
// "..". Empty for the root itself.
absl::StatusOr<fs::path> SafeRelativePath(const std::string& name) {
  if (absl::StartsWith(name, "/")) {
    return absl::InvalidArgumentError(absl::StrCat("entry '", name, "' has an absolute path"));
  }
  std::vector<absl::string_view> parts;
  for (absl::string_view part : absl::StrSplit(name, '/', absl::SkipEmpty())) {
    if (part == ".") continue;
    if (part == "..") {
      return absl::InvalidArgumentError(
          absl::StrCat("entry '", name, "' climbs out of the archive with '..'"));
    }
    parts.push_back(part);
  }
  return fs::path(absl::StrJoin(parts, "/"));
}

absl::Status WriteEntry(ArchiveStream& stream, uint64_t size, const fs::path& target,
                        const std::string& archive) {
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (error || !out) {
    return absl::PermissionDeniedError(absl::StrCat(archive, ": cannot create ", target.string()));
  }
  std::vector<char> buffer(std::min<uint64_t>(std::max<uint64_t>(size, 1), 1 << 20));
  for (uint64_t left = size; left > 0;) {
    const size_t chunk = std::min<uint64_t>(left, buffer.size());
    if (absl::Status status = stream.Read(buffer.data(), chunk); !status.ok()) return status;
    out.write(buffer.data(), static_cast<std::streamsize>(chunk));
    left -= chunk;
  }
  if (!out.flush()) {
    return absl::DataLossError(absl::StrCat(archive, ": cannot write ", target.string()));
  }
  return stream.Skip(PaddedSize(size) - size);
}

}  // namespace

absl::Status ExtractTarArchive(const std::string& archive, const std::string& dest_dir) {
  absl::StatusOr<ArchiveStream> stream = ArchiveStream::Open(archive);
  if (!stream.ok()) return stream.status();
  auto entry_error = [&](const absl::Status& status) {
    return absl::Status(status.code(), absl::StrCat(archive, ": ", status.message()));
  };
  std::string long_name;  // From a GNU 'L' entry or a pax "path", for the next entry.
  char header[kBlock];
  while (true) {
    bool end = false;
    if (absl::Status status = stream->Read(header, kBlock, &end); !status.ok()) return status;
    if (end || std::all_of(header, header + kBlock, [](char c) { return c == '\0'; })) break;
    if (!ChecksumMatches(header)) {
      return absl::DataLossError(
          absl::StrCat(archive, ": not a tar archive (bad header checksum)"));
    }
    absl::StatusOr<uint64_t> size = NumberField(header, 124, 12);
    if (!size.ok()) return entry_error(size.status());
    const char type = header[156];
    std::string name = Field(header, 0, 100);
    const std::string prefix = Field(header, 345, 155);
    if (absl::StartsWith(Field(header, 257, 6), "ustar") && !prefix.empty()) {
      name = absl::StrCat(prefix, "/", name);
    }
    if (type == 'L' || type == 'x' || type == 'g') {
      std::string data(*size, '\0');
      absl::Status status = stream->Read(data.data(), data.size());
      if (status.ok()) status = stream->Skip(PaddedSize(*size) - *size);
      if (!status.ok()) return status;
      if (type == 'L') long_name = Field(data.data(), 0, data.size());
      if (type == 'x') {
        if (std::string path = PaxPath(data); !path.empty()) long_name = std::move(path);
      }
      continue;
    }
    if (!long_name.empty()) name = std::exchange(long_name, "");
    absl::StatusOr<fs::path> relative = SafeRelativePath(name);
    if (!relative.ok()) return entry_error(relative.status());
    const fs::path target = fs::path(dest_dir) / *relative;
    if (type == '5') {
      std::error_code error;
      fs::create_directories(target, error);
      if (error) {
        return absl::PermissionDeniedError(
            absl::StrCat(archive, ": cannot create directory ", target.string()));
      }
      if (absl::Status status = stream->Skip(PaddedSize(*size)); !status.ok()) return status;
      continue;
    }
    if (type != '0' && type != '\0' && type != '7') {
      return absl::UnimplementedError(absl::StrCat(
          archive, ": entry '", name, "' is a ",
          type == '1' || type == '2' ? "link"
                                     : absl::StrCat("type '", std::string(1, type), "' entry"),
          "; only regular files and directories are extracted"));
    }
    if (relative->empty()) {
      return absl::InvalidArgumentError(absl::StrCat(archive, ": a file entry without a name"));
    }
    if (absl::Status status = WriteEntry(*stream, *size, target, archive); !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
