#include "converter/writer/graph_model_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/weight_source.h"
#include "converter/writer/const_extraction.h"
#include "converter/writer/converter_version.h"
#include "converter/writer/proto_json.h"
#include "converter/writer/python_json.h"
#include "converter/writer/staged_output_dir.h"
#include "converter/writer/weight_encoding.h"
#include "converter/writer/weight_shards.h"

namespace tfjs::converter {
namespace {

constexpr char kModelJsonName[] = "model.json";

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

absl::Status AppendManifestEntry(const WeightSpec& spec, std::string* json) {
  json->append("{\"name\": ");
  absl::Status status = AppendPythonJsonString(spec.name, json);
  if (!status.ok()) return status;
  absl::StrAppend(json, ", \"shape\": [", absl::StrJoin(spec.shape, ", "), "], \"dtype\": \"",
                  spec.dtype, "\"}");
  return absl::OkStatus();
}

absl::Status AppendUserMetadata(
    const std::vector<std::pair<std::string, std::string>>& user_metadata, std::string* json) {
  absl::flat_hash_set<std::string> keys;
  json->append("{");
  for (size_t i = 0; i < user_metadata.size(); ++i) {
    const auto& [key, text] = user_metadata[i];
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

absl::StatusOr<std::string> ModelJson(const FrozenModel& model, const ExtractedGraph& extracted,
                                      const std::vector<WeightSpec>& specs,
                                      const std::vector<std::string>& shard_names,
                                      const GraphModelWriterOptions& options) {
  std::string json = "{\"format\": \"graph-model\", \"generatedBy\": ";
  absl::Status status = AppendPythonJsonString(
      options.generated_by.empty() ? absl::StrCat("tfjs_native converter v", kConverterVersion)
                                   : options.generated_by,
      &json);
  if (!status.ok()) return status;
  json.append(", \"convertedBy\": ");
  if (status = AppendPythonJsonString(ConvertedBy(), &json); !status.ok()) return status;

  // tensorflowjs_converter builds a fresh SignatureDef holding only inputs and outputs.
  tensorflow::SignatureDef signature;
  *signature.mutable_inputs() = model.signature.inputs();
  *signature.mutable_outputs() = model.signature.outputs();
  json.append(", \"signature\": ");
  if (status = AppendMessageAsPythonJson(signature, &json); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("signature: ", status.message()));
  }

  std::string topology;
  if (status = AppendMessageAsPythonJson(extracted.topology, &topology); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("graph: ", status.message()));
  }
  // Python writes `topology or None`: an empty graph becomes null.
  absl::StrAppend(&json, ", \"modelTopology\": ", topology == "{}" ? "null" : topology);

  if (!options.user_metadata.empty()) {
    json.append(", \"userDefinedMetadata\": ");
    if (status = AppendUserMetadata(options.user_metadata, &json); !status.ok()) return status;
  }

  json.append(", \"weightsManifest\": [{\"paths\": [");
  for (size_t i = 0; i < shard_names.size(); ++i) {
    absl::StrAppend(&json, i > 0 ? ", " : "", "\"", shard_names[i], "\"");
  }
  json.append("], \"weights\": [");
  for (size_t i = 0; i < specs.size(); ++i) {
    if (i > 0) json.append(", ");
    if (status = AppendManifestEntry(specs[i], &json); !status.ok()) return status;
  }
  json.append("]}]}");
  return json;
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
  absl::StatusOr<WeightSpec> checked = DescribeWeight(spec.name, full);
  if (!checked.ok()) return checked.status();
  return EncodeWeight(spec, full, wrapped_int64_values);
}

// Writes one weight: by reference, copied file-to-file when its bytes are already TF.js's, else
// encoded in memory.
absl::Status WriteWeight(const ConstWeight& weight, const WeightSpec& spec,
                         const absl::flat_hash_map<std::string, WeightSource>& external_weights,
                         WeightShardWriter* shards, int64_t* wrapped_int64_values) {
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

// Encodes every weight into the shard files and gathers the narrowing notes.
absl::Status WriteWeights(const ExtractedGraph& extracted, const std::vector<WeightSpec>& specs,
                          const absl::flat_hash_map<std::string, WeightSource>& external_weights,
                          WeightShardWriter* shards, std::vector<NarrowingNote>* notes,
                          int64_t* wrapped_int64_values) {
  for (size_t i = 0; i < specs.size(); ++i) {
    const WeightSpec& spec = specs[i];
    absl::Status status = WriteWeight(extracted.weights[i], spec, external_weights, shards,
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
         << " int64 weight values do not fit int32 and wrapped around\n";
  }
}

}  // namespace

absl::Status WriteGraphModel(const FrozenModel& model, const std::string& output_dir,
                             const GraphModelWriterOptions& options) {
  if (options.weight_shard_size_bytes <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("weight shard size must be positive, got ",
                                                   options.weight_shard_size_bytes));
  }
  absl::StatusOr<ExtractedGraph> extracted = ExtractConstWeights(model.graph);
  if (!extracted.ok()) return extracted.status();
  // TF.js reads modelTopology.versions unconditionally. tensorflowjs_converter always has one
  // (TensorFlow sets its own producer when it imports the graph); we add an empty one rather
  // than invent a producer number.
  if (!extracted->topology.has_versions()) extracted->topology.mutable_versions();

  std::vector<WeightSpec> specs;
  int64_t total_bytes = 0;
  for (const ConstWeight& weight : extracted->weights) {
    absl::StatusOr<WeightSpec> spec = DescribeWeight(weight.name, *weight.value, options.weight_dtypes);
    if (!spec.ok()) return spec.status();
    total_bytes += spec->byte_size;
    specs.push_back(*std::move(spec));
  }

  const std::vector<std::string> shard_names =
      ShardFileNames(total_bytes, options.weight_shard_size_bytes);
  absl::StatusOr<std::string> model_json =
      ModelJson(model, *extracted, specs, shard_names, options);
  if (!model_json.ok()) return model_json.status();

  absl::StatusOr<StagedOutputDir> staged = StagedOutputDir::Create(output_dir);
  if (!staged.ok()) return staged.status();
  absl::StatusOr<WeightShardWriter> shards =
      WeightShardWriter::Open(staged->path(), total_bytes, options.weight_shard_size_bytes);
  if (!shards.ok()) return shards.status();

  std::vector<NarrowingNote> notes;
  int64_t wrapped_int64_values = 0;
  absl::Status status = WriteWeights(*extracted, specs, model.external_weights, &*shards, &notes,
                                     &wrapped_int64_values);
  if (!status.ok()) return status;
  status = WriteWholeFile(absl::StrCat(staged->path(), "/", kModelJsonName), *model_json);
  if (!status.ok()) return status;
  if (status = staged->Commit(); !status.ok()) return status;
  ReportNarrowing(notes, wrapped_int64_values, options.log);
  return absl::OkStatus();
}

}  // namespace tfjs::converter
