// libFuzzer target: the streaming binary GraphDef and SavedModel reader on arbitrary bytes, with
// a small reference threshold so that the held-by-reference path runs too. Any outcome but a
// crash, a sanitizer report or a hang is fine.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "converter/readers/binary_graph_def.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The reader takes a path: the bytes go to an anonymous in-memory file.
  const int fd = memfd_create("graph", MFD_CLOEXEC);
  if (fd < 0) return 0;
  size_t written = 0;
  while (written < size) {
    const ssize_t n = write(fd, data + written, size - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  tensorflow::GraphDef graph;
  absl::flat_hash_map<std::string, tfjs::converter::WeightSource> weights;
  (void)tfjs::converter::ReadBinaryGraphDef(path, /*min_referenced_bytes=*/16, &graph, &weights);
  tensorflow::SavedModel saved_model;
  std::vector<absl::flat_hash_map<std::string, tfjs::converter::WeightSource>> saved_weights;
  (void)tfjs::converter::ReadBinarySavedModel(path, 16, &saved_model, &saved_weights);
  close(fd);
  return 0;
}
