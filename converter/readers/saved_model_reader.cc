#include "converter/readers/saved_model_reader.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "converter/passes/freeze_variables.h"
#include "converter/passes/inline_functions.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/restore_path.h"
#include "converter/passes/table_inputs.h"
#include "converter/passes/tensor_name.h"
#include "converter/passes/validate_graph.h"
#include "converter/readers/binary_graph_def.h"
#include "converter/readers/checkpoint/checkpoint_reader.h"
#include "converter/readers/checkpoint/variable_part.h"
#include "converter/readers/proto_file.h"
#include "converter/weight_source.h"
#include "proto/saved_model.pb.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

using TagSet = std::set<std::string>;

TagSet ParseTags(const std::string& tags) {
  TagSet set;
  for (absl::string_view tag : absl::StrSplit(tags, ',')) {
    tag = absl::StripAsciiWhitespace(tag);
    if (!tag.empty()) set.emplace(tag);
  }
  return set;
}

std::string FormatTags(const TagSet& tags) {
  return absl::StrCat("[", absl::StrJoin(tags, ","), "]");
}

bool Exists(const fs::path& path) {
  std::error_code error;
  return fs::exists(path, error);
}

absl::StatusOr<std::string> FindSavedModelFile(const std::string& dir) {
  for (const char* name : {"saved_model.pb", "saved_model.pbtxt"}) {
    fs::path path = fs::path(dir) / name;
    if (Exists(path)) return path.string();
  }
  if (!Exists(dir)) return absl::NotFoundError(absl::StrCat(dir, ": no such directory"));
  return absl::NotFoundError(
      absl::StrCat(dir, ": not a SavedModel (no saved_model.pb or saved_model.pbtxt)"));
}

absl::StatusOr<tensorflow::MetaGraphDef*> SelectMetaGraph(
    tensorflow::SavedModel& saved_model, const std::string& file, const std::string& tags) {
  const TagSet wanted = ParseTags(tags);
  std::vector<std::string> available;
  for (tensorflow::MetaGraphDef& meta_graph : *saved_model.mutable_meta_graphs()) {
    const auto& meta_tags = meta_graph.meta_info_def().tags();
    TagSet have(meta_tags.begin(), meta_tags.end());
    if (have == wanted) return &meta_graph;
    available.push_back(FormatTags(have));
  }
  return absl::NotFoundError(absl::StrCat(file, ": no MetaGraph with tags ", FormatTags(wanted),
                                          "; available tag sets: ",
                                          absl::StrJoin(available, " ")));
}

absl::StatusOr<tensorflow::SignatureDef> SelectSignature(const tensorflow::MetaGraphDef& meta_graph,
                                                         const std::string& file,
                                                         const std::string& name) {
  auto it = meta_graph.signature_def().find(name);
  if (it != meta_graph.signature_def().end()) return it->second;
  std::vector<std::string> keys;
  for (const auto& [key, signature] : meta_graph.signature_def()) {
    // TF2's "__saved_model_init_op" entry is the loader's initializer, not a model signature.
    if (!absl::StartsWith(key, "__")) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  return absl::NotFoundError(absl::StrCat(file, ": no signature '", name,
                                          "'; available signatures: ",
                                          keys.empty() ? "(none)" : absl::StrJoin(keys, ", ")));
}

// Tensor names the signature needs kept; sparse and composite tensors are not supported.
absl::Status CollectSignatureTensors(const google::protobuf::Map<std::string, tensorflow::TensorInfo>& infos,
                                     const std::string& file, std::vector<std::string>* names) {
  for (const auto& [key, info] : infos) {
    if (info.encoding_case() != tensorflow::TensorInfo::kName) {
      return absl::UnimplementedError(absl::StrCat(
          file, ": signature tensor '", key, "' is sparse or composite; only dense tensors are supported"));
    }
    names->push_back(info.name());
  }
  return absl::OkStatus();
}

// Opens the checkpoint only when a variable asks for a value. Whole tensors of fixed-size dtypes
// are only located (their bytes are copied file-to-file by the writer); strings and sliced
// variables are read.
class LazyCheckpoint {
 public:
  explicit LazyCheckpoint(std::string dir) : dir_(std::move(dir)) {}

  absl::StatusOr<CheckpointValue> Read(const std::string& key) {
    if (reader_ == nullptr) {
      const fs::path variables = fs::path(dir_) / "variables";
      if (!Exists(variables)) {
        return absl::NotFoundError(absl::StrCat(variables.string(),
                                                ": missing variables directory"));
      }
      absl::StatusOr<std::unique_ptr<CheckpointReader>> reader =
          CheckpointReader::Open((variables / "variables").string());
      if (!reader.ok()) return reader.status();
      reader_ = *std::move(reader);
    }
    if (!reader_->Contains(key)) {
      // A part of a TF1 partitioned variable restored by name (TF1 Hub modules), whose Saver
      // stored the whole variable as slices.
      absl::StatusOr<tensorflow::TensorProto> part = ReadVariablePart(*reader_, key);
      if (part.ok()) return CheckpointValue{*std::move(part), std::nullopt};
      return absl::NotFoundError(absl::StrCat(
          (fs::path(dir_) / "variables" / "variables").string(), ": checkpoint has no key '",
          key, "'"));
    }
    absl::StatusOr<std::optional<WeightSource>> source = reader_->Locate(key);
    if (!source.ok()) return source.status();
    CheckpointValue value;
    if (source->has_value()) {
      value.tensor.set_dtype((*source)->dtype);
      *value.tensor.mutable_tensor_shape() = (*source)->shape;
      value.source = *std::move(*source);
      return value;
    }
    absl::StatusOr<tensorflow::TensorProto> tensor = reader_->Read(key);
    if (!tensor.ok()) return tensor.status();
    value.tensor = *std::move(tensor);
    return value;
  }

 private:
  std::string dir_;
  std::unique_ptr<CheckpointReader> reader_;
};

// As tensorflowjs_converter's strip_unused_nodes does, a signature input that is not a
// Placeholder (an Identity after a parser, a PlaceholderWithDefault) becomes one, so that what
// computed it upstream is pruned away.
void MakeInputsPlaceholders(const tensorflow::SignatureDef& signature,
                            tensorflow::GraphDef* graph) {
  absl::flat_hash_map<std::string, const tensorflow::TensorInfo*> inputs;
  for (const auto& [key, info] : signature.inputs()) {
    TensorName tensor = TensorName::Parse(info.name());
    if (tensor.output_index == 0) inputs[tensor.node] = &info;
  }
  for (tensorflow::NodeDef& node : *graph->mutable_node()) {
    auto input = inputs.find(node.name());
    if (input == inputs.end() || node.op() == "Placeholder") continue;
    node.set_op("Placeholder");
    node.clear_input();
    node.clear_attr();
    (*node.mutable_attr())["dtype"].set_type(input->second->dtype());
    // A TensorInfo without a shape means any shape, not a scalar.
    tensorflow::TensorShapeProto* shape = (*node.mutable_attr())["shape"].mutable_shape();
    if (input->second->has_tensor_shape()) {
      *shape = input->second->tensor_shape();
    } else {
      shape->set_unknown_rank(true);
    }
  }
}

// The ops that fill the model's tables, as the SavedModel names them.
struct TableInitialization {
  std::vector<std::string> nodes;
  // TF2's form: the tables are resources the model captures (see FeedTablesFromInitializer).
  bool tf2 = false;
};

// TF1's "table_initializer" collection (what tensorflowjs_converter freezes into its
// modelInitializer), else TF2's "__saved_model_init_op" signature output, the NoOp that waits on
// every resource's _initialize call.
TableInitialization TableInitializers(const tensorflow::MetaGraphDef& meta_graph) {
  TableInitialization initialization;
  if (auto it = meta_graph.collection_def().find("table_initializer");
      it != meta_graph.collection_def().end()) {
    const auto& nodes = it->second.node_list().value();
    initialization.nodes.assign(nodes.begin(), nodes.end());
    return initialization;
  }
  if (auto it = meta_graph.signature_def().find("__saved_model_init_op");
      it != meta_graph.signature_def().end()) {
    for (const auto& [key, info] : it->second.outputs()) initialization.nodes.push_back(info.name());
    initialization.tf2 = true;
  }
  return initialization;
}

// True when the graph does something: TF2's init op of a model without resources is a bare NoOp.
bool HasWork(const tensorflow::GraphDef& graph) {
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (node.op() != "NoOp") return true;
  }
  return false;
}

// The graph of the table initializers: `graph` pruned to them, variables frozen with their values
// read (the initializer is small and written from memory). Placeholders would be inputs nobody
// feeds (text-file tables read their file name from one), so they fail.
absl::StatusOr<tensorflow::GraphDef> InitializerGraph(
    const FrozenModel& model, const std::vector<std::string>& initializers,
    const absl::flat_hash_map<std::string, std::string>& variable_keys,
    const CheckpointValueReader& read) {
  tensorflow::GraphDef initializer = model.graph;
  absl::Status status = PruneGraph(initializers, &initializer);
  // Large Consts the saved_model.pb holds by reference are read too.
  absl::flat_hash_map<std::string, WeightSource> referenced = model.external_weights;
  if (status.ok()) status = FreezeVariables(variable_keys, read, &initializer, &referenced);
  for (tensorflow::NodeDef& node : *initializer.mutable_node()) {
    auto source = referenced.find(node.name());
    if (!status.ok() || source == referenced.end()) continue;
    status = ReadWeightSource(
        source->second, (*node.mutable_attr())["value"].mutable_tensor()->mutable_tensor_content());
  }
  if (status.ok()) status = PruneGraph(initializers, &initializer);
  if (!status.ok()) return status;
  RemoveUnusedFunctions(&initializer);
  for (const tensorflow::NodeDef& node : initializer.node()) {
    if (node.op() == "Placeholder" || node.op() == "PlaceholderWithDefault") {
      return absl::UnimplementedError(absl::StrCat(
          "table initializer needs input '", node.name(),
          "' (tables initialized from asset files are not supported)"));
    }
  }
  return initializer;
}

absl::Status WithFile(const std::string& file, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(file, ": ", status.message()));
}

// Text format through protobuf's parser; binary meta graph by meta graph, node by node, large
// Const values held by reference (graph_weights[i] for meta graph i).
absl::Status ReadSavedModelFile(
    const std::string& path, tensorflow::SavedModel* saved_model,
    std::vector<absl::flat_hash_map<std::string, WeightSource>>* graph_weights) {
  absl::StatusOr<bool> text = IsTextProtoFile(path);
  if (!text.ok()) return text.status();
  std::error_code error;
  if (*text || fs::is_empty(path, error)) return ReadProtoFile(path, saved_model);
  return ReadBinarySavedModel(path, kMinReferencedTensorBytes, saved_model, graph_weights);
}

}  // namespace

absl::Status CheckNotSessionBundle(const std::string& dir) {
  const fs::path root(dir);
  if (Exists(root / "saved_model.pb") || Exists(root / "saved_model.pbtxt")) {
    return absl::OkStatus();
  }
  static const std::regex kShard("export-\\d{5}-of-\\d{5}.*");
  std::error_code error;
  bool bundle = Exists(root / "export.meta");
  for (fs::directory_iterator it(root, error), end; !bundle && !error && it != end;
       it.increment(error)) {
    bundle = std::regex_match(it->path().filename().string(), kShard);
  }
  if (!bundle) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      dir, ": this is a TF session bundle (export.meta / export-NNNNN-of-NNNNN); session bundle "
           "is deprecated, migrate to SavedModel"));
}

absl::StatusOr<FrozenModel> ReadSavedModel(const std::string& dir,
                                           const SavedModelReadOptions& options) {
  absl::Status status = CheckNotSessionBundle(dir);
  if (!status.ok()) return status;
  absl::StatusOr<std::string> file = FindSavedModelFile(dir);
  if (!file.ok()) return file.status();
  tensorflow::SavedModel saved_model;
  std::vector<absl::flat_hash_map<std::string, WeightSource>> graph_weights;
  status = ReadSavedModelFile(*file, &saved_model, &graph_weights);
  if (!status.ok()) return status;
  absl::StatusOr<tensorflow::MetaGraphDef*> meta_graph =
      SelectMetaGraph(saved_model, *file, options.tags);
  if (!meta_graph.ok()) return meta_graph.status();
  absl::StatusOr<tensorflow::SignatureDef> signature =
      SelectSignature(**meta_graph, *file, options.signature_name);
  if (!signature.ok()) return signature.status();

  FrozenModel model;
  model.graph = std::move(*(*meta_graph)->mutable_graph_def());
  for (int i = 0; i < saved_model.meta_graphs_size() && i < static_cast<int>(graph_weights.size());
       ++i) {
    if (&saved_model.meta_graphs(i) == *meta_graph) {
      model.external_weights = std::move(graph_weights[i]);
    }
  }
  model.tensorflow_version = (*meta_graph)->meta_info_def().tensorflow_version();
  if (!options.output_node_names.empty()) {
    signature->clear_outputs();
    for (const std::string& output : options.output_node_names) {
      TensorName tensor = TensorName::Parse(output);
      (*signature->mutable_outputs())[output].set_name(
          absl::StrCat(tensor.node, ":", tensor.output_index));
    }
  }
  std::vector<std::string> keep;
  status = CollectSignatureTensors(signature->outputs(), *file, &keep);
  if (status.ok()) status = CollectSignatureTensors(signature->inputs(), *file, &keep);
  if (!status.ok()) return status;
  if (keep.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(*file, ": signature '",
                                                   options.signature_name, "' has no outputs"));
  }

  status = ValidateGraph(model.graph);
  if (status.ok()) status = InlineFunctionCalls(&model.graph);
  if (!status.ok()) return WithFile(*file, status);
  absl::flat_hash_map<std::string, std::string> variable_keys;
  const std::string& restore_op = (*meta_graph)->saver_def().restore_op_name();
  if (!restore_op.empty()) {
    absl::StatusOr<absl::flat_hash_map<std::string, std::string>> keys =
        MapVariablesToCheckpointKeys(model.graph, restore_op);
    if (!keys.ok()) return WithFile(*file, keys.status());
    variable_keys = *std::move(keys);
  }
  LazyCheckpoint checkpoint(dir);
  const CheckpointValueReader read_checkpoint = [&](const std::string& key) {
    return checkpoint.Read(key);
  };
  const TableInitialization initialization = TableInitializers(**meta_graph);
  if (!initialization.nodes.empty()) {
    absl::StatusOr<tensorflow::GraphDef> initializer =
        InitializerGraph(model, initialization.nodes, variable_keys, read_checkpoint);
    if (!initializer.ok()) return WithFile(*file, initializer.status());
    if (HasWork(*initializer)) model.initializer = *std::move(initializer);
  }
  MakeInputsPlaceholders(*signature, &model.graph);
  status = PruneGraph(keep, &model.graph);
  if (status.ok()) {
    status = FreezeVariables(variable_keys, read_checkpoint, &model.graph, &model.external_weights);
  }
  if (status.ok()) status = PruneGraph(keep, &model.graph);
  model.signature = *std::move(signature);
  if (status.ok() && initialization.tf2) status = FeedTablesFromInitializer(&model);
  if (status.ok()) status = ValidateGraph(model.graph);
  if (!status.ok()) return WithFile(*file, status);
  return model;
}

}  // namespace tfjs::converter
