#include "converter/readers/hdf5/filter_pipeline.h"

#include <zlib.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "converter/readers/hdf5/byte_cursor.h"

namespace tfjs::converter::hdf5 {
namespace {

enum FilterId : uint16_t { kDeflate = 1, kShuffle = 2, kFletcher32 = 3 };

constexpr uint64_t kFletcher32Size = 4;

absl::StatusOr<std::string> Inflate(const FileContext& file, const std::string& compressed,
                                    uint64_t decoded_size, uint64_t file_offset) {
  std::string out(decoded_size, '\0');
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    return absl::InternalError(absl::StrCat(file.path(), ": cannot initialize zlib"));
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  const uint64_t produced = stream.total_out;
  inflateEnd(&stream);
  if (result != Z_STREAM_END || produced != decoded_size) {
    return file.Corrupt(file_offset,
                        absl::StrCat("deflated chunk does not inflate to ", decoded_size,
                                     " bytes (zlib result ", result, ", ", produced, " bytes)"));
  }
  return out;
}

// Shuffle stores byte 0 of every element, then byte 1 of every element, and so on.
std::string Unshuffle(const std::string& shuffled, uint64_t element_size) {
  if (element_size <= 1) return shuffled;
  const uint64_t count = shuffled.size() / element_size;
  std::string out = shuffled;  // a trailing partial element stays as stored
  for (uint64_t byte = 0; byte < element_size; ++byte) {
    for (uint64_t i = 0; i < count; ++i) {
      out[i * element_size + byte] = shuffled[byte * count + i];
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<Filter>> ParseFilterPipeline(const FileContext& file,
                                                        const HeaderMessage& message) {
  ByteCursor cursor(message.data, message.file_offset);
  const uint8_t version = cursor.ReadU8();
  const uint8_t count = cursor.ReadU8();
  if (version == 1) cursor.Skip(6);  // reserved
  if (!cursor.ok()) return file.Truncated(cursor, "filter pipeline message");
  if (version != 1 && version != 2) {
    return file.Unsupported(message.file_offset, absl::StrCat("filter pipeline message version ",
                                                              static_cast<int>(version)));
  }
  std::vector<Filter> filters(count);
  for (Filter& filter : filters) {
    filter.id = cursor.ReadU16();
    // Version 2 omits the name length (and name) of the predefined filters (id < 256).
    const uint16_t name_length = (version == 1 || filter.id >= 256) ? cursor.ReadU16() : 0;
    cursor.Skip(2);  // flags
    const uint16_t parameter_count = cursor.ReadU16();
    cursor.Skip(version == 1 ? (name_length + 7) / 8 * 8 : name_length);
    for (uint16_t i = 0; i < parameter_count && cursor.ok(); ++i) {
      filter.parameters.push_back(cursor.ReadU32());
    }
    if (version == 1 && parameter_count % 2 == 1) cursor.Skip(4);  // padding
    if (!cursor.ok()) return file.Truncated(cursor, "filter pipeline message");
    if (filter.id != kDeflate && filter.id != kShuffle && filter.id != kFletcher32) {
      return file.Unsupported(
          message.file_offset,
          absl::StrCat("filter ", filter.id, " (only deflate, shuffle and fletcher32 are read)"));
    }
  }
  return filters;
}

absl::StatusOr<std::string> UndoFilters(const FileContext& file, const std::vector<Filter>& filters,
                                        uint32_t filter_mask, std::string chunk,
                                        uint64_t decoded_size, uint64_t element_size,
                                        uint64_t file_offset) {
  for (size_t i = filters.size(); i-- > 0;) {
    if (i < 32 && (filter_mask & (uint32_t{1} << i))) continue;
    switch (filters[i].id) {
      case kDeflate: {
        absl::StatusOr<std::string> inflated = Inflate(file, chunk, decoded_size, file_offset);
        if (!inflated.ok()) return inflated.status();
        chunk = *std::move(inflated);
        break;
      }
      case kShuffle:
        chunk = Unshuffle(chunk, element_size);
        break;
      case kFletcher32:
        if (chunk.size() < kFletcher32Size) {
          return file.Corrupt(file_offset, "chunk is too short for its Fletcher-32 checksum");
        }
        chunk.resize(chunk.size() - kFletcher32Size);
        break;
    }
  }
  if (chunk.size() != decoded_size) {
    return file.Corrupt(file_offset, absl::StrCat("chunk holds ", chunk.size(), " bytes where ",
                                                  decoded_size, " are expected"));
  }
  return chunk;
}

}  // namespace tfjs::converter::hdf5
