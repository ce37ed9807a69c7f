// Version-1 B-trees ("TREE" nodes): the index of an old-style group's symbol table nodes and of
// a chunked dataset's chunks.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_BTREE_V1_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_BTREE_V1_H_

#include <cstdint>
#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "converter/readers/hdf5/file_context.h"

namespace tfjs::converter::hdf5 {

enum class BTreeV1Type : uint8_t { kGroup = 0, kChunk = 1 };

// Called for each leaf child in key order: `key` is the key before the child (`key_size`
// bytes, starting at `key_file_offset`), `child` the child's address.
using BTreeV1Visitor =
    std::function<absl::Status(absl::string_view key, uint64_t key_file_offset, uint64_t child)>;

// Walks the tree rooted at `root`, checking signatures, node types and levels; each node is
// read once, so a corrupt tree cannot loop.
absl::Status WalkBTreeV1(const FileContext& file, uint64_t root, BTreeV1Type type,
                         uint64_t key_size, const BTreeV1Visitor& visit);

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_BTREE_V1_H_
