// On-disk constants of the LevelDB-style table (SSTable) that holds a checkpoint's index.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_TABLE_FORMAT_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_TABLE_FORMAT_H_

#include <cstddef>
#include <cstdint>

namespace tfjs::converter::table {

// Footer: metaindex handle, index handle (varint64 offset + size each), zero padding to 40
// bytes, then the magic number as a little-endian fixed64.
constexpr size_t kMaxBlockHandleSize = 20;
constexpr size_t kFooterSize = 2 * kMaxBlockHandleSize + 8;
constexpr uint64_t kTableMagic = 0xdb4775248b80fb57ull;

// Every block is followed by its compression type byte and the masked crc32c of block + type.
constexpr size_t kBlockTrailerSize = 5;
constexpr unsigned char kNoCompression = 0;
constexpr unsigned char kSnappyCompression = 1;

struct BlockHandle {
  uint64_t offset = 0;
  uint64_t size = 0;
};

}  // namespace tfjs::converter::table

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_TABLE_FORMAT_H_
