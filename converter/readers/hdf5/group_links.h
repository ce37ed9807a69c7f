// A group's links: old-style symbol tables (v1 B-tree of "SNOD" nodes plus a local heap of
// names) and new-style link messages stored compactly in the object header.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_GROUP_LINKS_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_GROUP_LINKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "converter/readers/hdf5/file_context.h"
#include "converter/readers/hdf5/object_header.h"

namespace tfjs::converter::hdf5 {

struct Link {
  std::string name;
  uint64_t address = 0;  // the target's object header
};

// True when `header` describes a group (a symbol table, link info or link message).
bool IsGroupHeader(const ObjectHeader& header);

// The hard links of the group `header` describes, in the file's order. Soft and external links
// and dense link storage (a fractal heap) are Unimplemented errors.
absl::StatusOr<std::vector<Link>> ReadLinks(const FileContext& file, const ObjectHeader& header);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_GROUP_LINKS_H_
