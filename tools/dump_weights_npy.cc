#include "tools/dump_weights_npy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "tools/npy/npy.h"

namespace tfjs::tools {

std::string EncodeNpy(const io::Tensor& tensor) {
  NpyArray array;
  array.shape = tensor.shape;
  switch (tensor.dtype) {
    case io::DType::kFloat32: array.descr = "<f4"; break;
    case io::DType::kInt32: array.descr = "<i4"; break;
    case io::DType::kBool: array.descr = "|b1"; break;
    case io::DType::kComplex64: array.descr = "<c8"; break;
    case io::DType::kFloat64: array.descr = "<f8"; break;
    case io::DType::kInt64: array.descr = "<i8"; break;
    case io::DType::kUint64: array.descr = "<u8"; break;
    case io::DType::kUint32: array.descr = "<u4"; break;
    case io::DType::kComplex128: array.descr = "<c16"; break;
    case io::DType::kUint8: array.descr = "|u1"; break;
    case io::DType::kUint16: array.descr = "<u2"; break;
    case io::DType::kInt8: array.descr = "|i1"; break;
    case io::DType::kInt16: array.descr = "<i2"; break;
    case io::DType::kString: {
      size_t width = 1;
      for (const std::string& s : tensor.strings) width = std::max(width, s.size());
      array.descr = absl::StrCat("|S", width);
      for (const std::string& s : tensor.strings) {
        array.data += s;
        array.data.append(width - s.size(), '\0');
      }
      return tools::EncodeNpy(array);
    }
  }
  array.data.assign(reinterpret_cast<const char*>(tensor.data.data()), tensor.data.size());
  return tools::EncodeNpy(array);
}

}  // namespace tfjs::tools
