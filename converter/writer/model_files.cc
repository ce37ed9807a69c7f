#include "converter/writer/model_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/writer/converter_version.h"
#include "converter/writer/python_json.h"
#include "converter/writer/staged_output_dir.h"
#include "converter/writer/weight_quantization.h"
#include "converter/writer/weight_shards.h"
#include "io/weights_manifest.h"

namespace tfjs::converter {
namespace {

constexpr char kModelJsonName[] = "model.json";
// One weight as the manifest lists it and the shards store it.
struct PlannedWeight {
  // byte_size is the stored size: the quantized one for quantized weights.
  WeightSpec spec;
  // Set when the weight is stored quantized; holds the stored bytes.
  std::optional<QuantizedWeight> quantized;
  io::QuantizedDType quantized_dtype = io::QuantizedDType::kFloat16;
};

// "convertedBy". tensorflowjs_converter writes "TensorFlow.js Converter v4.22.0"; claiming that
// would be false, so we name ourselves and the release whose format we follow. TF.js only keeps
// the field, it never parses it.
std::string ConvertedBy() {
  return absl::StrCat("tfjs_native converter v", kConverterVersion,
                      " (TensorFlow.js Converter v", kCompatibleTfjsConverterVersion, " format)");
}

// One note per narrowing kind: how many weights, and the first one's name.
struct NarrowingNote {
  std::string from;
  std::string to;
  int count = 0;
  std::string first_weight;
};

// write_weights' entry; "quantization" lists "dtype" first, then quantize_weights' metadata.
absl::Status AppendManifestEntry(const PlannedWeight& weight, std::string* json) {
  const WeightSpec& spec = weight.spec;
  json->append("{\"name\": ");
  absl::Status status = AppendPythonJsonString(spec.name, json);
  if (!status.ok()) return status;
  absl::StrAppend(json, ", \"shape\": [", absl::StrJoin(spec.shape, ", "), "], \"dtype\": \"",
                  spec.dtype, "\"");
  if (weight.quantized.has_value()) {
    absl::StrAppend(json, ", \"quantization\": {\"dtype\": \"",
                    io::QuantizedDTypeName(weight.quantized_dtype), "\"");
    if (const std::optional<AffineRange>& range = weight.quantized->range) {
      absl::StrAppend(json, ", \"min\": ", PythonFloatRepr(range->min),
                      ", \"scale\": ", PythonFloatRepr(range->scale));
    }
    absl::StrAppend(json, ", \"original_dtype\": \"", spec.dtype, "\"}");
  }
  json->append("}");
  return absl::OkStatus();
}


// Indices into the weights, per weight group.
using WeightGroups = std::vector<std::vector<size_t>>;

int64_t GroupBytes(const std::vector<PlannedWeight>& weights, const std::vector<size_t>& group) {
  int64_t bytes = 0;
  for (size_t index : group) bytes += weights[index].spec.byte_size;
  return bytes;
}


// Appends ", \"weightsManifest\": [...]}": the groups' shard files and weights, closing model.json.
absl::Status AppendWeightsManifest(const std::vector<PlannedWeight>& weights,
                                   const WeightGroups& groups, int64_t shard_size_bytes,
                                   std::string* json_out) {
  std::string& json = *json_out;
  absl::Status status;
  json.append(", \"weightsManifest\": [");
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<std::string> shard_names = ShardFileNames(
        static_cast<int>(g + 1), GroupBytes(weights, groups[g]), shard_size_bytes);
    absl::StrAppend(&json, g > 0 ? ", " : "", "{\"paths\": [");
    for (size_t i = 0; i < shard_names.size(); ++i) {
      absl::StrAppend(&json, i > 0 ? ", " : "", "\"", shard_names[i], "\"");
    }
    json.append("], \"weights\": [");
    for (size_t i = 0; i < groups[g].size(); ++i) {
      if (i > 0) json.append(", ");
      if (status = AppendManifestEntry(weights[groups[g][i]], &json); !status.ok()) return status;
    }
    json.append("]}");
  }
  json.append("]}");
  return absl::OkStatus();
}

absl::Status WriteWholeFile(const std::string& path, const std::string& contents) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return absl::InternalError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  if (std::fclose(file) != 0 || !written) {
    return absl::InternalError(absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

// The bytes of a weight held by reference, encoded for TF.js: read and narrowed in memory, for
// the dtypes whose bytes change (float64, int64, complex128).
absl::StatusOr<std::string> EncodeReferencedWeight(const WeightSpec& spec,
                                                   const tensorflow::TensorProto& value,
                                                   const WeightSource& source,
                                                   int64_t* wrapped_int64_values) {
  tensorflow::TensorProto full;
  full.set_dtype(value.dtype());
  *full.mutable_tensor_shape() = value.tensor_shape();
  if (absl::Status s = ReadWeightSource(source, full.mutable_tensor_content()); !s.ok()) return s;
  // Checks the bytes against the shape before anything reads them as elements.
  absl::StatusOr<WeightSpec> checked = DescribeWeight(spec.name, full, WeightDtypes::kNative);
  if (!checked.ok()) return checked.status();
  return EncodeWeight(spec, full, wrapped_int64_values);
}

// Writes one weight: its quantized bytes; by reference, copied file-to-file when its bytes are
// already TF.js's; else encoded in memory.
absl::Status WriteWeight(const ConstWeight& weight, const PlannedWeight& planned,
                         const absl::flat_hash_map<std::string, WeightSource>& external_weights,
                         WeightShardWriter* shards, int64_t* wrapped_int64_values) {
  if (planned.quantized.has_value()) return shards->Append(planned.quantized->bytes);
  const WeightSpec& spec = planned.spec;
  const tensorflow::TensorProto& tensor = *weight.value;
  auto source = weight.top_level ? external_weights.find(weight.name) : external_weights.end();
  if (source != external_weights.end()) {
    if (tensor.tensor_content().size() > 0 || source->second.dtype != tensor.dtype()) {
      return absl::InternalError(absl::StrCat(
          "Const '", weight.name, "' is held by reference but holds data or changed dtype"));
    }
    if (spec.converted_from.empty() &&
        static_cast<int64_t>(source->second.size) == spec.byte_size) {
      return shards->AppendFromFile(source->second);
    }
    absl::StatusOr<std::string> bytes =
        EncodeReferencedWeight(spec, tensor, source->second, wrapped_int64_values);
    if (!bytes.ok()) return bytes.status();
    return shards->Append(*bytes);
  }
  if (std::optional<absl::string_view> in_place = WeightBytesInPlace(spec, tensor)) {
    return shards->Append(*in_place);
  }
  absl::StatusOr<std::string> bytes = EncodeWeight(spec, tensor, wrapped_int64_values);
  if (!bytes.ok()) return bytes.status();
  return shards->Append(*bytes);
}

// The weight's float32 values (after any float64 narrowing), for quantization.
absl::StatusOr<std::vector<float>> Float32Values(
    const ConstWeight& weight, const WeightSpec& spec,
    const absl::flat_hash_map<std::string, WeightSource>& external_weights) {
  const tensorflow::TensorProto& tensor = *weight.value;
  std::string encoded;
  absl::string_view bytes;
  auto source = weight.top_level ? external_weights.find(weight.name) : external_weights.end();
  if (source != external_weights.end()) {
    absl::StatusOr<std::string> read =
        EncodeReferencedWeight(spec, tensor, source->second, /*wrapped_int64_values=*/nullptr);
    if (!read.ok()) return read.status();
    encoded = *std::move(read);
    bytes = encoded;
  } else if (std::optional<absl::string_view> in_place = WeightBytesInPlace(spec, tensor)) {
    bytes = *in_place;
  } else {
    absl::StatusOr<std::string> built = EncodeWeight(spec, tensor);
    if (!built.ok()) return built.status();
    encoded = *std::move(built);
    bytes = encoded;
  }
  std::vector<float> values(bytes.size() / sizeof(float));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}

// Quantizes the float32 weights the plan selects; weights that cannot be quantized (NaN or
// infinity under affine quantization) stay float32 with a warning.
absl::Status QuantizeWeights(const std::vector<ConstWeight>& sources,
                             const absl::flat_hash_map<std::string, WeightSource>& external_weights,
                             const std::vector<std::optional<io::QuantizedDType>>& plan,
                             std::vector<PlannedWeight>* weights,
                             std::vector<std::string>* messages) {
  for (size_t i = 0; i < weights->size(); ++i) {
    PlannedWeight& weight = (*weights)[i];
    // write_weights' _quantize_entry: only float32 data is quantized.
    if (!plan[i].has_value() || weight.spec.dtype != "float32") continue;
    absl::StatusOr<std::vector<float>> values =
        Float32Values(sources[i], weight.spec, external_weights);
    if (!values.ok()) return values.status();
    absl::StatusOr<QuantizedWeight> quantized = QuantizeFloat32(*values, *plan[i]);
    if (!quantized.ok()) {
      messages->push_back(absl::StrCat("warning: weight '", weight.spec.name, "' stays float32: ",
                                       quantized.status().message(), "\n"));
      continue;
    }
    weight.quantized_dtype = *plan[i];
    weight.quantized = *std::move(quantized);
    weight.spec.byte_size = static_cast<int64_t>(weight.quantized->bytes.size());
  }
  return absl::OkStatus();
}

// One line per quantized weight, then the total, for --verbose.
void ReportQuantization(const std::vector<PlannedWeight>& weights,
                        std::vector<std::string>* messages) {
  int64_t original_total = 0, stored_total = 0, quantized_count = 0;
  for (const PlannedWeight& weight : weights) {
    if (!weight.quantized.has_value()) continue;
    int64_t elements = 1;
    for (int64_t dim : weight.spec.shape) elements *= dim;
    const int64_t original = elements * 4;
    original_total += original;
    stored_total += weight.spec.byte_size;
    ++quantized_count;
    messages->push_back(absl::StrCat(
        "quantized '", weight.spec.name, "' to ", io::QuantizedDTypeName(weight.quantized_dtype),
        ": ", original, " -> ", weight.spec.byte_size, " bytes (", original - weight.spec.byte_size,
        " saved), max abs error ", PythonFloatRepr(weight.quantized->max_abs_error), "\n"));
  }
  messages->push_back(absl::StrCat("quantized ", quantized_count, " weights: ", original_total,
                                   " -> ", stored_total, " bytes (", original_total - stored_total,
                                   " saved)\n"));
}

// Writes every weight of one group into its shard files and gathers the narrowing notes.
absl::Status WriteGroup(const std::vector<ConstWeight>& sources,
                        const std::vector<PlannedWeight>& weights,
                        const std::vector<size_t>& group,
                        const absl::flat_hash_map<std::string, WeightSource>& external_weights,
                        WeightShardWriter* shards, std::vector<NarrowingNote>* notes,
                        int64_t* wrapped_int64_values) {
  for (size_t i : group) {
    const WeightSpec& spec = weights[i].spec;
    absl::Status status = WriteWeight(sources[i], weights[i], external_weights, shards,
                                      wrapped_int64_values);
    if (!status.ok()) return status;
    if (spec.converted_from.empty()) continue;
    auto note = std::find_if(notes->begin(), notes->end(), [&](const NarrowingNote& n) {
      return n.from == spec.converted_from;
    });
    if (note == notes->end()) {
      notes->push_back({spec.converted_from, spec.dtype, 0, spec.name});
      note = notes->end() - 1;
    }
    ++note->count;
  }
  return shards->Finish();
}

void ReportNarrowing(const std::vector<NarrowingNote>& notes, int64_t wrapped_int64_values,
                     std::ostream* log) {
  if (log == nullptr) return;
  for (const NarrowingNote& note : notes) {
    *log << "note: " << note.count << " " << note.from << " weight" << (note.count > 1 ? "s" : "")
         << " (first: '" << note.first_weight << "') converted to " << note.to
         << ", as TF.js has no " << note.from << "\n";
  }
  if (wrapped_int64_values > 0) {
    *log << "warning: " << wrapped_int64_values
         << " int64, uint64 or uint32 weight values do not fit int32 and wrapped around\n";
  }
}

}  // namespace

absl::StatusOr<std::string> ModelJsonStart(absl::string_view format,
                                           const std::optional<std::string>& generated_by) {
  std::string json = absl::StrCat("{\"format\": \"", format, "\", \"generatedBy\": ");
  absl::Status status;
  if (generated_by.has_value()) {
    status = AppendPythonJsonString(*generated_by, &json);
  } else {
    json.append("null");
  }
  json.append(", \"convertedBy\": ");
  if (status.ok()) status = AppendPythonJsonString(ConvertedBy(), &json);
  if (!status.ok()) return status;
  return json;
}


absl::Status AppendUserMetadata(const std::vector<std::pair<std::string, std::string>>& entries,
                                std::string* json) {
  absl::flat_hash_set<std::string> keys;
  json->append("{");
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& [key, text] = entries[i];
    if (!keys.insert(key).second) {
      return absl::InvalidArgumentError(absl::StrCat("metadata key '", key, "' is given twice"));
    }
    absl::StatusOr<std::string> value = ReformatJsonAsPython(text);
    if (!value.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("metadata '", key, "': ", value.status().message()));
    }
    if (i > 0) json->append(", ");
    absl::Status status = AppendPythonJsonString(key, json);
    if (!status.ok()) return status;
    absl::StrAppend(json, ": ", *value);
  }
  json->append("}");
  return absl::OkStatus();
}


absl::Status WriteModelFiles(std::string json_head, const std::vector<ConstWeight>& sources,
                             const absl::flat_hash_map<std::string, WeightSource>& external_weights,
                             const std::vector<int>& group_keys, const ModelWriterOptions& options,
                             const std::string& output_dir) {
  if (options.weight_shard_size_bytes <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("weight shard size must be positive, got ",
                                                   options.weight_shard_size_bytes));
  }
  std::vector<PlannedWeight> weights;
  std::vector<std::string> names;
  for (const ConstWeight& weight : sources) {
    absl::StatusOr<WeightSpec> spec = DescribeWeight(weight.name, *weight.value, options.weight_dtypes);
    if (!spec.ok()) return spec.status();
    names.push_back(spec->name);
    weights.push_back(PlannedWeight{*std::move(spec), std::nullopt});
  }
  std::vector<std::string> messages;
  if (!options.quantization.empty()) {
    absl::StatusOr<std::vector<std::optional<io::QuantizedDType>>> plan =
        PlanQuantization(names, options.quantization);
    if (!plan.ok()) return plan.status();
    absl::Status status = QuantizeWeights(sources, external_weights, *plan, &weights, &messages);
    if (!status.ok()) return status;
    if (options.verbose) ReportQuantization(weights, &messages);
  }

  WeightGroups groups;
  for (size_t i = 0; i < weights.size(); ++i) {
    const bool new_group = groups.empty() ||
                           (options.split_weights_by_layer && group_keys[i] != group_keys[i - 1]);
    if (new_group) groups.emplace_back();
    groups.back().push_back(i);
  }
  if (groups.empty()) groups.emplace_back();

  std::string model_json = std::move(json_head);
  absl::Status status =
      AppendWeightsManifest(weights, groups, options.weight_shard_size_bytes, &model_json);
  if (!status.ok()) return status;

  absl::StatusOr<StagedOutputDir> staged = StagedOutputDir::Create(output_dir);
  if (!staged.ok()) return staged.status();
  std::vector<NarrowingNote> notes;
  int64_t wrapped_int64_values = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    absl::StatusOr<WeightShardWriter> shards =
        WeightShardWriter::Open(staged->path(), static_cast<int>(g + 1),
                                GroupBytes(weights, groups[g]), options.weight_shard_size_bytes);
    if (!shards.ok()) return shards.status();
    status = WriteGroup(sources, weights, groups[g], external_weights, &*shards, &notes,
                        &wrapped_int64_values);
    if (!status.ok()) return status;
  }
  status = WriteWholeFile(absl::StrCat(staged->path(), "/", kModelJsonName), model_json);
  if (!status.ok()) return status;
  if (status = staged->Commit(); !status.ok()) return status;
  ReportNarrowing(notes, wrapped_int64_values, options.log);
  if (options.log != nullptr) {
    for (const std::string& message : messages) *options.log << message;
  }
  return absl::OkStatus();
}


}  // namespace tfjs::converter
