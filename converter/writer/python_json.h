// JSON text formatted exactly as Python's json.dump writes it by default (ensure_ascii, ", " and
// ": " separators, float repr), since tensorflowjs_converter writes model.json that way.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_PYTHON_JSON_H_
#define TFJS_NATIVE_CONVERTER_WRITER_PYTHON_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::converter {

// Appends `utf8` as a quoted JSON string: non-ASCII as \uXXXX (surrogate pairs above U+FFFF),
// control characters escaped. Fails on malformed UTF-8.
absl::Status AppendPythonJsonString(absl::string_view utf8, std::string* out);

// Python's repr(float): the shortest digits that round-trip, "0.2", "100.0", "1e-05", "1e+16",
// and "NaN" / "Infinity" / "-Infinity" as json.dump writes them.
std::string PythonFloatRepr(double value);

// A float32 as protobuf's json_format.MessageToDict renders it (ToShortestFloat: fewest digits,
// at least 6 significant, that read back as the same float32), then repr'd.
std::string PythonFloat32Repr(float value);

// Parses standard JSON and writes it back as json.dump(json.load(text)) would: same key order,
// later duplicate keys overwrite earlier ones in place, numbers normalized as Python does.
absl::StatusOr<std::string> ReformatJsonAsPython(absl::string_view json_text);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_PYTHON_JSON_H_
