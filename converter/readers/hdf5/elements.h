// Turns stored elements into an Array: numbers into little-endian order, fixed-length strings
// cut at their padding, variable-length strings fetched from the global heap.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_ELEMENTS_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_ELEMENTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/readers/hdf5/datatype.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/hdf5_file.h"

namespace tfjs::converter::hdf5 {

// `stored` holds exactly the elements of `shape`, as `type` lays them out; `file_offset` is
// where they start (for errors).
absl::StatusOr<Array> DecodeElements(const FileContext& file, const Datatype& type,
                                     std::vector<uint64_t> shape, std::string stored,
                                     uint64_t file_offset);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_ELEMENTS_H_
