// Converts the JSON schema's weight groups (io/model_json_schema.proto) to validated
// io::WeightsManifest; shared by the model.json and bare-manifest parsers.
#ifndef TFJS_NATIVE_IO_MANIFEST_SCHEMA_H_
#define TFJS_NATIVE_IO_MANIFEST_SCHEMA_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_field.h"
#include "io/json_message.h"
#include "io/model_json_schema.pb.h"
#include "io/weights_manifest.h"

namespace tfjs::io {

// Checks dtypes, quantization parameters, shapes and name uniqueness; errors start with `source`.
absl::StatusOr<WeightsManifest> ManifestFromSchema(
    const google::protobuf::RepeatedPtrField<schema::WeightGroup>& groups, absl::string_view source);

// Parses `json` into `message` leniently (unknown keys ignored); errors start with `source`.
// `on_element` as for ParseJsonToMessage (not called when protobuf's own parser has to read a
// message holding well-known types other than Struct).
absl::Status ParseJsonMessage(absl::string_view json, absl::string_view source,
                              google::protobuf::Message* message,
                              const ElementHook& on_element = {});

}  // namespace tfjs::io

#endif  // TFJS_NATIVE_IO_MANIFEST_SCHEMA_H_
