// WeightSource: where a weight's bytes lie in a file (a checkpoint data file, or a frozen GraphDef
// holding them as tensor_content), so that they can be copied file-to-file into the weight shards
// instead of passing through a TensorProto.
#ifndef TFJS_NATIVE_CONVERTER_WEIGHT_SOURCE_H_
#define TFJS_NATIVE_CONVERTER_WEIGHT_SOURCE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "proto/tensor.pb.h"
#include "proto/types.pb.h"

namespace tfjs::converter {

// A whole tensor of a fixed-size dtype, stored as its little-endian elements in row-major order
// (what TensorProto.tensor_content would hold) at [offset, offset + size) of `path`.
struct WeightSource {
  // The checkpoint data file, e.g. ".../variables/variables.data-00000-of-00001", or the
  // frozen GraphDef file.
  std::string path;
  uint64_t offset = 0;
  uint64_t size = 0;
  // crc32c of the bytes, unmasked; checked by whoever reads or copies them when has_crc32c.
  uint32_t crc32c = 0;
  tensorflow::DataType dtype = tensorflow::DT_INVALID;
  tensorflow::TensorShapeProto shape;
  // The checkpoint key (a frozen GraphDef's Const: its node name), for error messages.
  std::string checkpoint_key;
  // A GraphDef's tensor_content carries no checksum: false there, and nothing is checked.
  bool has_crc32c = true;
};

// "<path>: tensor '<key>': crc32c mismatch (data file corrupted)", the error every reader of a
// WeightSource gives when the bytes do not match their crc.
absl::Status WeightSourceCrcMismatch(const WeightSource& source);

// Reads the source's bytes into `*bytes` (replacing its contents) and checks their crc32c when
// the source has one.
absl::Status ReadWeightSource(const WeightSource& source, std::string* bytes);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WEIGHT_SOURCE_H_
