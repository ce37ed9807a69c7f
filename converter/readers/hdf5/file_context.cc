#include "converter/readers/hdf5/file_context.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "converter/readers/hdf5/checksum.h"

namespace tfjs::converter::hdf5 {
namespace {

constexpr absl::string_view kSignature("\x89HDF\r\n\x1a\n", 8);
// The superblock may sit at byte 0, 512, 1024, 2048, ... (a user block precedes it).
constexpr uint64_t kFirstSignatureProbe = 512;
// Enough for every superblock version's fixed fields with 8-byte addresses and lengths.
constexpr uint64_t kSuperblockReadSize = 128;

bool IsValidFieldSize(int size) { return size == 2 || size == 4 || size == 8; }

}  // namespace

absl::StatusOr<std::shared_ptr<const FileContext>> FileContext::Open(const std::string& path) {
  absl::StatusOr<std::unique_ptr<RandomAccessFile>> file = RandomAccessFile::Open(path);
  if (!file.ok()) return file.status();
  std::shared_ptr<FileContext> context(new FileContext(*std::move(file)));
  if (absl::Status s = context->ReadSuperblock(); !s.ok()) return s;
  return std::shared_ptr<const FileContext>(std::move(context));
}

absl::Status FileContext::ReadSuperblock() {
  const uint64_t size = file_->size();
  uint64_t start = 0;
  std::string signature(kSignature.size(), '\0');
  while (true) {
    if (start + kSignature.size() > size) {
      return absl::InvalidArgumentError(
          absl::StrCat(path(), ": not an HDF5 file (no HDF5 signature at byte 0, 512, 1024, ...)"));
    }
    if (absl::Status s = file_->Read(start, signature.size(), signature.data()); !s.ok()) return s;
    if (signature == kSignature) break;
    start = start == 0 ? kFirstSignatureProbe : start * 2;
  }
  std::string bytes(std::min<uint64_t>(kSuperblockReadSize, size - start), '\0');
  if (absl::Status s = file_->Read(start, bytes.size(), bytes.data()); !s.ok()) return s;
  ByteCursor cursor(bytes, start);
  cursor.Skip(kSignature.size());
  const uint8_t version = cursor.ReadU8();
  uint64_t end_of_file = 0;
  if (version == 0 || version == 1) {
    cursor.Skip(4);  // free-space, root symbol table, reserved, shared header versions
    offset_size_ = cursor.ReadU8();
    length_size_ = cursor.ReadU8();
    cursor.Skip(1 + 2 + 2 + 4);  // reserved, group leaf/internal node K, consistency flags
    if (version == 1) cursor.Skip(2 + 2);  // indexed storage internal node K, reserved
    if (!IsValidFieldSize(offset_size_) || !IsValidFieldSize(length_size_)) {
      return Corrupt(start, absl::StrCat("superblock address/length sizes ", offset_size_, "/",
                                         length_size_, " are not 2, 4 or 8"));
    }
    base_address_ = ReadAddress(cursor);
    ReadAddress(cursor);  // free-space info
    end_of_file = ReadAddress(cursor);
    ReadAddress(cursor);  // driver info block
    // Root group symbol table entry: link name offset, then the object header address.
    ReadAddress(cursor);
    root_address_ = ReadAddress(cursor);
  } else if (version == 2 || version == 3) {
    offset_size_ = cursor.ReadU8();
    length_size_ = cursor.ReadU8();
    cursor.Skip(1);  // consistency flags
    if (!IsValidFieldSize(offset_size_) || !IsValidFieldSize(length_size_)) {
      return Corrupt(start, absl::StrCat("superblock address/length sizes ", offset_size_, "/",
                                         length_size_, " are not 2, 4 or 8"));
    }
    base_address_ = ReadAddress(cursor);
    ReadAddress(cursor);  // superblock extension
    end_of_file = ReadAddress(cursor);
    root_address_ = ReadAddress(cursor);
    const uint64_t checksummed_size = cursor.position();
    const uint32_t stored = cursor.ReadU32();
    if (!cursor.ok()) return Truncated(cursor, "superblock");
    const uint32_t computed = Lookup3Checksum(absl::string_view(bytes).substr(0, checksummed_size));
    if (stored != computed) {
      return Corrupt(start, absl::StrCat("superblock checksum mismatch (stored ", absl::Hex(stored),
                                         ", computed ", absl::Hex(computed), ")"));
    }
  } else {
    return Unsupported(start + kSignature.size(), absl::StrCat("superblock version ", version));
  }
  if (!cursor.ok()) return Truncated(cursor, "superblock");
  if (base_address_ > size || end_of_file > size - base_address_) {
    return absl::DataLossError(
        absl::StrCat(path(), ": truncated HDF5 file: its superblock says it ends at byte ",
                     base_address_ + end_of_file, " but the file has ", size, " bytes"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> FileContext::Read(uint64_t address, uint64_t length,
                                              absl::string_view what) const {
  const uint64_t size = file_->size();
  if (IsUndefined(address) || address > size || base_address_ > size - address ||
      length > size - base_address_ - address) {
    return Corrupt(
        base_address_ + address,
        absl::StrCat(what, " of ", length, " bytes lies outside the file (", size, " bytes)"));
  }
  std::string bytes(length, '\0');
  if (absl::Status s = file_->Read(base_address_ + address, length, bytes.data()); !s.ok()) {
    return s;
  }
  return bytes;
}

bool FileContext::IsUndefined(uint64_t address) const {
  return offset_size_ == 8 ? address == ~uint64_t{0}
                           : address == (uint64_t{1} << (8 * offset_size_)) - 1;
}

absl::Status FileContext::Corrupt(uint64_t file_offset, absl::string_view problem) const {
  return absl::DataLossError(
      absl::StrCat(path(), ": corrupt HDF5 file at byte offset ", file_offset, ": ", problem));
}

absl::Status FileContext::Truncated(const ByteCursor& cursor, absl::string_view structure) const {
  return Corrupt(cursor.overrun_file_offset(), absl::StrCat(structure, " ends too early"));
}

absl::Status FileContext::Unsupported(uint64_t file_offset, absl::string_view feature) const {
  return absl::UnimplementedError(absl::StrCat(path(), ": unsupported HDF5 feature at byte offset ",
                                               file_offset, ": ", feature));
}

}  // namespace tfjs::converter::hdf5
