// Datatype and dataspace header messages: what one stored element is and the array's shape.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_DATATYPE_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_DATATYPE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/hdf5_file.h"

namespace tfjs::converter::hdf5 {

enum class StringPadding { kNullTerminated, kNullPadded, kSpacePadded };

struct Datatype {
  ElementKind kind = ElementKind::kFloat;
  uint64_t stored_size = 0;  // bytes per element in the file
  bool big_endian = false;
  bool variable_length = false;  // a variable-length string (global heap reference)
  StringPadding padding = StringPadding::kNullTerminated;
};

// Fixed-point (and enumerations of them), IEEE floating-point of 2, 4 or 8 bytes, fixed- and
// variable-length strings; anything else is an Unimplemented error.
absl::StatusOr<Datatype> ParseDatatype(const FileContext& file, absl::string_view bytes,
                                       uint64_t file_offset);

struct Dataspace {
  std::vector<uint64_t> shape;  // empty for a scalar
  bool is_null = false;         // holds no element at all
};

absl::StatusOr<Dataspace> ParseDataspace(const FileContext& file, absl::string_view bytes,
                                         uint64_t file_offset);

// The number of elements of `shape` times `element_size`, or a Corrupt error (at `file_offset`)
// when it overflows or exceeds `limit`.
absl::StatusOr<uint64_t> ByteSize(const FileContext& file, const std::vector<uint64_t>& shape,
                                  uint64_t element_size, uint64_t limit, uint64_t file_offset);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_DATATYPE_H_
