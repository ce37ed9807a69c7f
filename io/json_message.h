// A fast JSON-to-protobuf parser for model.json and weights manifests: the JSON mapping of
// protobuf's JsonStringToMessage with unknown fields ignored, without its intermediate binary
// encoding (several times faster, and no second copy of a large graph in memory).
#ifndef TFJS_NATIVE_IO_JSON_MESSAGE_H_
#define TFJS_NATIVE_IO_JSON_MESSAGE_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace tfjs::io {

// Parses the JSON object `json` into `message` (merged into what it holds) as protobuf's JSON
// parser does with ignore_unknown_fields: keys are a field's JSON (camelCase) or proto name;
// integers are numbers or strings, floats too (with "NaN", "Infinity", "-Infinity"); enums are
// names or numbers (unknown names skipped); bytes are base64 (standard or web-safe); maps are
// objects; null leaves a field unset; keys of no field are skipped whatever their value.
// google.protobuf.Struct / Value / ListValue fields go through protobuf's own parser. Fails with
// InvalidArgument naming the byte offset on malformed JSON or a value of the wrong kind, and
// with Unimplemented for a message holding other well-known types.
//
// `on_element`, when set, is called with each element of a repeated field of message type (not
// a map) right after it is read, e.g. to trim the nodes of a large GraphDef as they come.
using ElementHook = std::function<void(const google::protobuf::FieldDescriptor& field,
                                       google::protobuf::Message& element)>;
absl::Status ParseJsonToMessage(absl::string_view json, google::protobuf::Message* message,
                                const ElementHook& on_element = {});

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_JSON_MESSAGE_H_
