// Test helpers: manifest entries, little-endian weight bytes, and files under the test's temp dir.
#ifndef TFJS_NATIVE_IO_TEST_BYTES_H_
#define TFJS_NATIVE_IO_TEST_BYTES_H_

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "io/tensor.h"
#include "io/weights_manifest.h"

namespace tfjs::io::testing {

// A manifest entry for a weight stored as `dtype`.
inline WeightEntry Entry(std::string name, std::vector<int64_t> shape, DType dtype) {
  WeightEntry entry;
  entry.name = std::move(name);
  entry.shape = std::move(shape);
  entry.dtype = dtype;
  return entry;
}

// A manifest entry for a weight stored quantized as `q`.
inline WeightEntry Quantized(std::string name, std::vector<int64_t> shape, DType dtype,
                             QuantizedDType q, double scale = 0, double min = 0) {
  WeightEntry entry = Entry(std::move(name), std::move(shape), dtype);
  entry.quantization = Quantization{q, scale, min, ""};
  return entry;
}

// Appends values as a shard stores them.
class ByteWriter {
 public:
  template <typename T>
  ByteWriter& Add(T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    bytes_.append(bytes, sizeof(T));
    return *this;
  }
  template <typename T>
  ByteWriter& AddAll(const std::vector<T>& values) {
    for (T value : values) Add(value);
    return *this;
  }
  // A TF.js string element: uint32 length, then the bytes.
  ByteWriter& AddString(absl::string_view text) {
    Add(static_cast<uint32_t>(text.size()));
    bytes_.append(text.data(), text.size());
    return *this;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

inline Buffer ToBuffer(const std::string& bytes) {
  return Buffer::Copy({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
}

// A fresh directory under TEST_TMPDIR.
inline std::string MakeTestDir(absl::string_view name) {
  const char* root = std::getenv("TEST_TMPDIR");
  std::string dir = absl::StrCat(root != nullptr ? root : "/tmp", "/", name);
  std::string command = absl::StrCat("rm -rf '", dir, "' && mkdir -p '", dir, "'");
  if (std::system(command.c_str()) != 0) std::abort();
  return dir;
}

inline void WriteFile(const std::string& path, absl::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

}  // namespace tfjs::io::testing

#endif  // TFJS_NATIVE_IO_TEST_BYTES_H_
