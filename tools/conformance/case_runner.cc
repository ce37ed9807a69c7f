#include "tools/conformance/case_runner.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converter/cli/convert.h"
#include "converter/cli/flags.h"
#include "converter/passes/tensor_name.h"
#include "converter/readers/frozen_graph_reader.h"
#include "converter/readers/proto_file.h"
#include "io/load_model.h"
#include "ops/op_table.h"
#include "runtime/graph_model.h"
#include "tools/conformance/compare.h"
#include "tools/npy/npy.h"
#include "tools/npy/tensor_npy.h"

namespace tfjs::conformance {
namespace {

namespace fs = std::filesystem;
using converter::testing::CorpusCase;
using converter::testing::CorpusTensor;
using runtime::Tensor;

constexpr char kFrozenModel[] = "tf_frozen_model";

// `result` as failed at `stage` with `status`.
CaseResult Failed(CaseResult result, absl::string_view stage, const absl::Status& status) {
  result.status = CaseStatus::kFail;
  result.reason = absl::StrCat(stage, ": ", status.message());
  return result;
}

std::string FrozenGraphPath(const CorpusCase& corpus_case) {
  const std::string binary = corpus_case.dir + "/frozen_model.pb";
  std::error_code error;
  return fs::exists(binary, error) ? binary : corpus_case.dir + "/frozen_model.pbtxt";
}

// For frozen graphs listing no outputs: the nodes nothing reads, debug and no-op nodes aside.
absl::StatusOr<std::vector<std::string>> UnreadNodes(const std::string& graph_path) {
  absl::StatusOr<tensorflow::GraphDef> graph = converter::ReadGraphDefFile(graph_path);
  if (!graph.ok()) return graph.status();
  absl::flat_hash_set<std::string> read;
  for (const tensorflow::NodeDef& node : graph->node()) {
    for (const std::string& input : node.input()) read.insert(converter::InputNodeName(input));
  }
  std::vector<std::string> unread;
  for (const tensorflow::NodeDef& node : graph->node()) {
    const std::string& op = node.op();
    if (read.contains(node.name()) || op == "NoOp" || op == "Assert" || op == "Print" ||
        op == "PrintV2") {
      continue;
    }
    unread.push_back(node.name());
  }
  return unread;
}

}  // namespace

absl::Status ConvertCase(const CorpusCase& corpus_case, const std::string& model_dir,
                         converter::OpTarget target, bool tfjs_rewrites) {
  converter::ConverterFlags flags;
  flags.input_format = corpus_case.format;
  flags.output_path = model_dir;
  flags.op_target = target;
  flags.tfjs_rewrites = tfjs_rewrites;
  // Missing ops are listed from the written graph instead, so unsupported cases are told apart
  // from failing ones.
  flags.skip_op_check = target == converter::OpTarget::kNative;
  if (corpus_case.format == kFrozenModel) {
    flags.input_path = FrozenGraphPath(corpus_case);
    std::vector<std::string> outputs;
    for (const CorpusTensor& output : corpus_case.outputs) {
      if (std::find(outputs.begin(), outputs.end(), output.name) == outputs.end()) {
        outputs.push_back(output.name);
      }
    }
    if (outputs.empty()) {
      absl::StatusOr<std::vector<std::string>> unread = UnreadNodes(flags.input_path);
      if (!unread.ok()) return unread.status();
      outputs = *std::move(unread);
    }
    flags.output_node_names = absl::StrJoin(outputs, ",");
  } else {
    flags.input_path = corpus_case.dir + "/saved_model";
    if (!corpus_case.tags.empty()) flags.saved_model_tags = corpus_case.tags;
    flags.signature_name = corpus_case.signature;
  }
  std::ostringstream log;
  return converter::RunConverter(flags, log);
}

namespace {

// Ops of the graph and its function library that have no row (hence no kernel), sorted.
std::vector<std::string> MissingOps(const tensorflow::GraphDef& graph) {
  std::set<std::string> missing;
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (ops::FindOp(node.op()) == nullptr) missing.insert(node.op());
  }
  for (const tensorflow::FunctionDef& function : graph.library().function()) {
    for (const tensorflow::NodeDef& node : function.node_def()) {
      if (ops::FindOp(node.op()) == nullptr) missing.insert(node.op());
    }
  }
  return {missing.begin(), missing.end()};
}

Tensor ToBFloat16(const Tensor& floats) {
  Tensor result = *Tensor::Allocate(tensorflow::DT_BFLOAT16, floats.shape());
  uint16_t* out = result.mutable_data<uint16_t>();
  const uint32_t* bits = floats.data<uint32_t>();
  // The stored values are exact bfloat16 values: the low half of each float is zero.
  for (int64_t i = 0; i < floats.num_elements(); ++i) out[i] = static_cast<uint16_t>(bits[i] >> 16);
  return result;
}

// A stored tensor in the runtime's dtype for `tf_dtype` (bfloat16 is stored as float32).
absl::StatusOr<Tensor> ReadStoredTensor(const std::string& path, const std::string& tf_dtype) {
  absl::StatusOr<std::string> bytes = converter::ReadFileToString(path);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<tools::NpyArray> array = tools::DecodeNpy(*bytes, path);
  if (!array.ok()) return array.status();
  absl::StatusOr<Tensor> tensor = tools::TensorFromNpy(*array);
  if (!tensor.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", tensor.status().message()));
  }
  if (tf_dtype == "bfloat16" && tensor->dtype() == tensorflow::DT_FLOAT) return ToBFloat16(*tensor);
  return tensor;
}

// Zeros for an input without stored values (load-only cases), shaped as its Placeholder
// declares, unknown dims as 1.
absl::StatusOr<Tensor> ZerosFor(const tensorflow::GraphDef& graph, const std::string& node_name) {
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (node.name() != node_name) continue;
    auto dtype = node.attr().find("dtype");
    if (dtype == node.attr().end()) break;
    runtime::Shape shape;
    if (auto it = node.attr().find("shape"); it != node.attr().end()) {
      for (const auto& dim : it->second.shape().dim())
        shape.push_back(std::max<int64_t>(dim.size(), 1));
    }
    return Tensor::Zeros(dtype->second.type(), shape);
  }
  return absl::NotFoundError(absl::StrCat("no Placeholder '", node_name, "' with a dtype"));
}

}  // namespace

CaseResult RunCase(const CorpusCase& corpus_case, const std::string& model_dir) {
  CaseResult result;
  result.id = corpus_case.id;
  result.category = corpus_case.category;
  result.format = corpus_case.format;
  result.compare = corpus_case.compare;
  const bool by_key = corpus_case.format != kFrozenModel;

  if (absl::Status status = ConvertCase(corpus_case, model_dir, converter::OpTarget::kNative);
      !status.ok()) {
    return Failed(result, "convert", status);
  }
  const std::string model_json = model_dir + "/model.json";
  absl::StatusOr<io::ModelJson> parsed = io::LoadModelJson(model_json);
  if (!parsed.ok()) return Failed(result, "load", parsed.status());
  if (!parsed->graph.has_value()) {
    return Failed(result, "load", absl::InvalidArgumentError("model.json has no graph"));
  }
  result.missing_ops = MissingOps(*parsed->graph);
  if (!result.missing_ops.empty()) {
    result.status = CaseStatus::kUnsupported;
    result.reason = absl::StrCat("no kernel for ", absl::StrJoin(result.missing_ops, ", "));
    return result;
  }
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load(model_json);
  if (!model.ok()) return Failed(result, "load", model.status());

  std::vector<std::pair<std::string, Tensor>> inputs;
  for (const CorpusTensor& input : corpus_case.inputs) {
    absl::StatusOr<Tensor> tensor =
        input.file.empty() ? ZerosFor(*parsed->graph, input.name)
                           : ReadStoredTensor(corpus_case.dir + "/" + input.file, input.dtype);
    if (!tensor.ok()) return Failed(result, absl::StrCat("input ", input.tensor), tensor.status());
    inputs.emplace_back(by_key ? input.key : input.tensor, *std::move(tensor));
  }
  // Compared outputs, or for load-only cases whatever the case (or else the model) names.
  std::vector<const CorpusTensor*> compared;
  std::vector<std::string> fetches;
  for (const CorpusTensor& output : corpus_case.outputs) {
    if (corpus_case.compare && output.file.empty()) continue;
    compared.push_back(&output);
    fetches.push_back(by_key ? output.key : output.tensor);
  }
  // ExecuteAsync runs graphs without control flow on the same executor as Execute.
  absl::StatusOr<std::vector<Tensor>> outputs = (*model)->ExecuteAsync(inputs, fetches);
  if (!outputs.ok()) return Failed(result, "run", outputs.status());

  if (!corpus_case.compare) {
    result.status = CaseStatus::kSkipped;
    result.reason =
        absl::StrCat("no reference outputs (compare: false); converted, loaded and ran, ",
                     outputs->size(), " outputs");
    return result;
  }
  std::vector<std::string> mismatches;
  for (size_t i = 0; i < compared.size(); ++i) {
    const CorpusTensor& output = *compared[i];
    absl::StatusOr<Tensor> want = ReadStoredTensor(corpus_case.dir + "/" + output.file, "");
    if (!want.ok()) return Failed(result, "compare", want.status());
    if (std::optional<std::string> mismatch = CompareOutput((*outputs)[i], *want, output.dtype)) {
      mismatches.push_back(absl::StrCat(fetches[i], ": ", *mismatch));
    }
  }
  if (mismatches.empty()) {
    result.status = CaseStatus::kPass;
    return result;
  }
  result.status = CaseStatus::kFail;
  result.reason = absl::StrCat("compare: ", mismatches.front());
  if (mismatches.size() > 1) {
    absl::StrAppend(&result.reason, " (", mismatches.size() - 1, " more outputs differ)");
  }
  return result;
}

}  // namespace tfjs::conformance
