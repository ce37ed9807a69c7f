// CRC-32C (Castagnoli), as TF checkpoints and LevelDB tables use it, plus LevelDB's crc masking.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CRC32C_H_
#define TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CRC32C_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace tfjs::converter::crc32c {

// The crc of `data` appended to bytes whose crc was `crc` (0 for a fresh start).
uint32_t Extend(uint32_t crc, absl::string_view data);

inline uint32_t Value(absl::string_view data) { return Extend(0, data); }

// Stored crcs are masked so that crcs of data holding crcs stay well distributed.
inline uint32_t Mask(uint32_t crc) {
  constexpr uint32_t kMaskDelta = 0xa282ead8u;
  return ((crc >> 15) | (crc << 17)) + kMaskDelta;
}

inline uint32_t Unmask(uint32_t masked) {
  constexpr uint32_t kMaskDelta = 0xa282ead8u;
  const uint32_t rotated = masked - kMaskDelta;
  return (rotated >> 17) | (rotated << 15);
}

}  // namespace tfjs::converter::crc32c

#endif  // TFJS_NATIVE_CONVERTER_READERS_CHECKPOINT_CRC32C_H_
