// DecodeCompressed: inflates each string with zlib, as ZLIB (RFC 1950) or GZIP (RFC 1952)
// streams; an empty compression_type passes the bytes through.
#include <zlib.h>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

absl::StatusOr<std::string> Inflate(absl::string_view bytes, bool gzip) {
  z_stream stream = {};
  if (inflateInit2(&stream, gzip ? MAX_WBITS + 16 : MAX_WBITS) != Z_OK) {
    return absl::InternalError("zlib inflateInit2 failed");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[1 << 16];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
    if (result == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  const std::string message = stream.msg != nullptr ? stream.msg : "";
  inflateEnd(&stream);
  if (result != Z_STREAM_END) {
    return absl::DataLossError(absl::StrCat(gzip ? "GZIP" : "ZLIB",
                                            " stream is corrupt or truncated",
                                            message.empty() ? "" : absl::StrCat(": ", message)));
  }
  return out;
}

absl::Status ComputeDecodeCompressed(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "bytes"); !status.ok()) {
    return status;
  }
  absl::StatusOr<std::string> type = strings::AttrsOf(context).GetString("compression_type");
  if (!type.ok()) return context.Error(type.status().message());
  if (!type->empty() && *type != "ZLIB" && *type != "GZIP") {
    return context.Error("Only ZLIB, GZIP or NONE are supported compressions");
  }
  const Tensor& input = context.input(0);
  std::vector<std::string> out(input.num_elements());
  for (size_t i = 0; i < out.size(); ++i) {
    if (type->empty()) {
      out[i] = input.strings()[i];
      continue;
    }
    absl::StatusOr<std::string> inflated = Inflate(input.strings()[i], *type == "GZIP");
    if (!inflated.ok()) {
      return context.Error(absl::StrCat("element ", i, ": ", inflated.status().message()));
    }
    out[i] = *std::move(inflated);
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("DecodeCompressed", ComputeDecodeCompressed);

}  // namespace
}  // namespace tfjs::runtime
