// ByteCursor: reads the little-endian fields of one HDF5 structure held in memory, remembering
// the file offset of the first read that ran past the end, so parsers check once at the end.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_BYTE_CURSOR_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_BYTE_CURSOR_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace tfjs::converter::hdf5 {

class ByteCursor {
 public:
  // `file_offset` is where bytes[0] lies in the file (for error messages).
  ByteCursor(absl::string_view bytes, uint64_t file_offset)
      : bytes_(bytes), file_offset_(file_offset) {}

  // An unsigned little-endian integer of `size` bytes (1 to 8); 0 after an overrun.
  uint64_t ReadUint(int size) {
    if (!Take(static_cast<uint64_t>(size))) return 0;
    uint64_t value = 0;
    for (int i = size - 1; i >= 0; --i) {
      value = (value << 8) | static_cast<uint8_t>(bytes_[position_ - size + i]);
    }
    return value;
  }
  uint8_t ReadU8() { return static_cast<uint8_t>(ReadUint(1)); }
  uint16_t ReadU16() { return static_cast<uint16_t>(ReadUint(2)); }
  uint32_t ReadU32() { return static_cast<uint32_t>(ReadUint(4)); }
  uint64_t ReadU64() { return ReadUint(8); }

  // The next `length` bytes; empty after an overrun.
  absl::string_view ReadBytes(uint64_t length) {
    if (!Take(length)) return {};
    return bytes_.substr(position_ - length, length);
  }

  void Skip(uint64_t length) { Take(length); }

  // Skips to the next multiple of `alignment` counted from the start of the buffer.
  void AlignTo(uint64_t alignment) {
    const uint64_t misalignment = position_ % alignment;
    if (misalignment != 0) Skip(alignment - misalignment);
  }

  bool ok() const { return !overrun_; }
  uint64_t position() const { return position_; }
  uint64_t remaining() const { return bytes_.size() - position_; }
  uint64_t file_offset() const { return file_offset_ + position_; }
  // Where the first overrun happened (meaningful only when !ok()).
  uint64_t overrun_file_offset() const { return overrun_file_offset_; }

 private:
  bool Take(uint64_t length) {
    if (overrun_) return false;
    if (length > bytes_.size() - position_) {
      MarkOverrun();
      return false;
    }
    position_ += length;
    return true;
  }
  void MarkOverrun() {
    if (!overrun_) overrun_file_offset_ = file_offset_ + position_;
    overrun_ = true;
  }

  absl::string_view bytes_;
  uint64_t file_offset_;
  uint64_t position_ = 0;
  bool overrun_ = false;
  uint64_t overrun_file_offset_ = 0;
};

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_BYTE_CURSOR_H_
