// NumPy .npy (format 1.0/2.0) arrays: encoding and decoding of little-endian C-order data.
#ifndef TFJS_NATIVE_TOOLS_NPY_NPY_H_
#define TFJS_NATIVE_TOOLS_NPY_NPY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::tools {

struct NpyArray {
  // NumPy's type string, e.g. "<f4", "|b1", "|S5".
  std::string descr;
  std::vector<int64_t> shape;
  // The elements, row-major.
  std::string data;
};

std::string EncodeNpy(const NpyArray& array);
// Fails, naming `source`, on a bad magic, a Fortran-order or big-endian array, or a size
// mismatch between the header and the data.
absl::StatusOr<NpyArray> DecodeNpy(absl::string_view bytes, absl::string_view source);

}  // namespace tfjs::tools

#endif  // TFJS_NATIVE_TOOLS_NPY_NPY_H_
