// Decompresses a raw Snappy block, as older TF releases stored checkpoint index blocks.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_SNAPPY_DECOMPRESS_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_SNAPPY_DECOMPRESS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::converter {

// `compressed` is one Snappy block (varint uncompressed length, then literal/copy elements).
// Errors describe the corruption; callers add the file name.
absl::StatusOr<std::string> SnappyDecompress(absl::string_view compressed);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_SNAPPY_DECOMPRESS_H_
