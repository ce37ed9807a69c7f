// Helpers shared by the string kernels: attrs with the op table's defaults, string input checks,
// UTF-8 walking and TF's text forms of numbers.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_STRING_STRING_UTIL_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_STRING_STRING_UTIL_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "runtime/kernel.h"
#include "runtime/node_attrs.h"

namespace tfjs::runtime::strings {

// The node's attrs, falling back to TF's defaults from the op table.
NodeAttrs AttrsOf(const OpContext& context);

// OK when input `index` is a string tensor; else an error naming `name`.
absl::Status CheckStringInput(const OpContext& context, int index, absl::string_view name);

// True for a UTF-8 continuation byte (10xxxxxx).
inline bool IsTrailByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
// The number of UTF-8 characters in `text`: bytes that are not continuation bytes.
int64_t Utf8Length(absl::string_view text);

// TF's text form of a float (strings::StrCat): the shortest of %.6g / %.9g that reads back the
// same value; "nan", "inf", "-inf" for the non-finite.
std::string FloatText(float value);
// The same for a double: %.15g, else %.17g.
std::string DoubleText(double value);

}  // namespace tfjs::runtime::strings

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_STRING_STRING_UTIL_H_
