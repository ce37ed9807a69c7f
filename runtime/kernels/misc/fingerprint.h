// FarmHash fingerprints: Fingerprint64 (farmhashna::Hash64), the hash TF's
// StringToHashBucketFast buckets by, and Fingerprint128 (farmhashcc: CityHash v1.1's
// CityHash128), the 128-bit hash behind TF's Fingerprint128 and SdcaFprint.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_FINGERPRINT_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_FINGERPRINT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace tfjs::runtime::misc {

uint64_t Fingerprint64(absl::string_view text);

struct Fprint128 {
  uint64_t low64;
  uint64_t high64;
};

Fprint128 Fingerprint128(absl::string_view text);

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_FINGERPRINT_H_
