#include "tools/dump_weights_npy.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tfjs::tools {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kPreambleSize = 10;  // magic (6), version (2), header length (2)
constexpr size_t kAlignment = 64;

std::string Descr(const io::Tensor& tensor, size_t string_width) {
  switch (tensor.dtype) {
    case io::DType::kFloat32: return "<f4";
    case io::DType::kInt32: return "<i4";
    case io::DType::kBool: return "|b1";
    case io::DType::kComplex64: return "<c8";
    case io::DType::kString: return absl::StrCat("|S", string_width);
  }
  return "";
}

std::string ShapeTuple(const std::vector<int64_t>& shape) {
  if (shape.size() == 1) return absl::StrCat("(", shape[0], ",)");
  return absl::StrCat("(", absl::StrJoin(shape, ", "), ")");
}

}  // namespace

std::string EncodeNpy(const io::Tensor& tensor) {
  size_t string_width = 1;
  for (const std::string& s : tensor.strings) string_width = std::max(string_width, s.size());
  std::string header = absl::StrCat("{'descr': '", Descr(tensor, string_width),
                                    "', 'fortran_order': False, 'shape': ", ShapeTuple(tensor.shape),
                                    ", }");
  const size_t unpadded = kPreambleSize + header.size() + 1;
  header.append((kAlignment - unpadded % kAlignment) % kAlignment, ' ');
  header.push_back('\n');

  std::string npy(kMagic, 6);
  npy.push_back('\x01');
  npy.push_back('\x00');
  npy.push_back(static_cast<char>(header.size() & 0xff));
  npy.push_back(static_cast<char>(header.size() >> 8));
  npy += header;
  if (tensor.dtype == io::DType::kString) {
    for (const std::string& s : tensor.strings) {
      npy += s;
      npy.append(string_width - s.size(), '\0');
    }
  } else {
    npy.append(reinterpret_cast<const char*>(tensor.data.data()), tensor.data.size());
  }
  return npy;
}

}  // namespace tfjs::tools
