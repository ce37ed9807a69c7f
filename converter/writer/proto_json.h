// Protobuf messages as tensorflowjs_converter writes them into model.json: Python's
// json_format.MessageToDict (camelCase names, int64 as strings, bytes as base64, enum names) passed
// through json.dump.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_PROTO_JSON_H_
#define TFJS_NATIVE_CONVERTER_WRITER_PROTO_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace tfjs::converter {

// Appends `message` as a JSON object. Fields come in field-number order and only when set, as
// MessageToDict lists them. Map entries are sorted by key: Python's order is its internal hash
// order, which nothing reads, and sorting keeps our output deterministic.
absl::Status AppendMessageAsPythonJson(const google::protobuf::Message& message, std::string* out);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_PROTO_JSON_H_
