// The heaps that hold names and variable-length data: a group's local heap ("HEAP", link names
// of old-style groups) and global heap collections ("GCOL", variable-length strings).
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_HEAPS_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_HEAPS_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "converter/readers/hdf5/file_context.h"

namespace tfjs::converter::hdf5 {

class LocalHeap {
 public:
  static absl::StatusOr<LocalHeap> Read(const FileContext& file, uint64_t address);

  // The null-terminated string at `offset` in the heap's data segment.
  absl::StatusOr<std::string> StringAt(uint64_t offset) const;

 private:
  LocalHeap(const FileContext& file, std::string data, uint64_t data_file_offset)
      : file_(&file), data_(std::move(data)), data_file_offset_(data_file_offset) {}

  const FileContext* file_;
  std::string data_;
  uint64_t data_file_offset_;
};

// Reads objects out of global heap collections, each collection read once.
class GlobalHeap {
 public:
  explicit GlobalHeap(const FileContext& file) : file_(file) {}

  // Object `index` of the collection at `collection_address`.
  absl::StatusOr<std::string> Object(uint64_t collection_address, uint32_t index);

 private:
  const FileContext& file_;
  // Collection address -> its objects by index.
  absl::flat_hash_map<uint64_t, absl::flat_hash_map<uint32_t, std::string>> collections_;
};

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_HEAPS_H_
