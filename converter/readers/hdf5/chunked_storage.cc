#include "converter/readers/hdf5/chunked_storage.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/readers/hdf5/btree_v1.h"
#include "converter/readers/hdf5/byte_cursor.h"
#include "converter/readers/hdf5/datatype.h"

namespace tfjs::converter::hdf5 {
namespace {

// Copies a decoded chunk whose first element sits at `origin` into the dataset, dropping the
// parts that lie beyond the dataset's edge.
void CopyChunk(const std::string& chunk, const std::vector<uint64_t>& origin,
               const std::vector<uint64_t>& chunk_shape, const std::vector<uint64_t>& shape,
               uint64_t element_size, std::string& data) {
  const size_t rank = shape.size();
  if (rank == 0) {
    std::memcpy(data.data(), chunk.data(), element_size);
    return;
  }
  // Row-major strides of the dataset and the chunk, in elements.
  std::vector<uint64_t> data_stride(rank, 1), chunk_stride(rank, 1);
  for (size_t d = rank - 1; d > 0; --d) {
    data_stride[d - 1] = data_stride[d] * shape[d];
    chunk_stride[d - 1] = chunk_stride[d] * chunk_shape[d];
  }
  std::vector<uint64_t> extent(rank);  // the chunk's part inside the dataset
  for (size_t d = 0; d < rank; ++d) {
    extent[d] = std::min(chunk_shape[d], shape[d] - origin[d]);
    if (extent[d] == 0) return;
  }
  const uint64_t row_bytes = extent[rank - 1] * element_size;
  // An odometer over the chunk's rows (every dimension but the last).
  std::vector<uint64_t> index(rank, 0);
  while (true) {
    uint64_t data_element = 0, chunk_element = 0;
    for (size_t d = 0; d < rank; ++d) {
      data_element += (origin[d] + index[d]) * data_stride[d];
      chunk_element += index[d] * chunk_stride[d];
    }
    std::memcpy(data.data() + data_element * element_size,
                chunk.data() + chunk_element * element_size, row_bytes);
    size_t d = rank - 1;
    while (d > 0 && ++index[d - 1] == extent[d - 1]) {
      index[d - 1] = 0;
      --d;
    }
    if (d == 0) return;
  }
}

}  // namespace

absl::StatusOr<std::string> ReadChunkedData(const FileContext& file, const ChunkedLayout& layout,
                                            const std::vector<Filter>& filters,
                                            const std::vector<uint64_t>& shape,
                                            uint64_t element_size, uint64_t byte_size) {
  const size_t rank = shape.size();
  if (layout.chunk_shape.size() != rank) {
    return file.Corrupt(layout.file_offset,
                        absl::StrCat("chunks of rank ", layout.chunk_shape.size(),
                                     " for a dataset of rank ", rank));
  }
  for (const uint64_t dim : layout.chunk_shape) {
    if (dim == 0) return file.Corrupt(layout.file_offset, "chunk dimension of size 0");
  }
  absl::StatusOr<uint64_t> chunk_bytes =
      ByteSize(file, layout.chunk_shape, element_size, file.max_decoded_size(), layout.file_offset);
  if (!chunk_bytes.ok()) return chunk_bytes.status();
  std::string data(byte_size, '\0');
  if (byte_size == 0 || file.IsUndefined(layout.btree_address)) return data;
  // Chunk key: chunk size, filter mask, then one 8-byte offset per dimension plus one for the
  // element (always 0).
  const uint64_t key_size = 4 + 4 + 8 * (rank + 1);
  absl::Status status = WalkBTreeV1(
      file, layout.btree_address, BTreeV1Type::kChunk, key_size,
      [&](absl::string_view key, uint64_t key_offset, uint64_t child) -> absl::Status {
        ByteCursor cursor(key, key_offset);
        const uint32_t stored_size = cursor.ReadU32();
        const uint32_t filter_mask = cursor.ReadU32();
        std::vector<uint64_t> origin(rank);
        for (uint64_t& coordinate : origin) coordinate = cursor.ReadU64();
        if (!cursor.ok()) return file.Truncated(cursor, "chunk key");
        for (size_t d = 0; d < rank; ++d) {
          if (origin[d] >= shape[d] || origin[d] % layout.chunk_shape[d] != 0) {
            return file.Corrupt(key_offset,
                                absl::StrCat("chunk at [", absl::StrJoin(origin, ","),
                                             "] does not start a chunk of a dataset of shape [",
                                             absl::StrJoin(shape, ","), "]"));
          }
        }
        absl::StatusOr<std::string> stored = file.Read(child, stored_size, "data chunk");
        if (!stored.ok()) return stored.status();
        absl::StatusOr<std::string> chunk =
            UndoFilters(file, filters, filter_mask, *std::move(stored), *chunk_bytes, element_size,
                        file.FileOffset(child));
        if (!chunk.ok()) return chunk.status();
        CopyChunk(*chunk, origin, layout.chunk_shape, shape, element_size, data);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return data;
}

}  // namespace tfjs::converter::hdf5
