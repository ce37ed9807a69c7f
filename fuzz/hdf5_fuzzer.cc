// libFuzzer target: our HDF5 reader (converter/readers/hdf5) on arbitrary files: the superblock,
// then every group, attribute and dataset reachable from the root (a bounded walk). Any outcome
// but a crash, a sanitizer report, an allocation over libFuzzer's -malloc_limit_mb or a hang is
// fine.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "converter/readers/hdf5/hdf5_file.h"

namespace {

using tfjs::converter::hdf5::File;
using tfjs::converter::hdf5::Group;
using tfjs::converter::hdf5::ObjectKind;

constexpr int kMaxDepth = 8;
constexpr int kMaxObjects = 256;

// Reads every attribute of `group` and every child, groups recursively; counts objects in `budget`.
void Walk(const Group& group, int depth, int* budget) {
  for (const std::string& name : group.attribute_names()) (void)group.ReadAttribute(name);
  if (depth >= kMaxDepth) return;
  for (const std::string& name : group.child_names()) {
    if (--*budget < 0) return;
    absl::StatusOr<ObjectKind> kind = group.ChildKind(name);
    if (!kind.ok()) continue;
    if (*kind == ObjectKind::kDataset) {
      (void)group.ReadDataset(name);
    } else if (absl::StatusOr<Group> child = group.OpenGroup(name); child.ok()) {
      Walk(*child, depth + 1, budget);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The reader takes a path: the input goes to a file of this process's own.
  static const std::string path = "/tmp/hdf5_fuzzer_input." + std::to_string(getpid()) + ".h5";
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  absl::StatusOr<File> file = File::Open(path);
  if (file.ok()) {
    int budget = kMaxObjects;
    Walk(file->root(), 0, &budget);
  }
  return 0;
}
