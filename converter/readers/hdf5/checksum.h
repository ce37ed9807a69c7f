// The checksum of HDF5's version-2 structures (superblock 2/3, "OHDR" and "OCHK" blocks):
// Bob Jenkins' lookup3 hash ("hashlittle") of the bytes, with initial value 0.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_CHECKSUM_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_CHECKSUM_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace tfjs::converter::hdf5 {

uint32_t Lookup3Checksum(absl::string_view bytes, uint32_t initial_value = 0);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_CHECKSUM_H_
