#include "io/weight_decoding.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "weight shards are little-endian; decoding reads them in place on little-endian hosts only"
#endif

namespace tfjs::io {
namespace {

template <typename T>
T LoadUnaligned(const uint8_t* bytes) {
  T value;
  std::memcpy(&value, bytes, sizeof(T));
  return value;
}

float FloatFromBits(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

// Writes one decoded value per stored code into a fresh buffer of OutT.
template <typename OutT, typename Decode>
Buffer DecodeCodes(const Buffer& stored, QuantizedDType code_dtype, int64_t count, Decode decode) {
  Buffer out = Buffer::Allocate(static_cast<size_t>(count) * sizeof(OutT));
  OutT* values = reinterpret_cast<OutT*>(out.mutable_data());
  const uint8_t* codes = stored.data();
  if (code_dtype == QuantizedDType::kUint8) {
    for (int64_t i = 0; i < count; ++i) values[i] = decode(codes[i]);
  } else {
    for (int64_t i = 0; i < count; ++i) values[i] = decode(LoadUnaligned<uint16_t>(codes + 2 * i));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> DecodeStrings(const WeightEntry& entry, const Buffer& stored,
                                                       int64_t count) {
  std::vector<std::string> strings;
  // Each string takes at least its 4-byte length: a count the bytes cannot hold is refused below
  // rather than reserved for.
  strings.reserve(static_cast<size_t>(std::min<uint64_t>(count, stored.size() / 4)));
  size_t offset = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (stored.size() - offset < 4) {
      return absl::InvalidArgumentError(absl::StrCat(
          "weight '", entry.name, "': string ", i, "'s length runs past the weight's bytes"));
    }
    const uint32_t length = LoadUnaligned<uint32_t>(stored.data() + offset);
    offset += 4;
    if (stored.size() - offset < length) {
      return absl::InvalidArgumentError(absl::StrCat("weight '", entry.name, "': string ", i, " (",
                                                     length, " bytes) runs past the weight's bytes"));
    }
    strings.emplace_back(reinterpret_cast<const char*>(stored.data() + offset), length);
    offset += length;
  }
  if (offset != stored.size()) {
    return absl::InvalidArgumentError(absl::StrCat("weight '", entry.name, "': ",
                                                   stored.size() - offset,
                                                   " bytes left after its strings"));
  }
  return strings;
}

}  // namespace

float Float16ToFloat32(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000u) << 16;
  const uint32_t exponent = (bits >> 10) & 0x1fu;
  uint32_t mantissa = bits & 0x3ffu;
  if (exponent == 0x1f) return FloatFromBits(sign | 0x7f800000u | (mantissa << 13));
  if (exponent != 0) return FloatFromBits(sign | ((exponent + 112) << 23) | (mantissa << 13));
  if (mantissa == 0) return FloatFromBits(sign);
  // Subnormal: mantissa * 2^-24, normalized into a float32 exponent.
  int32_t shift = 0;
  while ((mantissa & 0x400u) == 0) {
    mantissa <<= 1;
    ++shift;
  }
  return FloatFromBits(sign | static_cast<uint32_t>(113 - shift) << 23 | ((mantissa & 0x3ffu) << 13));
}

float DequantizeToFloat32(uint32_t q, double scale, double min) {
  return static_cast<float>(static_cast<double>(q) * scale + min);
}

int32_t DequantizeToInt32(uint32_t q, double scale, double min) {
  const double value = static_cast<double>(q) * scale + min;
  if (!std::isfinite(value)) return 0;
  double rounded = std::floor(value);
  if (value - rounded >= 0.5) rounded += 1;
  // ToInt32: the integer modulo 2^32, read as two's complement.
  const double wrapped = std::fmod(rounded, 4294967296.0);
  const int64_t as_int = static_cast<int64_t>(wrapped < 0 ? wrapped + 4294967296.0 : wrapped);
  return static_cast<int32_t>(static_cast<uint32_t>(as_int));
}

absl::StatusOr<uint64_t> StoredStringByteSize(const WeightEntry& entry,
                                              const StringLengthReader& read_length) {
  absl::StatusOr<int64_t> count = NumElementsOf(entry.shape, absl::StrCat("weight '", entry.name, "'"));
  if (!count.ok()) return count.status();
  uint64_t size = 0;
  for (int64_t i = 0; i < *count; ++i) {
    absl::StatusOr<uint32_t> length = read_length(size);
    if (!length.ok()) return length.status();
    size += 4 + static_cast<uint64_t>(*length);
  }
  return size;
}

absl::StatusOr<Tensor> DecodeWeight(const WeightEntry& entry, const Buffer& stored) {
  absl::StatusOr<int64_t> count = NumElementsOf(entry.shape, absl::StrCat("weight '", entry.name, "'"));
  if (!count.ok()) return count.status();
  Tensor tensor;
  tensor.dtype = entry.dtype;
  tensor.shape = entry.shape;
  if (entry.dtype == DType::kString && !entry.quantization) {
    absl::StatusOr<std::vector<std::string>> strings = DecodeStrings(entry, stored, *count);
    if (!strings.ok()) return strings.status();
    tensor.strings = *std::move(strings);
    return tensor;
  }
  absl::StatusOr<std::optional<uint64_t>> expected = StoredByteSize(entry);
  if (!expected.ok()) return expected.status();
  if (stored.size() != **expected) {
    return absl::InvalidArgumentError(absl::StrCat("weight '", entry.name, "' needs ", **expected,
                                                   " bytes, got ", stored.size()));
  }
  if (!entry.quantization) {
    const size_t alignment = entry.dtype == DType::kComplex64    ? 4
                             : entry.dtype == DType::kComplex128 ? 8
                                                                 : DTypeSize(entry.dtype);
    const bool aligned = reinterpret_cast<uintptr_t>(stored.data()) % alignment == 0;
    tensor.data = aligned ? stored : Buffer::Copy(stored.bytes());
    return tensor;
  }
  const Quantization& q = *entry.quantization;
  if (q.dtype == QuantizedDType::kFloat16) {
    tensor.data = DecodeCodes<float>(stored, q.dtype, *count,
                                     [](uint32_t bits) { return Float16ToFloat32(bits); });
  } else if (entry.dtype == DType::kInt32) {
    tensor.data = DecodeCodes<int32_t>(
        stored, q.dtype, *count, [&q](uint32_t code) { return DequantizeToInt32(code, q.scale, q.min); });
  } else {
    tensor.data = DecodeCodes<float>(
        stored, q.dtype, *count, [&q](uint32_t code) { return DequantizeToFloat32(code, q.scale, q.min); });
  }
  return tensor;
}

absl::StatusOr<std::vector<NamedTensor>> DecodeWeights(const Buffer& data,
                                                       absl::Span<const WeightEntry> entries) {
  std::vector<NamedTensor> tensors;
  uint64_t offset = 0;
  for (const WeightEntry& entry : entries) {
    absl::StatusOr<std::optional<uint64_t>> fixed_size = StoredByteSize(entry);
    if (!fixed_size.ok()) return fixed_size.status();
    uint64_t size = 0;
    if (fixed_size->has_value()) {
      size = **fixed_size;
    } else {
      absl::StatusOr<uint64_t> string_size =
          StoredStringByteSize(entry, [&](uint64_t at) -> absl::StatusOr<uint32_t> {
            if (at > data.size() - offset || data.size() - offset - at < 4) {
              return absl::InvalidArgumentError(absl::StrCat(
                  "weight '", entry.name, "': a string length runs past the end of the data (",
                  data.size(), " bytes)"));
            }
            return LoadUnaligned<uint32_t>(data.data() + offset + at);
          });
      if (!string_size.ok()) return string_size.status();
      size = *string_size;
    }
    if (size > data.size() - offset) {
      return absl::InvalidArgumentError(absl::StrCat("weight '", entry.name, "' (", size,
                                                     " bytes at offset ", offset,
                                                     ") runs past the end of the data (", data.size(),
                                                     " bytes)"));
    }
    absl::StatusOr<Tensor> tensor = DecodeWeight(entry, data.Slice(offset, size));
    if (!tensor.ok()) return tensor.status();
    tensors.push_back({entry.name, *std::move(tensor)});
    offset += size;
  }
  if (offset != data.size()) {
    return absl::InvalidArgumentError(absl::StrCat("weight data has ", data.size() - offset,
                                                   " bytes after its last weight"));
  }
  return tensors;
}

}  // namespace tfjs::io
