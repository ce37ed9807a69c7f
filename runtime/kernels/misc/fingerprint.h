// FarmHash Fingerprint64 (farmhashna::Hash64), the hash TF's StringToHashBucketFast buckets by.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_MISC_FINGERPRINT_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_MISC_FINGERPRINT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace tfjs::runtime::misc {

uint64_t Fingerprint64(absl::string_view text);

}  // namespace tfjs::runtime::misc

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_MISC_FINGERPRINT_H_
