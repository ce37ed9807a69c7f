// Weights manifests: the `weightsManifest` of model.json, or a bare manifest file (a JSON list of
// groups, like face-api's *-weights_manifest.json), parsed and validated.
#ifndef TFJS_NATIVE_IO_WEIGHTS_MANIFEST_H_
#define TFJS_NATIVE_IO_WEIGHTS_MANIFEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/tensor.h"

namespace tfjs::io {

// How a quantized weight is stored: uint8/uint16 affine (value = q * scale + min) or float16.
enum class QuantizedDType { kUint8, kUint16, kFloat16 };
absl::string_view QuantizedDTypeName(QuantizedDType dtype);
// Bytes per stored value: 1, 2, 2.
size_t QuantizedDTypeSize(QuantizedDType dtype);

struct Quantization {
  QuantizedDType dtype = QuantizedDType::kUint8;
  // Affine parameters, present (validated) for kUint8 and kUint16; JSON doubles, as TF.js uses.
  double scale = 0;
  double min = 0;
  // The converter's record of the weight's dtype before quantization; empty if absent.
  std::string original_dtype;
};

struct WeightEntry {
  std::string name;
  std::vector<int64_t> shape;
  // dtype after decoding (dequantization yields float32, or int32 for quantized int32 weights).
  DType dtype = DType::kFloat32;
  std::optional<Quantization> quantization;
  // TF.js's optional weight group ("model", "optimizer"); empty if absent.
  std::string group;
};

// One group: its weights are stored back to back, in order, across the concatenation of `paths`.
struct WeightGroup {
  std::vector<std::string> paths;
  std::vector<WeightEntry> weights;
};

using WeightsManifest = std::vector<WeightGroup>;

// Parses a bare manifest (a JSON list of groups). `source` (a file path or URL) prefixes errors.
absl::StatusOr<WeightsManifest> ParseWeightsManifest(absl::string_view json, absl::string_view source);

// Bytes a weight occupies in its group, or nullopt for unquantized strings (length-prefixed,
// known only from the data).
absl::StatusOr<std::optional<uint64_t>> StoredByteSize(const WeightEntry& entry);

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_WEIGHTS_MANIFEST_H_
