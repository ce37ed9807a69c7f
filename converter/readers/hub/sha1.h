// SHA-1 (FIPS 180-4) of a byte string, as lower-case hex: the TF-Hub cache names a module's
// directory by the SHA-1 of its handle, as tensorflow_hub does.
#ifndef TFJS_NATIVE_CONVERTER_READERS_HUB_SHA1_H_
#define TFJS_NATIVE_CONVERTER_READERS_HUB_SHA1_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tfjs::converter {

// 40 hex digits.
std::string Sha1Hex(absl::string_view data);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_READERS_HUB_SHA1_H_
