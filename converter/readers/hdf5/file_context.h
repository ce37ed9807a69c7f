// FileContext: an open HDF5 file's superblock facts (address and length sizes, base address,
// root object) and bounded reads of its structures, with errors naming the file and byte offset.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_FILE_CONTEXT_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_FILE_CONTEXT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "converter/readers/checkpoint/random_access_file.h"
#include "converter/readers/hdf5/byte_cursor.h"

namespace tfjs::converter::hdf5 {

class FileContext {
 public:
  // Opens `path` and reads its superblock (versions 0 to 3).
  static absl::StatusOr<std::shared_ptr<const FileContext>> Open(const std::string& path);

  const std::string& path() const { return file_->path(); }
  uint64_t file_size() const { return file_->size(); }
  // The most bytes data stored in this file can decode to (deflate expands at most 1032-fold):
  // the bound for every dataset and chunk size.
  uint64_t max_decoded_size() const { return file_->size() * 1032; }
  // Address of the root group's object header.
  uint64_t root_address() const { return root_address_; }

  // Bytes [address, address + length) of the file, `address` relative to the base address;
  // a range outside the file is a DataLoss error naming `what`.
  absl::StatusOr<std::string> Read(uint64_t address, uint64_t length, absl::string_view what) const;

  // Where `address` lies in the file.
  uint64_t FileOffset(uint64_t address) const { return base_address_ + address; }

  // An address or a length field, as wide as the superblock says.
  uint64_t ReadAddress(ByteCursor& cursor) const { return cursor.ReadUint(offset_size_); }
  uint64_t ReadLength(ByteCursor& cursor) const { return cursor.ReadUint(length_size_); }
  int offset_size() const { return offset_size_; }
  int length_size() const { return length_size_; }
  // The "undefined address" (all bits set).
  bool IsUndefined(uint64_t address) const;

  // "<path>: corrupt HDF5 file at byte offset <offset>: <problem>" (DataLoss).
  absl::Status Corrupt(uint64_t file_offset, absl::string_view problem) const;
  // The same for a structure whose fields ran past its end.
  absl::Status Truncated(const ByteCursor& cursor, absl::string_view structure) const;
  // "<path>: unsupported HDF5 feature at byte offset <offset>: <feature>" (Unimplemented).
  absl::Status Unsupported(uint64_t file_offset, absl::string_view feature) const;

 private:
  explicit FileContext(std::unique_ptr<RandomAccessFile> file) : file_(std::move(file)) {}
  absl::Status ReadSuperblock();

  std::unique_ptr<RandomAccessFile> file_;
  int offset_size_ = 8;
  int length_size_ = 8;
  uint64_t base_address_ = 0;
  uint64_t root_address_ = 0;
};

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_FILE_CONTEXT_H_
