// Chunked dataset storage: the chunks a version-1 B-tree indexes, each filtered on its own,
// assembled into the dataset's row-major bytes.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_CHUNKED_STORAGE_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_CHUNKED_STORAGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/filter_pipeline.h"

namespace tfjs::converter::hdf5 {

struct ChunkedLayout {
  uint64_t btree_address = 0;
  std::vector<uint64_t> chunk_shape;  // one entry per dataset dimension
  uint64_t file_offset = 0;           // the layout message (for errors)
};

// The dataset's `byte_size` bytes (elements of `element_size` bytes, `shape`); chunks that
// were never written read as zeros.
absl::StatusOr<std::string> ReadChunkedData(const FileContext& file, const ChunkedLayout& layout,
                                            const std::vector<Filter>& filters,
                                            const std::vector<uint64_t>& shape,
                                            uint64_t element_size, uint64_t byte_size);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_CHUNKED_STORAGE_H_
