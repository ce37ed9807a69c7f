// Filter pipeline messages and undoing their filters on a chunk: deflate (zlib), shuffle and
// Fletcher-32 (its checksum is removed, not verified); other filters are Unimplemented errors.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_FILTER_PIPELINE_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_FILTER_PIPELINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/object_header.h"

namespace tfjs::converter::hdf5 {

struct Filter {
  uint16_t id = 0;
  std::vector<uint32_t> parameters;  // the filter's client data
};

// The filters in the order they were applied when writing.
absl::StatusOr<std::vector<Filter>> ParseFilterPipeline(const FileContext& file,
                                                        const HeaderMessage& message);

// Undoes `filters` (last applied first) on a chunk stored at `file_offset`, skipping those
// whose bit is set in `filter_mask`; the result must be `decoded_size` bytes long.
absl::StatusOr<std::string> UndoFilters(const FileContext& file, const std::vector<Filter>& filters,
                                        uint32_t filter_mask, std::string chunk,
                                        uint64_t decoded_size, uint64_t element_size,
                                        uint64_t file_offset);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_FILTER_PIPELINE_H_
