// Test helper: HDF5 files laid out byte by byte after the format specification (superblock 2,
// version-2 object headers, compact link messages, attribute messages), for features and shapes
// of file the corpus lacks.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_HDF5_TEST_BUILDER_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_HDF5_TEST_BUILDER_H_

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/readers/hdf5/checksum.h"

namespace tfjs::converter::hdf5::testing {

inline constexpr uint64_t kUndefined = ~uint64_t{0};

// `value`'s low `size` bytes, little-endian, as HDF5 stores numbers.
inline std::string LittleEndian(uint64_t value, int size) {
  std::string out;
  for (int i = 0; i < size; ++i) out.push_back(static_cast<char>(value >> (8 * i)));
  return out;
}
inline std::string U8(uint64_t v) { return LittleEndian(v, 1); }
inline std::string U16(uint64_t v) { return LittleEndian(v, 2); }
inline std::string U32(uint64_t v) { return LittleEndian(v, 4); }
inline std::string U64(uint64_t v) { return LittleEndian(v, 8); }

// Datatype messages.
inline std::string IntType(int size, bool is_signed, bool big_endian) {
  return U8(0x10 | 0) + U8((big_endian ? 1 : 0) | (is_signed ? 0x08 : 0)) + U16(0) + U32(size) +
         U16(0) + U16(8 * size);
}
inline std::string FloatType(int size, bool big_endian) {
  const int exponent = size == 2 ? 5 : size == 4 ? 8 : 11;
  const int mantissa = size == 2 ? 10 : size == 4 ? 23 : 52;
  return U8(0x10 | 1) + U8((big_endian ? 1 : 0) | 0x20) + U8(8 * size - 1) + U8(0) + U32(size) +
         U16(0) + U16(8 * size) + U8(mantissa) + U8(exponent) + U8(0) + U8(mantissa) +
         U32((1 << (exponent - 1)) - 1);
}
inline std::string FixedStringType(int size, int padding) {
  return U8(0x10 | 3) + U8(padding) + U16(0) + U32(size);
}
inline std::string VariableStringType() {
  return U8(0x10 | 9) + U8(0x01) + U16(0) + U32(16) + FixedStringType(1, 0);
}

// Dataspace message version 2; an empty shape is a scalar.
inline std::string Dataspace(const std::vector<uint64_t>& shape) {
  std::string out = U8(2) + U8(shape.size()) + U8(0) + U8(shape.empty() ? 0 : 1);
  for (const uint64_t dim : shape) out += U64(dim);
  return out;
}

struct Message {
  int type;
  std::string data;
};

inline std::string AttributeMessage(const std::string& name, const std::string& datatype,
                             const std::string& dataspace, const std::string& value) {
  return U8(3) + U8(0) + U16(name.size() + 1) + U16(datatype.size()) + U16(dataspace.size()) +
         U8(0) + name + '\0' + datatype + dataspace + value;
}

inline std::string HardLinkMessage(const std::string& name, uint64_t address) {
  return U8(1) + U8(0) + U8(name.size()) + name + U64(address);
}

// Link info: version 0, no creation order, no fractal heap (compact links).
inline std::string LinkInfoMessage() { return U8(0) + U8(0) + U64(kUndefined) + U64(kUndefined); }

inline std::string EncodeMessages(const std::vector<Message>& messages) {
  std::string out;
  for (const Message& message : messages) {
    out += U8(message.type) + U16(message.data.size()) + U8(0) + message.data;
  }
  return out;
}

// A file under construction: superblock version 2 with 8-byte addresses and lengths.
class FileBuilder {
 public:
  static constexpr uint64_t kSuperblockSize = 8 + 4 + 4 * 8 + 4;

  FileBuilder() : bytes_(kSuperblockSize, '\0') {}

  uint64_t Append(const std::string& data) {
    bytes_.resize((bytes_.size() + 7) / 8 * 8, '\0');
    const uint64_t address = bytes_.size();
    bytes_ += data;
    return address;
  }

  // A version-2 object header; `continued` messages go to an "OCHK" continuation block.
  uint64_t ObjectHeader(const std::vector<Message>& messages,
                        const std::vector<Message>& continued = {}) {
    std::vector<Message> first = messages;
    if (!continued.empty()) {
      std::string block = "OCHK" + EncodeMessages(continued);
      block += U32(Lookup3Checksum(block));
      const uint64_t address = Append(block);
      first.push_back({0x10, U64(address) + U64(block.size())});
    }
    const std::string chunk = EncodeMessages(first);
    // Flags 2: the chunk size is a 4-byte field.
    const std::string header = "OHDR" + U8(2) + U8(2) + U32(chunk.size()) + chunk;
    return Append(header + U32(Lookup3Checksum(header)));
  }

  std::string Finish(uint64_t root) {
    std::string superblock = "\x89HDF\r\n\x1a\n";
    superblock +=
        U8(2) + U8(8) + U8(8) + U8(0) + U64(0) + U64(kUndefined) + U64(bytes_.size()) + U64(root);
    superblock += U32(Lookup3Checksum(superblock));
    bytes_.replace(0, kSuperblockSize, superblock);
    return bytes_;
  }

 private:
  std::string bytes_;
};

// Writes `bytes` to $TEST_TMPDIR/<name> and returns the path.
inline std::string WriteTemp(const std::string& name, const std::string& bytes) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = absl::StrCat(dir != nullptr ? dir : "/tmp", "/", name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace tfjs::converter::hdf5::testing

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_HDF5_TEST_BUILDER_H_
