#include "io/weights_manifest.h"

#include <limits>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "google/protobuf/util/json_util.h"
#include "io/json_message.h"
#include "io/manifest_schema.h"
#include "proto/protobuf_log.h"

namespace tfjs::io {
namespace {

absl::StatusOr<Quantization> QuantizationFromSchema(const schema::Quantization& json,
                                                    const WeightEntry& entry,
                                                    absl::string_view where) {
  Quantization quantization;
  quantization.original_dtype = json.original_dtype();
  if (json.dtype() == "uint8") {
    quantization.dtype = QuantizedDType::kUint8;
  } else if (json.dtype() == "uint16") {
    quantization.dtype = QuantizedDType::kUint16;
  } else if (json.dtype() == "float16") {
    quantization.dtype = QuantizedDType::kFloat16;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(where, " has unknown quantization dtype '",
                                                   json.dtype(),
                                                   "'; supported are uint8, uint16 and float16"));
  }
  if (quantization.dtype == QuantizedDType::kFloat16) {
    if (entry.dtype != DType::kFloat32) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, " is quantized as float16, which only float32 weights support, not ",
                       DTypeName(entry.dtype)));
    }
    return quantization;
  }
  if (entry.dtype != DType::kFloat32 && entry.dtype != DType::kInt32) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, " is quantized as ", json.dtype(),
        ", which only float32 and int32 weights support, not ", DTypeName(entry.dtype)));
  }
  if (!json.has_scale() || !json.has_min()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, " is quantized as ", json.dtype(), " but lacks its 'scale' and 'min'"));
  }
  quantization.scale = json.scale();
  quantization.min = json.min();
  return quantization;
}

}  // namespace

absl::string_view QuantizedDTypeName(QuantizedDType dtype) {
  switch (dtype) {
    case QuantizedDType::kUint8:
      return "uint8";
    case QuantizedDType::kUint16:
      return "uint16";
    case QuantizedDType::kFloat16:
      return "float16";
  }
  return "unknown";
}

size_t QuantizedDTypeSize(QuantizedDType dtype) { return dtype == QuantizedDType::kUint8 ? 1 : 2; }

absl::StatusOr<std::optional<uint64_t>> StoredByteSize(const WeightEntry& entry) {
  absl::StatusOr<int64_t> count =
      NumElementsOf(entry.shape, absl::StrCat("weight '", entry.name, "'"));
  if (!count.ok()) return count.status();
  size_t element_size =
      entry.quantization ? QuantizedDTypeSize(entry.quantization->dtype) : DTypeSize(entry.dtype);
  if (element_size == 0) return std::optional<uint64_t>();
  const uint64_t elements = static_cast<uint64_t>(*count);
  if (elements > std::numeric_limits<uint64_t>::max() / element_size) {
    return absl::InvalidArgumentError(absl::StrCat("weight '", entry.name, "' is too large"));
  }
  return std::optional<uint64_t>(elements * element_size);
}

absl::StatusOr<WeightsManifest> ManifestFromSchema(
    const google::protobuf::RepeatedPtrField<schema::WeightGroup>& groups,
    absl::string_view source) {
  WeightsManifest manifest;
  absl::flat_hash_map<std::string, int> group_of_name;
  for (int g = 0; g < groups.size(); ++g) {
    const schema::WeightGroup& json_group = groups[g];
    // A group with neither paths nor weights is what tensorflowjs_converter writes for a model
    // without weights ({"paths": [], "weights": []}), and TF.js loads it: kept as it is.
    WeightGroup& group = manifest.emplace_back();
    group.paths.assign(json_group.paths().begin(), json_group.paths().end());
    for (const schema::WeightEntry& json_entry : json_group.weights()) {
      WeightEntry entry;
      entry.name = json_entry.name();
      const std::string where =
          absl::StrCat(source, ": weightsManifest group ", g, " weight '", entry.name, "'");
      if (entry.name.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(source, ": weightsManifest group ", g, " has a weight without a name"));
      }
      auto [previous, inserted] = group_of_name.emplace(entry.name, g);
      if (!inserted) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, " appears twice (also in group ", previous->second, ")"));
      }
      entry.shape.assign(json_entry.shape().begin(), json_entry.shape().end());
      entry.group = json_entry.group();
      if (json_entry.dtype() == "float16" && !json_entry.has_quantization()) {
        // A float16 Const, which tensorflowjs_converter writes as float16 weight data: read as
        // float32 through float16 dequantization (the runtime narrows it back for graphs that
        // declare float16). TF.js 4.22 itself refuses these weights.
        entry.dtype = DType::kFloat32;
        entry.quantization = Quantization{QuantizedDType::kFloat16};
        entry.quantization->original_dtype = "float16";
      } else {
        absl::StatusOr<DType> dtype = ParseDType(json_entry.dtype());
        if (!dtype.ok()) {
          return absl::InvalidArgumentError(absl::StrCat(where, ": ", dtype.status().message()));
        }
        entry.dtype = *dtype;
        if (json_entry.has_quantization()) {
          absl::StatusOr<Quantization> quantization =
              QuantizationFromSchema(json_entry.quantization(), entry, where);
          if (!quantization.ok()) return quantization.status();
          entry.quantization = *std::move(quantization);
        }
      }
      absl::StatusOr<std::optional<uint64_t>> size = StoredByteSize(entry);
      if (!size.ok())
        return absl::InvalidArgumentError(absl::StrCat(source, ": ", size.status().message()));
      group.weights.push_back(std::move(entry));
    }
  }
  return manifest;
}

absl::Status ParseJsonMessage(absl::string_view json, absl::string_view source,
                              google::protobuf::Message* message, const ElementHook& on_element) {
  // Our parser first (fast, no intermediate binary copy); protobuf's own for messages with
  // well-known types ours does not read.
  // Both may have protobuf parse binary it made (Struct fields), which logs what is wrong.
  proto::CaptureProtobufLog();
  absl::Status fast = ParseJsonToMessage(json, message, on_element);
  proto::TakeProtobufLog();  // Our own message says it.
  if (fast.ok()) return fast;
  if (fast.code() != absl::StatusCode::kUnimplemented) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": invalid JSON: ", fast.message()));
  }
  message->Clear();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  google::protobuf::util::Status status =
      google::protobuf::util::JsonStringToMessage(std::string(json), message, options);
  // What protobuf logged (a string that is not UTF-8) says more than its status.
  const std::string logged = proto::TakeProtobufLog();
  if (!status.ok()) {
    // Without protobuf's type URLs ("type.googleapis.com/tfjs.io.schema.WeightGroup").
    return absl::InvalidArgumentError(absl::StrCat(
        source, ": invalid JSON: ",
        absl::StrReplaceAll(logged.empty() ? status.message().as_string() : logged,
                            {{"type.googleapis.com/tfjs.io.schema.", ""},
                             {"type.googleapis.com/", ""}})));
  }
  return absl::OkStatus();
}

absl::StatusOr<WeightsManifest> ParseWeightsManifest(absl::string_view json,
                                                     absl::string_view source) {
  const size_t first = json.find_first_not_of(" \t\r\n");
  if (first == absl::string_view::npos || json[first] != '[') {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": a weights manifest is a JSON list of weight groups"));
  }
  // protobuf's JSON parser wants an object at the top; the manifest is a list of groups.
  constexpr absl::string_view kPrefix = "{\"groups\":";
  schema::WeightsManifestFile file;
  absl::Status parsed = ParseJsonMessage(absl::StrCat(kPrefix, json, "\n}"), source, &file);
  if (!parsed.ok()) {
    // Byte offsets count from the start of the file, not of the wrapped text.
    const absl::string_view message = parsed.message();
    const size_t at = message.rfind(" at byte ");
    int64_t offset = 0;
    if (at != absl::string_view::npos &&
        absl::SimpleAtoi(message.substr(at + 9), &offset) && offset >= kPrefix.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat(message.substr(0, at), " at byte ", offset - kPrefix.size()));
    }
    return parsed;
  }
  return ManifestFromSchema(file.groups(), source);
}

}  // namespace tfjs::io
