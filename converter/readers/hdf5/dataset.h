// Dataset objects: datatype, dataspace, layout (compact, contiguous or chunked) and filters,
// read into an Array.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_DATASET_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_DATASET_H_

#include "absl/status/statusor.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/hdf5_file.h"
#include "converter/readers/hdf5/object_header.h"

namespace tfjs::converter::hdf5 {

// True when `header` describes a dataset (it has a data layout message).
bool IsDatasetHeader(const ObjectHeader& header);

absl::StatusOr<Dataset> ReadDatasetValue(const FileContext& file, const ObjectHeader& header);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_DATASET_H_
