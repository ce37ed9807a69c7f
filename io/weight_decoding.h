// Decoding one weight's stored bytes into an io::Tensor exactly as TF.js's tf.io.decodeWeights
// does: raw float32/int32/bool/complex64, length-prefixed strings, and dequantization.
#ifndef TFJS_NATIVE_IO_WEIGHT_DECODING_H_
#define TFJS_NATIVE_IO_WEIGHT_DECODING_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "io/tensor.h"
#include "io/weights_manifest.h"

namespace tfjs::io {

// IEEE binary16 bits to the float32 of equal value (subnormals, infinities and NaN payloads kept).
float Float16ToFloat32(uint16_t bits);

// float32 from a uint8/uint16 code: q * scale + min evaluated in double, rounded once to float,
// as TF.js does with JS numbers stored into a Float32Array.
float DequantizeToFloat32(uint32_t q, double scale, double min);
// int32 from a code: Math.round(q * scale + min) (halves toward +infinity), then wrapped to
// int32 as an Int32Array store does (NaN and infinities give 0).
int32_t DequantizeToInt32(uint32_t q, double scale, double min);

// Reads the uint32 string length stored `offset` bytes after the weight's start.
using StringLengthReader = std::function<absl::StatusOr<uint32_t>(uint64_t offset)>;
// Bytes an unquantized string weight occupies: per element a little-endian uint32 length and
// that many bytes.
absl::StatusOr<uint64_t> StoredStringByteSize(const WeightEntry& entry,
                                              const StringLengthReader& read_length);

// Decodes `stored`, which must be exactly the weight's stored bytes. Unquantized numeric weights
// whose bytes are suitably aligned share `stored` (no copy).
absl::StatusOr<Tensor> DecodeWeight(const WeightEntry& entry, const Buffer& stored);

// tf.io.decodeWeights: `data` holds the weights of `entries` back to back and nothing else.
absl::StatusOr<std::vector<NamedTensor>> DecodeWeights(const Buffer& data,
                                                       absl::Span<const WeightEntry> entries);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_WEIGHT_DECODING_H_
