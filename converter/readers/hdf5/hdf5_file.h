// A read-only HDF5 reader for what h5py/Keras write: groups (symbol tables or link messages),
// attributes and datasets (contiguous, compact, chunked with deflate/shuffle) of numbers and
// strings. Own code after the HDF5 File Format Specification; no libhdf5.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HDF5_HDF5_FILE_H_
#define TFJS_NATIVE_CONVERTER_READERS_HDF5_HDF5_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::converter::hdf5 {

class FileContext;
struct ObjectHeader;

enum class ElementKind { kInt, kUint, kFloat, kString };

// The elements of an attribute or a dataset, row-major.
struct Array {
  ElementKind kind = ElementKind::kFloat;
  // Bytes per element: 1/2/4/8 for numbers, the fixed length of fixed-length strings, 0 for
  // variable-length strings.
  uint64_t element_size = 0;
  std::vector<uint64_t> shape;  // empty for a scalar
  // Numbers: the elements in little-endian byte order (big-endian files are converted).
  // Empty for strings.
  std::string bytes;
  // Strings (kString only): fixed-length ones without their padding, variable-length ones as
  // stored.
  std::vector<std::string> strings;

  uint64_t num_elements() const;
};

using Attribute = Array;
using Dataset = Array;

enum class ObjectKind { kGroup, kDataset };

// A group: its links (children) and attributes, read when the group is opened.
class Group {
 public:
  // "/" for the root, "/model_weights/dense_1" below it.
  const std::string& path() const { return path_; }

  // Names of the group's links, in the file's order (sorted by name for old-style groups).
  const std::vector<std::string>& child_names() const { return child_names_; }
  bool HasChild(absl::string_view name) const;
  // Whether the child `name` is a group or a dataset (reads its object header).
  absl::StatusOr<ObjectKind> ChildKind(absl::string_view name) const;

  // `path` is relative, with components separated by '/' ("dense_1/dense_1").
  absl::StatusOr<Group> OpenGroup(absl::string_view path) const;
  absl::StatusOr<Dataset> ReadDataset(absl::string_view path) const;

  // Attribute names in the file's order.
  const std::vector<std::string>& attribute_names() const { return attribute_names_; }
  bool HasAttribute(absl::string_view name) const;
  absl::StatusOr<Attribute> ReadAttribute(absl::string_view name) const;

 private:
  friend class File;
  static absl::StatusOr<Group> Open(std::shared_ptr<const FileContext> file, std::string path,
                                    uint64_t address);
  // The object header address of the link at `path`, and the path it names.
  absl::StatusOr<std::pair<std::string, uint64_t>> Resolve(absl::string_view path) const;

  std::shared_ptr<const FileContext> file_;
  std::string path_;
  std::shared_ptr<const ObjectHeader> header_;  // attributes are read from it
  std::vector<std::string> child_names_;
  std::vector<uint64_t> child_addresses_;
  std::vector<std::string> attribute_names_;
};

class File {
 public:
  // Reads the superblock and the root group; errors name `path` and the byte offset.
  static absl::StatusOr<File> Open(const std::string& path);

  const Group& root() const { return root_; }

 private:
  explicit File(Group root) : root_(std::move(root)) {}

  Group root_;
};

}  // namespace tfjs::converter::hdf5

#endif  // TFJS_NATIVE_CONVERTER_READERS_HDF5_HDF5_FILE_H_
