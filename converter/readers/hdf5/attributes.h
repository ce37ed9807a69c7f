// Attribute header messages (versions 1 to 3) and their values.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_ATTRIBUTES_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_ATTRIBUTES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/hdf5_file.h"
#include "converter/readers/hdf5/object_header.h"

namespace tfjs::converter::hdf5 {

// Names of the attributes stored in `header`, in order. Dense attribute storage (a fractal
// heap named by an attribute info message) is an Unimplemented error.
absl::StatusOr<std::vector<std::string>> ReadAttributeNames(const FileContext& file,
                                                            const ObjectHeader& header);

// The value of the attribute `name` of `header`; NotFound when there is none.
absl::StatusOr<Attribute> ReadAttributeValue(const FileContext& file, const ObjectHeader& header,
                                             absl::string_view name);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_ATTRIBUTES_H_
