// libFuzzer target: the .npy decoder run_graph_model and the TF.js tests read inputs with
// (tools/npy), then the tensor it makes. Any outcome but a crash, a sanitizer report, an
// allocation over libFuzzer's -malloc_limit_mb or a hang is fine.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "tools/npy/npy.h"
#include "tools/npy/tensor_npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::StatusOr<tfjs::tools::NpyArray> array =
      tfjs::tools::DecodeNpy(absl::string_view(reinterpret_cast<const char*>(data), size), "in.npy");
  if (array.ok()) (void)tfjs::tools::TensorFromNpy(*array);
  return 0;
}
